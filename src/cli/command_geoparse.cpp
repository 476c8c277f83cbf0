// `incidentmap geoparse`: every place each document mentions, resolved, as the unified JSONL of
// the dev corpora (code point offsets). With --gold-mentions it resolves the spans the input
// gives instead of finding its own (resolution-only evaluation).

#include <iostream>
#include <memory>

#include "src/cli/batch_run.h"
#include "src/cli/gazetteer_option.h"
#include "src/io/jsonl.h"
#include "src/pipeline/geoparse_jsonl.h"
#include "src/text/utf8.h"

namespace incidentmap::cli {
namespace {

class CommandGeoparse final : public Command {
 public:
  std::string name() const override { return "geoparse"; }
  std::string description() const override {
    return "Find every place each document mentions and resolve it with the gazetteer; write "
           "one JSONL line per document: {doc_id, text, toponyms: [{start, end, phrase, lat, "
           "lon, geonameid, name, feature_code, country_code, admin1, role, confidence}]}. "
           "Offsets are Unicode code points, end exclusive.";
  }
  std::string examples() const override {
    return "  incidentmap geoparse articles/ -o places.jsonl\n"
           "  incidentmap geoparse news.jsonl.gz --threads 2 > places.jsonl\n"
           "  incidentmap geoparse --gold-mentions wiktor.jsonl -o pred.jsonl\n";
  }
  void add_options(CLI::App& sub) override {
    add_batch_flags(sub, flags_);
    sub.add_option("-o,--output", output_, "output JSONL file (default: standard output)");
    sub.add_flag("--gold-mentions", gold_mentions_,
                 "resolve the toponyms the input JSONL lists (start/end in code points) instead "
                 "of recognising places");
    sub.add_flag("--no-text", no_text_, "leave the document text out of the output");
    sub.add_flag("--no-demonyms", no_demonyms_,
                 "leave out demonyms (\"Mexican troops\"), for corpora whose guidelines "
                 "annotate only place names");
    sub.add_flag("--no-organisation-names", no_organisation_names_,
                 "leave out place names inside organisation names (\"the Tarrant Fire "
                 "Service\"), for corpora whose guidelines do not annotate them");
    sub.add_flag("--direction-words-in-names", direction_words_in_names_,
                 "start a place's span at a capitalised direction word before its name "
                 "(\"Southern China\"), for corpora whose guidelines annotate it so");
    sub.add_flag("--no-fine-places", no_fine_places_,
                 "leave out streets, buildings and facilities, rivers and streams, for corpora "
                 "whose guidelines do not annotate them");
  }
  void setup() override {
    validate_batch_flags(flags_);
    if (gold_mentions_ && flags_.inputs.size() != 1)
      throw UsageError("--gold-mentions takes exactly one JSONL input");
  }
  int run() override {
    const gaz::Index index = open_gazetteer(flags_.gazetteer);
    GeoparseOptions options = geoparse_options(flags_);
    options.recognizer.direction_words_in_names = direction_words_in_names_;
    const Geoparser geoparser(index, options);
    GeoparseJsonOptions json_options;
    json_options.include_text = !no_text_;
    json_options.include_demonyms = !no_demonyms_;
    json_options.include_organisation_names = !no_organisation_names_;
    json_options.include_fine_places = !no_fine_places_;
    LineSink sink(output_);
    if (gold_mentions_) return run_gold(geoparser, json_options, sink);
    const BatchOutcome outcome = run_batch(
        flags_,
        [&](const Document& doc) {
          return geoparse_to_jsonl(doc, geoparser.geoparse(doc.text), json_options);
        },
        [&](std::string&& line) {
          line += '\n';
          sink.write(line);
        });
    sink.commit();
    print_batch_summary(name(), outcome);
    return outcome.exit_code();
  }

 private:
  // Gold mentions come with the documents, so this reads the JSONL itself (one thread: the
  // work per document is small).
  int run_gold(const Geoparser& geoparser, const GeoparseJsonOptions& json_options,
               LineSink& sink) {
    JsonlReader reader(flags_.inputs[0], std::size_t{1} << 30);
    JsonlLine line;
    std::int64_t skipped = 0;
    const auto skip = [&](const std::string& reason) {
      ++skipped;
      std::cerr << "incidentmap: " << flags_.inputs[0] << ":" << line.line << ": skipped: " << reason
                << "\n";
    };
    while (reader.next(line)) {
      if (!line.error.empty()) {
        skip(line.error);
        continue;
      }
      const nlohmann::json& j = line.value;
      if (!j.is_object() || !j.contains("text") || !j["text"].is_string()) {
        skip("no \"text\" string");
        continue;
      }
      Document doc;
      const nlohmann::json& id = j.contains("doc_id") ? j["doc_id"] : j.value("id", nlohmann::json());
      doc.id = json_id_string(id).value_or(std::to_string(line.line));
      doc.text = j["text"].get<std::string>();
      std::vector<std::size_t> cps;
      bool bad = false;
      for (const auto& t : j.value("toponyms", nlohmann::json::array())) {
        if (!t.is_object() || !t.contains("start") || !t.contains("end") ||
            !t["start"].is_number_integer() || !t["end"].is_number_integer() ||
            t["start"].get<long long>() < 0 || t["end"].get<long long>() < t["start"].get<long long>()) {
          bad = true;
          break;
        }
        cps.push_back(t["start"].get<std::size_t>());
        cps.push_back(t["end"].get<std::size_t>());
      }
      if (bad) {
        skip("a toponym without valid integer start/end");
        continue;
      }
      const std::vector<std::size_t> bytes = utf8::to_byte_offsets(doc.text, cps);
      std::vector<std::pair<std::uint32_t, std::uint32_t>> spans;
      for (std::size_t i = 0; i + 1 < bytes.size(); i += 2)
        spans.emplace_back(static_cast<std::uint32_t>(bytes[i]),
                           static_cast<std::uint32_t>(bytes[i + 1]));
      sink.write(geoparse_to_jsonl(doc, geoparser.resolve_spans(doc.text, spans), json_options) +
                 "\n");
    }
    sink.commit();
    return skipped > 0 ? kExitFailed : kExitOk;
  }

  BatchFlags flags_;
  std::string output_;
  bool gold_mentions_ = false;
  bool no_text_ = false;
  bool no_demonyms_ = false;
  bool no_organisation_names_ = false;
  bool no_fine_places_ = false;
  bool direction_words_in_names_ = false;
};

}  // namespace

std::unique_ptr<Command> make_command_geoparse() { return std::make_unique<CommandGeoparse>(); }

}  // namespace incidentmap::cli
