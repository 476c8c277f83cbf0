#include "src/cli/batch_run.h"

#include "src/cli/gazetteer_option.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace incidentmap::cli {

void add_batch_flags(CLI::App& app, BatchFlags& flags) {
  app.add_option("inputs", flags.inputs,
                 "documents: .txt files, folders (recursive), JSONL files with id, text, date, "
                 "source, url (also .gz), or - for JSONL on standard input")
      ->required();
  app.add_option("--glob", flags.globs,
                 "which files inside folders to read (fnmatch pattern, repeatable; default "
                 "*.txt *.jsonl *.ndjson and their .gz)");
  app.add_flag("--no-recursive", flags.no_recursive, "do not descend into sub-folders");
  app.add_option("--threads", flags.threads, "worker threads; 0 = all cores (output is the same)")
      ->default_val(0);
  app.add_flag("-q,--quiet", flags.quiet, "no progress line and no per-document warnings");
  app.add_option("--gazetteer", flags.gazetteer,
                 "gazetteer index file instead of the embedded one (or INCIDENTMAP_GAZETTEER)");
  app.add_option("--country", flags.country_hints,
                 "ISO 3166 alpha-2 code of a country the documents are about (repeatable): a "
                 "mild preference when a name is ambiguous");
}

void validate_batch_flags(BatchFlags& flags) {
  if (flags.threads < 0) throw UsageError("--threads must be 0 (all cores) or more");
  std::size_t stdin_inputs = 0;
  for (const std::string& input : flags.inputs) {
    if (input == "-") {
      ++stdin_inputs;
      continue;
    }
    std::error_code ec;
    if (!std::filesystem::exists(input, ec))
      throw UsageError("input '" + input + "' does not exist");
  }
  if (stdin_inputs > 1) throw UsageError("standard input (-) can be given only once");
  check_gazetteer_flag(flags.gazetteer);
  for (std::string& cc : flags.country_hints) {
    if (cc.size() != 2 || !std::isalpha(static_cast<unsigned char>(cc[0])) ||
        !std::isalpha(static_cast<unsigned char>(cc[1])))
      throw UsageError("--country takes an ISO 3166 alpha-2 code such as MX, not '" + cc + "'");
    for (char& c : cc) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
}

GeoparseOptions geoparse_options(const BatchFlags& flags) {
  GeoparseOptions options;
  options.resolver.country_hints = flags.country_hints;
  return options;
}

int BatchOutcome::exit_code() const {
  if (stop_signal != 0) return exit_code_for_signal(stop_signal);
  return anything_skipped() ? kExitFailed : kExitOk;
}

void print_input_issue(const InputIssue& issue) {
  std::cerr << "incidentmap: " << format_issue(issue) << "\n";
}

void print_document_failure(const std::string& doc_id, const std::string& input,
                            const std::string& reason) {
  std::cerr << "incidentmap: " << input << ": document '" << doc_id
            << "' skipped: " << reason << "\n";
}

void print_batch_summary(const std::string& command, const BatchOutcome& outcome) {
  if (!outcome.anything_skipped() && outcome.stop_signal == 0) return;
  std::cerr << "incidentmap " << command << ": " << outcome.input.summary();
  if (outcome.documents_failed > 0)
    std::cerr << "; " << outcome.documents_failed << " documents failed";
  if (outcome.stop_signal != 0) std::cerr << "; stopped by signal " << outcome.stop_signal;
  std::cerr << "\n";
}

}  // namespace incidentmap::cli
