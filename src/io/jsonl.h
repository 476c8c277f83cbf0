#pragma once
// JSON Lines reading: one JSON value a line, parsed with nlohmann::json, line by line with
// bounded memory. A line that does not parse is returned with its line number and the reason,
// never thrown, so that callers report it and go on with the next line.

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "src/io/read_stream.h"

namespace incidentmap {

// One non-blank line of a JSONL input.
struct JsonlLine {
  std::int64_t line = 0;  // 1-based line number in the (decompressed) input
  nlohmann::json value;   // the parsed value; null when `error` is set
  std::string error;      // why the line was not parsed, "" when it was
  // Repairs made before parsing (see JsonlReader::next). They do not make the line an error.
  std::size_t invalid_utf8 = 0;     // invalid UTF-8 sequences replaced by U+FFFD
  std::size_t nul_bytes = 0;        // raw NUL bytes replaced by spaces
  std::size_t lone_surrogates = 0;  // \uD800-\uDFFF escapes without a pair, made \uFFFD
  // The line's text as read (BOM dropped) until parse_jsonl_line parses it; then "".
  std::string raw;
};

// Parses line.raw (as read by JsonlReader::next_raw) into line.value, with the repairs
// JsonlReader::next describes, and empties raw. Lines that already have an error are left as
// they are. Touches nothing but `line`, so lines can be parsed on any thread. Every string in
// the value is then valid UTF-8; a NUL byte in one can only come from a \u0000 escape.
void parse_jsonl_line(JsonlLine& line);

class JsonlReader {
 public:
  // Opens `path` ("-" for standard input; gzip-compressed or plain). Lines longer than
  // `max_line_bytes` become errors without being held in memory.
  // Throws InputError when the path cannot be opened.
  JsonlReader(const std::string& path, std::size_t max_line_bytes);

  // Reads the next non-blank line (blank and whitespace-only lines are skipped, as Python's
  // `if not line.strip(): continue` does). Before parsing, invalid UTF-8 is replaced by U+FFFD,
  // raw NUL bytes by spaces, a leading byte order mark is dropped, and escapes of unpaired
  // UTF-16 surrogates (which Python's json accepts but nlohmann::json rejects) by \uFFFD.
  // Returns false at the end of input. Throws InputError when reading fails (I/O error,
  // corrupt gzip data); lines read before stay valid.
  bool next(JsonlLine& out);

  // next() without the parsing: `out` holds the line in out.raw (or an error for an overlong
  // line), for parse_jsonl_line to parse later, possibly on another thread.
  bool next_raw(JsonlLine& out);

  ReadStream& stream() { return stream_; }

 private:
  ReadStream stream_;
  std::size_t max_line_bytes_;
  std::string buffer_;
};

// Replaces each \uD800-\uDFFF escape that is not part of a valid surrogate pair with \uFFFD
// in JSON text; returns how many were replaced. Escaped backslashes are respected.
std::size_t replace_lone_surrogate_escapes(std::string& json_text);

// A document id from a JSON value: strings as they are, integers in decimal, other numbers as
// format_json_number() prints them (so 7 -> "7", 7.5 -> "7.5", as Python's str() gives).
// nullopt for null, booleans, arrays and objects.
std::optional<std::string> json_id_string(const nlohmann::json& value);

// Formats a finite double the way Python's repr() and json.dumps() do: the shortest digits that
// read back to the same value, fixed notation for exponents -5 < e < 16 with at least one
// digit after the point ("1.0", "0.0001", "20039.0"), otherwise "1e-05" / "1e+16" style.
// Non-finite values give "NaN", "Infinity", "-Infinity" as json.dumps does.
std::string format_json_number(double value);

}  // namespace incidentmap
