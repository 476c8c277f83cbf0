// Fuzz target: the npm world-countries CSV importer (gazetteer/world_countries.cpp), its names
// and demonyms compiled into an index that is then read whole.

#include "tests/fuzz/fuzz_util.h"

using namespace incidentmap;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::import_and_build(
      data, size, ".csv",
      [](gaz::IndexBuilder & b, const auto& p) -> auto& { return b.add_world_countries(p); });
  return 0;
}
