#include "src/incidents/precision.h"

namespace incidentmap {

int ucdp_where_precision(char feature_class, std::string_view code, bool near) {
  const auto exact_or_near = [near] { return near ? 2 : 1; };
  switch (feature_class) {
    case 'P':  // populated places
    case 'S':  // spots, buildings, facilities
    case 'R':  // roads, railways
      return exact_or_near();
    case 'A':
      if (code.starts_with("PCL")) return 6;
      if (code == "ADM1" || code == "ADM1H") return 4;
      if (code.starts_with("ADM") || code == "ADMD") return near ? 2 : 3;
      return 5;  // ZN zones, LTER leased areas, ADM groupings
    case 'H':
      return 7;
    case 'L':  // parks, areas, regions, continents
    case 'T':  // mountains, plateaus, islands
    case 'U':
    case 'V':
      if (code == "ISL" || code == "PRK" || code == "RESV") return exact_or_near();
      return 5;
    default:
      return 5;
  }
}

int acled_geo_precision(int where_prec) {
  if (where_prec <= 1) return 1;
  if (where_prec <= 3) return 2;
  return 3;
}

int gdelt_geo_type(int where_prec, std::string_view country_code) {
  const bool us = country_code == "US";
  if (where_prec >= 6) return 1;
  if (where_prec == 4 || where_prec == 5) return us ? 2 : 5;
  return us ? 3 : 4;
}

}  // namespace incidentmap
