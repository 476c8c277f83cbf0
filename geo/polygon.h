#pragma once
// Polygons in longitude/latitude degrees, as GeoJSON has them.

#include <limits>
#include <vector>

#include "geo/lonlat.h"

namespace incidentmap::geo {

// A closed ring; the last point repeats the first. Exterior rings counter-clockwise,
// holes clockwise (RFC 7946), though the functions here accept either orientation.
using Ring = std::vector<LonLat>;

// rings[0] is the exterior, the rest are holes.
struct Polygon {
  std::vector<Ring> rings;
};

using MultiPolygon = std::vector<Polygon>;

// An axis-aligned box in degrees. Plain min/max of the coordinates: a shape that crosses the
// antimeridian comes out as a box spanning nearly 360° (GeoJSON splits such shapes anyway).
struct BoundingBox {
  double min_lon_deg = std::numeric_limits<double>::infinity();
  double min_lat_deg = std::numeric_limits<double>::infinity();
  double max_lon_deg = -std::numeric_limits<double>::infinity();
  double max_lat_deg = -std::numeric_limits<double>::infinity();

  // True for the box of no points (the default).
  bool empty() const { return min_lon_deg > max_lon_deg || min_lat_deg > max_lat_deg; }
  // Includes the boundary. Always false for an empty box.
  bool contains(LonLat p) const {
    return p.lon_deg >= min_lon_deg && p.lon_deg <= max_lon_deg && p.lat_deg >= min_lat_deg &&
           p.lat_deg <= max_lat_deg;
  }
  // Grows the box to include `p`.
  void extend(LonLat p);

  friend bool operator==(const BoundingBox&, const BoundingBox&) = default;
};

// The box of all points (holes included, which never matters for a valid polygon); empty for
// no points.
BoundingBox bounding_box(const Ring& ring);
BoundingBox bounding_box(const Polygon& polygon);
BoundingBox bounding_box(const MultiPolygon& polygons);

// Shoelace area of a ring in square degrees on the plane (lon as x, lat as y):
// positive when counter-clockwise, negative when clockwise, 0 for fewer than 3 distinct points.
// Only the sign and relative size mean anything; it is not an area on the Earth.
double signed_area_deg2(const Ring& ring);

// Point in polygon by the even-odd rule on the plane of degrees, exterior minus holes. Points
// exactly on an edge may fall either way. Rings need not be closed explicitly.
bool point_in_ring(LonLat p, const Ring& ring);
bool point_in_polygon(LonLat p, const Polygon& polygon);
// True when `p` is in any of the polygons; each polygon's bounding box is tested first.
bool point_in_polygon(LonLat p, const MultiPolygon& polygons);

// Douglas-Peucker simplification of an open polyline: keeps the end points and every point
// farther than tolerance_deg (planar distance in degrees) from the simplified line. A
// tolerance <= 0 returns the input unchanged.
std::vector<LonLat> simplify_line(const std::vector<LonLat>& line, double tolerance_deg);

// Simplifies a closed ring: it is cut at its first point and the point farthest from it, and
// both halves are simplified as lines. The result is closed. When fewer than 4 points (a
// triangle) would remain, returns an empty ring.
Ring simplify_ring(const Ring& ring, double tolerance_deg);

// Simplifies every ring; holes that collapse are dropped, and so are polygons whose exterior
// collapses (so small islands vanish at coarse tolerances). Orientation is preserved.
MultiPolygon simplify(const MultiPolygon& polygons, double tolerance_deg);

}  // namespace incidentmap::geo
