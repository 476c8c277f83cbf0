#pragma once
// Building blocks the file writer (gdal_writer) and the PostGIS writer share: quiet GDAL error
// capture, the output CRS, and writing one Layer into an open GDAL dataset. Internal to
// src/output: this is the only output header that exposes GDAL types.

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "src/output/formats.h"
#include "src/output/layer.h"

namespace incidentmap {

// Registers GDAL's drivers once per process; safe to call from any thread.
void ensure_gdal_registered();

// For the lifetime of the object, GDAL errors and warnings on this thread are collected instead
// of printed, and thread-local config options set through it are restored afterwards.
class GdalScope {
 public:
  GdalScope();
  ~GdalScope();
  GdalScope(const GdalScope&) = delete;
  GdalScope& operator=(const GdalScope&) = delete;

  // Sets a thread-local GDAL config option until the scope ends.
  void set_config(const char* key, const std::string& value);
  // The most recent CE_Failure/CE_Fatal text since construction or clear_error(); "" if none.
  const std::string& last_error() const { return last_error_; }
  void clear_error() { last_error_.clear(); }
  // Every CE_Warning text, in order.
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  static void CPL_STDCALL handle(CPLErr level, CPLErrorNum number, const char* message);
  std::string last_error_;
  std::vector<std::string> warnings_;
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_config_;
};

// Throws OutputError "<where>: <what>: <GDAL's message>" (GDAL's part left out when empty).
[[noreturn]] void throw_output_error(const std::string& where, const std::string& what,
                                     const GdalScope& scope);

// The CRS coordinates are written in, with x = longitude/easting first whatever the
// authority's axis order, and the transformation from WGS84 lon/lat into it.
class OutputCrs {
 public:
  // t_srs as ogr2ogr takes it (EPSG:n, WKT, PROJ string); "" means WGS84 (EPSG:4326).
  // Throws OutputError with GDAL's message when it cannot be parsed or transformed to.
  explicit OutputCrs(const std::string& t_srs);

  OGRSpatialReference& srs() { return srs_; }
  // True when output coordinates are WGS84 lon/lat (no t_srs, or one equivalent to EPSG:4326).
  bool is_wgs84() const { return transform_ == nullptr; }
  // The point in output coordinates, rounded to 1e-6 for geographic CRSs (about 10 cm) and
  // 1e-2 of the unit (1 cm for metres) for projected ones. Throws OutputError when the point
  // cannot be transformed (e.g. outside the projection's domain); `where` names it.
  std::pair<double, double> project(geo::LonLat p, const std::string& where) const;

 private:
  OGRSpatialReference srs_;
  std::unique_ptr<OGRCoordinateTransformation> transform_;
  double step_ = 1e-6;
};

// The layer creation options this project sets for `format` (before the user's -lco).
std::vector<std::string> default_layer_options(const FormatTraits& format, const Layer& layer,
                                               const std::string& path);

// Creates `layer` in `ds` (all fields first, then features in order) with the layer creation
// options `defaults` overridden by `user` (both NAME=VALUE). Adds an Integer64 `id` field first
// when the format has no native FID, and WGS84 `lon`/`lat` Real fields for CSV. Every GDAL failure
// becomes an OutputError naming `where` and the feature id. Returns the created layer (owned by
// ds).
OGRLayer* write_layer(GDALDataset& ds, const Layer& layer, const FormatTraits& format,
                      OutputCrs& crs, const std::vector<std::string>& defaults,
                      const std::vector<std::string>& user, const std::string& where,
                      const GdalScope& scope);

// Applies NAME=VALUE strings in order onto a GDAL option list (later ones win).
CPLStringList make_options(const std::vector<std::string>& defaults,
                           const std::vector<std::string>& user);

}  // namespace incidentmap
