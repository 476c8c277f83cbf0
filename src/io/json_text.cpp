#include "src/io/json_text.h"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>

#include "src/text/byte_scan.h"
#include "src/text/utf8.h"

namespace incidentmap {

namespace {

// The escape of an ASCII byte, or "" when it is written as is.
constexpr std::array<std::string_view, 128> make_escapes() {
  std::array<std::string_view, 128> e{};
  constexpr std::string_view kControl[32] = {
      "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007",
      "\\b",     "\\t",     "\\n",     "\\u000b", "\\f",     "\\r",     "\\u000e", "\\u000f",
      "\\u0010", "\\u0011", "\\u0012", "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017",
      "\\u0018", "\\u0019", "\\u001a", "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f"};
  for (int c = 0; c < 32; ++c) e[c] = kControl[c];
  e['"'] = "\\\"";
  e['\\'] = "\\\\";
  return e;
}
constexpr std::array<std::string_view, 128> kEscapes = make_escapes();

constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

// Room for `extra` more bytes, growing geometrically: reserve() alone allocates the exact size,
// which would make a string built by many appends quadratic.
void make_room(std::string& out, std::size_t extra) {
  const std::size_t need = out.size() + extra;
  if (need > out.capacity()) out.reserve(std::max(need, 2 * out.capacity()));
}

// Appends `s` quoted, escaping as nlohmann does, in one pass that copies runs of plain bytes
// whole. With `validate`, also checks each multi-byte sequence, and on the first invalid one
// returns false with `out` as it was.
// Per byte: 1 when JSON escapes it, 2 when it is part of a multi-byte UTF-8 sequence.
constexpr std::array<unsigned char, 256> make_byte_classes() {
  std::array<unsigned char, 256> classes{};
  for (int c = 0; c < 256; ++c) {
    if (c < 0x20 || c == '"' || c == '\\') classes[c] = 1;
    if (c >= 0x80) classes[c] = 2;
  }
  return classes;
}
constexpr std::array<unsigned char, 256> kByteClasses = make_byte_classes();

bool append_escaped(std::string& out, std::string_view s, bool validate) {
  // Short strings (names, codes, ids) that need no escape and no check are quoted in a buffer
  // and appended at once: most strings of a feature or a toponym are such.
  constexpr std::size_t kShort = 46;
  if (s.size() <= kShort) {
    const unsigned char stop = validate ? 3 : 1;
    char buf[kShort + 2];
    buf[0] = '"';
    std::size_t i = 0;
    for (; i < s.size(); ++i) {
      if (kByteClasses[static_cast<unsigned char>(s[i])] & stop) break;
      buf[i + 1] = s[i];
    }
    if (i == s.size()) {
      buf[i + 1] = '"';
      out.append(buf, i + 2);
      return true;
    }
  }
  const std::size_t start = out.size();
  make_room(out, s.size() + 2);
  out += '"';
  const char* p = s.data();
  const char* const end = p + s.size();
  const char* run = p;  // start of the bytes not yet appended
  while ((p = bytes::find_json_special(p, end, validate)) != end) {
    const auto c = static_cast<unsigned char>(*p);
    if (c >= 0x80) {
      const std::size_t n = utf8::valid_sequence_length(p, static_cast<std::size_t>(end - p));
      if (n == 0) {
        out.resize(start);
        return false;
      }
      p += n;
      continue;
    }
    out.append(run, static_cast<std::size_t>(p - run));
    out += kEscapes[c];
    run = ++p;
  }
  out.append(run, static_cast<std::size_t>(end - run));
  out += '"';
  return true;
}

}  // namespace

std::string_view format_positional_decimal(const ShortDecimal& d, NumberBuffer& buf) {
  static constexpr std::uint32_t kScale[] = {1,      10,      100,      1000,      10000,
                                             100000, 1000000, 10000000, 100000000, 1000000000};
  // Written backwards: the fraction without its trailing zeros ("0" when it is 0), the point,
  // the whole part, the sign.
  char* const end = buf + sizeof buf;
  char* p = end;
  int digits = d.decimals;
  std::uint64_t whole = d.units / kScale[digits];
  auto fraction = static_cast<std::uint32_t>(d.units % kScale[digits]);
  if (fraction == 0) {
    *--p = '0';
  } else {
    for (; fraction % 10 == 0; fraction /= 10) --digits;
    for (; digits > 0; --digits, fraction /= 10) *--p = static_cast<char>('0' + fraction % 10);
  }
  *--p = '.';
  do {
    *--p = static_cast<char>('0' + whole % 10);
    whole /= 10;
  } while (whole != 0);
  if (d.negative) *--p = '-';
  return std::string_view(p, static_cast<std::size_t>(end - p));
}

std::string_view json_escape(unsigned char c) {
  return c < 0x80 ? kEscapes[c] : std::string_view();
}

void append_json_string(std::string& out, std::string_view s) {
  if (append_escaped(out, s, true)) return;
  out +=
      nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void append_valid_json_string(std::string& out, std::string_view s) {
  append_escaped(out, s, false);
}

std::optional<ShortDecimal> short_decimal(double v, int max_decimals) {
  if (max_decimals < 0 || max_decimals > 9 || !std::isfinite(v) || v == 0) return std::nullopt;
  const double scale = kPow10[max_decimals];
  const double scaled = v * scale;
  if (!(std::fabs(scaled) < 1e15)) return std::nullopt;
  // The integer nearest `scaled` (ties either way: a tie fails the check below), without a call
  // to round(): adding and taking away 2^52 leaves no fraction bits below 2^52.
  const double m = scaled < 0 ? -((-scaled + 0x1p52) - 0x1p52) : (scaled + 0x1p52) - 0x1p52;
  if (m == 0) return std::nullopt;
  // v is the double nearest m / scale when their distance is below half the gap to v's nearer
  // neighbour. A margin of 1/256 of the gap keeps the decimal clear of the rounding boundaries,
  // where nlohmann's Grisu2, whose interval is narrowed by a few 2^-64 units (about 1/2048 of
  // the gap each), could pick longer digits.
  const double magnitude = std::fabs(v);
  const double below = std::bit_cast<double>(std::bit_cast<std::uint64_t>(magnitude) - 1);
  const double residual = std::fma(v, scale, -m);  // v * scale - m, rounded once
  if (!(std::fabs(residual) < (0.5 - 1.0 / 256) * (magnitude - below) * scale)) {
    return std::nullopt;
  }
  return ShortDecimal{m < 0, static_cast<std::uint64_t>(std::fabs(m)), max_decimals};
}

void append_json_number(std::string& out, double v) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  // Values with few decimals (coordinates, rounded confidences) skip the general dtoa: their
  // shortest round-trip digits are those decimals. nlohmann writes from 1e-4 on without an
  // exponent.
  constexpr int kDecimals = 6;
  if (const std::optional<ShortDecimal> d = short_decimal(v, kDecimals);
      d && d->units >= static_cast<std::uint64_t>(kPow10[kDecimals - 4])) {
    NumberBuffer buf;
    out += format_positional_decimal(*d, buf);
    return;
  }
  std::array<char, 64> buf;
  const char* end = nlohmann::detail::to_chars(buf.data(), buf.data() + buf.size(), v);
  out.append(buf.data(), static_cast<std::size_t>(end - buf.data()));
}

void append_json_number(std::string& out, std::int64_t v) {
  NumberBuffer buf;
  out += format_integer(v, buf);
}

std::string_view format_integer(std::int64_t v, NumberBuffer& buf) {
  // Digits written backwards into one buffer and appended at once.
  char* const end = buf + sizeof buf;
  char* p = end;
  // The magnitude as unsigned, so that INT64_MIN does not overflow.
  std::uint64_t magnitude =
      v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  do {
    *--p = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  if (v < 0) *--p = '-';
  return std::string_view(p, static_cast<std::size_t>(end - p));
}

}  // namespace incidentmap
