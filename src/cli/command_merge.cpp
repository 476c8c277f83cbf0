// `incidentmap merge`: event and mention records (from `extract`), in any order and split over
// any number of files, into the incident layers `map` writes.

#include <filesystem>
#include <iostream>
#include <memory>

#include "src/cli/incident_output.h"
#include "src/incidents/event_record_json.h"
#include "src/io/read_stream.h"

namespace incidentmap::cli {
namespace {

class CommandMerge final : public Command {
 public:
  std::string name() const override { return "merge"; }
  std::string description() const override {
    return "Merge the records `incidentmap extract` wrote (files, or - for standard input) into "
           "incidents: events of one happening reported by several documents become one "
           "incident listing every source. Writes the same layers as `incidentmap map`.";
  }
  std::string examples() const override {
    return "  incidentmap merge records-*.jsonl -o out/\n"
           "  cat records-*.jsonl | incidentmap merge - -o out/ -f GPKG\n";
  }
  void add_options(CLI::App& sub) override {
    sub.add_option("records", inputs_, "record files from extract, or - for standard input")
        ->required();
    add_output_flags(sub, out_);
  }
  void setup() override {
    for (const std::string& input : inputs_) {
      std::error_code ec;
      if (input != "-" && !std::filesystem::is_regular_file(input, ec))
        throw UsageError("records file '" + input + "' does not exist");
    }
    validate_output_flags(out_);
  }
  int run() override {
    std::vector<EventRecord> events;
    std::vector<MentionRecord> mentions;
    std::int64_t skipped = 0, inputs_skipped = 0;
    for (const std::string& input : inputs_) {
      // Records are read as raw lines: their parser reports field errors itself. An input that
      // cannot be read (further) is reported and skipped; the records before the error count.
      std::int64_t number = 0;
      try {
        ReadStream stream(input);
        std::string line;
        std::size_t overlong = 0;
        while (stream.read_line(line, std::size_t{64} << 20, &overlong)) {
          ++number;
          if (overlong > 0) {
            ++skipped;
            std::cerr << "incidentmap: " << input_display_name(input) << ":" << number
                      << ": record skipped: line of " << overlong << " bytes is too long\n";
            continue;
          }
          if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
          try {
            ExtractRecord record = extract_record_from_json(line);
            if (auto* e = std::get_if<EventRecord>(&record.value))
              events.push_back(std::move(*e));
            else
              mentions.push_back(std::get<MentionRecord>(std::move(record.value)));
          } catch (const RecordError& e) {
            ++skipped;
            std::cerr << "incidentmap: " << input_display_name(input) << ":" << number
                      << ": record skipped: " << e.what() << "\n";
          }
        }
        if (stream.truncated()) {
          std::cerr << "incidentmap: " << input_display_name(input)
                    << ": warning: gzip data ends early (truncated file); read the lines before "
                       "the cut\n";
        }
      } catch (const InputError& e) {
        ++inputs_skipped;
        std::cerr << "incidentmap: " << e.what();
        if (number > 0) std::cerr << " after line " << number << "; the rest was not read";
        std::cerr << "\n";
      }
    }
    nlohmann::ordered_json report;
    report["command"] = "merge";
    report["inputs"] = inputs_;
    report["records_skipped"] = skipped;
    report["inputs_skipped"] = inputs_skipped;
    write_incident_outputs(out_, std::move(events), std::move(mentions), std::move(report));
    return skipped > 0 || inputs_skipped > 0 ? kExitFailed : kExitOk;
  }

 private:
  std::vector<std::string> inputs_;
  OutputFlags out_;
};

}  // namespace

std::unique_ptr<Command> make_command_merge() { return std::make_unique<CommandMerge>(); }

}  // namespace incidentmap::cli
