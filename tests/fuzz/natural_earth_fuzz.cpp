// Fuzz target: the Natural Earth admin-1 GeoJSON importer (gazetteer/natural_earth.cpp), its
// areas and polygons compiled into an index over the fixture dump that is then read whole.

#include "tests/fuzz/fuzz_util.h"

using namespace incidentmap;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::import_and_build(
      data, size, ".json",
      [](gaz::IndexBuilder & b, const auto& p) -> auto& { return b.add_natural_earth_admin1(p); });
  return 0;
}
