#include "src/cli/incident_output.h"

#include <cctype>
#include <filesystem>

#include "incidentmap/version.h"
#include "src/incidents/incident_layers.h"
#include "src/incidents/incident_merge.h"
#include "src/io/atomic_file.h"
#include "src/output/formats.h"
#include "src/output/gdal_writer.h"
#include "src/output/layer.h"
#include "src/render/basemap.h"
#include "src/render/renderer.h"

namespace incidentmap::cli {

namespace {
bool is_postgis(const std::string& output) { return output.rfind("PG:", 0) == 0; }
}  // namespace

void add_output_flags(CLI::App& app, OutputFlags& flags) {
  app.add_option("-o,--output", flags.output,
                 "output folder (created if missing), or a PostGIS connection string PG:...")
      ->required();
  app.add_option("-f,--format", flags.formats,
                 "output format, repeatable: " + format_names_for_help() + " (default GeoJSON)");
  app.add_option("--t_srs,--t-srs", flags.t_srs,
                 "reproject to this CRS (EPSG:n, WKT or PROJ string) where the format allows it");
  app.add_option("--lco", flags.lco, "layer creation option NAME=VALUE, repeatable");
  app.add_option("--map", flags.map_path,
                 "also draw a static map of the incidents: .png, .svg or .pdf (Natural Earth "
                 "basemap, symbols by event type sized by fatalities, legend, scale bar)");
  app.add_option("--title", flags.title, "title of the --map");
}

void validate_output_flags(OutputFlags& flags) {
  if (is_postgis(flags.output)) {
    flags.formats = {"PostgreSQL"};
  } else {
    if (flags.formats.empty()) flags.formats = {"GeoJSON"};
    std::error_code ec;
    if (std::filesystem::exists(flags.output, ec) && !std::filesystem::is_directory(flags.output, ec))
      throw UsageError("output '" + flags.output + "' exists and is not a folder");
  }
  for (const std::string& kv : flags.lco) {
    // Checked here too, so that a bad schema fails before hours of processing, not after.
    if (kv.rfind("SCHEMA=", 0) == 0 && !is_valid_name(kv.substr(7)))
      throw UsageError("--lco " + kv + ": the schema must match ^[a-z_][a-z0-9_]{0,62}$");
  }
  for (const std::string& f : flags.formats)
    if (!parse_format(f))
      throw UsageError("unknown format '" + f + "'; one of " + format_names_for_help());
  if (!flags.map_path.empty()) {
    try {
      map_format_from_path(flags.map_path);
    } catch (const std::exception& e) {
      throw UsageError(std::string("--map: ") + e.what());
    }
  }
  if (!is_postgis(flags.output)) check_output_folder(flags.output);
}

void check_output_folder(const std::string& folder) {
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec) throw OutputError("cannot create the output folder " + folder + ": " + ec.message());
  // A temporary file, removed at once: the same operation every output goes through.
  AtomicFile probe((std::filesystem::path(folder) / ".incidentmap-probe").string());
}

namespace {

std::string humanize(std::string kind) {
  for (char& c : kind)
    if (c == '_') c = ' ';
  if (!kind.empty()) kind[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(kind[0])));
  return kind;
}

// The incidents as map symbols, and the span of their dates for the subtitle.
void draw_incident_map(const OutputFlags& flags, const std::vector<Incident>& incidents) {
  std::vector<MapFeature> features;
  std::optional<CivilDate> first, last;
  for (const Incident& incident : incidents) {
    const EventRecord& e = incident.place_event();
    // A country's centroid is not where anything happened: country-level and water incidents
    // stay in the layers, with their precision, but are not drawn as points.
    if (e.geo_precision >= 6) continue;
    MapFeature f;
    f.position = e.position;
    f.label = e.place_name;
    f.category = incident.event_type.empty() ? humanize(incident.event_kind) : incident.event_type;
    if (incident.fatalities) f.size_value = *incident.fatalities;
    features.push_back(std::move(f));
    if (e.date_start && e.date_precision <= 2) {
      if (!first || *e.date_start < *first) first = e.date_start;
      if (!last || *e.date_start > *last) last = e.date_start;
    }
  }
  MapOptions options;
  options.title = flags.title;
  if (first) {
    options.date_range_text = format_iso_date(*first);
    if (*last != *first) options.date_range_text += " – " + format_iso_date(*last);
  }
  render_map_file(features, options, default_world_atlas_dir(), flags.map_path);
}

}  // namespace

OutputSummary write_incident_outputs(const OutputFlags& flags, std::vector<EventRecord> events,
                                     std::vector<MentionRecord> mentions,
                                     nlohmann::ordered_json report) {
  OutputSummary summary;
  const std::size_t event_count = events.size();
  const std::size_t mention_count = mentions.size();
  const std::vector<Incident> incidents = merge_events(std::move(events));
  summary.incidents = incidents.size();
  const Layer incident_layer = make_incidents_layer(incidents);
  const Layer mention_layer = make_mentions_layer(std::move(mentions), incidents);
  const Layer source_layer = make_sources_layer(incidents);

  const bool pg = is_postgis(flags.output);
  if (!pg) std::filesystem::create_directories(flags.output);
  for (const std::string& name : flags.formats) {
    const OutputFormat format = *parse_format(name);
    OutputSpec spec;
    spec.format = format;
    spec.t_srs = flags.t_srs;
    spec.lco = flags.lco;
    spec.overwrite = true;  // a rerun replaces its own outputs (each write is atomic)
    std::vector<Layer> layers = {incident_layer, mention_layer};
    // Formats that hold attribute-only tables get the sources table as well.
    if (traits(format).multi_layer || format == OutputFormat::CSV) layers.push_back(source_layer);
    if (pg) {
      spec.path = flags.output;
    } else if (traits(format).multi_layer) {
      spec.path = (std::filesystem::path(flags.output) / ("incidents" + std::string(traits(format).extension))).string();
    } else {
      spec.path = flags.output + "/";
    }
    const WriteResult written = write_layers(layers, spec);
    summary.files.insert(summary.files.end(), written.files.begin(), written.files.end());
  }

  if (!flags.map_path.empty()) {
    draw_incident_map(flags, incidents);
    summary.files.push_back(flags.map_path);
  }

  report["program"] = {{"name", "incidentmap"}, {"version", kProgramVersion}};
  report["counts"] = {{"mentions", mention_count},
                      {"events", event_count},
                      {"incidents", incidents.size()}};
  report["outputs"] = summary.files;
  if (!pg) {
    const std::string report_path = (std::filesystem::path(flags.output) / "report.json").string();
    write_file_atomically(report_path, report.dump(2) + "\n");
    summary.files.push_back(report_path);
  }
  return summary;
}

}  // namespace incidentmap::cli
