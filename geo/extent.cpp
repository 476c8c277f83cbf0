#include "geo/extent.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <vector>

namespace incidentmap::geo {

namespace {

constexpr double kRadPerDeg = M_PI / 180.0;
constexpr double kWgs84A_km = 6378.137;
constexpr double kWgs84F = 1.0 / 298.257223563;
constexpr double kGlobalLonSpanDeg = 150.0;
constexpr double kGlobalLatSpanDeg = 110.0;
// Beyond this span a map is a world map, drawn the usual way round (Greenwich in the middle).
constexpr double kPacificMaxLonSpanDeg = 240.0;

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

// Prints v with 4 decimals and no "-0.0000".
std::string fixed4(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", v);
  std::string s = buf;
  if (s == "-0.0000") s = "0.0000";
  return s;
}

}  // namespace

bool is_valid(const LonLatBox& b) {
  const auto lon_ok = [](double v) { return std::isfinite(v) && v >= -180.0 && v <= 180.0; };
  const auto lat_ok = [](double v) { return std::isfinite(v) && v >= -90.0 && v <= 90.0; };
  return lon_ok(b.west_deg) && lon_ok(b.east_deg) && lat_ok(b.south_deg) && lat_ok(b.north_deg) &&
         b.south_deg <= b.north_deg;
}

bool crosses_antimeridian(const LonLatBox& b) { return b.west_deg > b.east_deg; }

double lon_span_deg(const LonLatBox& b) {
  return crosses_antimeridian(b) ? b.east_deg + 360.0 - b.west_deg : b.east_deg - b.west_deg;
}

double lat_span_deg(const LonLatBox& b) { return b.north_deg - b.south_deg; }

LonLat center(const LonLatBox& b) {
  return {normalize_lon_deg(b.west_deg + lon_span_deg(b) / 2.0), (b.south_deg + b.north_deg) / 2.0};
}

bool contains(const LonLatBox& b, LonLat p) {
  if (p.lat_deg < b.south_deg || p.lat_deg > b.north_deg) return false;
  // Eastward distance from the west edge, so that 180 and -180 are the same meridian.
  double d = std::fmod(p.lon_deg - b.west_deg, 360.0);
  if (d < 0) d += 360.0;
  return d <= lon_span_deg(b) || lon_span_deg(b) >= 360.0;
}

double width_km(const LonLatBox& b) {
  return std::max(0.0, parallel_radius_km(center(b).lat_deg)) * lon_span_deg(b) * kRadPerDeg;
}

double height_km(const LonLatBox& b) {
  const double lon = center(b).lon_deg;
  return geodesic_distance_km({lon, b.south_deg}, {lon, b.north_deg});
}

double normalize_lon_deg(double lon_deg) {
  double w = std::fmod(lon_deg + 180.0, 360.0);
  if (w < 0) w += 360.0;
  return w - 180.0;
}

LonLatBox parse_lonlat_box(std::string_view text) {
  double v[4] = {0, 0, 0, 0};
  std::size_t pos = 0;
  for (int i = 0; i < 4; ++i) {
    while (pos < text.size() && text[pos] == ' ') ++pos;
    const char* first = text.data() + pos;
    const char* last = text.data() + text.size();
    if (pos < text.size() && text[pos] == '+') ++first;  // from_chars refuses a leading '+'
    const auto [ptr, ec] = std::from_chars(first, last, v[i]);
    if (ec != std::errc() || !std::isfinite(v[i])) {
      throw GeoError("bbox '" + std::string(text) + "': expected four numbers W,S,E,N");
    }
    pos = static_cast<std::size_t>(ptr - text.data());
    while (pos < text.size() && text[pos] == ' ') ++pos;
    if (i < 3) {
      if (pos >= text.size() || text[pos] != ',') {
        throw GeoError("bbox '" + std::string(text) + "': expected four numbers W,S,E,N");
      }
      ++pos;
    }
  }
  if (pos != text.size()) {
    throw GeoError("bbox '" + std::string(text) + "': unexpected text after the fourth number");
  }
  const LonLatBox box{v[0], v[1], v[2], v[3]};
  if (!is_valid(box) || box.west_deg == box.east_deg) {
    throw GeoError("bbox '" + std::string(text) +
                   "': longitudes must be in [-180, 180] and differ, latitudes in [-90, 90] "
                   "with south < north");
  }
  if (box.south_deg == box.north_deg) {
    throw GeoError("bbox '" + std::string(text) + "': south and north are equal");
  }
  return box;
}

LonLatBox bounding_box(std::span<const LonLat> points) {
  if (points.empty()) throw GeoError("cannot compute the extent of no points");
  std::vector<double> lons;
  lons.reserve(points.size());
  double south = 90.0;
  double north = -90.0;
  for (const LonLat& p : points) {
    if (!is_valid(p)) {
      throw GeoError("invalid point (" + std::to_string(p.lon_deg) + ", " +
                     std::to_string(p.lat_deg) + ") in extent");
    }
    lons.push_back(normalize_lon_deg(p.lon_deg));
    south = std::min(south, p.lat_deg);
    north = std::max(north, p.lat_deg);
  }
  std::sort(lons.begin(), lons.end());
  // The box is the circle minus its largest empty gap; the gap across the antimeridian wins
  // ties so that ordinary boxes never cross it needlessly.
  const double wrap_gap = lons.front() + 360.0 - lons.back();
  double best_gap = wrap_gap;
  std::size_t best = lons.size();  // lons.size() stands for the wrap gap
  for (std::size_t i = 0; i + 1 < lons.size(); ++i) {
    const double gap = lons[i + 1] - lons[i];
    if (gap > best_gap) {
      best_gap = gap;
      best = i;
    }
  }
  if (best == lons.size()) {
    // Points at exactly -180 and 180 are the same meridian; -180 is kept as the west edge.
    return {lons.front(), south, lons.back(), north};
  }
  return {lons[best + 1], south, lons[best], north};
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

bool is_near_global(const LonLatBox& box) {
  return lon_span_deg(box) > kGlobalLonSpanDeg || lat_span_deg(box) > kGlobalLatSpanDeg;
}

double global_central_meridian_deg(const LonLatBox& box) {
  if (!crosses_antimeridian(box) || lon_span_deg(box) >= kPacificMaxLonSpanDeg) return 0.0;
  const double lon = std::round(center(box).lon_deg);
  return lon == -180.0 ? 180.0 : lon;
}

std::string choose_map_projection(const LonLatBox& box) {
  if (is_near_global(box)) {
    const double lon_0 = global_central_meridian_deg(box);
    if (lon_0 == 0.0) return "EPSG:8857";
    return "+proj=eqearth +lon_0=" + fixed4(lon_0) + " +datum=WGS84 +units=m +no_defs +type=crs";
  }
  const LonLat c = center(box);
  return "+proj=laea +lat_0=" + fixed4(c.lat_deg) + " +lon_0=" + fixed4(c.lon_deg) +
         " +datum=WGS84 +units=m +no_defs +type=crs";
}

}  // namespace incidentmap::geo
