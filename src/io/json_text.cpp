#include "src/io/json_text.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>

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

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  if (!utf8::is_valid(s)) {
    out += nlohmann::json(std::string(s))
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  append_valid_json_string(out, s);
}

void append_valid_json_string(std::string& out, std::string_view s) {
  // Whether any of 8 bytes is a control character, '"' or '\\' (exact: no false positives).
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  const auto needs_escape = [](std::uint64_t x) {
    const auto zero_byte = [](std::uint64_t y) { return (y - kOnes) & ~y & kHigh; };
    return (((x - kOnes * 0x20) & ~x & kHigh) | zero_byte(x ^ (kOnes * '"')) |
            zero_byte(x ^ (kOnes * '\\'))) != 0;
  };
  out += '"';
  std::size_t run = 0;  // start of the bytes not yet appended
  std::size_t i = 0;
  while (i < s.size()) {
    if (s.size() - i >= 8) {
      std::uint64_t word;
      std::memcpy(&word, s.data() + i, 8);
      if (!needs_escape(word)) {
        i += 8;
        continue;
      }
    }
    const std::size_t block_end = std::min(s.size(), i + 8);
    for (; i < block_end; ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c >= 128 || kEscapes[c].empty()) continue;
      out.append(s.data() + run, i - run);
      out += kEscapes[c];
      run = i + 1;
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

void append_json_number(std::string& out, double v) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  std::array<char, 64> buf;
  const char* end = nlohmann::detail::to_chars(buf.data(), buf.data() + buf.size(), v);
  out.append(buf.data(), static_cast<std::size_t>(end - buf.data()));
}

void append_json_number(std::string& out, std::int64_t v) {
  std::array<char, 24> buf;
  const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  out.append(buf.data(), r.ptr);
}

}  // namespace incidentmap
