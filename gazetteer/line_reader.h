#pragma once
// The reading layer the importers share: a chunked line reader over plain or gzip-compressed
// files, in-place field splitting, strict number parsing, a UTF-8 check and a compact id set.
// Nothing here allocates per line: fields are string_views into the reader's buffer, valid
// until the next call to LineReader::next().

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "gazetteer/import_report.h"
#include "geo/lonlat.h"

struct gzFile_s;  // zlib's file handle, kept out of this header

namespace incidentmap::gaz {

// Reads a text file line by line in large chunks. A gzip file (any name; detected by its magic
// bytes through zlib's transparent mode) is decompressed on the fly. A UTF-8 BOM at the start
// is dropped, "\r\n" and "\n" both end a line, and a last line without a newline is returned.
// A line longer than max_line_bytes is returned cut at that length and flagged (line_too_long).
// Throws ImportError when the file cannot be opened; a read or decompression error in the
// middle of the file is recorded in error() and ends the input (what was read stays valid).
class LineReader {
 public:
  static constexpr std::size_t kDefaultChunkBytes = std::size_t{4} << 20;
  static constexpr std::size_t kMaxLineBytes = std::size_t{16} << 20;

  explicit LineReader(const std::filesystem::path& path,
                      std::size_t chunk_bytes = kDefaultChunkBytes);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // The next line without its line end; false at the end of the input (or after an error).
  bool next(std::string_view& line);

  // 1-based number of the line last returned by next(); 0 before the first call.
  std::int64_t line_number() const { return line_number_; }
  // True when the line last returned was cut at kMaxLineBytes.
  bool line_too_long() const { return line_too_long_; }
  // Uncompressed bytes consumed so far.
  std::uint64_t bytes_read() const { return bytes_read_; }
  // "" unless reading failed part-way (zlib's or the system's message).
  const std::string& error() const { return error_; }

 private:
  bool fill();

  gzFile_s* file_ = nullptr;
  std::string path_;
  std::vector<char> buffer_;
  std::size_t begin_ = 0;  // start of unread data in buffer_
  std::size_t end_ = 0;    // end of valid data in buffer_
  bool eof_ = false;
  bool at_start_ = true;
  bool discarding_ = false;  // skipping the rest of an over-long line
  bool line_too_long_ = false;
  std::int64_t line_number_ = 0;
  std::uint64_t bytes_read_ = 0;
  std::string error_;
};

// Reads a whole (possibly gzip-compressed) file into memory, BOM dropped. Throws ImportError
// when it cannot be opened or read.
std::string read_whole_file(const std::filesystem::path& path);

// Reads a whole JSON file (plain or gzip). Invalid UTF-8 is replaced by U+FFFD first (an
// issue at line 0 in `report`) so one bad byte does not lose the file. Throws ImportError when
// the file cannot be read or is not JSON (with nlohmann's message, which gives the byte).
nlohmann::json read_json_file(const std::filesystem::path& path, ImportReport& report);

// Splits `line` on `sep` into `out` (views into `line`). Returns the total number of fields,
// which may exceed out.size(): fields beyond out.size() are counted but not stored.
std::size_t split_fields(std::string_view line, char sep, std::span<std::string_view> out);

// Position of the first `sep` in `text`, or npos; faster than string_view::find on short text.
std::size_t find_separator(std::string_view text, char sep);

// `text` without leading and trailing ASCII spaces.
inline std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

// Calls f(piece) for each non-empty piece of `text` split on `sep`, with ASCII spaces trimmed
// when `trim` is set.
template <typename F>
void for_each_piece(std::string_view text, char sep, bool trim, F&& f) {
  while (true) {
    const std::size_t cut = find_separator(text, sep);
    std::string_view piece = text.substr(0, cut);
    if (trim) piece = trim_spaces(piece);
    if (!piece.empty()) f(piece);
    if (cut == std::string_view::npos) break;
    text.remove_prefix(cut + 1);
  }
}

// Strict decimal integer: optional '-', digits, nothing else (no spaces, no '+'). nullopt when
// `text` is not such a number or overflows int64.
std::optional<std::int64_t> parse_int64(std::string_view text);

// Strict decimal floating-point number ("12", "-3.5", "1e3"); nullopt for anything else,
// including "", "nan", "inf" and values that overflow.
std::optional<double> parse_double(std::string_view text);

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or code points > U+10FFFF).
// Pure ASCII is checked eight bytes at a time.
bool is_valid_utf8(std::string_view text);

// `text` with each byte that is not part of a well-formed UTF-8 sequence replaced by U+FFFD.
std::string replace_invalid_utf8(std::string_view text);

// Shortens a field for an issue message: at most 40 bytes, cut at a UTF-8 boundary, "..."
// appended when cut.
std::string quote_field(std::string_view text);

// Field checks shared by the importers. Each returns the value, or nullopt after setting
// `reason` to an issue text that names the field and quotes it ("latitude '91.5' out of range").

// An id > 0. `what` names the field ("geonameid").
std::optional<std::int64_t> parse_positive_id(std::string_view field, std::string_view what,
                                              std::string& reason);

// A count >= 0 such as a population; "" is 0.
std::optional<std::int64_t> parse_count(std::string_view field, std::string_view what,
                                        std::string& reason);

// A position from latitude and longitude fields in degrees: finite, |lat| <= 90, |lon| <= 180.
std::optional<geo::LonLat> parse_lat_lon(std::string_view lat_field, std::string_view lon_field,
                                         std::string& reason);

// A GeoNames feature class: exactly one of A H L P R S T U V (an empty class is rejected).
std::optional<char> parse_feature_class(std::string_view field, std::string& reason);

// A set of positive ids for duplicate detection over dumps of millions of rows: GeoNames ids
// (below kDenseLimit) live in a bit vector of at most 32 MiB, others in a hash set.
class IdSet {
 public:
  static constexpr std::int64_t kDenseLimit = std::int64_t{1} << 28;

  // Adds `id` (> 0); false when it was already present.
  bool insert(std::int64_t id);

 private:
  std::vector<std::uint64_t> bits_;
  std::unordered_set<std::int64_t> sparse_;
};

// Records a malformed row: counts it as skipped and adds the issue.
inline void skip_row(ImportReport& report, std::int64_t line, std::string reason) {
  ++report.rows_skipped;
  report.add_issue(line, std::move(reason));
}

// The shared row loop of the line-based importers: reads `path` line by line, skips blank lines
// (and '#' comment lines when `comments`), repairs invalid UTF-8 (each repaired row gets an
// issue "invalid UTF-8 replaced by U+FFFD" but is still passed on), counts rows_read and calls
// on_row(line, line_number) for every data line. A read error part-way becomes an issue at
// line 0. `report` must already carry the file name.
template <typename OnRow>
void for_each_row(const std::filesystem::path& path, bool comments, ImportReport& report,
                  OnRow&& on_row) {
  LineReader reader(path);
  std::string repaired;
  std::string_view line;
  while (reader.next(line)) {
    if (line.empty() || (comments && line.front() == '#')) continue;
    ++report.rows_read;
    if (reader.line_too_long()) {
      skip_row(report, reader.line_number(), "line longer than 16 MiB");
      continue;
    }
    if (!is_valid_utf8(line)) {
      report.add_issue(reader.line_number(), "invalid UTF-8 replaced by U+FFFD");
      repaired = replace_invalid_utf8(line);
      line = repaired;
    }
    on_row(line, reader.line_number());
  }
  if (!reader.error().empty()) report.add_issue(0, "read error: " + reader.error());
}

// A new report for `path` with the given source kind name.
ImportReport make_report(const std::filesystem::path& path, std::string source_kind);

}  // namespace incidentmap::gaz
