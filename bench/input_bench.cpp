// Reading speed of DocumentReader: JSONL (plain and gzip) and a folder of text files, on
// generated news-like documents of about 3 KB. Reports bytes per second of input text.

#include <benchmark/benchmark.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "src/io/input.h"

namespace {

using incidentmap::Document;
using incidentmap::DocumentReader;

std::string article(int i) {
  std::string text;
  for (int k = 0; k < 40; ++k) {
    text += "Residents of district " + std::to_string(i % 97) + " reported shelling near the " +
            "bridge on the " + std::to_string(k) + "th day; officials said. ";
  }
  return text;
}

// A temporary corpus: corpus.jsonl, corpus.jsonl.gz and txt/ with the same 2000 documents.
class Corpus {
 public:
  Corpus() {
    std::string pattern = "/tmp/incidentmap-bench-XXXXXX";
    dir_ = ::mkdtemp(pattern.data());
    std::filesystem::create_directory(dir_ + "/txt");
    std::ofstream jsonl(dir_ + "/corpus.jsonl");
    gzFile gz = gzopen((dir_ + "/corpus.jsonl.gz").c_str(), "wb");
    for (int i = 0; i < 2000; ++i) {
      const std::string text = article(i);
      const std::string line =
          nlohmann::json{{"id", "doc" + std::to_string(i)}, {"date", "2023-03-01"}, {"text", text}}
              .dump() +
          "\n";
      jsonl << line;
      gzwrite(gz, line.data(), static_cast<unsigned>(line.size()));
      std::ofstream(dir_ + "/txt/" + std::to_string(i) + ".txt") << text;
      text_bytes_ += static_cast<std::int64_t>(text.size());
    }
    gzclose(gz);
  }
  ~Corpus() { std::filesystem::remove_all(dir_); }
  std::string path(const std::string& name) const { return dir_ + "/" + name; }
  std::int64_t text_bytes() const { return text_bytes_; }

 private:
  std::string dir_;
  std::int64_t text_bytes_ = 0;
};

const Corpus& corpus() {
  static const Corpus c;
  return c;
}

void read_all(benchmark::State& state, const std::string& input) {
  const std::string path = corpus().path(input);  // created before the timing starts
  for (auto _ : state) {
    DocumentReader reader({path});
    Document doc;
    std::size_t n = 0;
    while (reader.next(doc)) n += doc.text.size();
    benchmark::DoNotOptimize(n);
  }
  state.SetBytesProcessed(state.iterations() * corpus().text_bytes());
}

void BM_ReadJsonl(benchmark::State& state) { read_all(state, "corpus.jsonl"); }
void BM_ReadJsonlGzip(benchmark::State& state) { read_all(state, "corpus.jsonl.gz"); }
void BM_ReadTextFolder(benchmark::State& state) { read_all(state, "txt"); }

BENCHMARK(BM_ReadJsonl)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReadJsonlGzip)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReadTextFolder)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
