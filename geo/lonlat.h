#pragma once
// Geographic coordinates and distances on the WGS84 ellipsoid.
// Axis order is always longitude first, as in GeoJSON and GDAL's traditional GIS order.

#include <stdexcept>
#include <string>

namespace incidentmap::geo {

// Raised when a coordinate operation fails; the message carries the library's own text.
class GeoError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A WGS84 position in degrees. Valid when lon_deg is in [-180, 180] and lat_deg in [-90, 90].
struct LonLat {
  double lon_deg = 0.0;
  double lat_deg = 0.0;

  friend bool operator==(const LonLat&, const LonLat&) = default;
};

// True when both values are finite and within the ranges above.
bool is_valid(LonLat p);

// Great-circle distance on a sphere of radius 6371 km, as the evaluation conventions use
// (Gritta et al., ../shared/tools/score.py). Up to 0.5% off the geodesic value
// (geo/geodesic.h).
double haversine_distance_km(LonLat a, LonLat b);

}  // namespace incidentmap::geo
