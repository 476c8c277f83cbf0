#include "geo/extent.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <vector>

namespace incidentmap::geo {

namespace {

constexpr double kGlobalLonSpanDeg = 150.0;
constexpr double kGlobalLatSpanDeg = 110.0;
// Beyond this span a map is a world map, drawn the usual way round (Greenwich in the middle).
constexpr double kPacificMaxLonSpanDeg = 240.0;

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
