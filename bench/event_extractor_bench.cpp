// Throughput of event extraction (extract_events: sentence splitting, tokenisation, triggers,
// dates, fatalities, actors) on synthetic news text written here, in MB/s of input. The `map`
// pipeline needs about 60 MB/s from this stage. Run e.g.
//   build/release/bench/event_extractor_bench --benchmark_min_time=2
// The text mixes reports of violence with the background, quotes and statistics that fill most
// of a real article, so that sentences without any trigger are common, as they are in news.

#include <benchmark/benchmark.h>

#include <string>

#include "src/events/event_extractor.h"
#include "src/events/event_tokens.h"
#include "src/events/triggers.h"
#include "src/text/sentences.h"

namespace {

constexpr const char* kArticles[] = {
    "RIVERTON, Freedonia (Wire) \u2014 Gunmen opened fire on a police patrol late on Thursday, "
    "killing three officers and wounding two others, the provincial governor said. The attack "
    "took place on the road between Riverton and the port of Salina, about 40 km from the "
    "border. Residents said they heard at least 20 shots before dawn. No group has claimed "
    "responsibility, but officials blamed a faction of the Red Hand militia, which has been "
    "fighting the army since 2017. The governor, a 54-year-old former judge, told reporters "
    "that reinforcements would arrive on Oct. 19. Prices of fuel rose 3.5 percent last month, "
    "and the central bank kept its main rate unchanged at 11 percent.\n\n",
    "Clashes erupted between rival gangs in the northern district on Saturday. Two suspects "
    "were arrested and a third escaped, according to a police statement. Local media reported "
    "that a car bomb went off near the market on Sunday morning, but nobody was hurt. \u201CWe "
    "are tired of the violence,\u201D said Maria Ortega, who runs a bakery on Main Street. The "
    "city council met on Monday to discuss the budget for schools, roads and the new hospital, "
    "which is expected to open in 2021. Mr. Diaz, the mayor, said the U.S. Embassy had offered "
    "help with training.\n\n",
    "Hundreds of teachers marched through the capital on Tuesday to demand higher wages, and "
    "riot police used tear gas to disperse the crowd outside parliament. The union said 14 "
    "protesters were injured. The ministry of education said in a statement that talks would "
    "resume next week. Exports grew by 2.1 percent in the third quarter, driven by coffee, "
    "copper and flowers. The national football team will play its next match in Lima on "
    "Nov. 12.\n\n",
    "Security forces found the bodies of five men in a ravine near San Isidro on Wednesday, two "
    "days after they went missing. Prosecutors said the victims had been tortured. In a "
    "separate incident, an air strike on a village killed at least 12 civilians, including four "
    "children, a local official said. The army denied carrying out the strike. Aid groups "
    "estimate that 1.5 million people have fled their homes since the conflict began. The "
    "rainy season usually starts in May and lasts until September.\n\n",
};

std::string synthetic_news(std::size_t bytes) {
  std::string out;
  std::size_t k = 0;
  while (out.size() < bytes) out += kArticles[k++ % std::size(kArticles)];
  return out;
}

void BM_ExtractEvents(benchmark::State& state) {
  const std::string text = synthetic_news(static_cast<std::size_t>(state.range(0)));
  std::size_t events = 0;
  for (auto _ : state) {
    const auto found = incidentmap::extract_events(text, incidentmap::CivilDate{2019, 10, 18});
    events = found.size();
    benchmark::DoNotOptimize(found.data());
  }
  state.counters["events"] = static_cast<double>(events);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_ExtractEvents)->Arg(1 << 20)->Unit(benchmark::kMillisecond);

// The parts on their own, to see where time goes.
void BM_SplitSentences(benchmark::State& state) {
  const std::string text = synthetic_news(1 << 20);
  for (auto _ : state) benchmark::DoNotOptimize(incidentmap::split_sentences(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_SplitSentences)->Unit(benchmark::kMillisecond);

void BM_TokenizeForEvents(benchmark::State& state) {
  const std::string text = synthetic_news(1 << 20);
  for (auto _ : state)
    benchmark::DoNotOptimize(incidentmap::tokenize_for_events(text, {0, text.size()}));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_TokenizeForEvents)->Unit(benchmark::kMillisecond);

void BM_FindTriggers(benchmark::State& state) {
  const std::string text = synthetic_news(1 << 20);
  const auto tokens = incidentmap::tokenize_for_events(text, {0, text.size()});
  for (auto _ : state) benchmark::DoNotOptimize(incidentmap::find_triggers(text, tokens));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_FindTriggers)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
