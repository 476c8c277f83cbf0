// `incidentmap render LAYERS -o map.png|map.svg|map.pdf`: a static map of point layers.

#include <filesystem>
#include <iostream>
#include <optional>

#include "geo/extent.h"
#include "src/cli/command.h"
#include "src/cli/gazetteer_option.h"
#include "src/gis/gis_module.h"
#include "src/render/feature_layer.h"
#include "src/render/renderer.h"

namespace incidentmap::cli {
namespace {

class CommandRender final : public Command {
 public:
  std::string name() const override { return "render"; }
  std::string description() const override {
    return "Draw point layers (GeoJSON or GeoJSONSeq, e.g. incidents.geojson) on a Natural Earth "
           "basemap as a PNG, SVG or PDF map: symbols coloured by event_type and sized by "
           "fatalities, labelled with place_name, with legend, scale bar, date range and "
           "attribution. The format follows the output extension.";
  }
  std::string examples() const override {
    return "  incidentmap render incidents.geojson -o map.png --title \"Incidents, Sinaloa\"\n"
           "  incidentmap render incidents.geojson places.geojson -o map.svg --no-labels\n"
           "  incidentmap render incidents.geojson -o fiji.pdf --bbox 176,-20,-178,-15";
  }

  void add_options(CLI::App& sub) override {
    sub.add_option("layers", layers_, "Point layers to draw, in drawing order")
        ->required()
        ->check(CLI::ExistingFile);
    sub.add_option("-o,--output", output_, "Map file: .png, .svg or .pdf")->required();
    sub.add_option("--title", options_.title, "Title above the map");
    sub.add_option("--date-range", date_range_,
                   "Text under the title (default: the range of event_date in the layers)");
    sub.add_option("--bbox", bbox_text_,
                   "Area to show as W,S,E,N in degrees (W > E crosses the antimeridian); "
                   "default: all features with padding");
    sub.add_option("--width", options_.width_px, "Image width in px (PDF: points)")
        ->capture_default_str();
    sub.add_option("--height", options_.height_px, "Image height in px (PDF: points)")
        ->capture_default_str();
    sub.add_flag("--no-labels", no_labels_, "Do not label the symbols");
    sub.add_option(
        "--basemap-dir", basemap_dir_,
        "The world-atlas package directory (default: " + default_world_atlas_dir().string() + ")");
    sub.add_flag("--no-basemap", no_basemap_, "Draw the sea only, without Natural Earth");
    sub.add_option("--gazetteer", gazetteer_,
                   "Gazetteer index giving regional maps their admin-1 outlines and towns "
                   "(default: $INCIDENTMAP_GAZETTEER, else the built-in index)");
    sub.add_flag("--no-reference", no_reference_,
                 "Leave out admin-1 outlines and towns on regional maps");
    sub.add_flag("-v,--verbose", verbose_, "Report sizes and timings on stderr");
  }

  void setup() override {
    try {
      map_format_from_path(output_);
      if (!bbox_text_.empty()) options_.bbox = geo::parse_lonlat_box(bbox_text_);
    } catch (const std::exception& e) {
      throw UsageError(e.what());
    }
    if (options_.width_px < 64 || options_.height_px < 64 || options_.width_px > 20000 ||
        options_.height_px > 20000) {
      throw UsageError("--width and --height must be within 64..20000");
    }
    const std::filesystem::path dir = std::filesystem::path(output_).parent_path();
    if (!dir.empty() && !std::filesystem::is_directory(dir)) {
      throw UsageError("output directory '" + dir.string() + "' does not exist");
    }
    if (basemap_dir_.empty()) basemap_dir_ = default_world_atlas_dir().string();
    options_.show_labels = !no_labels_;
  }

  int run() override {
    PointLayer layer;
    std::int64_t skipped = 0;
    for (const std::string& path : layers_) {
      gaz::ImportReport report;
      try {
        report = read_point_layer(path, layer);
      } catch (const gaz::ImportError& e) {
        // The other layers are still drawn; the exit code tells that one is missing.
        ++skipped;
        std::cerr << "incidentmap render: " << e.what() << "; layer skipped\n";
        continue;
      }
      skipped += report.rows_skipped;
      for (const gaz::ImportIssue& issue : report.issues) {
        std::cerr << "incidentmap render: " << issue.file << ": feature " << issue.line
                  << ": skipped: " << issue.reason << "\n";
      }
      if (report.issue_count() > static_cast<std::int64_t>(report.issues.size())) {
        std::cerr << "incidentmap render: " << report.file << ": "
                  << report.issue_count() - static_cast<std::int64_t>(report.issues.size())
                  << " more features skipped\n";
      }
    }
    options_.date_range_text =
        date_range_.empty() ? date_range_text(layer.first_date, layer.last_date) : date_range_;
    std::optional<gaz::Index> index;
    if (!no_basemap_ && !no_reference_) index.emplace(open_gazetteer(gazetteer_));
    const MapFileReport report = gis_module().render_map_file(
        layer.features, options_,
        no_basemap_ ? std::filesystem::path() : std::filesystem::path(basemap_dir_), output_,
        index ? &*index : nullptr);
    if (verbose_) {
      std::cerr << "incidentmap render: wrote " << output_ << " (" << options_.width_px << " x "
                << options_.height_px << "; " << report.map.features_drawn << " features, "
                << report.map.labels_placed << " labels, " << report.map.labels_dropped
                << " dropped; " << report.view.crs << "; basemap "
                << (report.basemap_resolution.empty() ? "none" : report.basemap_resolution)
                << " load " << static_cast<long>(report.basemap_load_ms) << " ms, clip "
                << static_cast<long>(report.basemap_clip_ms) << " ms; render "
                << static_cast<long>(report.render_ms) << " ms)\n";
    }
    return skipped > 0 ? kExitFailed : kExitOk;
  }

 private:
  std::vector<std::string> layers_;
  std::string output_;
  std::string bbox_text_;
  std::string date_range_;
  std::string basemap_dir_;
  bool no_labels_ = false;
  bool no_basemap_ = false;
  bool no_reference_ = false;
  std::string gazetteer_;
  bool verbose_ = false;
  MapOptions options_;
};

}  // namespace

std::unique_ptr<Command> make_command_render() { return std::make_unique<CommandRender>(); }

}  // namespace incidentmap::cli
