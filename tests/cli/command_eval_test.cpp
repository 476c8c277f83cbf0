// `incidentmap eval` end to end: exit codes, stdout byte for byte, stderr messages.

#include <gtest/gtest.h>

#include "tests/cli/run_cli.h"
#include "tests/temp_dir.h"

namespace incidentmap {
namespace {

using testing::CliRun;
using testing::run_cli;
using testing::TempDir;

constexpr const char* kGold =
    R"({"doc_id": "a", "text": "Floods in Tula and Puebla.", "toponyms": [{"start": 10, "end": 14, "phrase": "Tula", "lat": 20.05, "lon": -99.34}, {"start": 19, "end": 25, "phrase": "Puebla", "lat": 19.04, "lon": -98.2}]}
{"doc_id": "b", "text": "Quiet day in Leon.", "toponyms": [{"start": 13, "end": 17, "phrase": "Leon", "lat": 21.12, "lon": -101.68}]}
)";
constexpr const char* kPred =
    R"({"doc_id": "a", "toponyms": [{"start": 10, "end": 14, "phrase": "Tula", "lat": 23.0, "lon": -99.7}, {"start": 19, "end": 25, "phrase": "Puebla", "lat": 19.04, "lon": -98.2}, {"start": 0, "end": 6, "phrase": "Floods"}]}
)";

class EvalCli : public ::testing::Test {
 protected:
  void SetUp() override {
    if (testing::incidentmap_bin().empty()) GTEST_SKIP() << "INCIDENTMAP_BIN is not set";
    gold_ = dir_.write("gold.jsonl", kGold);
    pred_ = dir_.write("pred.jsonl.gz", kPred);
  }
  TempDir dir_;
  std::string gold_;
  std::string pred_;
};

TEST_F(EvalCli, JsonIsScorePyOutput) {
  const CliRun run = run_cli({"eval", "--gold", gold_, "--pred", pred_, "--json"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(
      run.out,
      R"({"docs": 2, "tp": 2, "fp": 1, "fn": 1, "precision": 0.6667, "recall": 0.6667, "f1": 0.6667, "n_geocoded": 2, "acc161": 0.5, "mean_km": 165.1, "median_km": 165.1, "auc": 0.2929})"
      "\n");
}

TEST_F(EvalCli, TableByDefaultAndPredictionsFromStandardInput) {
  const CliRun run = run_cli({"eval", "--gold", gold_, "--pred", "-", "--resolution-only"}, kPred);
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.out,
            "documents                    2\n"
            "gold toponyms                3\n"
            "true positives               2\n"
            "false negatives              1\n"
            "recall                  0.6667\n"
            "geocoded                     2\n"
            "Acc@161km               0.5000\n"
            "mean error km            165.1\n"
            "median error km          165.1\n"
            "AUC                     0.2929\n");
}

TEST_F(EvalCli, ThresholdsSetTheExitCode) {
  EXPECT_EQ(run_cli({"eval", "--gold", gold_, "--pred", pred_, "--min-f1", "0.6"}).exit_code, 0);
  const CliRun run = run_cli({"eval", "--gold", gold_, "--pred", pred_, "--min-acc", "0.6"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, "incidentmap eval: below the required minimum\n");
}

TEST_F(EvalCli, SkippedLinesAreReportedWithExitCodeOne) {
  const std::string bad = dir_.write("bad.jsonl", std::string(kPred) + "{oops\n");
  const CliRun run = run_cli({"eval", "--gold", gold_, "--pred", bad, "--json"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, bad +
                         ":2: skipped: invalid JSON at byte 2: syntax error while parsing object "
                         "key - invalid literal; expected string literal\n");
  EXPECT_NE(run.out.find("\"tp\": 2"), std::string::npos);
}

TEST_F(EvalCli, UsageErrors) {
  CliRun run = run_cli({"eval", "--gold", gold_});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err,
            "incidentmap eval: geoparse is not available yet; pass --pred\n"
            "Run 'incidentmap eval --help' for usage.\n");
  run = run_cli({"eval", "--gold", dir_.path("nope.jsonl"), "--pred", pred_});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err, "incidentmap eval: cannot open the gold file " + dir_.path("nope.jsonl") +
                         ": No such file or directory\n"
                         "Run 'incidentmap eval --help' for usage.\n");
  run = run_cli({"eval", "--gold", gold_, "--pred", dir_.path()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err, "incidentmap eval: the pred file " + dir_.path() +
                         " is a folder\nRun 'incidentmap eval --help' for usage.\n");
}

TEST_F(EvalCli, FullOutputDeviceFails) {
  if (::access("/dev/full", W_OK) != 0) GTEST_SKIP() << "no /dev/full";
  // Through a shell, which opens /dev/full as standard output.
  const CliRun run =
      testing::run_program("/bin/sh", {"-c", "\"$0\" eval --gold \"$1\" --pred \"$2\" >/dev/full",
                                       testing::incidentmap_bin(), gold_, pred_});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, "incidentmap eval: error: cannot write <stdout>: No space left on device\n");
}

}  // namespace
}  // namespace incidentmap
