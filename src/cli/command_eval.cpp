// `incidentmap eval`: scores predicted toponyms against a gold corpus with the conventions of
// ../shared/tools/score.py (see src/eval/score.h); --json prints exactly what score.py prints.

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <optional>

#include "src/cli/command.h"
#include "src/eval/score.h"
#include "src/io/atomic_file.h"
#include "src/io/input.h"

namespace incidentmap::cli {
namespace {

// Reports of reading problems on stderr: each stored issue, then the count of the rest.
void print_issues(const InputReport& report) {
  for (const InputIssue& issue : report.issues) std::cerr << format_issue(issue) << "\n";
  const auto unstored = report.issue_count() - static_cast<std::int64_t>(report.issues.size());
  if (unstored > 0) std::cerr << "... and " << unstored << " more issues\n";
}

class CommandEval final : public Command {
 public:
  std::string name() const override { return "eval"; }
  std::string description() const override {
    return "Score predicted toponyms against a gold corpus (JSONL: doc_id, toponyms with start, "
           "end, phrase, lat, lon): recognition precision/recall/F1 and resolution Acc@161km, "
           "mean/median error and AUC, as ../shared/tools/score.py computes them. Exit code 1 "
           "when input lines were skipped or a --min-* threshold is not met.";
  }
  std::string examples() const override {
    return "  incidentmap eval --gold lgl.jsonl --pred lgl.pred.jsonl\n"
           "  incidentmap eval --gold wiktor.jsonl --pred wiktor.pred.jsonl --resolution-only "
           "--json";
  }
  void add_options(CLI::App& sub) override {
    sub.add_option("--gold", gold_, "Gold corpus (JSONL, may be .gz)")->required();
    sub.add_option("--pred", pred_,
                   "Predictions in the same schema (JSONL, may be .gz; - for standard input)");
    sub.add_flag("--resolution-only", options_.resolution_only,
                 "Gold-mention runs: no precision or F1; recall of answered toponyms");
    sub.add_flag("--coords-only", options_.coords_only,
                 "Ignore gold toponyms that have no coordinates");
    sub.add_flag("--json", json_, "Print one JSON object, byte-identical to score.py's");
    sub.add_option("--min-f1", min_f1_, "Exit with code 1 when F1 is below this")
        ->check(CLI::Range(0.0, 1.0));
    sub.add_option("--min-acc", min_acc_, "Exit with code 1 when Acc@161km is below this")
        ->check(CLI::Range(0.0, 1.0));
  }
  void setup() override {
    if (pred_.empty()) throw UsageError("geoparse is not available yet; pass --pred");
    check_readable(gold_, "gold");
    if (pred_ != "-") check_readable(pred_, "pred");
  }
  int run() override {
    InputReport report;
    const ScoreCorpus gold = load_score_corpus(gold_, report);
    const ScoreCorpus pred = load_score_corpus(pred_, report);
    const EvalScores scores = score_geoparse(gold, pred, options_);
    print_issues(report);
    write_stdout(json_ ? scores_json(scores) + "\n" : scores_table(scores));
    // score.py compares the rounded figures, and a missing figure as 0.
    const double f1 = scores.resolution_only ? 0.0 : python_round(scores.f1, 4);
    const double acc = scores.n_geocoded > 0 ? python_round(scores.acc161, 4) : 0.0;
    const bool short_of_threshold = (min_f1_ && f1 < *min_f1_) || (min_acc_ && acc < *min_acc_);
    if (short_of_threshold) std::cerr << "incidentmap eval: below the required minimum\n";
    return report.any_skipped() || short_of_threshold ? kExitFailed : kExitOk;
  }

 private:
  static void check_readable(const std::string& path, const char* what) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
      throw UsageError(std::string("cannot open the ") + what + " file " + path + ": " +
                       std::strerror(errno));
    }
    if (S_ISDIR(st.st_mode)) {
      throw UsageError(std::string("the ") + what + " file " + path + " is a folder");
    }
  }

  std::string gold_;
  std::string pred_;
  ScoreOptions options_;
  bool json_ = false;
  std::optional<double> min_f1_;
  std::optional<double> min_acc_;
};

}  // namespace

std::unique_ptr<Command> make_command_eval() { return std::make_unique<CommandEval>(); }

}  // namespace incidentmap::cli
