#pragma once
// Longitude/latitude boxes: the extent of a set of points, padded and given a minimum size, with
// boxes that cross the antimeridian, and the projection a map of such a box should use.

#include <span>
#include <string>
#include <string_view>

#include "geo/lonlat.h"

namespace incidentmap::geo {

// A box in WGS84 degrees, in the GeoJSON bbox order [w, s, e, n]. west_deg > east_deg means the
// box crosses the antimeridian (e.g. Fiji: west 177, east -178). The whole world is
// west -180, east 180. Valid boxes have south_deg <= north_deg, both in [-90, 90], and both
// longitudes in [-180, 180].
struct LonLatBox {
  double west_deg = 0.0;
  double south_deg = 0.0;
  double east_deg = 0.0;
  double north_deg = 0.0;

  friend bool operator==(const LonLatBox&, const LonLatBox&) = default;
};

// True when all values are finite and within the ranges above.
bool is_valid(const LonLatBox& box);

// True when west_deg > east_deg.
bool crosses_antimeridian(const LonLatBox& box);

// East minus west in degrees, adding 360 when the box crosses the antimeridian; in [0, 360].
double lon_span_deg(const LonLatBox& box);

// North minus south in degrees; in [0, 180].
double lat_span_deg(const LonLatBox& box);

// The middle of the box; longitude normalised to [-180, 180).
LonLat center(const LonLatBox& box);

// True when p is inside or on the edge, honouring antimeridian crossing; longitudes are compared
// modulo 360 (180 and -180 are the same meridian).
bool contains(const LonLatBox& box, LonLat p);

// Wraps any finite longitude into [-180, 180).
double normalize_lon_deg(double lon_deg);

// Parses "W,S,E,N" (decimal degrees, optional spaces), as --bbox takes it; W > E crosses the
// antimeridian. Throws GeoError naming the problem (not four numbers, out of range, S > N).
LonLatBox parse_lonlat_box(std::string_view text);

// The smallest box holding all points. When the points sit on both sides of the antimeridian and
// the box across it is narrower (e.g. 179 and -179), the crossing box is returned.
// Throws GeoError when points is empty or holds an invalid point.
LonLatBox bounding_box(std::span<const LonLat> points);

// True when a box is too large for an azimuthal projection to look right: more than 150 degrees
// of longitude or 110 of latitude. Such maps use Equal Earth.
bool is_near_global(const LonLatBox& box);

// The central meridian of the Equal Earth projection for a near-global box: 0 (EPSG:8857) unless
// the box crosses the antimeridian and spans less than 240 degrees, then the box's centre
// longitude rounded to a whole degree so that the Pacific is not split. Wider boxes are world
// maps and keep Greenwich in the middle, as readers expect.
double global_central_meridian_deg(const LonLatBox& box);

// The CRS a map of the box should be drawn in, as a string for Projection:
//   near-global: "EPSG:8857" (Equal Earth), or "+proj=eqearth +lon_0=L ..." when centred away
//                from Greenwich (see global_central_meridian_deg);
//   otherwise:   Lambert azimuthal equal-area centred on the box,
//                "+proj=laea +lat_0=LAT +lon_0=LON +datum=WGS84 +units=m +no_defs +type=crs",
//                the centre printed with 4 decimals so the string is stable.
// Both are equal-area, so symbol density compares fairly across the map.
std::string choose_map_projection(const LonLatBox& box);

}  // namespace incidentmap::geo
