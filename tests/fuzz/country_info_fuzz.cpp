// Fuzz target: the country importers (gazetteer/country_info.cpp): GeoNames countryInfo.txt
// and the country points table, each compiled into an index that is then read whole.

#include "tests/fuzz/fuzz_util.h"

using namespace incidentmap;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::import_and_build(
      data, size, ".txt",
      [](gaz::IndexBuilder & b, const auto& p) -> auto& { return b.add_country_info(p); });
  fuzz::import_and_build(
      data, size, ".tsv",
      [](gaz::IndexBuilder & b, const auto& p) -> auto& { return b.add_country_points(p); });
  return 0;
}
