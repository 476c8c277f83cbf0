#pragma once
// Reading documents from every input form the CLI accepts, one document at a time:
//   - a text file (.txt or any other name): one document, id = file name without extension;
//   - a JSONL file (.jsonl, .ndjson): one document a line, fields id (or doc_id), text, date,
//     source, url; other fields (title, toponyms...) are ignored;
//   - "-": JSONL on standard input;
//   - a folder: the files below it that match the globs, in sorted order, recursively; ids of
//     text files are their paths relative to the folder, without extension ("2023/03/a");
//   - any of these files gzip-compressed (detected by content; the form is decided by the name
//     without ".gz").
//
// Bad input never throws and never stops the reading: a document that cannot be read is
// skipped and reported (input, line, id, reason); repairs that keep the document are reported
// as warnings. Decisions where the issue left a choice:
//   - an empty (or whitespace-only) text is kept as an empty document, with a warning, so that
//     per-document outputs still list it; a JSONL input without any line gets a warning;
//   - a repeated id is kept under a new id "<id>#2", "#3"... with a warning (no data is lost);
//   - a JSONL line without an id gets "<file stem>:<line>" with a warning;
//   - a date that does not parse leaves the date unknown, with a warning;
//   - numeric ids are accepted and converted to strings (7 -> "7");
//   - a file whose first 8 KiB (decompressed) are more than 5% control bytes other than tab,
//     line feed, vertical tab, form feed, carriage return and escape ("binary file"), or which
//     starts with a UTF-16 byte order mark, is skipped as a whole; stray NUL bytes and invalid
//     UTF-8 in text are replaced (by a space and U+FFFD) and counted; a UTF-8 byte order mark
//     is dropped;
//   - hidden entries (names starting with '.') inside folders are not visited, and entries
//     that are not regular files (pipes, sockets, devices) are reported and not read.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "src/text/document.h"

namespace incidentmap {

struct JsonlLine;

struct InputOptions {
  // Which files inside folders are read, fnmatch(3) patterns matched against the file name, or
  // against the path relative to the folder when the pattern contains '/'. Files given by name
  // are always read. Empty: the default set below.
  std::vector<std::string> globs;
  bool recursive = true;  // descend into sub-folders
  // Follow symbolic links to files and folders found inside folders (loops are detected and
  // reported). Links given directly as inputs are always followed.
  bool follow_symlinks = true;
  // Documents with more text than this (bytes of UTF-8, after decompression) are skipped.
  // JSONL lines may be up to 6 times longer plus 1 MiB, since JSON escapes (\u00e9) expand
  // text up to six-fold. Values above 2^40 (1 TiB) count as 2^40.
  std::uint64_t max_document_bytes = std::uint64_t{256} << 20;

  // The folder globs used when `globs` is empty.
  static std::vector<std::string> default_globs() {
    return {"*.txt", "*.text", "*.jsonl", "*.ndjson", "*.txt.gz", "*.jsonl.gz", "*.ndjson.gz"};
  }
};

enum class IssueSeverity {
  kWarning,  // the document was kept, possibly repaired or renamed
  kSkipped,  // the document (or the whole input, when doc_id is empty) was not read
};

struct InputIssue {
  std::string input;      // path as given or found in a folder; "-" for standard input
  std::int64_t line = 0;  // 1-based JSONL line; 0 when the issue concerns the whole input
  std::string doc_id;     // "" when no document id is known
  IssueSeverity severity = IssueSeverity::kSkipped;
  std::string reason;  // e.g. "invalid JSON at byte 17: ...", "binary file"
};

// "path:line: id 'x': skipped: reason" (parts that are unknown are left out).
std::string format_issue(const InputIssue& issue);

struct InputReport {
  std::int64_t inputs_opened = 0;       // files and standard input that were opened
  std::int64_t inputs_skipped = 0;      // paths that could not be read at all
  std::int64_t documents_read = 0;      // documents delivered
  std::int64_t documents_skipped = 0;   // documents not delivered (a skipped text file counts 1)
  std::int64_t records_skipped = 0;     // parts of documents skipped (e.g. a bad toponym)
  std::int64_t warnings = 0;            // issues of severity kWarning
  std::int64_t invalid_utf8 = 0;        // invalid UTF-8 sequences replaced by U+FFFD
  std::int64_t nul_bytes = 0;           // NUL bytes replaced by spaces
  std::int64_t renamed_duplicates = 0;  // documents kept under "<id>#N"
  std::uint64_t bytes_read = 0;         // decompressed bytes consumed
  // The first kMaxStoredIssues issues in reading order; all are counted above.
  std::vector<InputIssue> issues;

  static constexpr std::size_t kMaxStoredIssues = 1000;

  // True when anything was skipped (the CLI then exits with code 1).
  bool any_skipped() const {
    return inputs_skipped > 0 || documents_skipped > 0 || records_skipped > 0;
  }
  // Total issues, including those not stored.
  std::int64_t issue_count() const { return issue_count_; }
  // One line such as "read 120 documents from 3 inputs; skipped 2 documents, 1 input;
  // 4 warnings; replaced 7 invalid UTF-8 sequences".
  std::string summary() const;

  void add(InputIssue issue);

 private:
  std::int64_t issue_count_ = 0;
};

// One document between reading and delivery, so that a parallel batch can parse on its workers:
// DocumentReader::next_item reads it (cheap: raw JSONL lines, no parsing), then
// prepare_document_item parses and checks it (on any thread), then DocumentReader::accept_item
// delivers it, in input order, giving it a unique id and reporting its issues. The fields are
// the pipeline's working state; callers only move items between the three calls.
struct DocumentItem {
  // Issues the reader met before this item (skipped inputs, truncated files...), reported first.
  std::vector<InputIssue> earlier_issues;
  std::string path;  // the input the document comes from ("-" for standard input)
  std::string stem;  // JSONL: the base of generated ids "<stem>:<line>"
  std::uint64_t max_document_bytes = 0;
  bool jsonl = false;
  std::int64_t line = 0;   // JSONL: 1-based line number; 0 for text files
  std::string raw;         // JSONL: the line as read; text files: the file's text
  std::string line_error;  // JSONL: why the line could not even be read (too long)

  // Set by prepare_document_item.
  bool prepared = false;
  bool skipped = false;  // not a document (bad line); issues_before_id says why
  Document doc;          // doc.id is the id before the check for repeated ids
  std::vector<InputIssue> issues_before_id;
  std::vector<InputIssue> issues_after_id;  // their doc_id follows a renamed doc.id
  std::size_t invalid_utf8 = 0;
  std::size_t nul_bytes = 0;
};

// Parses and checks an item read by DocumentReader::next_item: JSON, fields, UTF-8 repair.
// Touches nothing but the item, so it may run on any thread. Only std::bad_alloc can escape.
void prepare_document_item(DocumentItem& item);

// Streams documents from a list of input specs, in the order given, files of a folder in
// byte-wise sorted order of their relative paths. Holds one document (or JSONL line) and one
// folder listing at a time. Not thread-safe; use from one thread.
class DocumentReader {
 public:
  DocumentReader(std::vector<std::string> inputs, InputOptions options = {});
  ~DocumentReader();
  DocumentReader(const DocumentReader&) = delete;
  DocumentReader& operator=(const DocumentReader&) = delete;

  // Reads the next document into `doc` (overwriting it); false when all inputs are done.
  // Never throws for bad input (see the file comment); only std::bad_alloc can escape.
  bool next(Document& doc);

  // next() in three steps (see DocumentItem). next_item: false when all inputs are done;
  // accept_item, called in the order next_item returned the items and after
  // prepare_document_item: false when the item is no document (reported), else `doc` is set.
  // After the last item, flush_pending_issues() reports what the reader met after it.
  bool next_item(DocumentItem& item);
  bool accept_item(DocumentItem& item, Document& doc);
  void flush_pending_issues();

  // What was read and skipped so far; complete once next() returned false (or, with the steps,
  // after flush_pending_issues()).
  const InputReport& report() const { return report_; }

 private:
  struct Pending;  // a file to read, with the id base it gets
  struct State;    // the open JSONL input, if any

  // Expands one input spec into pending files; reports paths that cannot be read.
  void expand(const std::string& spec);
  // Adds the matching files below `dir` (whose path relative to the input folder is `rel`).
  void walk(const std::string& dir, const std::string& rel,
            std::set<std::pair<std::uint64_t, std::uint64_t>>& visited);
  bool matches(const std::string& name, const std::string& rel) const;
  // Reads one pending file: a text document, or opens a JSONL input. True when `item` was set.
  bool start_file(const Pending& file, DocumentItem& item);
  bool next_jsonl_item(DocumentItem& item);
  // Reports a renaming itself (the issue belongs to the accepted document).
  std::string unique_id(std::string id, const std::string& input, std::int64_t line);
  // An issue met while reading; reported before the next item's own (pending_issues_).
  void issue(const std::string& input, std::int64_t line, const std::string& doc_id,
             IssueSeverity severity, std::string reason);
  // Records an input (path, folder) that could not be read at all.
  void skip_input(const std::string& input, std::string reason);

  std::vector<std::string> inputs_;
  InputOptions options_;
  std::size_t next_input_ = 0;
  std::vector<Pending> pending_;
  std::size_t next_pending_ = 0;
  std::unique_ptr<State> jsonl_;
  std::unordered_set<std::string> ids_;
  std::unordered_map<std::string, int> next_suffix_;  // next "#N" to try for a repeated id
  bool stdin_used_ = false;
  std::vector<InputIssue> pending_issues_;
  InputReport report_;
};

// Reads every document of `inputs`, calling `on_document` for each in order; returns the report.
InputReport read_documents(const std::vector<std::string>& inputs, const InputOptions& options,
                           const std::function<void(Document&&)>& on_document);

}  // namespace incidentmap
