#include "geo/geodesic.h"

extern "C" {
#include <geodesic.h>
}

namespace incidentmap::geo {

namespace {
const geod_geodesic& wgs84() {
  static const geod_geodesic g = [] {
    geod_geodesic init{};
    geod_init(&init, 6378137.0, 1.0 / 298.257223563);
    return init;
  }();
  return g;
}
}  // namespace

double geodesic_distance_km(LonLat a, LonLat b) {
  double s12_m = 0.0;
  geod_inverse(&wgs84(), a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg, &s12_m, nullptr, nullptr);
  return s12_m / 1000.0;
}

}  // namespace incidentmap::geo
