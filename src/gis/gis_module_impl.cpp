// The GIS module's entry point: the one symbol incidentmap-gis.so exports.

#include "src/gis/gis_module.h"
#include "src/output/postgis_writer.h"

namespace incidentmap {
namespace {

class GisModuleImpl final : public GisModule {
 public:
  std::unique_ptr<DatasetWriter> make_dataset_writer(const OutputSpec& spec) const override {
    return incidentmap::make_dataset_writer(spec);
  }
  WriteResult write_postgis(const std::vector<Layer>& layers,
                            const OutputSpec& spec) const override {
    return incidentmap::write_postgis(layers, spec);
  }
  MapFileReport render_map_file(const std::vector<MapFeature>& features, const MapOptions& options,
                                const std::filesystem::path& world_atlas_dir,
                                const std::filesystem::path& path,
                                const gaz::Index* reference) const override {
    return incidentmap::render_map_file(features, options, world_atlas_dir, path, reference);
  }
};

}  // namespace
}  // namespace incidentmap

extern "C" __attribute__((visibility("default"))) const incidentmap::GisModule*
incidentmap_gis_module(const char** abi) {
  static const incidentmap::GisModuleImpl module;
  *abi = incidentmap::kGisModuleAbi;
  return &module;
}
