#pragma once
// GeoJSON (RFC 7946) and GeoJSONSeq (RFC 8142) written directly, without GDAL: the same bytes
// GDAL 3.6's drivers write with the options write_layers gives them (6 decimals, feature ids,
// WRITE_NAME, DESCRIPTION), at a fraction of the cost (no OGRFeature, no json-c tree, no
// printf per number, no read-back). Internal to src/output; write_layers picks it.

#include <cstdint>
#include <string>

#include "src/io/atomic_file.h"
#include "src/output/formats.h"
#include "src/output/layer.h"

namespace incidentmap {

// True for the formats write_layers writes with write_geojson (GeoJSON, GeoJSONSeq) when the
// output CRS is WGS84 (always the case for these formats).
bool writes_geojson_directly(OutputFormat format);

// Appends a WGS84 coordinate as GDAL's GeoJSON writer prints it with COORDINATE_PRECISION=6:
// rounded to 6 decimals, trailing zeros dropped but one kept after the point ("180.0",
// "-1.2921"), including GDAL's own rounding quirks for long negative values ("-179.000001"
// prints as "-179.0"). Precondition: a valid longitude or latitude (|deg| <= 180).
void append_geojson_coordinate(std::string& out, double deg);

// Appends a Real property as GDAL prints it: %.17g, or a shorter %.16g..%.14g when that one
// avoids a run of six 0s or 9s after the point; ".0" added when there is no point or exponent.
// Precondition: finite (validate_layer guarantees it).
void append_geojson_real(std::string& out, double v);

// The whole text of one layer. GeoJSON: a FeatureCollection with "name" and, when the layer has
// one, "description". GeoJSONSeq: one feature per line, each preceded by the RS character
// (0x1E) when record_separator. Precondition: validate_layer(layer) passed.
std::string geojson_text(const Layer& layer, OutputFormat format, bool record_separator);

// Writes the same text to `out` in blocks of 512 features (so that the whole file is never held
// in memory) and returns the number of features written. The blocks are formatted on `threads`
// threads (>= 1; values below 1 mean 1) and written in order: the bytes do not depend on it.
// Ends by starting the file's writing to disk (AtomicFile::start_writeback). Throws OutputError
// from the file. Precondition: validate_layer(layer) passed.
std::int64_t write_geojson(const Layer& layer, OutputFormat format, bool record_separator,
                           AtomicFile& out, int threads = 1);

}  // namespace incidentmap
