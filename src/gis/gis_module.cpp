#include "src/gis/gis_module.h"

#include <dlfcn.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <system_error>

// Resolves to null unless the GIS objects are linked into this program (tests, benchmarks).
#pragma weak incidentmap_gis_module

namespace incidentmap {

namespace {

constexpr const char* kModuleFile = "incidentmap-gis.so";
using Factory = const GisModule* (*)(const char**);

std::filesystem::path module_path() {
  if (const char* env = std::getenv("INCIDENTMAP_GIS_MODULE"); env != nullptr && *env != '\0') {
    return env;
  }
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec)
    throw GisModuleError("cannot locate the executable to find " + std::string(kModuleFile) + ": " +
                         ec.message() + " (set INCIDENTMAP_GIS_MODULE)");
  return exe.parent_path() / kModuleFile;
}

const GisModule* load() {
  const char* abi = nullptr;
  if (incidentmap_gis_module != nullptr) return incidentmap_gis_module(&abi);
  const std::filesystem::path path = module_path();
  const std::string failed = "cannot load the GIS module " + path.string() +
                             " (needed for GDAL formats, PostGIS and maps): ";
  // Never closed: the objects it returns live as long as the process. Lazy binding, as at
  // program start: binding all of GDAL's dependencies at once costs some 20 ms more, and the
  // module was linked with every symbol resolved (-z defs).
  void* handle = ::dlopen(path.c_str(), RTLD_LAZY | RTLD_LOCAL);
  if (handle == nullptr) throw GisModuleError(failed + ::dlerror());
  void* symbol = ::dlsym(handle, "incidentmap_gis_module");
  if (symbol == nullptr) throw GisModuleError(failed + ::dlerror());
  const GisModule* module = reinterpret_cast<Factory>(symbol)(&abi);
  if (abi == nullptr || std::strcmp(abi, kGisModuleAbi) != 0 || module == nullptr) {
    throw GisModuleError(failed + "built for interface " + (abi ? abi : "?") + ", not " +
                         kGisModuleAbi + "; rebuild it with this program");
  }
  return module;
}

}  // namespace

const GisModule& gis_module() {
  static const GisModule* const module = load();
  return *module;
}

}  // namespace incidentmap
