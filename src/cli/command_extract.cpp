// `incidentmap extract`: documents in, per-document records out (JSONL): each resolved place
// mention and each located event. Memory is constant per document; `merge` turns any set of
// these files into the incident layers, so map = extract + merge, on one machine or many.

#include <memory>

#include "src/cli/batch_run.h"
#include "src/cli/gazetteer_option.h"
#include "src/incidents/event_record_json.h"
#include "src/pipeline/document_analysis.h"

namespace incidentmap::cli {
namespace {

class CommandExtract final : public Command {
 public:
  std::string name() const override { return "extract"; }
  std::string description() const override {
    return "Geoparse documents and locate their events; write one JSONL record per resolved "
           "mention ({\"record\":\"mention\",...}) and per event ({\"record\":\"event\",...}). "
           "`incidentmap merge` turns any set of such files into incident layers.";
  }
  std::string examples() const override {
    return "  incidentmap extract part-0001.jsonl -o records-0001.jsonl\n"
           "  zcat news.jsonl.gz | incidentmap extract - > records.jsonl\n";
  }
  void add_options(CLI::App& sub) override {
    add_batch_flags(sub, flags_);
    sub.add_option("-o,--output", output_, "output JSONL file (default: standard output)");
  }
  void setup() override { validate_batch_flags(flags_); }
  int run() override {
    const gaz::Index index = open_gazetteer(flags_.gazetteer);
    const Geoparser geoparser(index, geoparse_options(flags_));
    LineSink sink(output_);
    const BatchOutcome outcome = run_batch(
        flags_,
        [&](const Document& doc) {
          const DocumentRecords records = analyze_document(geoparser, doc);
          std::string lines;
          for (const MentionRecord& m : records.mentions) lines += mention_record_to_json(m) + "\n";
          for (const EventRecord& e : records.events) lines += event_record_to_json(e) + "\n";
          return lines;
        },
        [&](std::string&& lines) { sink.write(lines); });
    sink.commit();
    print_batch_summary(name(), outcome);
    return outcome.exit_code();
  }

 private:
  BatchFlags flags_;
  std::string output_;
};

}  // namespace

std::unique_ptr<Command> make_command_extract() { return std::make_unique<CommandExtract>(); }

}  // namespace incidentmap::cli
