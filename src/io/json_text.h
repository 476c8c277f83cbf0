#pragma once
// Appending JSON values to a string without building a DOM, byte for byte as nlohmann::json's
// dump(-1, ' ', false, error_handler_t::replace) writes them: UTF-8 passes through, only '"',
// '\\' and control characters are escaped, doubles take nlohmann's shortest round-trip form
// ("0.9", "8.0", "1e-05"). Hot output paths (geoparse JSONL) use these instead of a DOM.

#include <cstdint>
#include <string>
#include <string_view>

namespace incidentmap {

// Appends `s` as a quoted JSON string. Invalid UTF-8 (or NUL bytes) takes nlohmann's own
// path, so the output is the same as dumping a json string with the replace handler.
void append_json_string(std::string& out, std::string_view s);

// The same for a string already known to be valid UTF-8 without NUL bytes (e.g. checked by
// validate_layer), skipping the check. Precondition: utf8::is_valid(s).
void append_valid_json_string(std::string& out, std::string_view s);

// Appends a number as nlohmann dumps it; non-finite doubles become null.
void append_json_number(std::string& out, double v);
void append_json_number(std::string& out, std::int64_t v);

}  // namespace incidentmap
