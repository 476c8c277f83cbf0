#include "src/render/basemap.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>

namespace incidentmap {

namespace {

using geo::LonLat;
using json = nlohmann::json;

// A reader for the top level of a TopoJSON text. The `arcs` array (nearly all of the bytes) is
// read here with std::from_chars; the small members are handed to nlohmann::json. On
// countries-10m.json (3.6 MB) nlohmann's DOM parse alone costs about 0.2 s of CPU; this whole
// loader about 0.06 s (bench/render_bench.cpp).
class TopologyScanner {
 public:
  TopologyScanner(std::string_view text, std::string_view source) : s_(text), source_(source) {}

  [[noreturn]] void fail(const std::string& message) const {
    throw BasemapError(std::string(source_) + ": byte " + std::to_string(pos_) + ": " + message);
  }

  void skip_ws() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\n' || s_[pos_] == '\r' || s_[pos_] == '\t')) {
      ++pos_;
    }
  }

  bool at(char c) {
    skip_ws();
    return pos_ < s_.size() && s_[pos_] == c;
  }

  void expect(char c) {
    if (!at(c)) fail(std::string("expected '") + c + "'");
    ++pos_;
  }

  // A string without unescaping: TopoJSON member names are plain ASCII.
  std::string_view raw_string() {
    expect('"');
    const std::size_t start = pos_;
    while (pos_ < s_.size() && s_[pos_] != '"') pos_ += (s_[pos_] == '\\') ? 2 : 1;
    if (pos_ >= s_.size()) fail("unterminated string");
    return s_.substr(start, pos_++ - start);
  }

  bool consume(char c) {
    if (!at(c)) return false;
    ++pos_;
    return true;
  }

  // Skips one JSON value of any kind and returns its text.
  std::string_view value_text() {
    skip_ws();
    const std::size_t start = pos_;
    int depth = 0;
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if (c == '"') {
        raw_string();
        if (depth == 0) break;
        continue;
      }
      if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (depth == 0) break;  // the end of the enclosing object: a scalar ends here
        if (--depth == 0) {
          ++pos_;
          break;
        }
      } else if (c == ',' && depth == 0) {
        break;
      }
      ++pos_;
    }
    if (depth != 0) fail("unexpected end of input");
    return s_.substr(start, pos_ - start);
  }

  double number() {
    skip_ws();
    double v = 0;
    const auto [ptr, ec] = std::from_chars(s_.data() + pos_, s_.data() + s_.size(), v);
    if (ec != std::errc() || !std::isfinite(v)) fail("expected a number");
    pos_ = static_cast<std::size_t>(ptr - s_.data());
    return v;
  }

  // [[[x, y], [x, y], ...], ...]; positions may carry more than two values (ignored).
  std::vector<std::vector<std::array<double, 2>>> arcs() {
    std::vector<std::vector<std::array<double, 2>>> out;
    expect('[');
    if (at(']')) {
      ++pos_;
      return out;
    }
    do {
      auto& arc = out.emplace_back();
      expect('[');
      if (!at(']')) {
        do {
          expect('[');
          const double x = number();
          expect(',');
          const double y = number();
          while (consume(',')) number();
          expect(']');
          arc.push_back({x, y});
        } while (consume(','));
      }
      expect(']');
    } while (consume(','));
    expect(']');
    return out;
  }

 private:
  std::string_view s_;
  std::string_view source_;
  std::size_t pos_ = 0;
};

// world-atlas geometry is continuous on the sphere: a ring or arc that crosses the antimeridian
// steps from 179.9 to -180. In the plane that step would run across the whole map, so longitudes
// are unwrapped (shifted by whole turns) to keep every step under 180 degrees; Fiji then spans
// 177..182 and clipping cuts it where the map needs it. Points keep their exact values + 360 k.
template <typename Points>
void unwrap_longitudes(Points& points) {
  for (std::size_t i = 1; i < points.size(); ++i) {
    double& lon = points[i].lon_deg;
    lon -= 360.0 * std::round((lon - points[i - 1].lon_deg) / 360.0);
  }
}

struct Topology {
  std::vector<Line> arcs;  // decoded to degrees
  json objects;
};

Topology scan_topology(std::string_view text, std::string_view source) {
  TopologyScanner scanner(text, source);
  std::vector<std::vector<std::array<double, 2>>> raw_arcs;
  bool have_arcs = false;
  json transform;
  Topology topology;
  std::string type;
  scanner.expect('{');
  for (bool first = true; !scanner.at('}'); first = false) {
    if (!first) scanner.expect(',');
    const std::string key(scanner.raw_string());
    scanner.expect(':');
    if (key == "arcs") {
      raw_arcs = scanner.arcs();
      have_arcs = true;
      continue;
    }
    const std::string_view value = scanner.value_text();
    if (key != "objects" && key != "transform" && key != "type") continue;
    json parsed = json::parse(value, nullptr, false);
    if (parsed.is_discarded()) scanner.fail("malformed '" + key + "' member");
    if (key == "objects") topology.objects = std::move(parsed);
    if (key == "transform") transform = std::move(parsed);
    if (key == "type" && parsed.is_string()) type = parsed.get<std::string>();
  }
  scanner.expect('}');
  if (type != "Topology") scanner.fail("not a TopoJSON Topology (type is '" + type + "')");
  if (!have_arcs) scanner.fail("no 'arcs' member");
  if (!topology.objects.is_object()) scanner.fail("no 'objects' member");

  double sx = 1, sy = 1, tx = 0, ty = 0;
  const bool quantized = !transform.is_null();
  if (quantized) {
    try {
      sx = transform.at("scale").at(0).get<double>();
      sy = transform.at("scale").at(1).get<double>();
      tx = transform.at("translate").at(0).get<double>();
      ty = transform.at("translate").at(1).get<double>();
    } catch (const json::exception& e) {
      scanner.fail(std::string("malformed transform: ") + e.what());
    }
  }
  topology.arcs.reserve(raw_arcs.size());
  for (const auto& raw : raw_arcs) {
    Line& line = topology.arcs.emplace_back();
    line.reserve(raw.size());
    double x = 0, y = 0;
    for (const auto& [a, b] : raw) {
      if (quantized) {
        x += a;  // delta-encoded, then scaled
        y += b;
        line.push_back({x * sx + tx, y * sy + ty});
      } else {
        line.push_back({a, b});
      }
    }
    unwrap_longitudes(line);
  }
  return topology;
}

// The arc indexes of a geometry's polygons: [[ring...]...] for a MultiPolygon.
std::vector<std::vector<std::vector<int>>> polygon_arc_indexes(const json& geometry,
                                                               std::string_view source) {
  std::vector<std::vector<std::vector<int>>> polygons;
  const std::string type = geometry.value("type", "");
  if (!geometry.contains("arcs")) return polygons;  // null geometry
  try {
    if (type == "Polygon") {
      polygons.push_back(geometry.at("arcs").get<std::vector<std::vector<int>>>());
    } else if (type == "MultiPolygon") {
      polygons = geometry.at("arcs").get<std::vector<std::vector<std::vector<int>>>>();
    }
  } catch (const json::exception& e) {
    throw BasemapError(std::string(source) + ": malformed arcs of a " + type + ": " + e.what());
  }
  return polygons;
}

std::size_t arc_slot(int index) { return static_cast<std::size_t>(index < 0 ? ~index : index); }

// A ring that goes once round a pole (Antarctica) does not close once unwrapped: it ends a turn
// away from where it began. It is closed along the pole, so that the polar cap is filled.
void close_round_pole(geo::Ring& ring) {
  if (ring.size() < 2) return;
  const LonLat first = ring.front();
  const LonLat last = ring.back();
  if (std::abs(last.lon_deg - first.lon_deg) < 180.0) return;
  double lat_sum = 0;
  for (const LonLat& p : ring) lat_sum += p.lat_deg;
  const double pole = lat_sum < 0 ? -90.0 : 90.0;
  ring.push_back({last.lon_deg, pole});
  ring.push_back({first.lon_deg, pole});
  ring.push_back(first);
}

geo::MultiPolygon assemble(const std::vector<std::vector<std::vector<int>>>& polygons,
                           const std::vector<Line>& arcs, std::string_view source) {
  geo::MultiPolygon out;
  for (const auto& polygon : polygons) {
    geo::Polygon& p = out.emplace_back();
    for (const auto& ring_arcs : polygon) {
      geo::Ring& ring = p.rings.emplace_back();
      for (const int index : ring_arcs) {
        if (arc_slot(index) >= arcs.size()) {
          throw BasemapError(std::string(source) + ": arc index " + std::to_string(index) +
                             " out of range (" + std::to_string(arcs.size()) + " arcs)");
        }
        const Line& arc = arcs[arc_slot(index)];
        // Consecutive arcs share their end point; it is kept once.
        const std::size_t skip = ring.empty() ? 0 : 1;
        if (index >= 0) {
          ring.insert(ring.end(),
                      arc.begin() + static_cast<std::ptrdiff_t>(std::min(skip, arc.size())),
                      arc.end());
        } else {
          ring.insert(ring.end(),
                      arc.rbegin() + static_cast<std::ptrdiff_t>(std::min(skip, arc.size())),
                      arc.rend());
        }
      }
      unwrap_longitudes(ring);
      close_round_pole(ring);
    }
  }
  return out;
}

// Splits a coastline arc where it runs along a cut of the data (the antimeridian, the pole row
// of Antarctica) rather than along a shore. The arc is already unwrapped.
void add_coast_pieces(const Line& arc, std::vector<Line>& out) {
  const auto on_antimeridian = [](LonLat p) {
    return std::abs(std::remainder(p.lon_deg, 360.0)) >= 180.0 - 1e-9;
  };
  const auto on_cut = [&](LonLat a, LonLat b) {
    const bool pole = a.lat_deg <= -89.99 && b.lat_deg <= -89.99;
    return (on_antimeridian(a) && on_antimeridian(b)) || pole;
  };
  Line piece;
  for (std::size_t i = 0; i < arc.size(); ++i) {
    if (piece.empty()) piece.push_back(arc[i]);
    if (i + 1 == arc.size()) break;
    if (on_cut(arc[i], arc[i + 1])) {
      if (piece.size() >= 2) out.push_back(std::move(piece));
      piece.clear();
    } else {
      piece.push_back(arc[i + 1]);
    }
  }
  if (piece.size() >= 2) out.push_back(std::move(piece));
}

const json& geometries_of(const json& objects, const char* name, std::string_view source) {
  const auto it = objects.find(name);
  if (it == objects.end() || !it->contains("geometries") || !(*it)["geometries"].is_array()) {
    throw BasemapError(std::string(source) + ": no GeometryCollection '" + name + "'");
  }
  return (*it)["geometries"];
}

// --- clipping -------------------------------------------------------------------------------

struct Rect {
  double x0, y0, x1, y1;  // lon west, lat south, lon east, lat north; x may exceed 180
};

enum class Edge { kLeft, kRight, kBottom, kTop };

bool inside(LonLat p, const Rect& r, Edge e) {
  switch (e) {
    case Edge::kLeft:
      return p.lon_deg >= r.x0;
    case Edge::kRight:
      return p.lon_deg <= r.x1;
    case Edge::kBottom:
      return p.lat_deg >= r.y0;
    case Edge::kTop:
      return p.lat_deg <= r.y1;
  }
  return false;
}

LonLat intersect(LonLat a, LonLat b, const Rect& r, Edge e) {
  const bool vertical = e == Edge::kLeft || e == Edge::kRight;
  const double edge = e == Edge::kLeft     ? r.x0
                      : e == Edge::kRight  ? r.x1
                      : e == Edge::kBottom ? r.y0
                                           : r.y1;
  if (vertical) {
    const double t = (edge - a.lon_deg) / (b.lon_deg - a.lon_deg);
    return {edge, a.lat_deg + t * (b.lat_deg - a.lat_deg)};
  }
  const double t = (edge - a.lat_deg) / (b.lat_deg - a.lat_deg);
  return {a.lon_deg + t * (b.lon_deg - a.lon_deg), edge};
}

// Sutherland-Hodgman; the ring may be open or closed, the result is closed (or empty).
geo::Ring clip_ring(const geo::Ring& ring, const Rect& r) {
  geo::Ring current = ring;
  if (current.size() >= 2 && current.front() == current.back()) current.pop_back();
  for (const Edge e : {Edge::kLeft, Edge::kRight, Edge::kBottom, Edge::kTop}) {
    if (current.empty()) break;
    geo::Ring next;
    next.reserve(current.size() + 4);
    for (std::size_t i = 0; i < current.size(); ++i) {
      const LonLat a = current[i];
      const LonLat b = current[(i + 1) % current.size()];
      const bool a_in = inside(a, r, e);
      const bool b_in = inside(b, r, e);
      if (a_in) next.push_back(a);
      if (a_in != b_in) next.push_back(intersect(a, b, r, e));
    }
    current = std::move(next);
  }
  if (current.size() < 3) return {};
  current.push_back(current.front());
  return current;
}

// Liang-Barsky on each segment; appends the inside pieces.
void clip_line(const Line& line, const Rect& r, std::vector<Line>& out) {
  Line piece;
  for (std::size_t i = 0; i + 1 < line.size(); ++i) {
    const LonLat a = line[i];
    const LonLat b = line[i + 1];
    const double dx = b.lon_deg - a.lon_deg;
    const double dy = b.lat_deg - a.lat_deg;
    double t0 = 0.0, t1 = 1.0;
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {a.lon_deg - r.x0, r.x1 - a.lon_deg, a.lat_deg - r.y0, r.y1 - a.lat_deg};
    bool visible = true;
    for (int k = 0; k < 4 && visible; ++k) {
      if (p[k] == 0.0) {
        if (q[k] < 0.0) visible = false;
      } else {
        const double t = q[k] / p[k];
        if (p[k] < 0.0)
          t0 = std::max(t0, t);
        else
          t1 = std::min(t1, t);
        if (t0 > t1) visible = false;
      }
    }
    if (!visible) {
      if (piece.size() >= 2) out.push_back(std::move(piece));
      piece.clear();
      continue;
    }
    const LonLat s{a.lon_deg + t0 * dx, a.lat_deg + t0 * dy};
    const LonLat e{a.lon_deg + t1 * dx, a.lat_deg + t1 * dy};
    if (piece.empty() || !(piece.back() == s)) {
      if (piece.size() >= 2) out.push_back(std::move(piece));
      piece = {s};
    }
    piece.push_back(e);
    if (t1 < 1.0) {
      if (piece.size() >= 2) out.push_back(std::move(piece));
      piece.clear();
    }
  }
  if (piece.size() >= 2) out.push_back(std::move(piece));
}

// Splits segments longer than kMaxStepDeg so that projected edges follow the curve.
template <typename Points>
Points densified(const Points& points) {
  constexpr double kMaxStepDeg = 0.5;
  Points out;
  out.reserve(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (i > 0) {
      const LonLat a = points[i - 1];
      const LonLat b = points[i];
      const double len = std::max(std::abs(b.lon_deg - a.lon_deg), std::abs(b.lat_deg - a.lat_deg));
      // Real edges are shorter than a turn; anything longer is garbage not worth splitting.
      const int steps = len < 360.0 ? static_cast<int>(std::ceil(len / kMaxStepDeg)) : 1;
      for (int k = 1; k < steps; ++k) {
        const double t = static_cast<double>(k) / steps;
        out.push_back(
            {a.lon_deg + t * (b.lon_deg - a.lon_deg), a.lat_deg + t * (b.lat_deg - a.lat_deg)});
      }
    }
    out.push_back(points[i]);
  }
  return out;
}

struct Bounds {
  double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
  void add(LonLat p) {
    x0 = std::min(x0, p.lon_deg);
    x1 = std::max(x1, p.lon_deg);
    y0 = std::min(y0, p.lat_deg);
    y1 = std::max(y1, p.lat_deg);
  }
  bool disjoint(const Rect& r) const { return x1 < r.x0 || x0 > r.x1 || y1 < r.y0 || y0 > r.y1; }
  bool within(const Rect& r) const { return x0 >= r.x0 && x1 <= r.x1 && y0 >= r.y0 && y1 <= r.y1; }
};

template <typename Points>
Bounds bounds_of(const Points& points) {
  Bounds b;
  for (const LonLat& p : points) b.add(p);
  return b;
}

// The view as rectangles in the data's longitudes: the view itself (unwrapped so that x1 > x0)
// and its copies shifted by whole turns, since unwrapped data reaches past +-180. Each clipped
// piece is shifted back next to the view.
struct ShiftedRect {
  Rect rect;         // in data longitudes
  double shift_deg;  // added to clipped points to bring them next to the view
};

std::vector<ShiftedRect> view_rects(const geo::LonLatBox& view) {
  const double x0 = view.west_deg;
  const double x1 = view.west_deg + geo::lon_span_deg(view);
  std::vector<ShiftedRect> rects;
  for (const double k : {0.0, -360.0, 360.0, -720.0, 720.0}) {
    rects.push_back({{x0 + k, view.south_deg, x1 + k, view.north_deg}, -k});
  }
  return rects;
}

template <typename Points>
void shift(Points& points, double shift_deg) {
  if (shift_deg == 0.0) return;
  for (LonLat& p : points) p.lon_deg += shift_deg;
}

geo::MultiPolygon clip_polygons(const geo::MultiPolygon& polygons,
                                const std::vector<ShiftedRect>& rects) {
  geo::MultiPolygon out;
  for (const ShiftedRect& sr : rects) {
    for (const geo::Polygon& polygon : polygons) {
      if (polygon.rings.empty()) continue;
      const Bounds outer = bounds_of(polygon.rings[0]);
      if (outer.disjoint(sr.rect)) continue;
      geo::Polygon clipped;
      for (const geo::Ring& ring : polygon.rings) {
        const Bounds b = bounds_of(ring);
        if (b.disjoint(sr.rect)) continue;
        geo::Ring piece = b.within(sr.rect) ? ring : densified(clip_ring(ring, sr.rect));
        if (piece.empty()) continue;
        shift(piece, sr.shift_deg);
        clipped.rings.push_back(std::move(piece));
      }
      // A hole without its exterior cannot happen: the exterior contains the hole.
      if (!clipped.rings.empty()) out.push_back(std::move(clipped));
    }
  }
  return out;
}

std::vector<Line> clip_lines(const std::vector<Line>& lines,
                             const std::vector<ShiftedRect>& rects) {
  std::vector<Line> out;
  for (const ShiftedRect& sr : rects) {
    for (const Line& line : lines) {
      const Bounds b = bounds_of(line);
      if (b.disjoint(sr.rect)) continue;
      const std::size_t first = out.size();
      if (b.within(sr.rect)) {
        out.push_back(line);
      } else {
        clip_line(line, sr.rect, out);
      }
      for (std::size_t i = first; i < out.size(); ++i) shift(out[i], sr.shift_deg);
    }
  }
  return out;
}

Basemap decode_basemap(std::string_view text, std::string_view source_name);

}  // namespace

std::string_view to_string(BasemapResolution resolution) {
  switch (resolution) {
    case BasemapResolution::k110m:
      return "110m";
    case BasemapResolution::k50m:
      return "50m";
    case BasemapResolution::k10m:
      return "10m";
  }
  return "110m";
}

BasemapResolution choose_basemap_resolution(double km_per_px) {
  if (km_per_px <= 4.0) return BasemapResolution::k10m;
  if (km_per_px <= 20.0) return BasemapResolution::k50m;
  return BasemapResolution::k110m;
}

std::filesystem::path default_world_atlas_dir() {
  std::filesystem::path cache;
  if (const char* env = std::getenv("INCIDENTMAP_CACHE"); env != nullptr && *env != '\0') {
    cache = env;
  } else if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    cache = std::filesystem::path(home) / ".cache" / "incidentmap";
  }
  return cache / "npm" / "world-atlas-2.0.2";
}

Basemap parse_topojson_basemap(std::string_view text, std::string_view source_name) {
  try {
    return decode_basemap(text, source_name);
  } catch (const json::exception& e) {
    // A member of an unexpected type, e.g. a number where the geometries should be.
    throw BasemapError(std::string(source_name) + ": unexpected TopoJSON content: " + e.what());
  }
}

namespace {

Basemap decode_basemap(std::string_view text, std::string_view source_name) {
  const Topology topology = scan_topology(text, source_name);
  Basemap basemap;

  const json& countries = geometries_of(topology.objects, "countries", source_name);
  // Which countries use each arc: two different ones make a border.
  std::vector<int> first_user(topology.arcs.size(), -1);
  std::vector<bool> shared(topology.arcs.size(), false);
  for (std::size_t c = 0; c < countries.size(); ++c) {
    const json& g = countries[c];
    const auto polygons = polygon_arc_indexes(g, source_name);
    BasemapCountry country;
    if (g.contains("properties") && g["properties"].is_object()) {
      country.name = g["properties"].value("name", "");
    }
    if (g.contains("id"))
      country.id = g["id"].is_string() ? g["id"].get<std::string>() : g["id"].dump();
    country.shape = assemble(polygons, topology.arcs, source_name);
    for (const auto& polygon : polygons) {
      for (const auto& ring : polygon) {
        for (const int index : ring) {
          int& user = first_user[arc_slot(index)];
          if (user == -1)
            user = static_cast<int>(c);
          else if (user != static_cast<int>(c))
            shared[arc_slot(index)] = true;
        }
      }
    }
    basemap.countries.push_back(std::move(country));
  }
  for (std::size_t i = 0; i < topology.arcs.size(); ++i) {
    if (shared[i]) basemap.borders.push_back(topology.arcs[i]);
  }

  const json& land = geometries_of(topology.objects, "land", source_name);
  std::set<std::size_t> coast_arcs;
  for (const json& g : land) {
    const auto polygons = polygon_arc_indexes(g, source_name);
    geo::MultiPolygon shape = assemble(polygons, topology.arcs, source_name);
    for (auto& p : shape) basemap.land.push_back(std::move(p));
    for (const auto& polygon : polygons) {
      for (const auto& ring : polygon) {
        for (const int index : ring) coast_arcs.insert(arc_slot(index));
      }
    }
  }
  for (const std::size_t i : coast_arcs) add_coast_pieces(topology.arcs[i], basemap.coastlines);
  return basemap;
}

}  // namespace

Basemap load_basemap(const std::filesystem::path& world_atlas_dir, BasemapResolution resolution) {
  const std::filesystem::path path =
      world_atlas_dir / ("countries-" + std::string(to_string(resolution)) + ".json");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw BasemapError(path.string() +
                       ": cannot open the Natural Earth basemap (run scripts/setup.sh to fetch "
                       "world-atlas, or pass --basemap-dir)");
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  Basemap basemap = parse_topojson_basemap(buffer.str(), path.string());
  basemap.resolution = std::string(to_string(resolution));
  return basemap;
}

Basemap clip_basemap(const Basemap& basemap, const geo::LonLatBox& view) {
  const std::vector<ShiftedRect> rects = view_rects(view);
  Basemap out;
  out.resolution = basemap.resolution;
  out.land = clip_polygons(basemap.land, rects);
  out.coastlines = clip_lines(basemap.coastlines, rects);
  out.borders = clip_lines(basemap.borders, rects);
  for (const BasemapCountry& country : basemap.countries) {
    geo::MultiPolygon shape = clip_polygons(country.shape, rects);
    if (shape.empty()) continue;
    out.countries.push_back({country.name, country.id, std::move(shape)});
  }
  for (const BasemapArea& area : basemap.admin1) {
    geo::MultiPolygon shape = clip_polygons(area.shape, rects);
    if (!shape.empty()) out.admin1.push_back({area.name, std::move(shape)});
  }
  for (const BasemapTown& town : basemap.towns) {
    for (const ShiftedRect& sr : rects) {
      const geo::LonLat& p = town.position;
      if (p.lon_deg < sr.rect.x0 || p.lon_deg > sr.rect.x1 || p.lat_deg < sr.rect.y0 ||
          p.lat_deg > sr.rect.y1) {
        continue;
      }
      BasemapTown shifted = town;
      shifted.position.lon_deg += sr.shift_deg;
      out.towns.push_back(std::move(shifted));
      break;
    }
  }
  return out;
}

}  // namespace incidentmap
