#pragma once
// The code that needs GDAL or cairo (GDAL-format writers, PostGIS, map rendering with PROJ's
// projections) is built as a shared module, incidentmap-gis.so, that the CLI loads with
// dlopen() on first use. GDAL alone brings in about 110 shared libraries whose symbol binding
// cost some 50 ms of CPU at every start; commands that write only GeoJSON, or nothing, never
// load them. (libproj itself stays linked: geo/lonlat.cpp's geodesics need it.)
//
// Programs that link the GIS objects directly (the test runner, the benchmarks) use them as they
// are, without a module file. docs/performance.md ("Start-up") has the figures.

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <vector>

#include "gazetteer/index.h"
#include "src/output/gdal_dataset.h"
#include "src/output/gdal_writer.h"
#include "src/output/layer.h"
#include "src/render/map_model.h"
#include "src/render/renderer.h"

namespace incidentmap {

// The module cannot be found or loaded (missing file, missing library, a module from another
// build); the message names the path tried and dlerror's text.
class GisModuleError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What the module offers; each member is the function of the same name documented in
// src/output/gdal_dataset.h, src/output/postgis_writer.h and src/render/renderer.h, with the same
// exceptions. Changing this class means changing kGisModuleAbi.
class GisModule {
 public:
  virtual ~GisModule() = default;
  virtual std::unique_ptr<DatasetWriter> make_dataset_writer(const OutputSpec& spec) const = 0;
  virtual WriteResult write_postgis(const std::vector<Layer>& layers,
                                    const OutputSpec& spec) const = 0;
  virtual MapFileReport render_map_file(const std::vector<MapFeature>& features,
                                        const MapOptions& options,
                                        const std::filesystem::path& world_atlas_dir,
                                        const std::filesystem::path& path,
                                        const gaz::Index* reference) const = 0;
};

// Names the interface version and the compiler's ABI, so that a module file left over from
// another build is refused instead of being called through a different vtable.
inline constexpr const char* kGisModuleAbi = "incidentmap-gis-1";

// The module, loaded on the first call (thread-safe) and kept for the life of the process:
// the GIS objects when they are linked into the program, else incidentmap-gis.so from
// $INCIDENTMAP_GIS_MODULE when set, else from the executable's directory (/proc/self/exe).
// Throws GisModuleError.
const GisModule& gis_module();

}  // namespace incidentmap

// Defined by the GIS objects (src/gis/gis_module_impl.cpp), exported by the module.
// abi receives kGisModuleAbi as the module was built with it.
extern "C" const incidentmap::GisModule* incidentmap_gis_module(const char** abi);
