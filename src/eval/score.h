#pragma once
// Geoparsing evaluation, figure for figure the same as ../shared/tools/score.py (Gritta et al.,
// EUPEG conventions), so that numbers from `incidentmap eval` and from the Python scorer can be
// compared directly; the JSON output is byte-identical.
//
// Matching, per gold document: for each gold toponym in order, the first unused predicted
// toponym of the same document whose span midpoint is less than 10 code points away and whose
// phrase is equal ignoring case (Python's str.lower()). Recognition: precision, recall, F1.
// Resolution, over matched pairs whose gold toponym has coordinates: haversine error on a
// 6371 km sphere (20039 km when the prediction has no coordinates), Acc@161km (error < 161),
// mean and median km, AUC of the sorted ln(1 + error) / ln(20039) curve (trapezoids).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "geo/lonlat.h"
#include "src/io/input.h"

namespace incidentmap {

struct ScoreToponym {
  double start = 0;  // code point offsets, end exclusive (numbers as in the file; not checked)
  double end = 0;
  std::string phrase;
  std::optional<geo::LonLat> coords;  // absent when lat or lon is missing or null
};

// The documents of a gold or predicted corpus, in order of first appearance. A doc_id seen
// again replaces the earlier toponyms but keeps the first position, as a Python dict does.
struct ScoreCorpus {
  std::vector<std::pair<std::string, std::vector<ScoreToponym>>> documents;
  std::unordered_map<std::string, std::size_t> index;  // doc_id -> position in documents

  // Adds or replaces a document; returns false when it replaced one.
  bool put(std::string doc_id, std::vector<ScoreToponym> toponyms);
  // The toponyms of `doc_id`, or nullptr when the corpus has no such document.
  const std::vector<ScoreToponym>* find(const std::string& doc_id) const;
};

// Reads a corpus in the unified JSONL schema (doc_id, toponyms[{start, end, phrase, lat, lon}];
// "id" is accepted when doc_id is missing; numeric ids become strings as Python's str() makes
// them). `path` may be "-" (standard input) and gzip-compressed. Lines and toponyms that are
// malformed (where score.py would stop with an exception) are skipped and recorded in
// `report`; a toponym without "phrase" has phrase "" (score.py's p.get("phrase", "")).
// Throws InputError when the file cannot be opened or read.
ScoreCorpus load_score_corpus(const std::string& path, InputReport& report);

struct ScoreOptions {
  bool resolution_only = false;  // gold-mention runs: no false positives, no precision/F1
  bool coords_only = false;      // ignore gold toponyms without coordinates
};

// The figures score.py computes, unrounded. Precision/F1 are meaningless (0) when
// resolution_only; the resolution figures exist only when n_geocoded > 0.
struct EvalScores {
  bool resolution_only = false;
  std::int64_t docs = 0;  // gold documents
  std::int64_t tp = 0;
  std::int64_t fp = 0;
  std::int64_t fn = 0;
  double precision = 0;
  double recall = 0;
  double f1 = 0;
  std::int64_t n_geocoded = 0;  // matched pairs with gold coordinates
  double acc161 = 0;            // share of errors < 161 km
  double mean_km = 0;           // exactly rounded mean (Python's statistics.fmean)
  double median_km = 0;
  double auc = 0;                 // 0 best, 1 worst
  std::vector<double> errors_km;  // sorted ascending
};

// Scores `pred` against `gold`. Documents only in `pred` are ignored; a gold document missing
// from `pred` counts all its toponyms as misses.
EvalScores score_geoparse(const ScoreCorpus& gold, const ScoreCorpus& pred,
                          const ScoreOptions& options);

// The JSON object score.py prints, byte for byte (without the newline): keys docs, tp, fp, fn,
// then precision, recall, f1 rounded to 4 decimals (or only recall, unrounded, when
// resolution_only), then n_geocoded, acc161, mean_km, median_km, auc when n_geocoded > 0, with
// Python's round() and float repr.
std::string scores_json(const EvalScores& scores);

// A human-readable table of the same (rounded) figures, one "label value" line each.
std::string scores_table(const EvalScores& scores);

// Python's round(value, digits) for finite values: the double nearest to the decimal value
// correctly rounded (ties to even on the exact binary value) to `digits` places.
double python_round(double value, int digits);

// Python's str.lower() on UTF-8: Unicode lowercase mapping per code point, with Python's two
// context rules: U+0130 becomes "i̇" (i + U+0307) and a capital sigma ending a word becomes
// final sigma. Unicode data from utf8proc; Cased and Case_Ignorable are derived from general
// categories and case mappings (exact for letters in common use). Invalid UTF-8 bytes are
// copied unchanged.
std::string python_lower(std::string_view utf8_text);

// Python's math.fsum(): the correctly rounded sum of `values`.
double exact_sum(const std::vector<double>& values);

}  // namespace incidentmap
