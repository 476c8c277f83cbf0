#include "geo/extent_size.h"

#include <algorithm>
#include <cmath>

#include "geo/geodesic.h"

namespace incidentmap::geo {

namespace {

constexpr double kRadPerDeg = M_PI / 180.0;
constexpr double kWgs84A_km = 6378.137;
constexpr double kWgs84F = 1.0 / 298.257223563;

// Radius in km of the parallel at latitude lat_deg on the WGS84 ellipsoid (N cos phi).
double parallel_radius_km(double lat_deg) {
  const double e2 = kWgs84F * (2.0 - kWgs84F);
  const double s = std::sin(lat_deg * kRadPerDeg);
  const double n = kWgs84A_km / std::sqrt(1.0 - e2 * s * s);
  return n * std::cos(lat_deg * kRadPerDeg);
}

// Wraps into (-180, 180], so an east edge of 180 stays 180.
double normalize_east_deg(double lon_deg) {
  const double w = normalize_lon_deg(lon_deg);
  return w == -180.0 ? 180.0 : w;
}

LonLatBox whole_world_lon(double south_deg, double north_deg) {
  return {-180.0, south_deg, 180.0, north_deg};
}

}  // namespace

double width_km(const LonLatBox& b) {
  return std::max(0.0, parallel_radius_km(center(b).lat_deg)) * lon_span_deg(b) * kRadPerDeg;
}

double height_km(const LonLatBox& b) {
  const double lon = center(b).lon_deg;
  return geodesic_distance_km({lon, b.south_deg}, {lon, b.north_deg});
}

LonLatBox padded(const LonLatBox& box, double padding_fraction, double min_size_km) {
  double lon_span = lon_span_deg(box) * (1.0 + 2.0 * padding_fraction);
  double lat_span = lat_span_deg(box) * (1.0 + 2.0 * padding_fraction);
  const LonLat c = center(box);
  // Unwrapped centre longitude, so a crossing box keeps its side of the antimeridian.
  const double c_lon = box.west_deg + lon_span_deg(box) / 2.0;
  double c_lat = c.lat_deg;

  // Minimum height first: the width depends on the latitude the box ends up centred on.
  const double km_per_deg_lat =
      geodesic_distance_km({c.lon_deg, std::clamp(c_lat - 0.5, -90.0, 89.0)},
                           {c.lon_deg, std::clamp(c_lat + 0.5, -89.0, 90.0)});
  lat_span = std::min(180.0, std::max(lat_span, min_size_km / km_per_deg_lat));
  c_lat = std::clamp(c_lat, -90.0 + lat_span / 2.0, 90.0 - lat_span / 2.0);
  const double south = std::max(-90.0, c_lat - lat_span / 2.0);
  const double north = std::min(90.0, c_lat + lat_span / 2.0);

  const double km_per_deg_lon = parallel_radius_km(c_lat) * kRadPerDeg;
  if (km_per_deg_lon <= 0.0) return whole_world_lon(south, north);
  lon_span = std::max(lon_span, min_size_km / km_per_deg_lon);
  if (lon_span >= 360.0) return whole_world_lon(south, north);
  double west = c_lon - lon_span / 2.0;
  double east = c_lon + lon_span / 2.0;
  west = normalize_lon_deg(west);
  east = normalize_east_deg(east);
  return {west, south, east, north};
}

LonLatBox box_around(std::span<const LonLat> points, double padding_fraction, double min_size_km) {
  return padded(bounding_box(points), padding_fraction, min_size_km);
}

}  // namespace incidentmap::geo
