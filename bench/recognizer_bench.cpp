// Throughput of tokenisation and toponym recognition (MB/s of input text, CPU time, one
// thread) on synthetic English news text built here, with an in-memory name source of a few
// hundred thousand made-up names (so that lookups miss caches as a real gazetteer's do).
// Needs no shared data:
//
//   build/release/bench/recognizer_bench [--benchmark_filter=Recognize]
//
// The text is cut into documents of about 2 KB (a news article's size) and every document is
// processed on its own, as the pipeline does.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bench/geonames_name_source.h"
#include "src/recognize/recognizer.h"
#include "src/text/tokenizer.h"

namespace incidentmap {
namespace {

// A deterministic generator (splitmix64), so every run measures the same text.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[below(v.size())];
  }

 private:
  std::uint64_t s_;
};

// Made-up place names from syllables ("Korvanta", "Belmisso Springs").
std::string made_up_name(Rng& rng) {
  static const std::vector<std::string> kSyllables = {
      "kor", "van", "ta", "bel", "mis", "so", "ra", "lin", "do", "mar", "qu", "ez",
      "tor", "ni",  "sa", "lo",  "ven", "ga", "hu", "pe",  "ri", "an",  "os", "zu"};
  std::string s;
  const std::size_t n = 2 + rng.below(3);
  for (std::size_t k = 0; k < n; ++k) s += rng.pick(kSyllables);
  s[0] = static_cast<char>(s[0] - 32);
  return s;
}

// The stand-in name source of the evaluation benchmark (a flat hash table, as the real index
// has), filled with made-up names and the few real ones the text uses.
void add_bench_names(bench::GeoNamesNameSource& names) {
  using K = NameInfo;
  Rng rng(7);
  for (int k = 0; k < 300000; ++k) {
    std::string name = made_up_name(rng);
    if (k % 7 == 0) name += " Springs";
    if (k % 11 == 0) name = "San " + name;
    names.add(name, K::kPopulated, static_cast<std::int64_t>(rng.below(200000)), true);
  }
  for (const char* s : {"Mexico", "Nigeria", "Ukraine", "Syria", "Kenya", "Brazil"}) {
    names.add(s, K::kCountry | K::kAdmin, 50000000, true);
  }
  for (const char* s : {"Sinaloa", "Texas", "Borno", "Oaxaca", "Kharkiv Oblast", "Ohio"}) {
    names.add(s, K::kAdmin | K::kAdmin1, 5000000, true);
  }
  for (const char* s : {"Culiacán", "Mexico City", "Lagos", "Houston", "Maiduguri", "Kharkiv",
                        "Aleppo", "Nairobi", "São Paulo", "Dayton", "Springfield"}) {
    names.add(s, K::kPopulated, 1500000, true);
  }
  for (const char* s : {"Jordan", "Georgia", "Chelsea", "Logan", "Washington", "Paris"}) {
    names.add(s, K::kPopulated | K::kAdmin, 300000, true);
  }
  names.add("Africa", K::kContinent, 1000000000, true);
  names.add("US", K::kCountry | K::kAbbreviation, 330000000, false);
  names.add("Mexican", K::kDemonym, 0, false, "MX");
}

const NameSource& bench_names() {
  // Filled in place: the source's hash table holds views of its own key strings.
  static bench::GeoNamesNameSource names;
  static const bool filled = (add_bench_names(names), true);
  (void)filled;
  return names;
}

// About `bytes` of news-like text in documents of about 2 KB: datelines, people who share
// names with places, organisations, type constructions, accents, possessives and numbers.
std::vector<std::string> news_documents(std::size_t bytes) {
  static const std::vector<std::string> kPlaces = {
      "Culiacán", "Mexico City", "Lagos",     "Houston", "Maiduguri",  "Kharkiv",
      "Aleppo",   "Nairobi",     "São Paulo", "Dayton",  "Springfield"};
  static const std::vector<std::string> kRegions = {"Sinaloa", "Texas", "Borno", "Oaxaca", "Ohio"};
  static const std::vector<std::string> kCountries = {"Mexico", "Nigeria", "Ukraine",
                                                      "Syria",  "Kenya",   "Brazil"};
  static const std::vector<std::string> kPeople = {"Jordan Smith", "Maria Lopez", "Logan Brown",
                                                   "Chelsea Ward", "Ahmed Musa",  "Olga Petrenko"};
  static const std::vector<std::string> kTemplates = {
      "{P}, {R} \xE2\x80\x94 Gunmen killed {N} people at a ranch outside {P} on Tuesday, "
      "officials said.",
      "{H} said the attack in {X} was the worst since March, when {N} soldiers died near {Q}.",
      "The {P} City Council voted to extend the curfew, and the {X} Police Department said "
      "{N} suspects were arrested.",
      "{C}'s foreign ministry condemned the violence and urged calm in {R} state.",
      "Residents of the village of {X} fled toward {P} after clashes between the army and "
      "militants, according to a spokesman for the {C} armed forces.",
      "Mexican troops patrolled the streets of {P} while helicopters flew over {Q} Springs.",
      "\"We heard shots all night,\" said {H}, a teacher who lives in {X} with her family of "
      "{N}.",
      "Reporting by {H} in {P}; editing by {H}.",
      "The {R} governor told reporters in {P} that aid from the US and {C} would arrive by "
      "Friday, and that schools would reopen next week.",
      "At least {N} people were injured when a bus overturned on the highway between {P} and "
      "{X}, the Red Cross said in a statement on its website.",
  };
  Rng rng(42);
  std::vector<std::string> docs;
  std::size_t total = 0;
  std::string doc;
  while (total < bytes) {
    std::string s = rng.pick(kTemplates);
    for (std::size_t at = s.find('{'); at != std::string::npos; at = s.find('{', at)) {
      std::string fill;
      switch (s[at + 1]) {
        case 'P':
          fill = rng.pick(kPlaces);
          break;
        case 'R':
          fill = rng.pick(kRegions);
          break;
        case 'C':
          fill = rng.pick(kCountries);
          break;
        case 'H':
          fill = rng.pick(kPeople);
          break;
        case 'N':
          fill = std::to_string(2 + rng.below(40));
          break;
        default:  // 'X', 'Q': made-up places, mostly in the gazetteer
          fill = made_up_name(rng);
          break;
      }
      s.replace(at, 3, fill);
      at += fill.size();
    }
    doc += s;
    doc += rng.below(4) == 0 ? "\n\n" : " ";
    if (doc.size() >= 2000) {
      total += doc.size();
      docs.push_back(std::move(doc));
      doc.clear();
    }
  }
  return docs;
}

const std::vector<std::string>& bench_documents() {
  static const std::vector<std::string> docs = news_documents(1 << 20);
  return docs;
}

std::int64_t total_bytes(const std::vector<std::string>& docs) {
  std::int64_t n = 0;
  for (const std::string& d : docs) n += static_cast<std::int64_t>(d.size());
  return n;
}

void BM_Tokenize(benchmark::State& state) {
  const std::vector<std::string>& docs = bench_documents();
  TokenizedText tt;
  for (auto _ : state) {
    for (const std::string& d : docs) {
      tokenize(d, tt);
      benchmark::DoNotOptimize(tt.tokens.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * total_bytes(docs));
}
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMillisecond);

// Tokenisation and recognition together, as Recognizer::recognize(text) does.
void BM_Recognize(benchmark::State& state) {
  const std::vector<std::string>& docs = bench_documents();
  const Recognizer rec(bench_names());
  std::size_t mentions = 0;
  for (auto _ : state) {
    for (const std::string& d : docs) mentions += rec.recognize(d).size();
  }
  state.SetBytesProcessed(state.iterations() * total_bytes(docs));
  state.counters["mentions/doc"] =
      static_cast<double>(mentions) /
      static_cast<double>(state.iterations() * static_cast<std::int64_t>(docs.size()));
}
BENCHMARK(BM_Recognize)->Unit(benchmark::kMillisecond);

// Recognition over texts tokenised beforehand.
void BM_RecognizeTokenized(benchmark::State& state) {
  const std::vector<std::string>& docs = bench_documents();
  std::vector<TokenizedText> tts;
  for (const std::string& d : docs) tts.push_back(tokenize(d));
  const Recognizer rec(bench_names());
  for (auto _ : state) {
    for (std::size_t k = 0; k < docs.size(); ++k) {
      benchmark::DoNotOptimize(rec.recognize(docs[k], tts[k]).data());
    }
  }
  state.SetBytesProcessed(state.iterations() * total_bytes(docs));
}
BENCHMARK(BM_RecognizeTokenized)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace incidentmap

BENCHMARK_MAIN();
