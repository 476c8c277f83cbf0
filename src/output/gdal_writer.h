#pragma once
// Writes layers to any output format through GDAL/OGR (PostgreSQL is handed to
// postgis_writer). Files are never left half-written: everything is written into a staging
// directory beside the destination, read back and counted, and only then renamed into place.
// GeoJSON and GeoJSONSeq are written without GDAL (geojson_writer.h), in the same bytes, into
// temporary files beside the destination, counted while written, renamed with the others.
// The full contract (types per format, paths, styles) is in docs/output-contract.md.

#include <optional>
#include <string>
#include <vector>

#include "src/output/formats.h"
#include "src/output/layer.h"

namespace incidentmap {

struct OutputSpec {
  // Multi-layer formats (GPKG): the file. PostgreSQL: the "PG:..." connection string.
  // Single-layer formats (GeoJSON, GeoJSONSeq, CSV, FlatGeobuf, KML), one file per layer:
  //   - a path containing "{layer}" in its file name: replaced by each layer's name;
  //   - an existing directory, or a path ending in '/': DIR/<layer><format extension>;
  //   - any other path: the first layer gets it, each further layer <stem>_<layer><ext>
  //     beside it (incidents.geojson, incidents_sources.geojson).
  std::string path;
  OutputFormat format = OutputFormat::GeoJSON;
  // Output CRS as ogr2ogr's -t_srs takes it; "" = WGS84 lon/lat. Formats that are WGS84 by
  // definition (GeoJSON, GeoJSONSeq, KML) accept only "" or an equivalent of EPSG:4326.
  std::string t_srs;
  std::vector<std::string> lco;   // NAME=VALUE layer creation options, after (over) ours
  std::vector<std::string> dsco;  // NAME=VALUE dataset creation options
  // Replace existing files (or PostgreSQL tables). Without it an existing destination is an
  // error, as with ogr2ogr without -overwrite. Appending is not supported.
  bool overwrite = false;
  // The time recorded where a format stores one (GeoPackage gpkg_contents.last_change,
  // layer_styles.update_time). Fixed so that runs are byte-identical; when unset,
  // SOURCE_DATE_EPOCH (seconds) if set, else 1970-01-01T00:00:00Z.
  std::optional<UtcDateTime> timestamp;
  // Threads (>= 1) that validate the layers and format GeoJSON and GeoJSONSeq; the output is
  // the same for any number.
  int threads = 1;
};

struct WriteResult {
  // Final paths: each data file followed by its sidecars (CSV: .csvt column types, .prj CRS),
  // then the .qml styles. PostgreSQL: the tables.
  std::vector<std::string> files;
  std::vector<std::string> warnings;  // GDAL warnings, each prefixed with the path
};

// The destination of each layer, in layer order (the same path for every layer of a
// multi-layer format). Throws OutputError when the path cannot name them all, e.g. a
// "{layer}" pattern in a directory part or two layers mapping to one file.
std::vector<std::string> plan_layer_paths(const std::vector<Layer>& layers, const OutputSpec& spec);

// The QGIS style file beside a single-file output: the path with its extension replaced by
// ".qml" (QGIS loads it automatically).
std::string style_path_for(const std::string& data_path);

// Validates the layers (validate_layers), then writes them. Throws OutputError (with GDAL's
// message and the path) on any failure, leaving no new or changed file behind.
WriteResult write_layers(const std::vector<Layer>& layers, const OutputSpec& spec);

// The timestamp write_layers records (see OutputSpec::timestamp).
UtcDateTime effective_timestamp(const OutputSpec& spec);

}  // namespace incidentmap
