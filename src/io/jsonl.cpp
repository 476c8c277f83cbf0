#include "src/io/jsonl.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

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

}  // namespace

JsonlReader::JsonlReader(const std::string& path, std::size_t max_line_bytes)
    : stream_(path), max_line_bytes_(max_line_bytes) {}

bool JsonlReader::next(JsonlLine& out) {
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
    if (!utf8::is_valid(buffer_)) {
      utf8::RepairStats stats;
      buffer_ = utf8::repair(buffer_, &stats);
      out.invalid_utf8 = stats.invalid_sequences;
      out.nul_bytes = stats.nul_bytes;
    }
    try {
      out.value = nlohmann::json::parse(buffer_);
    } catch (const nlohmann::json::parse_error& e) {
      const std::string reason = describe_parse_error(e);
      out.lone_surrogates = reason.find("surrogate") != std::string::npos
                                ? replace_lone_surrogate_escapes(buffer_)
                                : 0;
      if (out.lone_surrogates == 0) {
        out.error = reason;
        return true;
      }
      try {
        out.value = nlohmann::json::parse(buffer_);
      } catch (const nlohmann::json::parse_error& again) {
        out.value = nullptr;
        out.error = describe_parse_error(again);
      }
    }
    return true;
  }
  return false;
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
