#pragma once
// Location precision codes of the event datasets, derived from the GeoNames feature of the place
// an event is put at (docs: ../shared/docs/event-data-fields.md).

#include <string_view>

namespace incidentmap {

// UCDP GED where_prec (1-7) for an event placed at a feature of this class and code:
//   1 exact place (populated place, facility, spot), 2 near a named place (`near` set, e.g.
//   "outside Culiacán", "20 km from ..."), 3 second-level area (ADM2), 4 first-level area (ADM1),
//   5 larger or vaguer areas (regions, continents, mountains, ADM1 groups), 6 country,
//   7 water (seas, oceans, gulfs, rivers) and airspace.
// Unknown classes or codes give 5.
int ucdp_where_precision(char feature_class, std::string_view feature_code, bool near = false);

// ACLED geo_precision (1-3) from UCDP's: 1 the town itself; 2 near a town or a small area
// (where_prec 2 and 3); 3 a larger region (4 and above).
int acled_geo_precision(int ucdp_where_precision);

// GDELT geo type (1 country, 2 US state, 3 US city or landmark, 4 world city or landmark,
// 5 world first-level area) from UCDP precision and country.
int gdelt_geo_type(int ucdp_where_precision, std::string_view country_code);

}  // namespace incidentmap
