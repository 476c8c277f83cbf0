// Fuzz target: the 19-column GeoNames dump importer (gazetteer/geonames_dump.cpp), in its three
// uses: a strict dump without comments, a dump as the builder reads it, and the curated
// supplement, each compiled into an index that is then read whole.

#include "gazetteer/importers.h"
#include "tests/fuzz/fuzz_util.h"

using namespace incidentmap;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto path = fuzz::write_scratch(data, size, ".txt");
  try {
    std::int64_t places = 0;
    const gaz::ImportReport strict =
        gaz::import_geonames_dump(path, [&](gaz::Place&&) { ++places; });
    fuzz::check_report(strict);
    FUZZ_CHECK(places == strict.rows_imported);
  } catch (const gaz::ImportError&) {
  }
  fuzz::import_and_build(
      data, size, ".txt",
      [](gaz::IndexBuilder & b, const auto& p) -> auto& { return b.add_geonames_dump(p); });
  fuzz::import_and_build(
      data, size, ".txt",
      [](gaz::IndexBuilder & b, const auto& p) -> auto& { return b.add_supplement(p); });
  return 0;
}
