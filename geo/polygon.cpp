#include "geo/polygon.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace incidentmap::geo {

namespace {

// Squared planar distance in degrees² from p to the segment a-b.
double segment_distance2(LonLat p, LonLat a, LonLat b) {
  const double dx = b.lon_deg - a.lon_deg;
  const double dy = b.lat_deg - a.lat_deg;
  const double length2 = dx * dx + dy * dy;
  double t = 0.0;
  if (length2 > 0.0) {
    t = ((p.lon_deg - a.lon_deg) * dx + (p.lat_deg - a.lat_deg) * dy) / length2;
    t = std::clamp(t, 0.0, 1.0);
  }
  const double ex = a.lon_deg + t * dx - p.lon_deg;
  const double ey = a.lat_deg + t * dy - p.lat_deg;
  return ex * ex + ey * ey;
}

// Marks in `keep` the points of line[first..last] that Douglas-Peucker keeps (ends included).
// Iterative so that rings of 100k points cannot overflow the stack.
void mark_kept(const std::vector<LonLat>& line, std::size_t first, std::size_t last,
               double tolerance2, std::vector<bool>& keep) {
  keep[first] = true;
  keep[last] = true;
  std::vector<std::pair<std::size_t, std::size_t>> stack{{first, last}};
  while (!stack.empty()) {
    const auto [a, b] = stack.back();
    stack.pop_back();
    double worst = -1.0;
    std::size_t worst_index = a;
    for (std::size_t i = a + 1; i < b; ++i) {
      const double d2 = segment_distance2(line[i], line[a], line[b]);
      if (d2 > worst) {
        worst = d2;
        worst_index = i;
      }
    }
    if (worst > tolerance2) {
      keep[worst_index] = true;
      stack.emplace_back(a, worst_index);
      stack.emplace_back(worst_index, b);
    }
  }
}

std::vector<LonLat> collect_kept(const std::vector<LonLat>& line, const std::vector<bool>& keep) {
  std::vector<LonLat> out;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (keep[i]) out.push_back(line[i]);
  }
  return out;
}

}  // namespace

void BoundingBox::extend(LonLat p) {
  min_lon_deg = std::min(min_lon_deg, p.lon_deg);
  min_lat_deg = std::min(min_lat_deg, p.lat_deg);
  max_lon_deg = std::max(max_lon_deg, p.lon_deg);
  max_lat_deg = std::max(max_lat_deg, p.lat_deg);
}

BoundingBox bounding_box(const Ring& ring) {
  BoundingBox box;
  for (const LonLat& p : ring) box.extend(p);
  return box;
}

BoundingBox bounding_box(const Polygon& polygon) {
  BoundingBox box;
  for (const Ring& ring : polygon.rings) {
    for (const LonLat& p : ring) box.extend(p);
  }
  return box;
}

BoundingBox bounding_box(const MultiPolygon& polygons) {
  BoundingBox box;
  for (const Polygon& polygon : polygons) {
    for (const Ring& ring : polygon.rings) {
      for (const LonLat& p : ring) box.extend(p);
    }
  }
  return box;
}

double signed_area_deg2(const Ring& ring) {
  const std::size_t n = ring.size();
  if (n < 3) return 0.0;
  // Relative to the first point, which keeps the products small and exact for closed rings.
  const LonLat origin = ring[0];
  double twice_area = 0.0;
  for (std::size_t i = 1; i + 1 < n; ++i) {
    const double x1 = ring[i].lon_deg - origin.lon_deg;
    const double y1 = ring[i].lat_deg - origin.lat_deg;
    const double x2 = ring[i + 1].lon_deg - origin.lon_deg;
    const double y2 = ring[i + 1].lat_deg - origin.lat_deg;
    twice_area += x1 * y2 - x2 * y1;
  }
  return twice_area / 2.0;
}

bool point_in_ring(LonLat p, const Ring& ring) {
  const std::size_t n = ring.size();
  if (n < 3) return false;
  bool inside = false;
  for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
    const LonLat a = ring[i];
    const LonLat b = ring[j];
    if ((a.lat_deg > p.lat_deg) != (b.lat_deg > p.lat_deg)) {
      const double x =
          a.lon_deg + (p.lat_deg - a.lat_deg) * (b.lon_deg - a.lon_deg) / (b.lat_deg - a.lat_deg);
      if (p.lon_deg < x) inside = !inside;
    }
  }
  return inside;
}

bool point_in_polygon(LonLat p, const Polygon& polygon) {
  if (polygon.rings.empty() || !point_in_ring(p, polygon.rings[0])) return false;
  for (std::size_t i = 1; i < polygon.rings.size(); ++i) {
    if (point_in_ring(p, polygon.rings[i])) return false;
  }
  return true;
}

bool point_in_polygon(LonLat p, const MultiPolygon& polygons) {
  for (const Polygon& polygon : polygons) {
    if (polygon.rings.empty() || !bounding_box(polygon.rings[0]).contains(p)) continue;
    if (point_in_polygon(p, polygon)) return true;
  }
  return false;
}

std::vector<LonLat> simplify_line(const std::vector<LonLat>& line, double tolerance_deg) {
  if (tolerance_deg <= 0.0 || line.size() < 3) return line;
  std::vector<bool> keep(line.size(), false);
  mark_kept(line, 0, line.size() - 1, tolerance_deg * tolerance_deg, keep);
  return collect_kept(line, keep);
}

Ring simplify_ring(const Ring& ring, double tolerance_deg) {
  if (tolerance_deg <= 0.0) return ring;
  Ring closed = ring;
  if (!closed.empty() && !(closed.front() == closed.back())) closed.push_back(closed.front());
  if (closed.size() < 4) return {};
  // The first point and the point farthest from it split the ring into two lines whose ends
  // are both kept: a ring has no natural end points of its own.
  const LonLat start = closed.front();
  std::size_t far = 0;
  double far_d2 = -1.0;
  for (std::size_t i = 1; i + 1 < closed.size(); ++i) {
    const double dx = closed[i].lon_deg - start.lon_deg;
    const double dy = closed[i].lat_deg - start.lat_deg;
    if (dx * dx + dy * dy > far_d2) {
      far_d2 = dx * dx + dy * dy;
      far = i;
    }
  }
  std::vector<bool> keep(closed.size(), false);
  const double tolerance2 = tolerance_deg * tolerance_deg;
  mark_kept(closed, 0, far, tolerance2, keep);
  mark_kept(closed, far, closed.size() - 1, tolerance2, keep);
  Ring out = collect_kept(closed, keep);
  if (out.size() < 4) return {};
  return out;
}

MultiPolygon simplify(const MultiPolygon& polygons, double tolerance_deg) {
  MultiPolygon out;
  for (const Polygon& polygon : polygons) {
    if (polygon.rings.empty()) continue;
    Polygon simplified;
    for (std::size_t i = 0; i < polygon.rings.size(); ++i) {
      Ring ring = simplify_ring(polygon.rings[i], tolerance_deg);
      if (ring.empty()) {
        if (i == 0) break;
        continue;
      }
      simplified.rings.push_back(std::move(ring));
    }
    if (!simplified.rings.empty()) out.push_back(std::move(simplified));
  }
  return out;
}

}  // namespace incidentmap::geo
