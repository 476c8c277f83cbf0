#pragma once
// Appending JSON values to a string without building a DOM, byte for byte as nlohmann::json's
// dump(-1, ' ', false, error_handler_t::replace) writes them: UTF-8 passes through, only '"',
// '\\' and control characters are escaped, doubles take nlohmann's shortest round-trip form
// ("0.9", "8.0", "1e-05"). Hot output paths (geoparse JSONL) use these instead of a DOM.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace incidentmap {

// Appends `s` as a quoted JSON string. Invalid UTF-8 (or NUL bytes) takes nlohmann's own
// path, so the output is the same as dumping a json string with the replace handler.
void append_json_string(std::string& out, std::string_view s);

// The same for a string already known to be valid UTF-8 without NUL bytes (e.g. checked by
// validate_layer), skipping the check. Precondition: utf8::is_valid(s).
void append_valid_json_string(std::string& out, std::string_view s);

// The escape nlohmann writes for byte `c` inside a string (a backslash and 'n' for a newline,
// "\\u001f" for 0x1f), or "" when it writes the byte as it is (every byte from 0x80 on too).
std::string_view json_escape(unsigned char c);

// Appends a number as nlohmann dumps it; non-finite doubles become null.
void append_json_number(std::string& out, double v);
void append_json_number(std::string& out, std::int64_t v);

// A nonzero decimal: (-1)^negative * units / 10^decimals.
struct ShortDecimal {
  bool negative = false;
  std::uint64_t units = 0;  // below 10^15 (short_decimal); any value for formatting
  int decimals = 0;         // 0-9
};

// The decimal with at most `max_decimals` (0-9) digits after the point and below 10^15 units
// whose nearest double is `v`, when there is one and it lies well inside v's rounding interval:
// then its digits are the shortest round-trip form of v, which every shortest-digits dtoa
// (nlohmann's Grisu2, std::to_chars) prints. nullopt for 0, non-finite values and all others;
// callers then use the general dtoa.
std::optional<ShortDecimal> short_decimal(double v, int max_decimals);

// Room for the text of a ShortDecimal or an int64_t.
using NumberBuffer = char[32];

// `d` in positional notation as nlohmann and std::to_chars (plus ".0" for integers) write it,
// written into the end of `buf`: "-12.5", "3.0", "0.0001". nlohmann writes values below 10^-4
// (d.units < 10^(d.decimals - 4)) with an exponent instead; here they stay positional, as
// GDAL's fixed notation writes them ("0.000001"). Units 0 give "0.0" (or "-0.0").
std::string_view format_positional_decimal(const ShortDecimal& d, NumberBuffer& buf);

// `v` in decimal ("-42"), as append_json_number writes it, written into the end of `buf`.
std::string_view format_integer(std::int64_t v, NumberBuffer& buf);

}  // namespace incidentmap
