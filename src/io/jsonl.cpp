#include "src/io/jsonl.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "src/text/byte_scan.h"
#include "src/text/utf8.h"

namespace incidentmap {

namespace {

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

// nlohmann's messages repeat the line ("at line 1") and quote the last token, which can be
// megabytes long; keep the reason and the expectation only.
std::string describe_parse_error(const nlohmann::json::parse_error& e) {
  std::string message = e.what();
  const std::size_t colon = message.find(": ");
  if (colon != std::string::npos) message.erase(0, colon + 2);
  const std::size_t last_read = message.find("; last read: ");
  if (last_read != std::string::npos) {
    const std::size_t expected = message.rfind("; expected ");
    std::string tail;
    if (expected != std::string::npos && expected > last_read) tail = message.substr(expected);
    message.erase(last_read);
    message += tail;
  }
  return "invalid JSON at byte " + std::to_string(e.byte) + ": " + message;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The code unit of a "\uXXXX" escape starting at `pos`, or -1 when there is none.
long escape_at(const std::string& s, std::size_t pos) {
  if (pos + 6 > s.size() || s[pos] != '\\' || s[pos + 1] != 'u') return -1;
  long v = 0;
  for (std::size_t k = pos + 2; k < pos + 6; ++k) {
    const int h = hex_value(s[k]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

// The value of the four hex digits at s[at], or -1 when there are none.
long hex4(std::string_view s, std::size_t at) {
  if (at + 4 > s.size()) return -1;
  long v = 0;
  for (std::size_t k = at; k < at + 4; ++k) {
    const int h = hex_value(s[k]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The JSON string starting at s[pos] == '"' into `out`; pos ends after the closing quote.
// False for anything nlohmann::json::parse would reject (control characters, bad escapes,
// lone surrogates): the caller then lets nlohmann parse the line and explain. With
// `validate`, also false at an invalid UTF-8 sequence.
bool scan_string(std::string_view s, std::size_t& pos, std::string& out, bool validate) {
  const char* const begin = s.data();
  const char* const end = begin + s.size();
  const char* p = begin + pos + 1;
  const char* run = p;  // start of the bytes not yet appended
  for (;;) {
    // Document texts are long runs of plain bytes, skipped 16 at a time.
    p = bytes::find_json_special(p, end, validate);
    if (p == end) return false;
    const auto c = static_cast<unsigned char>(*p);
    if (c == '"') {
      out.append(run, static_cast<std::size_t>(p - run));
      pos = static_cast<std::size_t>(p + 1 - begin);
      return true;
    }
    if (c >= 0x80) {
      const std::size_t n = utf8::valid_sequence_length(p, static_cast<std::size_t>(end - p));
      if (n == 0) return false;
      p += n;
      continue;
    }
    if (c < 0x20) return false;
    // At the first escape, room for the rest of the line, which bounds the string: a long text
    // with many escapes would otherwise be copied at every doubling.
    if (out.empty()) out.reserve(static_cast<std::size_t>(end - run));
    out.append(run, static_cast<std::size_t>(p - run));
    pos = static_cast<std::size_t>(p - begin);
    if (pos + 1 >= s.size()) return false;
    const char e = s[pos + 1];
    pos += 2;
    switch (e) {
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case '/':
        out += '/';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        const long hi = hex4(s, pos);
        if (hi < 0) return false;
        pos += 4;
        std::uint32_t cp = static_cast<std::uint32_t>(hi);
        if (hi >= 0xDC00 && hi <= 0xDFFF) return false;
        if (hi >= 0xD800 && hi <= 0xDBFF) {
          const bool escape = pos + 1 < s.size() && s[pos] == '\\' && s[pos + 1] == 'u';
          const long lo = escape ? hex4(s, pos + 2) : -1;
          if (lo < 0xDC00 || lo > 0xDFFF) return false;
          pos += 6;
          cp = 0x10000 + ((static_cast<std::uint32_t>(hi) - 0xD800) << 10) +
               (static_cast<std::uint32_t>(lo) - 0xDC00);
        }
        utf8::append(out, static_cast<char32_t>(cp));
        break;
      }
      default:
        return false;
    }
    p = begin + pos;
    run = p;
  }
}

// The common JSONL document, one object of strings, small integers, booleans and nulls, read
// without nlohmann's lexer (which copies every byte twice). Gives the same value
// nlohmann::json::parse would; false for anything else (nesting, fractions, errors), which
// the caller hands to nlohmann. With `validate`, true also means `s` is valid UTF-8 without NUL
// bytes: outside strings only ASCII can pass, and inside them every multi-byte sequence is
// checked.
bool parse_flat_object(std::string_view s, nlohmann::json& value, bool validate) {
  std::size_t pos = 0;
  const auto skip_space = [&] {
    while (pos < s.size() && is_json_space(s[pos])) ++pos;
  };
  skip_space();
  if (pos >= s.size() || s[pos] != '{') return false;
  ++pos;
  nlohmann::json object = nlohmann::json::object();
  skip_space();
  if (pos < s.size() && s[pos] == '}') {
    ++pos;
  } else {
    for (;;) {
      skip_space();
      if (pos >= s.size() || s[pos] != '"') return false;
      std::string key;
      if (!scan_string(s, pos, key, validate)) return false;
      skip_space();
      if (pos >= s.size() || s[pos] != ':') return false;
      ++pos;
      skip_space();
      if (pos >= s.size()) return false;
      nlohmann::json item;
      const char c = s[pos];
      if (c == '"') {
        std::string text;
        if (!scan_string(s, pos, text, validate)) return false;
        item = std::move(text);
      } else if (s.substr(pos, 4) == "null") {
        pos += 4;
      } else if (s.substr(pos, 4) == "true") {
        item = true;
        pos += 4;
      } else if (s.substr(pos, 5) == "false") {
        item = false;
        pos += 5;
      } else if (c == '-' || (c >= '0' && c <= '9')) {
        const bool negative = c == '-';
        const std::size_t first = negative ? pos + 1 : pos;
        std::size_t end = first;
        while (end < s.size() && s[end] >= '0' && s[end] <= '9') ++end;
        const std::size_t digits = end - first;
        // Leading zeros, fractions, exponents and long numbers: nlohmann's rules.
        if (digits == 0 || digits > 18 || (digits > 1 && s[first] == '0')) return false;
        if (end < s.size() && (s[end] == '.' || s[end] == 'e' || s[end] == 'E')) return false;
        std::int64_t v = 0;
        std::from_chars(s.data() + first, s.data() + end, v);
        if (negative)
          item = -v;
        else
          item = static_cast<std::uint64_t>(v);
        pos = end;
      } else {
        return false;
      }
      object[std::move(key)] = std::move(item);
      skip_space();
      if (pos >= s.size()) return false;
      if (s[pos] == ',') {
        ++pos;
        continue;
      }
      if (s[pos] != '}') return false;
      ++pos;
      break;
    }
  }
  skip_space();
  if (pos != s.size()) return false;
  value = std::move(object);
  return true;
}
}  // namespace

JsonlReader::JsonlReader(const std::string& path, std::size_t max_line_bytes)
    : stream_(path), max_line_bytes_(max_line_bytes) {}

bool JsonlReader::next(JsonlLine& out) {
  if (!next_raw(out)) return false;
  parse_jsonl_line(out);
  return true;
}

bool JsonlReader::next_raw(JsonlLine& out) {
  std::size_t overlong = 0;
  while (stream_.read_line(buffer_, max_line_bytes_, &overlong)) {
    out = JsonlLine{};
    out.line = stream_.line_number();
    if (overlong != 0) {
      out.error = "line of " + std::to_string(overlong) + " bytes is longer than the limit of " +
                  std::to_string(max_line_bytes_) + " bytes";
      return true;
    }
    if (out.line == 1 && buffer_.starts_with("\xEF\xBB\xBF")) buffer_.erase(0, 3);
    if (is_blank(buffer_)) continue;
    out.raw.swap(buffer_);  // the next line starts a buffer of its own size
    return true;
  }
  return false;
}

void parse_jsonl_line(JsonlLine& line) {
  if (!line.error.empty()) return;
  std::string text = std::move(line.raw);
  line.raw.clear();
  // Most lines are flat objects of valid UTF-8: parsed and checked in one pass.
  if (parse_flat_object(text, line.value, true)) return;
  if (!utf8::is_valid(text)) {
    utf8::RepairStats stats;
    text = utf8::repair(text, &stats);
    line.invalid_utf8 = stats.invalid_sequences;
    line.nul_bytes = stats.nul_bytes;
  }
  try {
    if (!parse_flat_object(text, line.value, false)) line.value = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    const std::string reason = describe_parse_error(e);
    line.lone_surrogates =
        reason.find("surrogate") != std::string::npos ? replace_lone_surrogate_escapes(text) : 0;
    if (line.lone_surrogates == 0) {
      line.error = reason;
      return;
    }
    try {
      line.value = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& again) {
      line.value = nullptr;
      line.error = describe_parse_error(again);
    }
  }
}

std::size_t replace_lone_surrogate_escapes(std::string& json_text) {
  std::size_t replaced = 0;
  std::size_t i = 0;
  while (i < json_text.size()) {
    if (json_text[i] != '\\') {
      ++i;
      continue;
    }
    const long unit = escape_at(json_text, i);
    if (unit < 0) {
      i += 2;  // any other escape, including an escaped backslash
      continue;
    }
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      const long low = escape_at(json_text, i + 6);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        i += 12;
        continue;
      }
    }
    if (unit >= 0xD800 && unit <= 0xDFFF) {
      json_text.replace(i, 6, "\\uFFFD");
      ++replaced;
    }
    i += 6;
  }
  return replaced;
}

std::optional<std::string> json_id_string(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return value.dump();
  if (value.is_number_float()) return format_json_number(value.get<double>());
  return std::nullopt;
}

std::string format_json_number(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  const auto result = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  const std::string sci(buf, result.ptr);
  // sci is "[-]D[.DDD]e[+-]XX", the shortest round-trip digits.
  const std::size_t e_pos = sci.find('e');
  const int exponent = std::atoi(sci.c_str() + e_pos + 1);
  if (exponent < -4 || exponent >= 16) return sci;
  const bool negative = sci[0] == '-';
  std::string digits;
  for (std::size_t k = negative ? 1 : 0; k < e_pos; ++k) {
    if (sci[k] != '.') digits += sci[k];
  }
  const int point = exponent + 1;  // digits before the decimal point
  const int n = static_cast<int>(digits.size());
  std::string out = negative ? "-" : "";
  if (point <= 0) {
    out += "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
  } else if (point >= n) {
    out += digits + std::string(static_cast<std::size_t>(point - n), '0') + ".0";
  } else {
    out += digits.substr(0, static_cast<std::size_t>(point)) + "." +
           digits.substr(static_cast<std::size_t>(point));
  }
  return out;
}

}  // namespace incidentmap
