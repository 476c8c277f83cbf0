// `incidentmap map`: the main job. Documents in; incident layers (incidents, mentions, sources),
// report.json and optionally a static map out. The same as extract followed by merge.

#include <cmath>
#include <memory>

#include "src/cli/batch_run.h"
#include "src/cli/gazetteer_option.h"
#include "src/cli/incident_output.h"
#include "src/pipeline/document_analysis.h"

namespace incidentmap::cli {
namespace {

class CommandMap final : public Command {
 public:
  std::string name() const override { return "map"; }
  std::string description() const override {
    return "Geoparse documents, find their events, place and date them, merge reports of the "
           "same happening across documents, and write incident layers: incidents (one point "
           "per incident), mentions (one point per resolved place mention), sources, plus "
           "report.json.";
  }
  std::string examples() const override {
    return "  incidentmap map examples/articles.jsonl -o output/\n"
           "  incidentmap map articles/ -o out/ -f GeoJSON -f GPKG\n"
           "  incidentmap map news.jsonl -o PG:dbname=events\n";
  }
  void add_options(CLI::App& sub) override {
    add_batch_flags(sub, flags_);
    add_output_flags(sub, out_);
  }
  void setup() override {
    validate_batch_flags(flags_);
    validate_output_flags(out_);
    out_.threads = resolve_thread_count(flags_.threads);
  }
  int run() override {
    const gaz::Index index = open_gazetteer(flags_.gazetteer);
    const Geoparser geoparser(index, geoparse_options(flags_));
    std::vector<EventRecord> events;
    MentionLayerBuilder mentions;
    std::size_t events_found = 0, events_unplaced = 0;
    // Each document's rows of the mentions layer are made on the worker with its analysis, so
    // that the serial end of the run only orders them.
    struct Analysed {
      DocumentRecords records;
      MentionRows mention_rows;
    };
    const BatchOutcome outcome = run_batch(
        flags_,
        [&](const Document& doc) {
          Analysed out{analyze_document(geoparser, doc), {}};
          out.mention_rows = make_mention_rows(std::move(out.records.mentions));
          return out;
        },
        [&](Analysed&& analysed) {
          DocumentRecords& records = analysed.records;
          events_found += records.events_found;
          events_unplaced += records.events_unplaced;
          for (auto& e : records.events) events.push_back(std::move(e));
          mentions.add(std::move(analysed.mention_rows));
        });
    print_batch_summary(name(), outcome);
    if (outcome.stop_signal != 0) return outcome.exit_code();

    nlohmann::ordered_json report;
    report["command"] = "map";
    report["inputs"] = flags_.inputs;
    report["documents"] = {{"read", outcome.input.documents_read},
                           {"skipped", outcome.input.documents_skipped},
                           {"failed", outcome.documents_failed},
                           {"inputs_skipped", outcome.input.inputs_skipped},
                           {"warnings", outcome.input.warnings},
                           {"invalid_utf8_replaced", outcome.input.invalid_utf8},
                           {"nul_bytes_replaced", outcome.input.nul_bytes},
                           {"renamed_duplicates", outcome.input.renamed_duplicates},
                           {"bytes", outcome.input.bytes_read}};
    nlohmann::ordered_json issues = nlohmann::ordered_json::array();
    for (const InputIssue& issue : outcome.input.issues) issues.push_back(format_issue(issue));
    report["input_issues"] = issues;
    report["seconds"] = std::round(outcome.seconds * 1000.0) / 1000.0;
    report["events_found"] = events_found;
    report["events_unplaced"] = events_unplaced;
    report["gazetteer"] = {{"label", index.label()},
                           {"format_version", index.format_version()},
                           {"checksum", index.checksum()},
                           {"places", index.place_count()}};
    write_incident_outputs(out_, std::move(events), std::move(mentions), std::move(report));
    return outcome.exit_code();
  }

 private:
  BatchFlags flags_;
  OutputFlags out_;
};

}  // namespace

std::unique_ptr<Command> make_command_map() { return std::make_unique<CommandMap>(); }

}  // namespace incidentmap::cli
