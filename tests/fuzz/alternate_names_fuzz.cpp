// Fuzz target: the alternateNamesV2 importer (gazetteer/alternate_names.cpp), its names
// attached to the fixture dump's places, compiled into an index that is then read whole. Rows
// whose language is a code are read but neither imported nor reported, so counts may fall short
// of rows_read.

#include "tests/fuzz/fuzz_util.h"

using namespace incidentmap;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::import_and_build(
      data, size, ".txt",
      [](gaz::IndexBuilder & b, const auto& p) -> auto& { return b.add_alternate_names(p); },
      /*exact_counts=*/false);
  return 0;
}
