// The 19-column GeoNames dump. The hot loop of a full allCountries import (12-13 M rows): fields
// are views into the reader's buffer and only the strings a Place keeps are copied.

#include <array>
#include <string>

#include "gazetteer/importers.h"
#include "gazetteer/line_reader.h"

namespace incidentmap::gaz {

namespace {

constexpr std::size_t kDumpColumns = 19;

// Column indexes of the GeoNames main dump.
enum DumpColumn : std::size_t {
  kId = 0,
  kName = 1,
  kAsciiName = 2,
  kAlternateNames = 3,
  kLatitude = 4,
  kLongitude = 5,
  kFeatureClass = 6,
  kFeatureCode = 7,
  kCountryCode = 8,
  kAdmin1 = 10,
  kAdmin2 = 11,
  kPopulation = 14,
};

}  // namespace

ImportReport import_geonames_dump(const std::filesystem::path& path, const PlaceSink& sink,
                                  const DumpOptions& options) {
  ImportReport report =
      make_report(path, options.kind == SourceKind::kSupplement ? "supplement" : "geonames-dump");
  const bool allow_curated_ids = options.allow_comments || options.kind == SourceKind::kSupplement;
  IdSet seen;
  std::array<std::string_view, kDumpColumns> f;
  std::string reason;
  std::vector<std::string_view> alt_names;  // reused: one allocation for the whole file

  for_each_row(path, options.allow_comments, report, [&](std::string_view line, std::int64_t no) {
    auto skip = [&](std::string why) { skip_row(report, no, std::move(why)); };
    const std::size_t columns = split_fields(line, '\t', f);
    if (columns != kDumpColumns) {
      return skip(std::to_string(columns) + " columns, expected 19");
    }
    const std::optional<std::int64_t> id = parse_positive_id(f[kId], "geonameid", reason);
    if (!id) return skip(reason);
    if (*id >= kFirstCuratedId && !allow_curated_ids) {
      return skip("geonameid " + std::string(f[kId]) + " is in the curated range (>= 9e9)");
    }
    if (f[kName].empty()) return skip("empty name");
    const std::optional<geo::LonLat> position = parse_lat_lon(f[kLatitude], f[kLongitude], reason);
    if (!position) return skip(reason);
    const std::optional<char> feature_class = parse_feature_class(f[kFeatureClass], reason);
    if (!feature_class) return skip(reason);
    const std::optional<std::int64_t> population =
        parse_count(f[kPopulation], "population", reason);
    if (!population) return skip(reason);
    if (!seen.insert(*id)) {
      ++report.duplicates;
      report.add_issue(no, "duplicate geonameid " + std::string(f[kId]) + " (first kept)");
      return;
    }

    Place place;
    place.geonameid = *id;
    place.name = f[kName];
    place.ascii_name = f[kAsciiName];
    alt_names.clear();
    for_each_piece(f[kAlternateNames], ',', true,
                   [&](std::string_view alt) { alt_names.push_back(alt); });
    place.alternate_names.resize(alt_names.size());
    for (std::size_t i = 0; i < alt_names.size(); ++i) {
      place.alternate_names[i].name = alt_names[i];
    }
    place.position = *position;
    place.feature_class = *feature_class;
    place.feature_code = f[kFeatureCode];
    place.country_code = f[kCountryCode];
    place.admin1_code = f[kAdmin1];
    place.admin2_code = f[kAdmin2];
    place.population = *population;
    place.source = options.kind;
    ++report.rows_imported;
    sink(std::move(place));
  });
  return report;
}

}  // namespace incidentmap::gaz
