#pragma once
// What the document-processing commands (geoparse, extract, map) share: their input flags, the
// gazetteer flag, and a batch loop that reads documents, processes them on --threads workers
// and hands results back in input order, with a progress line and clean stops on SIGINT/SIGTERM.

#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <iostream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "src/batch/ordered_pool.h"
#include "src/batch/progress.h"
#include "src/batch/signals.h"
#include "src/cli/command.h"
#include "src/io/atomic_file.h"
#include "src/io/input.h"
#include "src/pipeline/geoparser.h"

namespace incidentmap::cli {

struct BatchFlags {
  std::vector<std::string> inputs;  // files, folders, "-" for JSONL on standard input
  std::vector<std::string> globs;
  bool no_recursive = false;
  int threads = 0;  // 0: all cores
  bool quiet = false;
  std::string gazetteer;
  std::vector<std::string> country_hints;  // ISO2, upper case after validation
};

// Where a command's output lines go: a file written atomically (committed at the end), or
// standard output when the path is "" or "-". Buffered in 1 MiB blocks.
class LineSink {
 public:
  explicit LineSink(const std::string& path) {
    if (!path.empty() && path != "-") file_.emplace(path);
    // Room for a block and a long last line: growing to it would copy the block several times.
    buffer_.reserve(kBlockBytes + (std::size_t{1} << 16));
  }
  // Appends `text`, which ends with a newline (one or more whole lines).
  void write(std::string_view text) {
    buffer_ += text;
    if (buffer_.size() >= kBlockBytes) flush();
  }
  void commit() {
    flush();
    if (file_) file_->commit();
  }

 private:
  void flush() {
    if (file_) file_->write(buffer_);
    else write_stdout(buffer_);
    buffer_.clear();
  }
  static constexpr std::size_t kBlockBytes = std::size_t{1} << 20;
  std::optional<AtomicFile> file_;
  std::string buffer_;
};

// Adds INPUT... and the shared flags to `app`.
void add_batch_flags(CLI::App& app, BatchFlags& flags);

// Checks the flags before any output is written; throws UsageError.
void validate_batch_flags(BatchFlags& flags);

// Geoparse options with the flags' country hints.
GeoparseOptions geoparse_options(const BatchFlags& flags);

struct BatchOutcome {
  InputReport input;
  std::int64_t documents_processed = 0;
  std::int64_t documents_failed = 0;  // processing threw; reported on stderr, skipped
  int stop_signal = 0;                // SIGINT/SIGTERM that stopped the run, else 0
  double seconds = 0.0;

  bool anything_skipped() const { return input.any_skipped() || documents_failed > 0; }
  // 0 all done; 1 when something was skipped; 130/143 when a signal stopped the run.
  int exit_code() const;
};

// Prints one input issue, or a failed document, to stderr (the caller decides on quiet).
void print_input_issue(const InputIssue& issue);
void print_document_failure(const std::string& doc_id, const std::string& input,
                            const std::string& reason);
// The closing summary line on stderr: documents read, skipped, failed.
void print_batch_summary(const std::string& command, const BatchOutcome& outcome);

// Reads every document of flags.inputs, applies `work` (Out(const Document&), thread-safe) on
// worker threads and gives each result to `consume` (void(Out&&)) on the calling thread, in
// input order. A document whose work throws is reported and skipped.
template <class Work, class Consume>
BatchOutcome run_batch(const BatchFlags& flags, Work&& work, Consume&& consume) {
  using Out = std::decay_t<std::invoke_result_t<Work&, const Document&>>;
  const auto started = std::chrono::steady_clock::now();
  install_stop_handlers();
  InputOptions input_options;
  input_options.globs = flags.globs;
  input_options.recursive = !flags.no_recursive;
  DocumentReader reader(flags.inputs, input_options);
  Progress progress(std::cerr, progress_wanted(STDERR_FILENO, flags.quiet),
                    total_input_bytes(flags.inputs));
  BatchOutcome outcome;
  std::uint64_t bytes_seen = 0;
  std::size_t issues_printed = 0;
  const auto flush_issues = [&] {
    const auto& issues = reader.report().issues;
    for (; issues_printed < issues.size(); ++issues_printed)
      if (!flags.quiet) print_input_issue(issues[issues_printed]);
  };
  // The calling thread only reads raw lines and delivers; parsing runs on the workers with the
  // work. A document whose id turns out to be a repeat gets its new id only on delivery, so its
  // work is redone there under that id (rare, and the output is then as with one thread).
  ordered_map(
      [&]() -> std::optional<DocumentItem> {
        DocumentItem item;
        if (!reader.next_item(item)) return std::nullopt;
        return item;
      },
      [&](DocumentItem& item) -> std::optional<Out> {
        prepare_document_item(item);
        if (item.skipped) return std::nullopt;
        return work(std::as_const(item.doc));
      },
      [&](OrderedResult<DocumentItem, std::optional<Out>>&& r) {
        if (!r.input.prepared) std::rethrow_exception(r.error);  // only std::bad_alloc
        const std::string read_id = r.input.doc.id;
        Document doc;
        const bool kept = reader.accept_item(r.input, doc);
        flush_issues();
        const std::uint64_t bytes = reader.report().bytes_read;
        progress.add(kept ? 1 : 0, bytes - bytes_seen);
        bytes_seen = bytes;
        if (!kept) return;
        std::exception_ptr error = r.error;
        std::optional<Out> out;
        if (r.output) out = std::move(*r.output);
        if (doc.id != read_id) {
          error = nullptr;
          try {
            out.emplace(work(std::as_const(doc)));
          } catch (...) {
            error = std::current_exception();
          }
        }
        if (error) {
          ++outcome.documents_failed;
          std::string reason = "unknown error";
          try {
            std::rethrow_exception(error);
          } catch (const std::exception& e) {
            reason = e.what();
          } catch (...) {
          }
          print_document_failure(doc.id, doc.input, reason);
        } else {
          ++outcome.documents_processed;
          consume(std::move(*out));
        }
      },
      OrderedPoolOptions{resolve_thread_count(flags.threads), 0, &stop_flag()});
  reader.flush_pending_issues();
  flush_issues();
  progress.finish();
  outcome.input = reader.report();
  outcome.stop_signal = stop_signal();
  outcome.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return outcome;
}

}  // namespace incidentmap::cli
