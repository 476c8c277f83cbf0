#pragma once
// The Natural Earth basemap of a static map, from the npm package world-atlas 2.0.2 (Natural
// Earth 4.1 admin-0 countries and the land merged from them, as TopoJSON at three scales). Only
// countries-<res>.json is read: it holds both the `countries` and the `land` objects, sharing
// arcs, so coastlines and borders come straight from the topology.

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "geo/extent.h"
#include "geo/lonlat.h"
#include "geo/polygon.h"

namespace incidentmap {

// A basemap file is missing or not the TopoJSON expected; the message names the file.
class BasemapError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An open polyline in lon/lat degrees.
using Line = std::vector<geo::LonLat>;

struct BasemapCountry {
  std::string name;  // Natural Earth's short name, e.g. "Mexico"; may be empty
  std::string id;    // ISO 3166-1 numeric as a string ("484"); empty for some territories
  geo::MultiPolygon shape;
};

// A first-level division (state, province) drawn on regional maps.
struct BasemapArea {
  std::string name;  // e.g. "Sinaloa"; may be empty (then outlined but not named)
  geo::MultiPolygon shape;
};

// A reference town: drawn as a small dot with its name, to orient the reader.
struct BasemapTown {
  std::string name;
  geo::LonLat position;
  std::int64_t population = 0;  // 0 when unknown
  bool capital = false;         // the national capital
  bool admin1_seat = false;     // the seat of a first-level division
};

// Geometry in lon/lat degrees. Longitudes are unwrapped: each ring and line is continuous, so
// one that crosses the antimeridian runs past 180 (Fiji: 177..182) instead of jumping to -180,
// and Antarctica's ring is closed along the south pole. Projections wrap longitudes, so only
// clip_basemap needs to care: it cuts everything at the edges of the view.
struct Basemap {
  std::string resolution;        // "110m", "50m" or "10m"; empty for a hand-made basemap
  geo::MultiPolygon land;        // filled; the union of all countries
  std::vector<Line> coastlines;  // land outlines, without the cuts along +-180 and the south pole
  std::vector<Line> borders;     // arcs shared by two countries, each drawn once
  std::vector<BasemapCountry> countries;  // file order
  // Reference layers from the gazetteer (src/render/reference_layers.h), not from world-atlas;
  // empty unless added. Towns in drawing priority order (most important first).
  std::vector<BasemapArea> admin1;
  std::vector<BasemapTown> towns;
};

enum class BasemapResolution { k110m, k50m, k10m };

// "110m", "50m" or "10m".
std::string_view to_string(BasemapResolution resolution);

// The coarsest scale that still looks smooth at km_per_px kilometres per pixel: Natural Earth's
// 1:10m data is meant for about 1 mm = 10 km, so 10m up to 4 km/px, 50m up to 20 km/px, 110m
// beyond (a world map 1200 px wide is about 33 km/px).
BasemapResolution choose_basemap_resolution(double km_per_px);

// The world-atlas package in the data cache: $INCIDENTMAP_CACHE/npm/world-atlas-2.0.2, where
// INCIDENTMAP_CACHE defaults to $HOME/.cache/incidentmap (as scripts/setup.sh fills it).
std::filesystem::path default_world_atlas_dir();

// Reads <dir>/countries-<res>.json. Throws BasemapError when the file cannot be read or parsed.
// CPU cost about 2 ms for 110m, 14 ms for 50m, 60 ms for 10m (3.6 MB); bench/render_bench.cpp.
Basemap load_basemap(const std::filesystem::path& world_atlas_dir, BasemapResolution resolution);

// Decodes a world-atlas style TopoJSON text (objects `countries` and `land`, quantised or not).
// source_name only labels error messages. Throws BasemapError on malformed input, including arc
// indexes out of range.
Basemap parse_topojson_basemap(std::string_view text, std::string_view source_name);

// The part of the basemap inside view, clipped with a rectangle in lon/lat (Sutherland-Hodgman for
// rings, Liang-Barsky for lines), with long edges split every 0.5 degrees so they curve properly
// once projected. Pieces are shifted by whole turns to lie within the view's own longitudes
// (west_deg .. west_deg + lon_span_deg), so a view across the antimeridian gets one contiguous
// picture and a whole-world view (-180..180) is cut cleanly at the antimeridian, as a map
// centred on the view needs. Countries, coastlines, borders, admin-1 areas and towns wholly
// outside are dropped.
Basemap clip_basemap(const Basemap& basemap, const geo::LonLatBox& view);

}  // namespace incidentmap
