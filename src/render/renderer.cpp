#include "src/render/renderer.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <unistd.h>
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <system_error>
#include <tuple>
#include <unordered_map>

#include "geo/extent_size.h"
#include "geo/geodesic.h"
#include "geo/projection.h"
#include "incidentmap/version.h"
#include "src/io/atomic_file.h"
#include "src/render/reference_layers.h"
#include "src/text/utf8.h"

namespace incidentmap {

namespace {

using geo::LonLat;
using geo::XY;

// --- look ---------------------------------------------------------------------------------

struct Rgb {
  double r, g, b;
};

constexpr Rgb hex(std::uint32_t v) {
  return {((v >> 16) & 0xff) / 255.0, ((v >> 8) & 0xff) / 255.0, (v & 0xff) / 255.0};
}

constexpr Rgb kPaper = hex(0xffffff);
constexpr Rgb kSea = hex(0xd3e3ee);
constexpr Rgb kLand = hex(0xf5f2eb);
constexpr Rgb kCoast = hex(0x8eaac0);
constexpr Rgb kBorder = hex(0xaaa196);
constexpr Rgb kCountryName = hex(0x9a9286);
constexpr Rgb kAdmin1 = hex(0xcbc2b6);
constexpr Rgb kAdmin1Name = hex(0xaaa196);
constexpr Rgb kTown = hex(0x4a4a4a);
constexpr Rgb kInk = hex(0x222222);
constexpr Rgb kMutedInk = hex(0x555555);
constexpr Rgb kFrame = hex(0x8c8c8c);
constexpr Rgb kMention = hex(0x6f6f6f);
constexpr Rgb kPanelEdge = hex(0xb4b4b4);
constexpr const char* kFont = "DejaVu Sans";
constexpr const char* kPdfDate = "2000-01-01T00:00:00Z";  // fixed: reproducible PDF files

// Strong, distinguishable hues (the d3 "category10" set without its grey, which mentions use),
// given to the event types in legend order.
constexpr std::array<Rgb, 9> kPalette = {hex(0xd62728), hex(0x1f77b4), hex(0xff7f0e),
                                         hex(0x2ca02c), hex(0x9467bd), hex(0x8c564b),
                                         hex(0xe377c2), hex(0x17becf), hex(0xbcbd22)};

// --- geometry in pixels -------------------------------------------------------------------

struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;

  bool intersects(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
  bool inside(const Box& o) const { return x0 >= o.x0 && x1 <= o.x1 && y0 >= o.y0 && y1 <= o.y1; }
  Box inflated(double d) const { return {x0 - d, y0 - d, x1 + d, y1 + d}; }
  double overlap_area(const Box& o) const {
    const double w = std::min(x1, o.x1) - std::max(x0, o.x0);
    const double h = std::min(y1, o.y1) - std::max(y0, o.y0);
    return (w > 0 && h > 0) ? w * h : 0.0;
  }
};

struct Px {
  double x = 0, y = 0;
};

// Sizes scale with the image so a poster and a thumbnail look alike; 1.0 at 1200 x 800.
double scale_for(const MapOptions& options) {
  return std::clamp(std::sqrt(static_cast<double>(options.width_px) * options.height_px) / 980.0,
                    0.75, 3.0);
}

double header_height_px(const MapOptions& options, double s) {
  if (options.title.empty() && options.date_range_text.empty()) return 0.0;
  double h = 14.0 * s;
  if (!options.title.empty()) h += 30.0 * s;
  if (!options.date_range_text.empty()) h += 22.0 * s;
  return std::round(h);
}

Px to_px(const MapView& v, XY p) {
  return {v.frame_x_px + v.frame_width_px / 2.0 + (p.x_m - v.center_x_m) / v.m_per_px,
          v.frame_y_px + v.frame_height_px / 2.0 - (p.y_m - v.center_y_m) / v.m_per_px};
}

XY to_xy(const MapView& v, Px p) {
  return {v.center_x_m + (p.x - v.frame_x_px - v.frame_width_px / 2.0) * v.m_per_px,
          v.center_y_m - (p.y - v.frame_y_px - v.frame_height_px / 2.0) * v.m_per_px};
}

Box frame_box(const MapView& v) {
  return {v.frame_x_px, v.frame_y_px, v.frame_x_px + v.frame_width_px,
          v.frame_y_px + v.frame_height_px};
}

// 1, 2 or 5 times a power of ten, the largest not above v (v > 0).
double round_down_125(double v) {
  const double p = std::pow(10.0, std::floor(std::log10(v)));
  for (const double m : {5.0, 2.0, 1.0}) {
    if (m * p <= v) return m * p;
  }
  return p;
}

std::string format_number(double v) {
  char buf[32];
  if (std::abs(v - std::round(v)) < 1e-9) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%g", v);
  }
  return buf;
}

std::string projection_name(const std::string& crs) {
  if (crs.find("+proj=laea") != std::string::npos) return "Lambert azimuthal equal-area";
  if (crs == "EPSG:8857" || crs.find("+proj=eqearth") != std::string::npos) return "Equal Earth";
  return crs;
}

// --- cairo plumbing -----------------------------------------------------------------------

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDeleter {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using ContextPtr = std::unique_ptr<cairo_t, ContextDeleter>;

void check(cairo_status_t status, const std::string& what) {
  if (status != CAIRO_STATUS_SUCCESS) {
    throw RenderError("cairo: " + what + ": " + cairo_status_to_string(status));
  }
}

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// cairo names SVG groups after a process-wide surface counter ("surface17"), so the same map
// drawn twice in one process differs. Renumbering by first appearance makes the file depend on
// the drawing only.
std::string renumber_svg_surface_ids(const std::string& svg) {
  std::string out;
  out.reserve(svg.size());
  std::map<std::string, int, std::less<>> ids;
  std::size_t pos = 0;
  while (true) {
    const std::size_t hit = svg.find("surface", pos);
    if (hit == std::string::npos) break;
    std::size_t end = hit + 7;
    while (end < svg.size() && svg[end] >= '0' && svg[end] <= '9') ++end;
    const bool is_ref =
        (hit >= 4 && svg.compare(hit - 4, 4, "id=\"") == 0) || (hit >= 1 && svg[hit - 1] == '#');
    if (!is_ref || end == hit + 7) {
      out.append(svg, pos, end - pos);
      pos = end;
      continue;
    }
    const std::string number = svg.substr(hit + 7, end - hit - 7);
    const auto [it, inserted] = ids.try_emplace(number, static_cast<int>(ids.size()) + 1);
    out.append(svg, pos, hit + 7 - pos);
    out += std::to_string(it->second);
    pos = end;
  }
  out.append(svg, pos, std::string::npos);
  return out;
}

void set_colour(cairo_t* cr, Rgb c, double alpha = 1.0) {
  cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha);
}

void set_font(cairo_t* cr, double size_px, bool bold) {
  cairo_select_font_face(cr, kFont, CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size_px);
}

struct TextMetrics {
  double width = 0;   // advance
  double ascent = 0;  // of the font, not the string, so labels line up
  double descent = 0;
  double height() const { return ascent + descent; }
};

TextMetrics measure(cairo_t* cr, const std::string& text) {
  cairo_text_extents_t te;
  cairo_text_extents(cr, text.c_str(), &te);
  cairo_font_extents_t fe;
  cairo_font_extents(cr, &fe);
  return {te.x_advance, fe.ascent, fe.descent};
}

// Text with a white halo so it reads over borders and symbols.
// Without a halo the text is shown as glyphs (SVG and PDF then share one outline per glyph);
// a halo needs the outlines as a path to stroke.
void draw_text(cairo_t* cr, double x, double baseline, const std::string& text, Rgb ink,
               double halo_px) {
  cairo_move_to(cr, x, baseline);
  if (halo_px <= 0) {
    set_colour(cr, ink);
    cairo_show_text(cr, text.c_str());
    return;
  }
  cairo_text_path(cr, text.c_str());
  set_colour(cr, kPaper, 0.9);
  cairo_set_line_width(cr, halo_px);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke_preserve(cr);
  set_colour(cr, ink);
  cairo_fill(cr);
}

// Upper case, letter-spaced with thin spaces (U+2009), as atlases set country names.
std::string spaced_caps(const std::string& text) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (!out.empty()) utf8::append(out, U'\u2009');
    const char32_t cp = utf8::decode(text, pos);
    utf8::append(out, static_cast<char32_t>(utf8proc_toupper(static_cast<utf8proc_int32_t>(cp))));
  }
  return out;
}

// --- the map --------------------------------------------------------------------------------

struct Symbol {
  const MapFeature* feature = nullptr;
  Px at;      // where the symbol is drawn
  Px anchor;  // where the feature is; differs from `at` for symbols moved aside (spread_stacks)
  double radius_px = 0;
  double label_radius_px = 0;  // labels go around this circle at `anchor` (a whole stack)
  Rgb colour{};
  std::string label;  // repaired UTF-8
};

struct PlacedText {
  std::string text;
  double x = 0, baseline = 0;
  Box box;
};

struct LegendEntry {
  std::string text;
  std::optional<Rgb> colour;  // nullopt: the mention ring
};

struct Layout {
  std::vector<Symbol> mentions;   // drawing order
  std::vector<Symbol> incidents;  // drawing order: large first
  std::vector<Px> towns;          // reference town dots, with their labels in town_labels
  std::vector<LegendEntry> categories;
  std::vector<double> size_steps;  // fatalities shown in the size legend
  std::vector<PlacedText> labels;
  std::vector<PlacedText> country_labels;
  std::vector<PlacedText> admin1_labels;
  std::vector<PlacedText> town_labels;
  Box legend;
  bool has_legend = false;
  Box scale_bar;
  double scale_km = 0;
  Box attribution;
  std::string attribution_text;
  int labels_dropped = 0;
};

double symbol_radius(const MapFeature& f, double s) {
  if (!f.is_incident) return 3.5 * s;
  const double v = f.size_value.value_or(0.0);
  const double r = 6.0 + 2.6 * std::sqrt(std::max(0.0, std::isfinite(v) ? v : 0.0));
  return std::min(r, 28.0) * s;
}

// Colours in legend (name) order, so the same set of event types always gets the same colours
// and the strongest hues go first. Beyond nine types the hues repeat.
std::map<std::string, Rgb> category_colours(const std::vector<std::string>& sorted_categories) {
  std::map<std::string, Rgb> out;
  for (std::size_t i = 0; i < sorted_categories.size(); ++i) {
    out[sorted_categories[i]] = kPalette[i % kPalette.size()];
  }
  return out;
}

const char* kMentionLegend = "Place mentioned";
const char* kNoCategory = "Other";

double legend_row_height(double s) { return 19.0 * s; }

// Legend size from its content; the position is chosen later.
Box legend_size(cairo_t* cr, const Layout& layout, const MapOptions& options, double s) {
  const double pad = 10.0 * s;
  double w = 0, h = pad;
  set_font(cr, 12.0 * s, true);
  if (!layout.categories.empty()) {
    w = std::max(w, measure(cr, options.category_legend_title).width);
    h += legend_row_height(s);
  }
  set_font(cr, 12.0 * s, false);
  for (const LegendEntry& e : layout.categories) {
    w = std::max(w, 22.0 * s + measure(cr, e.text).width);
    h += legend_row_height(s);
  }
  if (!layout.size_steps.empty()) {
    set_font(cr, 12.0 * s, true);
    w = std::max(w, measure(cr, options.size_legend_title).width);
    h += 6.0 * s + legend_row_height(s);
    set_font(cr, 12.0 * s, false);
    double row = 0;
    for (const double v : layout.size_steps) {
      const double r = symbol_radius(MapFeature{{}, {}, {}, v, true}, s);
      row += 2 * r + 5.0 * s + measure(cr, format_number(v)).width + 12.0 * s;
    }
    const double r_max = symbol_radius(MapFeature{{}, {}, {}, layout.size_steps.back(), true}, s);
    w = std::max(w, row);
    h += 2 * r_max + 4.0 * s;
  }
  return {0, 0, w + 2 * pad, h + pad - 4.0 * s};
}

std::vector<double> size_steps_for(double max_value) {
  if (!(max_value >= 1.0)) return {};
  std::vector<double> steps{1.0};
  const double top = std::round(max_value);
  if (top >= 10.0) {
    const double mid = round_down_125(top / 3.0);
    if (mid > 1.0 && mid < top) steps.push_back(mid);
  }
  if (top > 1.0) steps.push_back(top);
  return steps;
}

// The eight label positions around a circle of radius r at c, in order of preference: right,
// upper right, lower right, left, upper left, lower left, above, below.
std::array<Px, 8> label_origins(Px c, double r, const TextMetrics& m, double gap) {
  const double d = r * 0.7071;
  const double cx = c.x, cy = c.y;
  const double mid = cy + (m.ascent - m.descent) / 2.0;  // baseline that centres the text
  return {{{cx + r + gap, mid},
           {cx + d + gap * 0.7, cy - d - m.descent},
           {cx + d + gap * 0.7, cy + d + m.ascent},
           {cx - r - gap - m.width, mid},
           {cx - d - gap * 0.7 - m.width, cy - d - m.descent},
           {cx - d - gap * 0.7 - m.width, cy + d + m.ascent},
           {cx - m.width / 2.0, cy - r - gap - m.descent},
           {cx - m.width / 2.0, cy + r + gap + m.ascent}}};
}

// Boxes in a uniform grid of 64 px cells, so that checking a label against thousands of symbols
// and labels looks at the few nearby ones only.
class BoxIndex {
 public:
  // Returns the box's number, for hits(..., ignore).
  int add(const Box& b) {
    const int id = static_cast<int>(boxes_.size());
    boxes_.push_back(b);
    for_cells(b, [&](std::int64_t cell) { cells_[cell].push_back(id); });
    return id;
  }

  // True when b overlaps a stored box other than number `ignore`.
  bool hits(const Box& b, int ignore = -1) const {
    bool hit = false;
    for_cells(b, [&](std::int64_t cell) {
      if (hit) return;
      const auto it = cells_.find(cell);
      if (it == cells_.end()) return;
      for (const int id : it->second) {
        if (id != ignore && boxes_[static_cast<std::size_t>(id)].intersects(b)) {
          hit = true;
          return;
        }
      }
    });
    return hit;
  }

 private:
  static constexpr double kCellPx = 64.0;

  template <typename F>
  static void for_cells(const Box& b, F&& f) {
    const auto cell = [](double v) { return static_cast<std::int64_t>(std::floor(v / kCellPx)); };
    for (std::int64_t cy = cell(b.y0); cy <= cell(b.y1); ++cy) {
      for (std::int64_t cx = cell(b.x0); cx <= cell(b.x1); ++cx) f(cy * 1000003 + cx);
    }
  }

  std::vector<Box> boxes_;
  std::unordered_map<std::int64_t, std::vector<int>> cells_;
};

Box symbol_box(const Symbol& s) {
  return {s.at.x - s.radius_px, s.at.y - s.radius_px, s.at.x + s.radius_px, s.at.y + s.radius_px};
}

// Greedy placement: symbols by size (then label text), each label at the first of its eight
// positions that stays in the frame and clears every other symbol, fixed box and earlier label.
// `taken` holds the fixed boxes and every symbol; placed labels are added to it.
void place_labels(cairo_t* cr, Layout& layout, const MapView& view, BoxIndex& taken,
                  const std::map<const Symbol*, int>& symbol_ids, double s) {
  std::vector<const Symbol*> order;  // incidents are already sorted by size, label, position
  for (const Symbol& sym : layout.incidents) order.push_back(&sym);
  for (const Symbol& sym : layout.mentions) order.push_back(&sym);
  const Box frame = frame_box(view).inflated(-3.0 * s);
  const double pad = 1.5 * s;
  // The same name at the same spot (several incidents in one town) is labelled once.
  std::set<std::tuple<std::string, long, long>> seen;
  set_font(cr, 12.5 * s, false);
  for (const Symbol* sym : order) {
    if (sym->label.empty()) continue;
    if (!seen.emplace(sym->label, std::lround(sym->anchor.x), std::lround(sym->anchor.y)).second) {
      continue;
    }
    const TextMetrics m = measure(cr, sym->label);
    bool placed = false;
    for (const Px origin : label_origins(sym->anchor, sym->label_radius_px, m, 3.0 * s)) {
      const Box box{origin.x, origin.y - m.ascent, origin.x + m.width, origin.y + m.descent};
      const Box padded = box.inflated(pad);
      if (!padded.inside(frame) || taken.hits(padded, symbol_ids.at(sym))) continue;
      layout.labels.push_back({sym->label, origin.x, origin.y, box});
      taken.add(padded);
      placed = true;
      break;
    }
    if (!placed) ++layout.labels_dropped;
  }
}

// Signed area and centroid of a ring in pixels.
struct RingStats {
  double area = 0;
  Px centroid;
};

RingStats ring_stats(const std::vector<Px>& pts) {
  double a = 0, cx = 0, cy = 0;
  for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
    const double cross = pts[i].x * pts[i + 1].y - pts[i + 1].x * pts[i].y;
    a += cross;
    cx += (pts[i].x + pts[i + 1].x) * cross;
    cy += (pts[i].y + pts[i + 1].y) * cross;
  }
  if (a == 0) return {};
  return {std::abs(a / 2.0), {cx / (3.0 * a), cy / (3.0 * a)}};
}

bool point_in_ring(Px p, const std::vector<Px>& ring) {
  bool in = false;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    if ((ring[i].y > p.y) != (ring[j].y > p.y) &&
        p.x < (ring[j].x - ring[i].x) * (p.y - ring[i].y) / (ring[j].y - ring[i].y) + ring[i].x) {
      in = !in;
    }
  }
  return in;
}

std::vector<Px> project_ring(const geo::Projection& proj, const MapView& view,
                             const std::vector<LonLat>& ring) {
  std::vector<Px> out;
  out.reserve(ring.size());
  for (const XY& xy : proj.forward_all(ring)) {
    if (std::isfinite(xy.x_m)) out.push_back(to_px(view, xy));
  }
  return out;
}

struct NamedShape {
  const std::string* name;
  const geo::MultiPolygon* shape;
};

// Area names (countries, admin-1 areas) in spaced capitals at the centroid of each area's
// largest visible part, biggest areas first, where they fit inside that part and clear
// everything placed before. font_px is the text size.
void place_area_labels(cairo_t* cr, const std::vector<NamedShape>& areas, double font_px,
                       const MapView& view, const geo::Projection& proj, BoxIndex& taken,
                       std::vector<PlacedText>& out, double s) {
  struct Candidate {
    double area;
    Px at;
    std::vector<Px> ring;
    std::string name;
  };
  std::vector<Candidate> candidates;
  const Box frame = frame_box(view).inflated(-6.0 * s);
  for (const NamedShape& named : areas) {
    if (named.name->empty()) continue;
    Candidate best{0, {}, {}, {}};
    for (const geo::Polygon& polygon : *named.shape) {
      if (polygon.rings.empty()) continue;
      std::vector<Px> ring = project_ring(proj, view, polygon.rings[0]);
      if (ring.size() < 4) continue;
      const RingStats st = ring_stats(ring);
      if (st.area > best.area) best = {st.area, st.centroid, std::move(ring), {}};
    }
    if (best.area <= 0) continue;
    best.name = spaced_caps(utf8::repair(*named.name));
    candidates.push_back(std::move(best));
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.area > b.area; });
  set_font(cr, font_px, false);
  for (const Candidate& c : candidates) {
    const TextMetrics m = measure(cr, c.name);
    if (m.width * m.height() * 6.0 > c.area) continue;  // the name would swamp the country
    const double x = c.at.x - m.width / 2.0;
    const double baseline = c.at.y + (m.ascent - m.descent) / 2.0;
    const Box box{x, baseline - m.ascent, x + m.width, baseline + m.descent};
    if (!box.inside(frame) || taken.hits(box.inflated(4.0 * s))) continue;
    // All four corners inside the country, so the name does not sit on a neighbour.
    const std::array<Px, 4> corners = {
        {{box.x0, box.y0}, {box.x1, box.y0}, {box.x0, box.y1}, {box.x1, box.y1}}};
    if (!std::all_of(corners.begin(), corners.end(),
                     [&](Px p) { return point_in_ring(p, c.ring); })) {
      continue;
    }
    out.push_back({c.name, x, baseline, box});
    taken.add(box.inflated(4.0 * s));
  }
}

// Reference towns: a dot and the name beside it, in the basemap's priority order, each only
// where dot and name clear everything placed before. A town close to one of higher priority
// (a suburb of a capital) is left out even when that one could not be placed, so that it never
// stands in for it. `capitals` picks the national capitals, placed before the incident labels as
// the reader's first point of orientation, or all other towns, placed after them.
void place_towns(cairo_t* cr, Layout& layout, const MapView& view, const geo::Projection& proj,
                 const Basemap& basemap, BoxIndex& taken, bool capitals, double s) {
  constexpr std::size_t kMaxTowns = 40;
  const Box frame = frame_box(view).inflated(-3.0 * s);
  const double dot_r = 2.2 * s;
  const double near_px = 30.0 * s;
  std::vector<LonLat> positions;
  for (const BasemapTown& t : basemap.towns) positions.push_back(t.position);
  const std::vector<XY> projected = proj.forward_all(positions);
  std::vector<Px> considered;
  set_font(cr, 11.0 * s, false);
  for (std::size_t i = 0; i < basemap.towns.size() && layout.towns.size() < kMaxTowns; ++i) {
    if (!std::isfinite(projected[i].x_m)) continue;
    const Px at = to_px(view, projected[i]);
    const Box dot = Box{at.x - dot_r, at.y - dot_r, at.x + dot_r, at.y + dot_r}.inflated(1.5 * s);
    if (!dot.inside(frame)) continue;
    if (std::any_of(considered.begin(), considered.end(),
                    [&](Px q) { return std::hypot(at.x - q.x, at.y - q.y) < near_px; })) {
      continue;
    }
    considered.push_back(at);
    if (basemap.towns[i].capital != capitals || taken.hits(dot)) continue;
    const std::string name = utf8::repair(basemap.towns[i].name);
    const TextMetrics m = measure(cr, name);
    for (const Px origin : label_origins(at, dot_r, m, 2.5 * s)) {
      const Box box{origin.x, origin.y - m.ascent, origin.x + m.width, origin.y + m.descent};
      const Box padded = box.inflated(2.0 * s);
      if (!padded.inside(frame) || taken.hits(padded)) continue;
      layout.towns.push_back(at);
      layout.town_labels.push_back({name, origin.x, origin.y, box});
      taken.add(dot);
      taken.add(padded);
      break;
    }
  }
}

// Several incidents at one place would hide each other under the largest: a symbol whose
// centre lies within its own radius of an earlier (larger or equal) symbol's centre joins that
// symbol's stack. The first of a stack stays on its place and the others are packed around it,
// each at the free spot nearest to it (trying rings of growing distance, each from the top
// clockwise), so that every one shows and the stack stays compact. `incidents` is in drawing
// order (largest first), which fixes both the stacks and the packing order.
void spread_stacks(std::vector<Symbol>& incidents, double s) {
  std::vector<std::vector<std::size_t>> stacks;
  // Stacks by the grid cell of their first symbol; a joining symbol's radius (at most 28 s) is
  // below the cell size, so the 3 x 3 cells around it hold every stack it may join.
  const double cell_px = 32.0 * s;
  const auto cell_of = [&](Px p) {
    return std::pair(static_cast<long>(std::floor(p.x / cell_px)),
                     static_cast<long>(std::floor(p.y / cell_px)));
  };
  std::map<std::pair<long, long>, std::vector<std::size_t>> stacks_in_cell;
  for (std::size_t i = 0; i < incidents.size(); ++i) {
    const Px at = incidents[i].at;
    const auto [cx, cy] = cell_of(at);
    std::optional<std::size_t> join;
    for (long dy = -1; dy <= 1; ++dy) {
      for (long dx = -1; dx <= 1; ++dx) {
        const auto it = stacks_in_cell.find({cx + dx, cy + dy});
        if (it == stacks_in_cell.end()) continue;
        for (const std::size_t k : it->second) {
          const Px c = incidents[stacks[k].front()].at;
          if (std::hypot(at.x - c.x, at.y - c.y) < incidents[i].radius_px && (!join || k < *join)) {
            join = k;
          }
        }
      }
    }
    if (join) {
      stacks[*join].push_back(i);
    } else {
      stacks_in_cell[{cx, cy}].push_back(stacks.size());
      stacks.push_back({i});
    }
  }
  const double gap = 1.5 * s;
  for (const std::vector<std::size_t>& members : stacks) {
    if (members.size() < 2) continue;
    const Symbol& centre = incidents[members[0]];
    std::vector<const Symbol*> placed = {&centre};
    double extent = centre.radius_px;
    for (std::size_t k = 1; k < members.size(); ++k) {
      Symbol& sym = incidents[members[k]];
      const double r = sym.radius_px;
      bool found = false;
      for (double d = centre.radius_px + r + gap; !found; d += 0.5 * r) {
        const int steps = std::max(6, static_cast<int>(std::ceil(2.0 * M_PI * d / r)));
        for (int j = 0; j < steps && !found; ++j) {
          const double angle = -M_PI / 2.0 + 2.0 * M_PI * j / steps;
          const Px p{centre.at.x + d * std::cos(angle), centre.at.y + d * std::sin(angle)};
          found = std::all_of(placed.begin(), placed.end(), [&](const Symbol* q) {
            return std::hypot(p.x - q->at.x, p.y - q->at.y) >= r + q->radius_px + gap;
          });
          if (found) {
            sym.at = p;
            extent = std::max(extent, d + r);
          }
        }
      }
      placed.push_back(&sym);
    }
    for (const std::size_t k : members) incidents[k].label_radius_px = extent;
  }
}

// The legend goes to the corner that hides the least of the symbols; ties keep the order
// top right, top left, bottom right, bottom left.
Box place_legend(const Box& size, const std::vector<Symbol>& symbols, const MapView& view,
                 const Box& scale_bar, const Box& attribution, double s) {
  const Box f = frame_box(view);
  const double m = 10.0 * s;
  const double w = size.x1 - size.x0;
  const double h = size.y1 - size.y0;
  const std::array<Box, 4> corners = {{
      {f.x1 - m - w, f.y0 + m, f.x1 - m, f.y0 + m + h},
      {f.x0 + m, f.y0 + m, f.x0 + m + w, f.y0 + m + h},
      {f.x1 - m - w, attribution.y0 - m - h, f.x1 - m, attribution.y0 - m},
      {f.x0 + m, scale_bar.y0 - m - h, f.x0 + m + w, scale_bar.y0 - m},
  }};
  Box best = corners[0];
  double best_cost = -1;
  for (const Box& c : corners) {
    double cost = 0;
    for (const Symbol& sym : symbols) cost += c.overlap_area(symbol_box(sym).inflated(8.0 * s));
    if (best_cost < 0 || cost < best_cost) {
      best_cost = cost;
      best = c;
    }
  }
  return best;
}

Layout build_layout(cairo_t* cr, const std::vector<MapFeature>& features, const MapOptions& options,
                    const MapView& view, const geo::Projection& proj, const Basemap& basemap,
                    double s, RenderedMap& stats) {
  Layout layout;
  const Box frame = frame_box(view);
  std::vector<std::string> categories;
  double max_size = 0;
  std::vector<const MapFeature*> visible;
  for (const MapFeature& f : features) {
    if (!geo::is_valid(f.position)) {
      ++stats.features_skipped;
      continue;
    }
    visible.push_back(&f);
  }
  std::vector<LonLat> positions;
  for (const MapFeature* f : visible) positions.push_back(f->position);
  const std::vector<XY> projected = proj.forward_all(positions);
  std::vector<Symbol> symbols;
  for (std::size_t i = 0; i < visible.size(); ++i) {
    const MapFeature& f = *visible[i];
    if (!std::isfinite(projected[i].x_m)) continue;
    const Px at = to_px(view, projected[i]);
    if (at.x < frame.x0 || at.x > frame.x1 || at.y < frame.y0 || at.y > frame.y1) continue;
    ++stats.features_drawn;
    const double radius = symbol_radius(f, s);
    Symbol sym{&f, at, at, radius, radius, kMention, utf8::repair(f.label)};
    if (f.is_incident) {
      const std::string category = f.category.empty() ? kNoCategory : utf8::repair(f.category);
      categories.push_back(category);
      if (f.size_value && std::isfinite(*f.size_value))
        max_size = std::max(max_size, *f.size_value);
      layout.incidents.push_back(std::move(sym));
    } else {
      layout.mentions.push_back(std::move(sym));
    }
  }
  std::sort(categories.begin(), categories.end());
  categories.erase(std::unique(categories.begin(), categories.end()), categories.end());
  const auto colours = category_colours(categories);
  for (Symbol& sym : layout.incidents) {
    const std::string category =
        sym.feature->category.empty() ? kNoCategory : utf8::repair(sym.feature->category);
    sym.colour = colours.at(category);
  }
  for (const std::string& c : categories) layout.categories.push_back({c, colours.at(c)});
  if (!layout.mentions.empty()) layout.categories.push_back({kMentionLegend, std::nullopt});
  layout.size_steps = size_steps_for(max_size);

  // Drawing order: big symbols first so small ones stay visible on top; ties by label and
  // position so the output does not depend on input order.
  const auto by_size = [](const Symbol& a, const Symbol& b) {
    if (a.radius_px != b.radius_px) return a.radius_px > b.radius_px;
    if (a.label != b.label) return a.label < b.label;
    if (a.at.x != b.at.x) return a.at.x < b.at.x;
    if (a.at.y != b.at.y) return a.at.y < b.at.y;
    return a.feature->category < b.feature->category;
  };
  std::stable_sort(layout.incidents.begin(), layout.incidents.end(), by_size);
  std::stable_sort(layout.mentions.begin(), layout.mentions.end(), by_size);
  spread_stacks(layout.incidents, s);

  // Footer: scale bar bottom left, attribution bottom right.
  const double m = 10.0 * s;
  // A world map's scale changes across it: a bar measured at the centre would mislead.
  layout.scale_km = view.km_per_px > 0 && !geo::is_near_global(view.extent)
                        ? round_down_125(view.km_per_px * view.frame_width_px / 5.0)
                        : 0.0;
  set_font(cr, 11.0 * s, false);
  const double scale_len = view.km_per_px > 0 ? layout.scale_km / view.km_per_px : 0.0;
  const TextMetrics scale_text = measure(cr, format_number(layout.scale_km) + " km");
  layout.scale_bar = {frame.x0 + m, frame.y1 - m - 26.0 * s,
                      frame.x0 + m + scale_len + scale_text.width / 2.0 + 16.0 * s, frame.y1 - m};
  set_font(cr, 10.0 * s, false);
  layout.attribution_text = options.attribution;
  const std::string projection = projection_name(view.crs);
  if (!projection.empty()) {
    layout.attribution_text += (layout.attribution_text.empty() ? "" : " · ") + projection;
  }
  const TextMetrics attr = measure(cr, layout.attribution_text);
  layout.attribution = {frame.x1 - m - attr.width - 10.0 * s,
                        frame.y1 - m - attr.height() - 6.0 * s, frame.x1 - m, frame.y1 - m};

  std::vector<Symbol> all = layout.incidents;
  all.insert(all.end(), layout.mentions.begin(), layout.mentions.end());
  std::vector<Box> fixed = {layout.scale_bar, layout.attribution};
  layout.has_legend = !layout.categories.empty() || !layout.size_steps.empty();
  if (layout.has_legend) {
    layout.legend = place_legend(legend_size(cr, layout, options, s), all, view, layout.scale_bar,
                                 layout.attribution, s);
    fixed.push_back(layout.legend);
  }
  BoxIndex taken;
  for (const Box& b : fixed) taken.add(b);
  std::map<const Symbol*, int> symbol_ids;
  for (const Symbol& sym : layout.incidents) symbol_ids[&sym] = taken.add(symbol_box(sym));
  for (const Symbol& sym : layout.mentions) symbol_ids[&sym] = taken.add(symbol_box(sym));
  place_towns(cr, layout, view, proj, basemap, taken, /*capitals=*/true, s);
  if (options.show_labels) place_labels(cr, layout, view, taken, symbol_ids, s);
  stats.labels_placed = static_cast<int>(layout.labels.size());
  stats.labels_dropped = layout.labels_dropped;
  // Other towns, then country and admin-1 names: they give way to everything about the
  // incidents.
  place_towns(cr, layout, view, proj, basemap, taken, /*capitals=*/false, s);
  std::vector<NamedShape> countries, admin1;
  for (const BasemapCountry& c : basemap.countries) countries.push_back({&c.name, &c.shape});
  for (const BasemapArea& a : basemap.admin1) admin1.push_back({&a.name, &a.shape});
  place_area_labels(cr, countries, 11.0 * s, view, proj, taken, layout.country_labels, s);
  place_area_labels(cr, admin1, 9.5 * s, view, proj, taken, layout.admin1_labels, s);
  return layout;
}

// --- drawing ----------------------------------------------------------------------------------

// Adds one projected polyline to the current path; a point PROJ cannot project breaks it.
void add_path(cairo_t* cr, const geo::Projection& proj, const MapView& view,
              const std::vector<LonLat>& points, bool closed) {
  bool started = false;
  for (const XY& xy : proj.forward_all(points)) {
    if (!std::isfinite(xy.x_m)) {
      started = false;
      continue;
    }
    const Px p = to_px(view, xy);
    if (started) {
      cairo_line_to(cr, p.x, p.y);
    } else {
      cairo_move_to(cr, p.x, p.y);
      started = true;
    }
  }
  if (closed && started) cairo_close_path(cr);
}

void path_rings(cairo_t* cr, const geo::Projection& proj, const MapView& view,
                const geo::MultiPolygon& polygons) {
  for (const geo::Polygon& polygon : polygons) {
    for (const geo::Ring& ring : polygon.rings) add_path(cr, proj, view, ring, true);
  }
}

void path_lines(cairo_t* cr, const geo::Projection& proj, const MapView& view,
                const std::vector<Line>& lines) {
  for (const Line& line : lines) add_path(cr, proj, view, line, false);
}

void draw_basemap(cairo_t* cr, const geo::Projection& proj, const MapView& view,
                  const Basemap& basemap, double s) {
  const Box f = frame_box(view);
  cairo_rectangle(cr, f.x0, f.y0, f.x1 - f.x0, f.y1 - f.y0);
  if (geo::is_near_global(view.extent)) {
    // A world map shows the globe's outline; outside it is paper, not sea.
    set_colour(cr, kPaper);
    cairo_fill(cr);
    const double lon_0 = geo::global_central_meridian_deg(view.extent);
    Line outline;
    for (int i = 0; i <= 180; ++i) outline.push_back({lon_0 - 180.0 + 1e-7, -90.0 + i});
    for (int i = 0; i <= 180; ++i) outline.push_back({lon_0 + 180.0 - 1e-7, 90.0 - i});
    path_rings(cr, proj, view, {geo::Polygon{{outline}}});
    set_colour(cr, kSea);
    cairo_fill_preserve(cr);
    set_colour(cr, kCoast);
    cairo_set_line_width(cr, 0.8 * s);
    cairo_stroke(cr);
  } else {
    set_colour(cr, kSea);
    cairo_fill(cr);
  }
  // One path for all land: adjacent polygons filled together leave no anti-aliasing seams.
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
  path_rings(cr, proj, view, basemap.land);
  set_colour(cr, kLand);
  if (basemap.admin1.empty()) {
    cairo_fill(cr);
  } else {
    // Admin-1 outlines inside the land only: their simplified coasts would otherwise stray
    // over the sea beside Natural Earth's own coastline. Solid, not dashed: a border shared by
    // two areas is stroked twice, and two dash phases would fill each other's gaps.
    cairo_fill_preserve(cr);
    cairo_save(cr);
    cairo_clip(cr);
    for (const BasemapArea& area : basemap.admin1) path_rings(cr, proj, view, area.shape);
    set_colour(cr, kAdmin1);
    cairo_set_line_width(cr, 0.6 * s);
    cairo_stroke(cr);
    cairo_restore(cr);
  }
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  path_lines(cr, proj, view, basemap.borders);
  set_colour(cr, kBorder);
  cairo_set_line_width(cr, 0.9 * s);
  cairo_stroke(cr);
  path_lines(cr, proj, view, basemap.coastlines);
  set_colour(cr, kCoast);
  cairo_set_line_width(cr, 0.8 * s);
  cairo_stroke(cr);
}

void draw_symbol(cairo_t* cr, const Symbol& sym, double s) {
  cairo_new_sub_path(cr);
  cairo_arc(cr, sym.at.x, sym.at.y, sym.radius_px, 0, 2 * M_PI);
  if (sym.feature->is_incident) {
    set_colour(cr, sym.colour, 0.88);
    cairo_fill_preserve(cr);
    set_colour(cr, kPaper);
    cairo_set_line_width(cr, 1.3 * s);
    cairo_stroke(cr);
  } else {
    set_colour(cr, kPaper, 0.8);
    cairo_fill_preserve(cr);
    set_colour(cr, kMention);
    cairo_set_line_width(cr, 1.4 * s);
    cairo_stroke(cr);
  }
}

void draw_panel(cairo_t* cr, const Box& b, double s) {
  cairo_rectangle(cr, b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0);
  set_colour(cr, kPaper, 0.9);
  cairo_fill_preserve(cr);
  set_colour(cr, kPanelEdge);
  cairo_set_line_width(cr, 0.8 * s);
  cairo_stroke(cr);
}

void draw_legend(cairo_t* cr, const Layout& layout, const MapOptions& options, double s) {
  if (!layout.has_legend) return;
  const Box& b = layout.legend;
  draw_panel(cr, b, s);
  const double pad = 10.0 * s;
  const double row = legend_row_height(s);
  double y = b.y0 + pad;  // top of the current row
  const auto baseline = [&](double top) { return top + row / 2.0 + 4.0 * s; };
  if (!layout.categories.empty()) {
    set_font(cr, 12.0 * s, true);
    draw_text(cr, b.x0 + pad, baseline(y), options.category_legend_title, kInk, 0);
    y += row;
    set_font(cr, 12.0 * s, false);
    for (const LegendEntry& e : layout.categories) {
      const MapFeature swatch{{}, {}, {}, std::nullopt, e.colour.has_value()};
      const Px at{b.x0 + pad + 7.0 * s, y + row / 2.0};
      Symbol sym{&swatch, at, at, 6.0 * s, 6.0 * s, e.colour.value_or(kMention), {}};
      if (!e.colour) sym.radius_px = 3.5 * s;
      draw_symbol(cr, sym, s);
      draw_text(cr, b.x0 + pad + 22.0 * s, baseline(y), e.text, kInk, 0);
      y += row;
    }
  }
  if (!layout.size_steps.empty()) {
    y += 6.0 * s;
    set_font(cr, 12.0 * s, true);
    draw_text(cr, b.x0 + pad, baseline(y), options.size_legend_title, kInk, 0);
    y += row;
    set_font(cr, 12.0 * s, false);
    const double r_max = symbol_radius(MapFeature{{}, {}, {}, layout.size_steps.back(), true}, s);
    const double cy_bottom = y + 2 * r_max;  // circles stand on a common baseline
    double x = b.x0 + pad;
    for (const double v : layout.size_steps) {
      const double r = symbol_radius(MapFeature{{}, {}, {}, v, true}, s);
      cairo_new_sub_path(cr);
      cairo_arc(cr, x + r, cy_bottom - r, r, 0, 2 * M_PI);
      set_colour(cr, kMutedInk, 0.12);
      cairo_fill_preserve(cr);
      set_colour(cr, kMutedInk);
      cairo_set_line_width(cr, 1.0 * s);
      cairo_stroke(cr);
      const std::string text = format_number(v);
      const TextMetrics m = measure(cr, text);
      draw_text(cr, x + 2 * r + 5.0 * s, cy_bottom - r + (m.ascent - m.descent) / 2.0, text, kInk,
                0);
      x += 2 * r + 5.0 * s + measure(cr, text).width + 12.0 * s;
    }
  }
}

void draw_scale_bar(cairo_t* cr, const Layout& layout, const MapView& view, double s) {
  if (layout.scale_km <= 0) return;
  const Box& b = layout.scale_bar;
  cairo_rectangle(cr, b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0);
  set_colour(cr, kPaper, 0.8);
  cairo_fill(cr);
  const double len = layout.scale_km / view.km_per_px;
  const double x0 = b.x0 + 8.0 * s;
  const double y_bar = b.y1 - 9.0 * s;
  const double h = 4.0 * s;
  for (int i = 0; i < 4; ++i) {
    cairo_rectangle(cr, x0 + len * i / 4.0, y_bar, len / 4.0, h);
    set_colour(cr, i % 2 == 0 ? kInk : kPaper);
    cairo_fill(cr);
  }
  cairo_rectangle(cr, x0, y_bar, len, h);
  set_colour(cr, kInk);
  cairo_set_line_width(cr, 0.8 * s);
  cairo_stroke(cr);
  set_font(cr, 11.0 * s, false);
  const auto label = [&](double x, const std::string& text) {
    const TextMetrics m = measure(cr, text);
    draw_text(cr, x - m.width / 2.0, y_bar - 4.0 * s, text, kInk, 0);
  };
  label(x0, "0");
  label(x0 + len / 2.0, format_number(layout.scale_km / 2.0));
  const std::string end = format_number(layout.scale_km) + " km";
  const TextMetrics m_num = measure(cr, format_number(layout.scale_km));
  draw_text(cr, x0 + len - m_num.width / 2.0, y_bar - 4.0 * s, end, kInk, 0);
}

// cairo refuses invalid UTF-8 (and the context stays in error), so all text is repaired once.
MapOptions with_valid_text(const MapOptions& in) {
  MapOptions out = in;
  for (std::string* text : {&out.title, &out.date_range_text, &out.attribution,
                            &out.size_legend_title, &out.category_legend_title}) {
    *text = utf8::repair(*text);
  }
  return out;
}

void draw_map(cairo_t* cr, const std::vector<MapFeature>& features, const MapOptions& raw_options,
              const MapView& view, const Basemap& basemap, RenderedMap& stats) {
  const MapOptions options = with_valid_text(raw_options);
  const double s = scale_for(options);
  cairo_font_options_t* fo = cairo_font_options_create();
  // Same glyph metrics on raster and vector surfaces, so labels land in the same places.
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  cairo_set_font_options(cr, fo);
  cairo_font_options_destroy(fo);

  const geo::Projection proj(view.crs);
  const Layout layout = build_layout(cr, features, options, view, proj, basemap, s, stats);

  set_colour(cr, kPaper);
  cairo_paint(cr);

  const Box f = frame_box(view);
  cairo_save(cr);
  cairo_rectangle(cr, f.x0, f.y0, f.x1 - f.x0, f.y1 - f.y0);
  cairo_clip(cr);
  draw_basemap(cr, proj, view, basemap, s);
  set_font(cr, 11.0 * s, false);
  for (const PlacedText& t : layout.country_labels) {
    draw_text(cr, t.x, t.baseline, t.text, kCountryName, 0);
  }
  set_font(cr, 9.5 * s, false);
  for (const PlacedText& t : layout.admin1_labels) {
    draw_text(cr, t.x, t.baseline, t.text, kAdmin1Name, 0);
  }
  for (const Px& p : layout.towns) {
    cairo_new_sub_path(cr);
    cairo_arc(cr, p.x, p.y, 2.2 * s, 0, 2 * M_PI);
    set_colour(cr, kTown);
    cairo_fill_preserve(cr);
    set_colour(cr, kPaper);
    cairo_set_line_width(cr, 0.8 * s);
    cairo_stroke(cr);
  }
  set_font(cr, 11.0 * s, false);
  for (const PlacedText& t : layout.town_labels) {
    draw_text(cr, t.x, t.baseline, t.text, kTown, 2.0 * s);
  }
  for (const Symbol& sym : layout.mentions) draw_symbol(cr, sym, s);
  for (const Symbol& sym : layout.incidents) draw_symbol(cr, sym, s);
  set_font(cr, 12.5 * s, false);
  for (const PlacedText& t : layout.labels) draw_text(cr, t.x, t.baseline, t.text, kInk, 3.0 * s);
  draw_legend(cr, layout, options, s);
  draw_scale_bar(cr, layout, view, s);
  if (!layout.attribution_text.empty()) {
    const Box& a = layout.attribution;
    cairo_rectangle(cr, a.x0, a.y0, a.x1 - a.x0, a.y1 - a.y0);
    set_colour(cr, kPaper, 0.8);
    cairo_fill(cr);
    set_font(cr, 10.0 * s, false);
    const TextMetrics m = measure(cr, layout.attribution_text);
    draw_text(cr, a.x0 + 5.0 * s, a.y1 - 3.0 * s - m.descent, layout.attribution_text, kMutedInk,
              0);
  }
  cairo_restore(cr);

  cairo_rectangle(cr, f.x0 + 0.5, f.y0 + 0.5, f.x1 - f.x0 - 1.0, f.y1 - f.y0 - 1.0);
  set_colour(cr, kFrame);
  cairo_set_line_width(cr, 1.0);
  cairo_stroke(cr);

  double y = 0;
  if (!options.title.empty()) {
    set_font(cr, 22.0 * s, true);
    y = 10.0 * s + measure(cr, options.title).ascent;
    draw_text(cr, 14.0 * s, y, options.title, kInk, 0);
  }
  if (!options.date_range_text.empty()) {
    set_font(cr, 14.0 * s, false);
    y += (y == 0 ? 10.0 * s : 8.0 * s) + measure(cr, options.date_range_text).ascent;
    draw_text(cr, 14.0 * s, y, options.date_range_text, kMutedInk, 0);
  }
}

}  // namespace

MapView compute_map_view(const std::vector<MapFeature>& features, const MapOptions& options) {
  constexpr int kMinSidePx = 64;
  constexpr int kMaxSidePx = 20000;
  if (options.width_px < kMinSidePx || options.height_px < kMinSidePx ||
      options.width_px > kMaxSidePx || options.height_px > kMaxSidePx) {
    throw RenderError("map size " + std::to_string(options.width_px) + " x " +
                      std::to_string(options.height_px) + " px is outside 64..20000 px");
  }
  MapView view;
  if (options.bbox) {
    if (!geo::is_valid(*options.bbox)) throw RenderError("the map bbox is not a valid box");
    view.extent = *options.bbox;
  } else {
    std::vector<LonLat> points;
    for (const MapFeature& f : features) {
      if (geo::is_valid(f.position)) points.push_back(f.position);
    }
    if (points.empty()) throw RenderError("nothing to map: no feature has a valid position");
    view.extent = geo::box_around(points, options.padding_fraction, options.min_extent_km);
  }
  view.crs = geo::choose_map_projection(view.extent);
  const geo::Projection proj(view.crs);

  const double s = scale_for(options);
  view.frame_x_px = 0;
  view.frame_y_px = header_height_px(options, s);
  view.frame_width_px = options.width_px;
  view.frame_height_px = options.height_px - view.frame_y_px;
  if (view.frame_height_px < 32) {
    throw RenderError("a map " + std::to_string(options.height_px) +
                      " px high leaves no room below the title; make it higher");
  }

  // The extent sampled on a grid, not just its outline: parallels and meridians curve, and a
  // world map is widest at the equator, inside the box.
  const geo::LonLatBox& e = view.extent;
  const bool global = geo::is_near_global(e);
  const double lon_span = geo::lon_span_deg(e);
  const double west = global && geo::lon_span_deg(e) >= 360.0
                          ? geo::global_central_meridian_deg(e) - 180.0 + 1e-9
                          : e.west_deg;
  const double span = lon_span >= 360.0 ? 360.0 - 2e-9 : lon_span;
  std::vector<LonLat> grid;
  constexpr int kSamples = 64;
  for (int i = 0; i <= kSamples; ++i) {
    for (int j = 0; j <= kSamples; ++j) {
      grid.push_back(
          {west + span * i / kSamples, e.south_deg + (e.north_deg - e.south_deg) * j / kSamples});
    }
  }
  double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
  for (const XY& xy : proj.forward_all(grid)) {
    if (!std::isfinite(xy.x_m)) continue;
    x0 = std::min(x0, xy.x_m);
    x1 = std::max(x1, xy.x_m);
    y0 = std::min(y0, xy.y_m);
    y1 = std::max(y1, xy.y_m);
  }
  if (!(x1 > x0) && !(y1 > y0)) throw RenderError("the map extent does not project to an area");
  // A margin keeps symbols at the edge of the extent whole.
  const double margin = std::min(14.0 * s, view.frame_height_px / 4.0);
  view.m_per_px = std::max((x1 - x0) / (view.frame_width_px - 2 * margin),
                           (y1 - y0) / (view.frame_height_px - 2 * margin));
  view.center_x_m = (x0 + x1) / 2.0;
  view.center_y_m = (y0 + y1) / 2.0;
  if (global) {
    // Height the aspect adds goes to the map, not to blank paper beyond a pole: the frame stays
    // between the poles (lines at +-y in Equal Earth) wherever it is shorter than the globe.
    const double pole_y = proj.forward({geo::global_central_meridian_deg(e), 90.0}).y_m;
    const double half_m = view.frame_height_px / 2.0 * view.m_per_px;
    if (std::isfinite(pole_y) && pole_y > 0) {
      view.center_y_m =
          half_m >= pole_y ? 0.0 : std::clamp(view.center_y_m, half_m - pole_y, pole_y - half_m);
    }
  }

  // What the frame shows, in lon/lat, for clipping the basemap.
  if (global) {
    const double lon_0 = geo::global_central_meridian_deg(e);
    view.visible = lon_0 == 0.0 ? geo::LonLatBox{-180, -90, 180, 90}
                                : geo::LonLatBox{geo::normalize_lon_deg(lon_0 - 180.0 + 1e-7), -90,
                                                 geo::normalize_lon_deg(lon_0 + 180.0 - 1e-7), 90};
  } else {
    const LonLat c = geo::center(e);
    double lon_lo = 1e300, lon_hi = -1e300, lat_lo = 90, lat_hi = -90;
    bool whole = false;
    const Box f = frame_box(view);
    for (int i = 0; i <= kSamples && !whole; ++i) {
      const double t = static_cast<double>(i) / kSamples;
      for (const Px p : {Px{f.x0 + (f.x1 - f.x0) * t, f.y0}, Px{f.x0 + (f.x1 - f.x0) * t, f.y1},
                         Px{f.x0, f.y0 + (f.y1 - f.y0) * t}, Px{f.x1, f.y0 + (f.y1 - f.y0) * t}}) {
        try {
          const LonLat ll = proj.inverse(to_xy(view, p));
          const double lon = c.lon_deg + geo::normalize_lon_deg(ll.lon_deg - c.lon_deg);
          lon_lo = std::min(lon_lo, lon);
          lon_hi = std::max(lon_hi, lon);
          lat_lo = std::min(lat_lo, ll.lat_deg);
          lat_hi = std::max(lat_hi, ll.lat_deg);
        } catch (const geo::GeoError&) {
          whole = true;  // the frame reaches past the edge of the projected globe
          break;
        }
      }
    }
    // A pole inside the frame: every longitude is visible beyond it.
    for (const double pole : {90.0, -90.0}) {
      const Px p = to_px(view, proj.forward({c.lon_deg, pole}));
      if (p.x > f.x0 && p.x < f.x1 && p.y > f.y0 && p.y < f.y1) {
        (pole > 0 ? lat_hi : lat_lo) = pole;
        lon_lo = -1e300;
      }
    }
    const double lon_margin = 0.5 + 0.02 * (lon_hi - lon_lo);
    const double lat_margin = 0.5 + 0.02 * (lat_hi - lat_lo);
    lon_lo -= lon_margin;
    lon_hi += lon_margin;
    lat_lo = std::max(-90.0, lat_lo - lat_margin);
    lat_hi = std::min(90.0, lat_hi + lat_margin);
    if (whole || lon_hi - lon_lo >= 360.0) {
      view.visible = {-180, whole ? -90 : lat_lo, 180, whole ? 90 : lat_hi};
    } else {
      double east = geo::normalize_lon_deg(lon_hi);
      if (east == -180.0) east = 180.0;
      view.visible = {geo::normalize_lon_deg(lon_lo), lat_lo, east, lat_hi};
    }
  }

  // Ground distance per pixel at the centre, along the horizontal.
  try {
    const Px mid{view.frame_x_px + view.frame_width_px / 2.0,
                 view.frame_y_px + view.frame_height_px / 2.0};
    const LonLat a = proj.inverse(to_xy(view, {mid.x - 50.0, mid.y}));
    const LonLat b = proj.inverse(to_xy(view, {mid.x + 50.0, mid.y}));
    view.km_per_px = geo::geodesic_distance_km(a, b) / 100.0;
  } catch (const geo::GeoError&) {
    view.km_per_px = 0.0;
  }
  return view;
}

RenderedMap render_map(const std::vector<MapFeature>& features, const MapOptions& options,
                       const MapView& view, const Basemap& basemap, MapFormat format) {
  RenderedMap out;
  SurfacePtr surface;
  const double w = options.width_px;
  const double h = options.height_px;
  switch (format) {
    case MapFormat::kPng:
      surface.reset(
          cairo_image_surface_create(CAIRO_FORMAT_ARGB32, options.width_px, options.height_px));
      break;
    case MapFormat::kSvg:
      surface.reset(cairo_svg_surface_create_for_stream(append_bytes, &out.bytes, w, h));
      break;
    case MapFormat::kPdf:
      surface.reset(cairo_pdf_surface_create_for_stream(append_bytes, &out.bytes, w, h));
      break;
  }
  check(cairo_surface_status(surface.get()), "cannot create the drawing surface");
  if (format == MapFormat::kSvg) {
    cairo_svg_surface_set_document_unit(surface.get(), CAIRO_SVG_UNIT_PX);
  }
  if (format == MapFormat::kPdf) {
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, kPdfDate);
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_MOD_DATE, kPdfDate);
    const std::string creator = std::string("incidentmap ") + kProgramVersion;
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, creator.c_str());
    if (!options.title.empty()) {
      cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE,
                                     utf8::repair(options.title).c_str());
    }
  }
  {
    ContextPtr cr(cairo_create(surface.get()));
    check(cairo_status(cr.get()), "cannot create the drawing context");
    draw_map(cr.get(), features, options, view, basemap, out);
    check(cairo_status(cr.get()), "drawing the map");
  }
  if (format == MapFormat::kPng) {
    cairo_surface_flush(surface.get());
    check(cairo_surface_write_to_png_stream(surface.get(), append_bytes, &out.bytes),
          "encoding the PNG");
  } else {
    cairo_surface_finish(surface.get());
    check(cairo_surface_status(surface.get()), "finishing the document");
  }
  surface.reset();
  if (format == MapFormat::kSvg) out.bytes = renumber_svg_surface_ids(out.bytes);
  return out;
}

MapFileReport render_map_file(const std::vector<MapFeature>& features, const MapOptions& options,
                              const std::filesystem::path& world_atlas_dir,
                              const std::filesystem::path& path, const gaz::Index* reference) {
  using Clock = std::chrono::steady_clock;
  const auto ms = [](Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
  };
  const MapFormat format = map_format_from_path(path);
  MapFileReport report;
  report.view = compute_map_view(features, options);
  Basemap basemap;
  if (!world_atlas_dir.empty()) {
    const BasemapResolution resolution =
        choose_basemap_resolution(report.view.km_per_px > 0 ? report.view.km_per_px : 1e9);
    const auto t0 = Clock::now();
    Basemap full = load_basemap(world_atlas_dir, resolution);
    const auto t1 = Clock::now();
    if (reference != nullptr && report.view.km_per_px > 0 &&
        report.view.km_per_px < kRegionalMaxKmPerPx) {
      add_reference_layers(*reference, report.view.visible, report.view.km_per_px, full);
    }
    basemap = clip_basemap(full, report.view.visible);
    const auto t2 = Clock::now();
    report.basemap_resolution = std::string(to_string(resolution));
    report.basemap_load_ms = ms(t0, t1);
    report.basemap_clip_ms = ms(t1, t2);
  }
  const auto t3 = Clock::now();
  report.map = render_map(features, options, report.view, basemap, format);
  report.render_ms = ms(t3, Clock::now());
  write_file_atomically(path.string(), report.map.bytes);
  report.map.bytes.clear();
  return report;
}

}  // namespace incidentmap
