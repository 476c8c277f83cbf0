#include "src/cli/incident_output.h"

#include <cctype>
#include <exception>
#include <filesystem>
#include <iostream>
#include <optional>
#include <set>
#include <system_error>
#include <thread>

#include "incidentmap/version.h"
#include "src/cli/gazetteer_option.h"
#include "src/gis/gis_module.h"
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
    if (std::filesystem::exists(flags.output, ec) &&
        !std::filesystem::is_directory(flags.output, ec))
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

// "Incidents in Mexico" when every drawn incident lies in one country the index knows, else
// "Incidents".
std::string default_map_title(const std::set<std::string>& country_codes, const gaz::Index* index) {
  if (country_codes.size() == 1 && index != nullptr) {
    if (const auto country = index->country_of(*country_codes.begin())) {
      return "Incidents in " + std::string(country->name());
    }
  }
  return "Incidents";
}

// The incidents as map symbols; the subtitle gives the span of their dates and the counts.
void draw_incident_map(const OutputFlags& flags, const std::vector<Incident>& incidents) {
  // The gazetteer the run used by default (INCIDENTMAP_GAZETTEER or the embedded one) gives
  // regional maps their admin-1 outlines and towns; without it the map has countries only.
  std::optional<gaz::Index> index;
  try {
    index.emplace(open_gazetteer(""));
  } catch (const gaz::IndexError& e) {
    std::cerr << "incidentmap: map without admin-1 areas and towns: " << e.what() << "\n";
  }
  std::vector<MapFeature> features;
  std::set<std::string> country_codes;
  std::set<std::string> documents;
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
    if (!e.country_code.empty()) country_codes.insert(e.country_code);
    for (const EventRecord& member : incident.events) documents.insert(member.doc_id);
    if (e.date_start && e.date_precision <= 2) {
      if (!first || *e.date_start < *first) first = e.date_start;
      if (!last || *e.date_start > *last) last = e.date_start;
    }
  }
  MapOptions options;
  options.title = flags.title.empty() ? default_map_title(country_codes, index ? &*index : nullptr)
                                      : flags.title;
  if (first) {
    options.date_range_text = format_iso_date(*first);
    if (*last != *first) options.date_range_text += " – " + format_iso_date(*last);
    options.date_range_text += " · ";
  }
  options.date_range_text += std::to_string(features.size()) +
                             (features.size() == 1 ? " incident" : " incidents") + " from " +
                             std::to_string(documents.size()) +
                             (documents.size() == 1 ? " report" : " reports");
  if (features.size() < incidents.size()) {
    options.date_range_text += " (" + std::to_string(incidents.size() - features.size()) +
                               " placed at country level not shown)";
  }
  gis_module().render_map_file(features, options, default_world_atlas_dir(), flags.map_path,
                               index ? &*index : nullptr);
}

// Runs `first` on a thread of its own and `second` on the calling thread when threads > 1,
// else one after the other. Both run to their end; then the first exception either threw (that
// of `first` before that of `second`) is rethrown.
template <class First, class Second>
void run_both(int threads, First&& first, Second&& second) {
  if (threads <= 1) {
    first();
    second();
    return;
  }
  std::exception_ptr first_error, second_error;
  std::thread beside([&] {
    try {
      first();
    } catch (...) {
      first_error = std::current_exception();
    }
  });
  try {
    second();
  } catch (...) {
    second_error = std::current_exception();
  }
  beside.join();
  if (first_error) std::rethrow_exception(first_error);
  if (second_error) std::rethrow_exception(second_error);
}

// Takes `owned` and frees it on a thread of its own when threads > 1, so that freeing a large
// layer (a heap block per value) overlaps the work that follows; the returned thread joins when
// it goes out of scope. With one thread, or when no thread can be started, it is freed at once.
template <class T>
std::jthread release_beside(int threads, T owned) {
  if (threads > 1) {
    try {
      return std::jthread([held = std::move(owned)]() mutable { T gone = std::move(held); });
    } catch (const std::system_error&) {  // no thread: freed below, on this one
    }
  }
  return {};
}

MergeOptions merge_options(const OutputFlags& flags) {
  MergeOptions options;
  options.threads = flags.threads;
  return options;
}

// The layers of merged incidents and linked mentions, written in every format, and report.json.
// Takes the incidents and frees them, with the layers, while the last files are committed.
OutputSummary write_merged_outputs(const OutputFlags& flags, std::vector<Incident> incidents,
                                   UnlinkedMentions unlinked, std::size_t event_count,
                                   std::size_t mention_count, nlohmann::ordered_json report) {
  OutputSummary summary;
  summary.incidents = incidents.size();
  // The three layers are independent: the mentions are linked beside the other two.
  Layer incident_layer, mention_layer, source_layer;
  run_both(
      flags.threads, [&] { mention_layer = link_mentions(std::move(unlinked), incidents); },
      [&] {
        incident_layer = make_incidents_layer(incidents);
        source_layer = make_sources_layer(incidents);
      });

  const bool pg = is_postgis(flags.output);
  if (!pg) std::filesystem::create_directories(flags.output);
  std::vector<Layer> spent;  // the last format's layers, no longer needed once written
  for (const std::string& name : flags.formats) {
    const OutputFormat format = *parse_format(name);
    OutputSpec spec;
    spec.format = format;
    spec.t_srs = flags.t_srs;
    spec.lco = flags.lco;
    spec.threads = flags.threads;
    spec.overwrite = true;  // a rerun replaces its own outputs (each write is atomic)
    // The last format takes the layers instead of a copy: the mentions layer is the largest
    // thing a run holds.
    const bool last = &name == &flags.formats.back();
    const auto take = [last](Layer& layer) {
      return last ? Layer(std::move(layer)) : Layer(layer);
    };
    std::vector<Layer> layers;
    layers.push_back(take(incident_layer));
    layers.push_back(take(mention_layer));
    // Formats that hold attribute-only tables get the sources table as well.
    if (traits(format).multi_layer || format == OutputFormat::CSV)
      layers.push_back(take(source_layer));
    if (pg) {
      spec.path = flags.output;
    } else if (traits(format).multi_layer) {
      // Not "incidents.gpkg": QGIS would give every layer of it without a style of its own
      // (mentions) the incidents.qml written beside the single-file formats.
      spec.path = (std::filesystem::path(flags.output) /
                   ("incidentmap" + std::string(traits(format).extension)))
                      .string();
    } else {
      spec.path = flags.output + "/";
    }
    const WriteResult written = write_layers(layers, spec);
    summary.files.insert(summary.files.end(), written.files.begin(), written.files.end());
    if (last) spent = std::move(layers);
  }
  // Freed beside the map and report.json (each with its own fsync), not after them.
  const std::jthread releasing = release_beside(flags.threads, std::move(spent));

  if (!flags.map_path.empty()) {
    draw_incident_map(flags, incidents);
    summary.files.push_back(flags.map_path);
  }

  report["program"] = {{"name", "incidentmap"}, {"version", kProgramVersion}};
  report["counts"] = {
      {"mentions", mention_count}, {"events", event_count}, {"incidents", incidents.size()}};
  report["outputs"] = summary.files;
  if (!pg) {
    const std::string report_path = (std::filesystem::path(flags.output) / "report.json").string();
    write_file_atomically(report_path, report.dump(2) + "\n");
    summary.files.push_back(report_path);
  }
  { const std::vector<Incident> gone = std::move(incidents); }  // while the layers go beside
  return summary;
}

}  // namespace

OutputSummary write_incident_outputs(const OutputFlags& flags, std::vector<EventRecord> events,
                                     std::vector<MentionRecord> mentions,
                                     nlohmann::ordered_json report) {
  const std::size_t event_count = events.size();
  const std::size_t mention_count = mentions.size();
  // With several threads the events are merged while the mentions are ordered and turned into
  // features; only the incident links wait for the merge.
  std::vector<Incident> incidents;
  UnlinkedMentions unlinked;
  run_both(
      flags.threads, [&] { incidents = merge_events(std::move(events), merge_options(flags)); },
      [&] { unlinked = make_unlinked_mentions_layer(std::move(mentions)); });
  return write_merged_outputs(flags, std::move(incidents), std::move(unlinked), event_count,
                              mention_count, std::move(report));
}

OutputSummary write_incident_outputs(const OutputFlags& flags, std::vector<EventRecord> events,
                                     MentionLayerBuilder mentions, nlohmann::ordered_json report) {
  const std::size_t event_count = events.size();
  const std::size_t mention_count = mentions.size();
  std::vector<Incident> incidents;
  UnlinkedMentions unlinked;
  run_both(
      flags.threads, [&] { incidents = merge_events(std::move(events), merge_options(flags)); },
      [&] { unlinked = mentions.finish(); });
  return write_merged_outputs(flags, std::move(incidents), std::move(unlinked), event_count,
                              mention_count, std::move(report));
}

}  // namespace incidentmap::cli
