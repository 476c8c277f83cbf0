#pragma once
// Polygons in longitude/latitude degrees, as GeoJSON has them.

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

}  // namespace incidentmap::geo
