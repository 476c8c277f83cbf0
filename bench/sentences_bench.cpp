// Throughput of the sentence splitter (the brief asks for at least 50 MB/s) and of whole-text
// event extraction, on synthetic news-like text written here.

#include <benchmark/benchmark.h>

#include <string>

#include "src/events/event_extractor.h"
#include "src/text/sentences.h"

namespace {

std::string synthetic_text(std::size_t bytes) {
  static const char* kParagraph =
      "TORREON, Mexico (Reuters) \u2014 Gunmen opened fire on a bar late on Thursday, killing "
      "four people and wounding two, Gen. Ortega told reporters. The U.S. Embassy said Mr. Diaz, "
      "a 31-year-old engineer, was safe. \"We heard 20 shots.\" Police detained three suspects "
      "on Oct. 17; prices rose 3.5 percent.\n\nSoldiers patrolled the area on Friday.\n";
  std::string out;
  while (out.size() < bytes) out += kParagraph;
  return out;
}

void BM_SplitSentences(benchmark::State& state) {
  const std::string text = synthetic_text(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(incidentmap::split_sentences(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_SplitSentences)->Arg(1 << 20)->Arg(8 << 20);

void BM_ExtractEvents(benchmark::State& state) {
  const std::string text = synthetic_text(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state)
    benchmark::DoNotOptimize(
        incidentmap::extract_events(text, incidentmap::CivilDate{2019, 10, 18}));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_ExtractEvents)->Arg(1 << 20);

}  // namespace

BENCHMARK_MAIN();
