#pragma once
// The GDAL half of write_layers (gdal_writer.cpp): every format but GeoJSON/GeoJSONSeq in WGS84
// goes through a DatasetWriter. It is built into the GIS module (src/gis/gis_module.h), so that
// runs writing only GeoJSON never load GDAL. Internal to src/output.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "src/output/gdal_writer.h"
#include "src/output/layer.h"

namespace incidentmap {

// Writes the datasets of one write_layers run, all in spec's format and output CRS.
class DatasetWriter {
 public:
  virtual ~DatasetWriter() = default;
  // Writes one dataset (one file) holding `layers` at `file` (inside the staging directory),
  // reads it back to count the features, and appends GDAL's warnings to result.warnings, each
  // prefixed with final_path. `when` is recorded where the format stores a time. Throws
  // OutputError naming final_path with GDAL's message.
  virtual void write(const std::filesystem::path& file, const std::string& final_path,
                     const std::vector<const Layer*>& layers, const UtcDateTime& when,
                     WriteResult& result) = 0;
};

// Parses spec.t_srs. Throws OutputError with GDAL's message when it is not a CRS, or when
// spec.format is WGS84-only (FormatTraits::any_crs false) and t_srs is not equivalent to WGS84.
std::unique_ptr<DatasetWriter> make_dataset_writer(const OutputSpec& spec);

// Writes `text` to `path` (a staging file, so not atomically). Throws OutputError with
// strerror's text.
void write_text_file(const std::filesystem::path& path, const std::string& text);

}  // namespace incidentmap
