#include "src/eval/score.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "src/io/jsonl.h"
#include "tests/cli/run_cli.h"
#include "tests/temp_dir.h"

namespace incidentmap {
namespace {

using testing::TempDir;

ScoreCorpus load_text(const TempDir& dir, const std::string& name, const std::string& jsonl,
                      InputReport& report) {
  return load_score_corpus(dir.write(name, jsonl), report);
}

struct ScoreCase {
  const char* name;
  std::string gold;  // JSONL
  std::string pred;  // JSONL
  ScoreOptions options;
  std::string expected_json;  // as score.py prints it
};

void PrintTo(const ScoreCase& c, std::ostream* os) { *os << c.name; }

class ScoreCaseTest : public ::testing::TestWithParam<ScoreCase> {};

TEST_P(ScoreCaseTest, MatchesScorePy) {
  const ScoreCase& c = GetParam();
  TempDir dir;
  InputReport report;
  const ScoreCorpus gold = load_text(dir, "gold.jsonl", c.gold, report);
  const ScoreCorpus pred = load_text(dir, "pred.jsonl", c.pred, report);
  EXPECT_FALSE(report.any_skipped());
  EXPECT_EQ(scores_json(score_geoparse(gold, pred, c.options)), c.expected_json);
}

constexpr ScoreOptions kResolutionOnly{true, false};
constexpr ScoreOptions kCoordsOnly{false, true};

// Expected values were computed by hand and checked with ../shared/tools/score.py.
const ScoreCase kScoreCases[] = {
    {"ExactMatch",
     R"({"doc_id": "d1", "toponyms": [{"start": 0, "end": 5, "phrase": "Paris", "lat": 48.85, "lon": 2.35}]})",
     R"({"doc_id": "d1", "toponyms": [{"start": 0, "end": 5, "phrase": "Paris", "lat": 48.85, "lon": 2.35}]})",
     {},
     R"({"docs": 1, "tp": 1, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0, "n_geocoded": 1, "acc161": 1.0, "mean_km": 0.0, "median_km": 0.0, "auc": 0.0})"},
    {"PhraseMatchIgnoresCase",
     R"({"doc_id": "d1", "toponyms": [{"start": 0, "end": 5, "phrase": "Paris"}]})",
     R"({"doc_id": "d1", "toponyms": [{"start": 0, "end": 5, "phrase": "PARIS"}]})",
     {},
     R"({"docs": 1, "tp": 1, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0})"},
    {"DifferentPhraseDoesNotMatch",
     R"({"doc_id": "d1", "toponyms": [{"start": 0, "end": 5, "phrase": "Paris"}]})",
     R"({"doc_id": "d1", "toponyms": [{"start": 0, "end": 5, "phrase": "Pari"}]})",
     {},
     R"({"docs": 1, "tp": 0, "fp": 1, "fn": 1, "precision": 0.0, "recall": 0.0, "f1": 0.0})"},
    {"MidpointsExactlyTenApartDoNotMatch",
     R"({"doc_id": "d1", "toponyms": [{"start": 0, "end": 5, "phrase": "Paris"}]})",
     R"({"doc_id": "d1", "toponyms": [{"start": 10, "end": 15, "phrase": "Paris"}]})",
     {},
     R"({"docs": 1, "tp": 0, "fp": 1, "fn": 1, "precision": 0.0, "recall": 0.0, "f1": 0.0})"},
    {"MidpointsNineAndAHalfApartMatch",
     R"({"doc_id": "d1", "toponyms": [{"start": 0, "end": 5, "phrase": "Paris"}]})",
     R"({"doc_id": "d1", "toponyms": [{"start": 9, "end": 15, "phrase": "paris"}]})",
     {},
     R"({"docs": 1, "tp": 1, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0})"},
    {"EachPredictionIsUsedOnce",
     R"({"doc_id": "d1", "toponyms": [{"start": 0, "end": 5, "phrase": "Paris"}, {"start": 6, "end": 11, "phrase": "Paris"}]})",
     R"({"doc_id": "d1", "toponyms": [{"start": 3, "end": 8, "phrase": "Paris"}]})",
     {},
     R"({"docs": 1, "tp": 1, "fp": 0, "fn": 1, "precision": 1.0, "recall": 0.5, "f1": 0.6667})"},
    {"FirstUnusedPredictionWinsNotTheNearest",
     R"({"doc_id": "d1", "toponyms": [{"start": 20, "end": 25, "phrase": "Lyon", "lat": 45.76, "lon": 4.84}]})",
     R"({"doc_id": "d1", "toponyms": [{"start": 14, "end": 19, "phrase": "Lyon"}, {"start": 20, "end": 25, "phrase": "Lyon", "lat": 45.76, "lon": 4.84}]})",
     {},
     R"({"docs": 1, "tp": 1, "fp": 1, "fn": 0, "precision": 0.5, "recall": 1.0, "f1": 0.6667, "n_geocoded": 1, "acc161": 0.0, "mean_km": 20039.0, "median_km": 20039.0, "auc": 1.0})"},
    {"MissingPredictedDocumentIsAllMisses",
     R"({"doc_id": "d1", "toponyms": [{"start": 0, "end": 4, "phrase": "Oslo"}]}
{"doc_id": "d2", "toponyms": [{"start": 0, "end": 4, "phrase": "Oslo"}, {"start": 9, "end": 13, "phrase": "Bern"}]})",
     R"({"doc_id": "d1", "toponyms": [{"start": 0, "end": 4, "phrase": "Oslo"}]}
{"doc_id": "d3", "toponyms": [{"start": 0, "end": 4, "phrase": "Oslo"}]})",
     {},
     R"({"docs": 2, "tp": 1, "fp": 0, "fn": 2, "precision": 1.0, "recall": 0.3333, "f1": 0.5})"},
    {"OneKnownErrorGivesAucOfOnePoint",
     R"({"doc_id": "d1", "toponyms": [{"start": 0, "end": 4, "phrase": "Null", "lat": 0, "lon": 0}]})",
     R"({"doc_id": "d1", "toponyms": [{"start": 0, "end": 4, "phrase": "Null", "lat": 0.0, "lon": 1.0}]})",
     {},
     R"({"docs": 1, "tp": 1, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0, "n_geocoded": 1, "acc161": 1.0, "mean_km": 111.2, "median_km": 111.2, "auc": 0.4765})"},
    {"AucOverThreeErrors",
     R"({"doc_id": "d1", "toponyms": [{"start": 0, "end": 1, "phrase": "A", "lat": 0, "lon": 0}, {"start": 20, "end": 21, "phrase": "B", "lat": 0, "lon": 0}, {"start": 40, "end": 41, "phrase": "C", "lat": 0, "lon": 0}]})",
     R"({"doc_id": "d1", "toponyms": [{"start": 0, "end": 1, "phrase": "A", "lat": 0, "lon": 0}, {"start": 20, "end": 21, "phrase": "B", "lat": 0, "lon": 1}, {"start": 40, "end": 41, "phrase": "C", "lat": null, "lon": null}]})",
     {},
     R"({"docs": 1, "tp": 3, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0, "n_geocoded": 3, "acc161": 0.6667, "mean_km": 6716.7, "median_km": 111.2, "auc": 0.4883})"},
    {"GoldWithoutCoordinatesCountsForRecognitionOnly",
     R"({"doc_id": "d1", "toponyms": [{"start": 0, "end": 4, "phrase": "Rome", "lat": null, "lon": null}, {"start": 10, "end": 14, "phrase": "Nice", "lat": 43.7, "lon": 7.27}]})",
     R"({"doc_id": "d1", "toponyms": [{"start": 0, "end": 4, "phrase": "Rome", "lat": 41.9, "lon": 12.5}, {"start": 10, "end": 14, "phrase": "Nice", "lat": 43.7, "lon": 7.27}]})",
     {},
     R"({"docs": 1, "tp": 2, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0, "n_geocoded": 1, "acc161": 1.0, "mean_km": 0.0, "median_km": 0.0, "auc": 0.0})"},
    {"CoordsOnlyDropsGoldWithoutCoordinates",
     R"({"doc_id": "d1", "toponyms": [{"start": 0, "end": 4, "phrase": "Rome", "lat": null, "lon": null}, {"start": 10, "end": 14, "phrase": "Nice", "lat": 43.7, "lon": 7.27}]})",
     R"({"doc_id": "d1", "toponyms": [{"start": 0, "end": 4, "phrase": "Rome", "lat": 41.9, "lon": 12.5}, {"start": 10, "end": 14, "phrase": "Nice", "lat": 43.7, "lon": 7.27}]})",
     kCoordsOnly,
     R"({"docs": 1, "tp": 1, "fp": 1, "fn": 0, "precision": 0.5, "recall": 1.0, "f1": 0.6667, "n_geocoded": 1, "acc161": 1.0, "mean_km": 0.0, "median_km": 0.0, "auc": 0.0})"},
    {"ResolutionOnlyHasNoFalsePositivesAndRawRecall",
     R"({"doc_id": "d1", "toponyms": [{"start": 0, "end": 4, "phrase": "Kiev"}, {"start": 10, "end": 14, "phrase": "Lviv"}, {"start": 20, "end": 24, "phrase": "Odesa"}]})",
     R"({"doc_id": "d1", "toponyms": [{"start": 0, "end": 4, "phrase": "Kiev"}, {"start": 30, "end": 34, "phrase": "Kyiv"}]})",
     kResolutionOnly, R"({"docs": 1, "tp": 1, "fp": 0, "fn": 2, "recall": 0.3333333333333333})"},
    {"NonAsciiPhrases",
     R"({"doc_id": "d1", "toponyms": [{"start": 0, "end": 6, "phrase": "MÉXICO"}, {"start": 10, "end": 16, "phrase": "ΠΑΤΡΑΣ"}, {"start": 20, "end": 25, "phrase": "İzmir"}]})",
     R"({"doc_id": "d1", "toponyms": [{"start": 0, "end": 6, "phrase": "México"}, {"start": 10, "end": 16, "phrase": "Πατρας"}, {"start": 20, "end": 25, "phrase": "izmir"}]})",
     {},
     R"({"docs": 1, "tp": 2, "fp": 1, "fn": 1, "precision": 0.6667, "recall": 0.6667, "f1": 0.6667})"},
    {"NumericAndStringIdsMeet",
     R"({"doc_id": 12, "toponyms": [{"start": 0, "end": 4, "phrase": "Lima"}]})",
     R"({"doc_id": "12", "toponyms": [{"start": 0, "end": 4, "phrase": "Lima"}]})",
     {},
     R"({"docs": 1, "tp": 1, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0})"},
    {"RepeatedGoldIdKeepsTheLastLine",
     R"({"doc_id": "d1", "toponyms": [{"start": 0, "end": 4, "phrase": "Lima"}]}
{"doc_id": "d1", "toponyms": [{"start": 0, "end": 4, "phrase": "Cuzco"}]})",
     R"({"doc_id": "d1", "toponyms": [{"start": 0, "end": 4, "phrase": "Lima"}]})",
     {},
     R"({"docs": 1, "tp": 0, "fp": 1, "fn": 1, "precision": 0.0, "recall": 0.0, "f1": 0.0})"},
    {"EmptyCorpora",
     "",
     "",
     {},
     R"({"docs": 0, "tp": 0, "fp": 0, "fn": 0, "precision": 0.0, "recall": 0.0, "f1": 0.0})"},
    {"PredictionWithoutPhraseNeverMatches",
     R"({"doc_id": "d1", "toponyms": [{"start": 0, "end": 4, "phrase": "Lima"}]})",
     R"({"doc_id": "d1", "toponyms": [{"start": 0, "end": 4}]})",
     {},
     R"({"docs": 1, "tp": 0, "fp": 1, "fn": 1, "precision": 0.0, "recall": 0.0, "f1": 0.0})"},
};

INSTANTIATE_TEST_SUITE_P(Cases, ScoreCaseTest, ::testing::ValuesIn(kScoreCases),
                         [](const auto& test) { return std::string(test.param.name); });

TEST(ScoreTable, ShowsTheRoundedFigures) {
  EvalScores s;
  s.docs = 3;
  s.tp = 2;
  s.fp = 1;
  s.fn = 2;
  s.precision = 2.0 / 3;
  s.recall = 0.5;
  s.f1 = 4.0 / 7;
  s.n_geocoded = 2;
  s.acc161 = 0.5;
  s.mean_km = 111.25;
  s.median_km = 111.15;
  s.auc = 0.25;
  EXPECT_EQ(scores_table(s),
            "documents                    3\n"
            "gold toponyms                4\n"
            "true positives               2\n"
            "false positives              1\n"
            "false negatives              2\n"
            "precision               0.6667\n"
            "recall                  0.5000\n"
            "F1                      0.5714\n"
            "geocoded                     2\n"
            "Acc@161km               0.5000\n"
            "mean error km            111.2\n"
            "median error km          111.2\n"
            "AUC                     0.2500\n");
}

TEST(ScoreLoad, MalformedLinesAndToponymsAreReportedAndSkipped) {
  TempDir dir;
  InputReport report;
  const ScoreCorpus corpus = load_text(
      dir, "gold.jsonl",
      R"({"doc_id": "a", "toponyms": [{"start": 0, "end": 4, "phrase": "Lima"}, {"start": "0", "end": 4, "phrase": "Lima"}, {"end": 4}, 7, {"start": 0, "end": 4, "phrase": 5}, {"start": 0, "end": 4, "lat": "1", "lon": 2}]}
{"doc_id": "b", "toponyms": {}}
{"toponyms": []}
not json
{"doc_id": "c"}
)",
      report);
  ASSERT_EQ(corpus.documents.size(), 2u);
  EXPECT_EQ(corpus.documents[0].second.size(), 1u);
  EXPECT_EQ(corpus.documents[1].first, "c");
  std::string issues;
  for (const auto& issue : report.issues) {
    issues += format_issue(issue).substr(dir.path().size() + 1) + "\n";
  }
  EXPECT_EQ(issues,
            "gold.jsonl:1: id 'a': skipped: toponym 1: start is string, not a number\n"
            "gold.jsonl:1: id 'a': skipped: toponym 2: no start\n"
            "gold.jsonl:1: id 'a': skipped: toponym 3: toponym is number, not an object\n"
            "gold.jsonl:1: id 'a': skipped: toponym 4: phrase is number, not a string\n"
            "gold.jsonl:1: id 'a': skipped: toponym 5: lat is string, not a number\n"
            "gold.jsonl:2: id 'b': skipped: toponyms is object, not an array\n"
            "gold.jsonl:3: skipped: no doc_id (a string or number)\n"
            "gold.jsonl:4: skipped: invalid JSON at byte 2: syntax error while parsing value - "
            "invalid literal\n");
  EXPECT_EQ(report.records_skipped, 5);
  EXPECT_EQ(report.documents_skipped, 3);
  EXPECT_EQ(report.documents_read, 2);
}

struct LowerCase {
  std::string in;
  std::string out;  // Python's in.lower()
};

void PrintTo(const LowerCase& c, std::ostream* os) {
  *os << nlohmann::json(c.in).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

class PythonLowerTest : public ::testing::TestWithParam<LowerCase> {};

TEST_P(PythonLowerTest, MatchesStrLower) { EXPECT_EQ(python_lower(GetParam().in), GetParam().out); }

INSTANTIATE_TEST_SUITE_P(
    Strings, PythonLowerTest,
    ::testing::Values(LowerCase{"Ciudad JUÁREZ", "ciudad juárez"},
                      LowerCase{"İzmir", "i\xCC\x87zmir"}, LowerCase{"ΠΑΤΡΑΣ", "πατρας"},
                      LowerCase{"ΣΑΣ", "σας"}, LowerCase{"Σ", "σ"}, LowerCase{"AΣ.", "aς."},
                      LowerCase{"Α'Σ'", "α'ς'"}, LowerCase{"ΑΣΑ", "ασα"},
                      LowerCase{"AΣ\xCC\x81", "aς\xCC\x81"}, LowerCase{"ẞ Straße", "ß straße"},
                      LowerCase{"ДНІПРО", "дніпро"}, LowerCase{"x\xFFY", "x\xFFy"}));

TEST(PythonRound, CorrectlyRoundedHalfEven) {
  EXPECT_EQ(python_round(0.03125, 4), 0.0312);  // an exact tie goes to even
  EXPECT_EQ(python_round(0.00015, 4), 0.0001);  // the double is just below the tie
  EXPECT_EQ(python_round(2.675, 2), 2.67);
  EXPECT_EQ(python_round(111.25, 1), 111.2);
  EXPECT_EQ(python_round(111.15, 1), 111.2);
  EXPECT_EQ(python_round(1.5, 0), 2.0);
  EXPECT_EQ(python_round(0.5, 0), 0.0);
}

TEST(ExactSum, MatchesMathFsum) {
  EXPECT_EQ(exact_sum({}), 0.0);
  EXPECT_EQ(exact_sum(std::vector<double>(10, 0.1)), 1.0);  // a plain loop gives 0.9999999999999999
  EXPECT_EQ(exact_sum({1e16, 1.0, -1e16}), 1.0);
  EXPECT_EQ(exact_sum({1e-16, 1.0, 1e16}), 1.0000000000000002e16);
}

// Generates predictions from a gold corpus with seeded noise (dropped, shifted, re-cased,
// duplicated and spurious toponyms; exact, nearby, far and missing coordinates).
std::string perturbed_predictions(const ScoreCorpus& gold, std::uint32_t seed) {
  std::mt19937 rng(seed);
  const auto chance = [&rng](double p) { return rng() < p * 4294967296.0; };
  const auto uniform = [&rng](double lo, double hi) {
    return lo + (hi - lo) * (static_cast<double>(rng()) / 4294967296.0);
  };
  std::string out;
  for (const auto& [doc_id, toponyms] : gold.documents) {
    if (chance(0.1)) continue;
    nlohmann::json predicted = nlohmann::json::array();
    for (const ScoreToponym& t : toponyms) {
      if (chance(0.15)) continue;
      nlohmann::json p;
      double shift = 0;
      if (chance(0.1)) shift = chance(0.5) ? 10 : -10;  // exactly on the boundary
      if (chance(0.2)) shift = std::floor(uniform(-12, 13));
      p["start"] = t.start + shift;
      p["end"] = t.end + shift + (chance(0.1) ? 1 : 0);
      std::string phrase = t.phrase;
      if (chance(0.2)) {
        for (char& c : phrase) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      }
      p["phrase"] = phrase;
      if (t.coords && chance(0.7)) {
        p["lat"] = t.coords->lat_deg + (chance(0.3) ? 0.0 : uniform(-2, 2));
        p["lon"] = t.coords->lon_deg + (chance(0.3) ? 0.0 : uniform(-2, 2));
      } else if (chance(0.5)) {
        p["lat"] = uniform(-90, 90);
        p["lon"] = uniform(-180, 180);
      } else if (chance(0.5)) {
        p["lat"] = nullptr;
        p["lon"] = nullptr;
      }
      predicted.push_back(p);
      if (chance(0.05)) predicted.push_back(p);
    }
    if (chance(0.2)) {
      const double start = std::floor(uniform(0, 500));
      predicted.push_back({{"start", start}, {"end", start + 5}, {"phrase", "Nowhere"}});
    }
    out += nlohmann::json{{"doc_id", doc_id}, {"toponyms", predicted}}.dump() + "\n";
  }
  return out;
}

TEST(ScoreAgainstScorePy, IdenticalJsonOnPerturbedPredictions) {
  // The environment may point elsewhere, e.g. when the checkout is not beside ../shared.
  const char* env = std::getenv("INCIDENTMAP_SHARED_DIR");
  const std::string shared = env != nullptr && *env != '\0' ? env : INCIDENTMAP_SHARED_DIR;
  const std::string script = shared + "/tools/score.py";
  const std::string gold_path = shared + "/dev/lgl/lgl.jsonl";
  if (!std::filesystem::exists(script) || !std::filesystem::exists(gold_path)) {
    GTEST_SKIP() << "needs " << script << " and " << gold_path;
  }
  try {
    if (testing::run_program("python3", {"--version"}).exit_code != 0) {
      GTEST_SKIP() << "python3 does not run";
    }
  } catch (const std::exception&) {
    GTEST_SKIP() << "no python3";
  }
  InputReport report;
  const ScoreCorpus gold = load_score_corpus(gold_path, report);
  ASSERT_FALSE(report.any_skipped());
  TempDir dir;
  for (const std::uint32_t seed : {1u, 2u}) {
    const std::string pred_path = dir.write("pred.jsonl", perturbed_predictions(gold, seed));
    const ScoreCorpus pred = load_score_corpus(pred_path, report);
    // Every mode on the first seed; the default mode only on the second, to save time.
    const std::vector<ScoreOptions> modes =
        seed == 1 ? std::vector<ScoreOptions>{ScoreOptions{}, kResolutionOnly, kCoordsOnly}
                  : std::vector<ScoreOptions>{ScoreOptions{}};
    for (const ScoreOptions options : modes) {
      std::vector<std::string> args = {script, gold_path, pred_path};
      if (options.resolution_only) args.push_back("--resolution-only");
      if (options.coords_only) args.push_back("--coords-only");
      const testing::CliRun python = testing::run_program("python3", args);
      ASSERT_EQ(python.exit_code, 0) << python.err;
      EXPECT_EQ(scores_json(score_geoparse(gold, pred, options)) + "\n", python.out)
          << "seed " << seed << " resolution_only " << options.resolution_only << " coords_only "
          << options.coords_only;
    }
  }
}

}  // namespace
}  // namespace incidentmap
