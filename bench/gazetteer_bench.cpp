// Gazetteer index: open time and lookups per second on real names (the populated places of the
// default index, which are the cities500 names). INCIDENTMAP_GAZETTEER=FILE benchmarks another
// index (scripts/bench-gazetteer.sh uses it for the 12-million-row index).

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "gazetteer/fold.h"
#include "gazetteer/index.h"

namespace {

using incidentmap::gaz::Index;

std::string index_path() {
  if (const char* env = std::getenv("INCIDENTMAP_GAZETTEER")) return env;
  return INCIDENTMAP_DEFAULT_GAZETTEER;
}

const Index& shared_index() {
  static const Index index = Index::open(index_path());
  return index;
}

// Up to 20,000 names of populated places spread over the whole places table.
const std::vector<std::string>& names() {
  static const std::vector<std::string> out = [] {
    const Index& index = shared_index();
    std::vector<std::string> v;
    const std::size_t n = index.place_count();
    const std::size_t step = n / 20000 + 1;
    for (std::size_t i = 0; i < n; i += step) {
      const auto p = index.place(static_cast<std::uint32_t>(i));
      if (p.feature_class() == 'P') v.emplace_back(p.name());
    }
    return v;
  }();
  return out;
}

void BM_Open(benchmark::State& state) {
  const std::string path = index_path();
  for (auto _ : state) {
    Index index = Index::open(path);
    benchmark::DoNotOptimize(index.place_count());
  }
}
BENCHMARK(BM_Open)->Unit(benchmark::kMillisecond);

void BM_OpenWithoutChecksum(benchmark::State& state) {
  const std::string path = index_path();
  incidentmap::gaz::OpenOptions options;
  options.verify_checksum = false;
  for (auto _ : state) {
    Index index = Index::open(path, options);
    benchmark::DoNotOptimize(index.place_count());
  }
}
BENCHMARK(BM_OpenWithoutChecksum)->Unit(benchmark::kMicrosecond);

// lookup() as written: folding, hashing, probing, candidates with their places.
void BM_Lookup(benchmark::State& state) {
  const Index& index = shared_index();
  const auto& queries = names();
  std::vector<incidentmap::gaz::Candidate> out;
  out.reserve(64);
  incidentmap::gaz::LookupOptions options;
  std::size_t i = 0, found = 0;
  for (auto _ : state) {
    index.lookup(queries[i], options, out);
    found += out.size();
    if (++i == queries.size()) i = 0;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["candidates_per_lookup"] =
      static_cast<double>(found) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_Lookup);

// find_folded() with keys folded beforehand, as the recogniser calls it.
void BM_FindFolded(benchmark::State& state) {
  const Index& index = shared_index();
  std::vector<std::string> keys;
  for (const auto& n : names()) keys.push_back(incidentmap::gaz::fold_name(n));
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(index.find_folded(keys[i]).size());
    if (++i == keys.size()) i = 0;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_FindFolded);

}  // namespace

BENCHMARK_MAIN();
