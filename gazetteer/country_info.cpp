// GeoNames countryInfo.txt and the table of GeoNames' own country points.

#include <array>
#include <string>
#include <unordered_set>
#include <utility>

#include "gazetteer/importers.h"
#include "gazetteer/line_reader.h"

namespace incidentmap::gaz {

namespace {

// countryInfo.txt columns (the '#ISO' comment line names them).
enum CountryColumn : std::size_t {
  kIso = 0,
  kIso3 = 1,
  kCountry = 4,
  kCapital = 5,
  kArea = 6,
  kPopulation = 7,
  kContinent = 8,
  kLanguages = 15,
  kGeonameId = 16,
  kNeighbours = 17,
};
constexpr std::size_t kCountryInfoColumns = 19;

// countries_geonames.tsv columns.
enum PointColumn : std::size_t {
  kPointId = 0,
  kPointName = 1,
  kPointClass = 2,
  kPointCode = 3,
  kPointCountry = 4,
  kPointAdmin1 = 5,
  kPointLat = 6,
  kPointLon = 7,
};
constexpr std::size_t kPointColumns = 8;

bool is_upper_code(std::string_view code, std::size_t length) {
  if (code.size() != length) return false;
  for (const char c : code) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  for_each_piece(text, ',', true, [&](std::string_view piece) { out.emplace_back(piece); });
  return out;
}

}  // namespace

ImportReport import_country_info(const std::filesystem::path& path, const CountrySink& sink) {
  ImportReport report = make_report(path, "country-info");
  std::unordered_set<std::string> seen;
  std::array<std::string_view, kCountryInfoColumns> f;
  std::string reason;
  bool first = true;
  for_each_row(path, /*comments=*/true, report, [&](std::string_view line, std::int64_t no) {
    auto skip = [&](std::string why) { skip_row(report, no, std::move(why)); };
    const std::size_t columns = split_fields(line, '\t', f);
    if (std::exchange(first, false) && f[kIso] == "ISO") {
      --report.rows_read;  // copies without the '#' keep the column names as a header line
      return;
    }
    if (columns != kCountryInfoColumns) {
      return skip(std::to_string(columns) + " columns, expected 19");
    }
    if (!is_upper_code(f[kIso], 2))
      return skip("ISO code " + quote_field(f[kIso]) + " is not two capitals");
    if (!is_upper_code(f[kIso3], 3)) {
      return skip("ISO3 code " + quote_field(f[kIso3]) + " is not three capitals");
    }
    if (f[kCountry].empty()) return skip("empty country name");
    double area_km2 = 0.0;
    if (!f[kArea].empty()) {
      const std::optional<double> area = parse_double(f[kArea]);
      if (!area || *area < 0.0)
        return skip("area " + quote_field(f[kArea]) + " is not a number >= 0");
      area_km2 = *area;
    }
    const std::optional<std::int64_t> population =
        parse_count(f[kPopulation], "population", reason);
    if (!population) return skip(reason);
    // A few territories have no GeoNames feature: an empty id is 0, as the header documents.
    const std::optional<std::int64_t> id = parse_count(f[kGeonameId], "geonameid", reason);
    if (!id) return skip(reason);
    if (!seen.emplace(f[kIso]).second) {
      ++report.duplicates;
      report.add_issue(no, "duplicate ISO code " + quote_field(f[kIso]) + " (first kept)");
      return;
    }
    CountryRecord record;
    record.iso2 = f[kIso];
    record.iso3 = f[kIso3];
    record.name = trim_spaces(f[kCountry]);
    record.capital = trim_spaces(f[kCapital]);
    record.continent = f[kContinent];
    record.population = *population;
    record.area_km2 = area_km2;
    record.geonameid = *id;
    record.neighbours = split_list(f[kNeighbours]);
    record.languages = split_list(f[kLanguages]);
    ++report.rows_imported;
    sink(std::move(record));
  });
  return report;
}

ImportReport import_country_points(const std::filesystem::path& path, const PlaceSink& sink) {
  ImportReport report = make_report(path, "country-points");
  IdSet seen;
  std::array<std::string_view, kPointColumns> f;
  std::string reason;
  bool first = true;
  for_each_row(path, /*comments=*/false, report, [&](std::string_view line, std::int64_t no) {
    auto skip = [&](std::string why) { skip_row(report, no, std::move(why)); };
    const std::size_t columns = split_fields(line, '\t', f);
    if (std::exchange(first, false) && f[kPointId] == "geonameid") {
      --report.rows_read;  // the header line
      return;
    }
    if (columns != kPointColumns) return skip(std::to_string(columns) + " columns, expected 8");
    const std::optional<std::int64_t> id = parse_positive_id(f[kPointId], "geonameid", reason);
    if (!id) return skip(reason);
    if (f[kPointName].empty()) return skip("empty name");
    const std::optional<char> feature_class = parse_feature_class(f[kPointClass], reason);
    if (!feature_class) return skip(reason);
    if (!is_upper_code(f[kPointCountry], 2)) {
      return skip("country code " + quote_field(f[kPointCountry]) + " is not two capitals");
    }
    const std::optional<geo::LonLat> position = parse_lat_lon(f[kPointLat], f[kPointLon], reason);
    if (!position) return skip(reason);
    if (!seen.insert(*id)) {
      ++report.duplicates;
      report.add_issue(no, "duplicate geonameid " + std::string(f[kPointId]) + " (first kept)");
      return;
    }
    Place place;
    place.geonameid = *id;
    place.name = f[kPointName];
    place.position = *position;
    place.feature_class = *feature_class;
    place.feature_code = f[kPointCode];
    place.country_code = f[kPointCountry];
    place.admin1_code = f[kPointAdmin1];
    place.source = SourceKind::kCountryInfo;
    ++report.rows_imported;
    sink(std::move(place));
  });
  return report;
}

}  // namespace incidentmap::gaz
