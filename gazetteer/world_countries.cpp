// npm world-countries dist/countries.csv (RFC 4180 CSV with a header row).

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "gazetteer/importers.h"
#include "gazetteer/line_reader.h"

namespace incidentmap::gaz {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct CsvRecord {
  std::int64_t line = 0;  // 1-based line the record starts on
  std::vector<std::string> fields;
  std::string error;  // "" when the record is well formed
};

// Reads the record starting at `pos` (RFC 4180: fields separated by ',', quoted fields may hold
// commas, line breaks and doubled quotes; "\r\n" or "\n" ends a record). `line` is the line at
// `pos` and is advanced. Returns false at the end of the text. A malformed record gets an error
// and the reader resumes on the next line.
bool next_csv_record(std::string_view text, std::size_t& pos, std::int64_t& line,
                     CsvRecord& record) {
  const std::size_t n = text.size();
  if (pos >= n) return false;
  record.line = line;
  record.fields.clear();
  record.error.clear();
  auto end_line = [&] {
    if (pos < n && text[pos] == '\r') ++pos;
    if (pos < n && text[pos] == '\n') ++pos;
    ++line;
  };
  while (true) {
    std::string field;
    if (text[pos] == '"') {
      ++pos;
      bool closed = false;
      while (pos < n) {
        const char c = text[pos++];
        if (c == '"') {
          if (pos < n && text[pos] == '"') {
            field += '"';
            ++pos;
          } else {
            closed = true;
            break;
          }
        } else {
          if (c == '\n') ++line;
          field += c;
        }
      }
      if (!closed) {
        record.error = "unterminated quoted field";
        return true;
      }
      if (pos < n && text[pos] != ',' && text[pos] != '\r' && text[pos] != '\n') {
        record.error = "text after a closing quote";
        pos = std::min(n, text.find('\n', pos));
        end_line();
        return true;
      }
    } else {
      const std::size_t stop = std::min(n, text.find_first_of(",\r\n", pos));
      field.assign(text.substr(pos, stop - pos));
      pos = stop;
    }
    record.fields.push_back(std::move(field));
    if (pos < n && text[pos] == ',') {
      ++pos;
      if (pos == n) {
        record.fields.emplace_back();
        return true;
      }
      continue;
    }
    end_line();
    return true;
  }
}

std::optional<geo::LonLat> parse_latlng(std::string_view field, std::string& reason) {
  const std::size_t comma = field.find(',');
  if (comma == std::string_view::npos) {
    reason = "latlng " + quote_field(field) + " is not \"lat,lon\"";
    return std::nullopt;
  }
  return parse_lat_lon(trim_spaces(field.substr(0, comma)), trim_spaces(field.substr(comma + 1)),
                       reason);
}

void add_unique(std::vector<std::string>& list, std::string_view value) {
  if (value.empty()) return;
  if (std::find(list.begin(), list.end(), value) == list.end()) list.emplace_back(value);
}

}  // namespace

ImportReport import_world_countries(const std::filesystem::path& path,
                                    const WorldCountrySink& sink) {
  ImportReport report = make_report(path, "world-countries");
  std::string text = read_whole_file(path);
  if (!is_valid_utf8(text)) {
    report.add_issue(0, "invalid UTF-8 replaced by U+FFFD");
    text = replace_invalid_utf8(text);
  }
  std::size_t pos = 0;
  std::int64_t line = 1;
  CsvRecord record;
  if (!next_csv_record(text, pos, line, record) || !record.error.empty()) {
    throw ImportError(path.string() + ": no CSV header line");
  }
  const std::vector<std::string> header = record.fields;
  std::unordered_map<std::string, std::size_t> column;
  for (std::size_t i = 0; i < header.size(); ++i) column.emplace(header[i], i);
  for (const char* required : {"cca2", "name.common"}) {
    if (!column.contains(required)) {
      throw ImportError(path.string() + ": no column \"" + required +
                        "\" in the header (not a world-countries CSV)");
    }
  }
  auto get = [&](const char* name) -> std::string_view {
    const auto it = column.find(name);
    return it == column.end() ? std::string_view() : std::string_view(record.fields[it->second]);
  };

  std::unordered_set<std::string> seen;
  std::string reason;
  while (next_csv_record(text, pos, line, record)) {
    if (record.error.empty() && record.fields.size() == 1 && record.fields[0].empty()) continue;
    ++report.rows_read;
    auto skip = [&](std::string why) { skip_row(report, record.line, std::move(why)); };
    if (!record.error.empty()) {
      skip(record.error);
      continue;
    }
    if (record.fields.size() != header.size()) {
      skip(std::to_string(record.fields.size()) + " fields, expected " +
           std::to_string(header.size()));
      continue;
    }
    WorldCountry country;
    country.cca2 = get("cca2");
    if (country.cca2.size() != 2 || !std::all_of(country.cca2.begin(), country.cca2.end(),
                                                 [](char c) { return c >= 'A' && c <= 'Z'; })) {
      skip("cca2 " + quote_field(country.cca2) + " is not two capitals");
      continue;
    }
    country.name_common = get("name.common");
    if (country.name_common.empty()) {
      skip("empty name.common");
      continue;
    }
    const std::string_view latlng = get("latlng");
    country.centroid = geo::LonLat{kNaN, kNaN};
    if (!latlng.empty()) {
      const std::optional<geo::LonLat> centroid = parse_latlng(latlng, reason);
      if (!centroid) {
        skip(reason);
        continue;
      }
      country.centroid = *centroid;
    }
    const std::string_view independent = get("independent");
    if (independent == "1" || independent == "true") {
      country.independent = true;
    } else if (!(independent.empty() || independent == "0" || independent == "false")) {
      skip("independent " + quote_field(independent) + " is not 1, 0 or empty");
      continue;
    }
    if (!seen.insert(country.cca2).second) {
      ++report.duplicates;
      report.add_issue(record.line,
                       "duplicate cca2 " + quote_field(country.cca2) + " (first kept)");
      continue;
    }
    country.cca3 = get("cca3");
    country.name_official = get("name.official");
    for_each_piece(get("altSpellings"), ',', true,
                   [&](std::string_view s) { add_unique(country.alt_spellings, s); });
    add_unique(country.demonyms, trim_spaces(get("demonyms.eng.m")));
    add_unique(country.demonyms, trim_spaces(get("demonyms.eng.f")));
    country.region = get("region");
    country.subregion = get("subregion");
    ++report.rows_imported;
    sink(std::move(country));
  }
  return report;
}

}  // namespace incidentmap::gaz
