#include "geo/lonlat.h"

#include <cmath>

namespace incidentmap::geo {

bool is_valid(LonLat p) {
  return std::isfinite(p.lon_deg) && std::isfinite(p.lat_deg) && p.lon_deg >= -180.0 &&
         p.lon_deg <= 180.0 && p.lat_deg >= -90.0 && p.lat_deg <= 90.0;
}

double haversine_distance_km(LonLat a, LonLat b) {
  constexpr double kEarthRadiusKm = 6371.0;
  constexpr double kRadPerDeg = M_PI / 180.0;
  const double p1 = a.lat_deg * kRadPerDeg;
  const double p2 = b.lat_deg * kRadPerDeg;
  const double dlat = p2 - p1;
  const double dlon = (b.lon_deg - a.lon_deg) * kRadPerDeg;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(p1) * std::cos(p2) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2.0 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace incidentmap::geo
