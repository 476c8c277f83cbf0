// The ordered pool's cost per item, to set against a document's processing time (a 3 kB news
// document at 20 MB/s per core takes about 150 us): work of 0 and 20 us per item, 1-4 threads.

#include <benchmark/benchmark.h>

#include <chrono>
#include <optional>

#include "src/batch/ordered_pool.h"

namespace incidentmap {
namespace {

// Busy work of about `micros` microseconds (no sleeping: the pool must keep cores busy).
int spin(int item, int micros) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::microseconds(micros);
  int x = item;
  while (std::chrono::steady_clock::now() < until) x = x * 1103515245 + 12345;
  return x;
}

void BM_OrderedMap(benchmark::State& state) {
  const int threads = static_cast<int>(state.range(0));
  const int micros = static_cast<int>(state.range(1));
  constexpr int kItems = 2000;
  for (auto _ : state) {
    int next = 0;
    long long sum = 0;
    ordered_map(
        [&]() -> std::optional<int> {
          if (next == kItems) return std::nullopt;
          return next++;
        },
        [micros](int& item) { return spin(item, micros); },
        [&](OrderedResult<int, int>&& r) { sum += *r.output; },
        OrderedPoolOptions{threads, 0, nullptr});
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * kItems);
}
BENCHMARK(BM_OrderedMap)
    ->ArgNames({"threads", "work_us"})
    ->ArgsProduct({{1, 2, 4}, {0, 20}})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace incidentmap

BENCHMARK_MAIN();
