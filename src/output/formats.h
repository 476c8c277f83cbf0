#pragma once
// The output formats and what each can hold, named as GDAL names its drivers so that
// `--format` takes what ogr2ogr's -f takes. When no format is given it is guessed from the
// output path as ogr2ogr does: by extension, or a "PG:" prefix for PostgreSQL/PostGIS.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace incidentmap {

enum class OutputFormat { GeoJSON, GeoJSONSeq, GPKG, CSV, FlatGeobuf, KML, PostgreSQL };

// What the writers need to know about a format. All flags are facts about GDAL 3.6's driver.
struct FormatTraits {
  OutputFormat format;
  std::string_view driver;     // GDAL short driver name, also the canonical --format value
  std::string_view extension;  // with the dot (".geojson"); "" for PostgreSQL
  bool multi_layer;            // all layers in one dataset (GPKG, PostgreSQL); else one file each
  bool any_crs;                // -t_srs allowed; else always WGS84 lon/lat (GeoJSON, KML)
  bool native_fid;             // stores our feature id as the FID; else an `id` column is added
  bool native_string_list;     // StringList as a list; else a JSON array in a text field
  bool native_dates;   // Date/DateTime typed; else ISO 8601 text (CSV, KML write 2019/10/17)
  bool null_geometry;  // features without a point and attribute-only layers (not FGB)
  bool int64;          // 64-bit integers; KML has 32-bit `int` only
};

// One entry per OutputFormat, in enum order.
const std::vector<FormatTraits>& all_formats();
const FormatTraits& traits(OutputFormat format);

// "GeoJSON", "GPKG", ... (GDAL's short driver name).
std::string_view format_name(OutputFormat format);

// Accepts GDAL driver names case-insensitively, plus the common aliases "json", "geojsonl",
// "geojsons", "jsonl", "ndjson", "geopackage", "fgb", "pg", "postgis". nullopt when unknown.
std::optional<OutputFormat> parse_format(std::string_view name);

// Guesses from the path: "PG:..." -> PostgreSQL; else the extension, case-insensitively:
// .geojson .json -> GeoJSON; .geojsonl .geojsons .jsonl .ndjson -> GeoJSONSeq; .gpkg -> GPKG;
// .csv -> CSV; .fgb -> FlatGeobuf; .kml -> KML. nullopt when nothing matches (e.g. a
// directory), so the caller asks for --format.
std::optional<OutputFormat> guess_format(std::string_view path);

// True when a GeoJSONSeq path asks for RFC 8142 record separators (the .geojsons extension).
bool wants_record_separator(std::string_view path);

// Comma-separated list of the driver names, for usage messages.
std::string format_names_for_help();

}  // namespace incidentmap
