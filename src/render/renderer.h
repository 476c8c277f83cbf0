#pragma once
// Static maps with cairo: the same drawing code writes PNG, SVG and PDF. A map has a title band
// (title, date range), then the map frame: Natural Earth land, coastlines, borders and country
// names (regional maps also admin-1 outlines and names and reference towns), the incident symbols
// (colour = event type, area = fatalities; several at one place packed around it) with labels
// that avoid each other, a legend of the types drawn in the emptiest corner, a scale bar measured
// geodesically at the map centre (not on world maps, whose scale varies), and an attribution
// line naming the sources and the projection.
//
// Reproducible output: the same input gives byte-identical SVG, PNG and PDF files (PDF with a
// fixed creation date, SVG with cairo's process-wide surface ids renumbered).

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "gazetteer/index.h"
#include "geo/extent.h"
#include "src/render/basemap.h"
#include "src/render/map_model.h"

namespace incidentmap {

// Drawing or writing a map failed; carries cairo_status_to_string's text or the file error.
class RenderError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class MapFormat { kPng, kSvg, kPdf };

// From the file extension (.png, .svg, .pdf, any case). Throws RenderError for anything else.
MapFormat map_format_from_path(const std::filesystem::path& path);

// Where the map sits on the image and which part of the world it shows.
struct MapView {
  geo::LonLatBox extent;  // the area asked for: options.bbox, or the features' padded extent
  std::string crs;        // geo::choose_map_projection(extent)
  // The map frame on the image, in pixels from the top-left corner.
  double frame_x_px = 0, frame_y_px = 0, frame_width_px = 0, frame_height_px = 0;
  // The projected point at the frame's centre and the scale, the same along both axes.
  double center_x_m = 0, center_y_m = 0, m_per_px = 1;
  // A lon/lat box holding everything visible in the frame (with a small margin), for clipping
  // the basemap; the whole world for Equal Earth maps. May cross the antimeridian.
  geo::LonLatBox visible;
  double km_per_px = 0;  // at the frame centre, measured geodesically
};

// Fits the extent into the frame: the extent's outline is projected and the frame scaled to
// hold it, keeping the image aspect. Features with invalid positions are ignored.
// Throws RenderError when there is nothing to fit (no valid feature and no bbox) or when the
// image is smaller than 64 x 64 px or larger than 20000 px along a side.
MapView compute_map_view(const std::vector<MapFeature>& features, const MapOptions& options);

struct RenderedMap {
  std::string bytes;         // the whole PNG, SVG or PDF file
  int features_drawn = 0;    // features with a valid position inside the frame
  int features_skipped = 0;  // invalid positions
  int labels_placed = 0;
  int labels_dropped = 0;  // no free position among the eight tried
};

// Draws the map. basemap should be clip_basemap(full, view.visible) (an unclipped one works,
// only slower); an empty Basemap draws the sea only, which tests use for basemap-free goldens.
// Throws RenderError with cairo's message when cairo fails.
RenderedMap render_map(const std::vector<MapFeature>& features, const MapOptions& options,
                       const MapView& view, const Basemap& basemap, MapFormat format);

// What render_map_file did, with timings for the user's progress line.
struct MapFileReport {
  MapView view;
  std::string basemap_resolution;  // "10m", "50m", "110m"
  double basemap_load_ms = 0;      // reading and decoding the TopoJSON file
  double basemap_clip_ms = 0;
  double render_ms = 0;  // drawing and encoding
  RenderedMap map;       // bytes cleared after writing
};

// The whole job: view, basemap at the resolution the view needs (from world_atlas_dir, see
// default_world_atlas_dir()), render, write atomically; the format follows path's extension.
// With a gazetteer index (`reference`, may be null) a regional map (finer than
// kRegionalMaxKmPerPx) also gets admin-1 outlines and names and reference towns
// (src/render/reference_layers.h). Throws RenderError or BasemapError.
MapFileReport render_map_file(const std::vector<MapFeature>& features, const MapOptions& options,
                              const std::filesystem::path& world_atlas_dir,
                              const std::filesystem::path& path,
                              const gaz::Index* reference = nullptr);

}  // namespace incidentmap
