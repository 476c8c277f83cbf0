#include "src/output/formats.h"

#include <algorithm>
#include <cctype>
#include <utility>

namespace incidentmap {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool ends_with_ci(std::string_view path, std::string_view suffix) {
  return path.size() >= suffix.size() && lower(path.substr(path.size() - suffix.size())) == suffix;
}

}  // namespace

const std::vector<FormatTraits>& all_formats() {
  static const std::vector<FormatTraits> kFormats = {
      // format, driver, extension, multi_layer, any_crs, native_fid, native_string_list,
      // native_dates, null_geometry, int64
      {OutputFormat::GeoJSON, "GeoJSON", ".geojson", false, false, true, true, true, true, true},
      {OutputFormat::GeoJSONSeq, "GeoJSONSeq", ".geojsonl", false, false, true, true, true, true,
       true},
      {OutputFormat::GPKG, "GPKG", ".gpkg", true, true, true, false, true, true, true},
      {OutputFormat::CSV, "CSV", ".csv", false, true, false, false, false, true, true},
      {OutputFormat::FlatGeobuf, "FlatGeobuf", ".fgb", false, true, false, false, true, false,
       true},
      {OutputFormat::KML, "KML", ".kml", false, false, false, false, false, true, false},
      {OutputFormat::PostgreSQL, "PostgreSQL", "", true, true, true, true, true, true, true},
  };
  return kFormats;
}

const FormatTraits& traits(OutputFormat format) {
  return all_formats()[static_cast<std::size_t>(format)];
}

std::string_view format_name(OutputFormat format) { return traits(format).driver; }

std::optional<OutputFormat> parse_format(std::string_view name) {
  const std::string key = lower(name);
  for (const FormatTraits& t : all_formats()) {
    if (key == lower(t.driver)) return t.format;
  }
  static const std::pair<std::string_view, OutputFormat> kAliases[] = {
      {"json", OutputFormat::GeoJSON},        {"geojsonl", OutputFormat::GeoJSONSeq},
      {"geojsons", OutputFormat::GeoJSONSeq}, {"jsonl", OutputFormat::GeoJSONSeq},
      {"ndjson", OutputFormat::GeoJSONSeq},   {"geopackage", OutputFormat::GPKG},
      {"fgb", OutputFormat::FlatGeobuf},      {"pg", OutputFormat::PostgreSQL},
      {"postgis", OutputFormat::PostgreSQL},
  };
  for (const auto& [alias, format] : kAliases) {
    if (key == alias) return format;
  }
  return std::nullopt;
}

std::optional<OutputFormat> guess_format(std::string_view path) {
  if (path.size() >= 3 && lower(path.substr(0, 3)) == "pg:") return OutputFormat::PostgreSQL;
  static const std::pair<std::string_view, OutputFormat> kExtensions[] = {
      {".geojson", OutputFormat::GeoJSON},     {".json", OutputFormat::GeoJSON},
      {".geojsonl", OutputFormat::GeoJSONSeq}, {".geojsons", OutputFormat::GeoJSONSeq},
      {".jsonl", OutputFormat::GeoJSONSeq},    {".ndjson", OutputFormat::GeoJSONSeq},
      {".gpkg", OutputFormat::GPKG},           {".csv", OutputFormat::CSV},
      {".fgb", OutputFormat::FlatGeobuf},      {".kml", OutputFormat::KML},
  };
  for (const auto& [ext, format] : kExtensions) {
    if (ends_with_ci(path, ext)) return format;
  }
  return std::nullopt;
}

bool wants_record_separator(std::string_view path) { return ends_with_ci(path, ".geojsons"); }

std::string format_names_for_help() {
  std::string out;
  for (const FormatTraits& t : all_formats()) {
    if (!out.empty()) out += ", ";
    out += t.driver;
  }
  return out;
}

}  // namespace incidentmap
