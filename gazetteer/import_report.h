#pragma once
// What an importer read, kept and rejected, by file and line. Importers never throw on a bad
// row: they record it here and go on. They throw ImportError only when a source cannot be
// opened or is not of the expected format at all.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace incidentmap::gaz {

class ImportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ImportIssue {
  std::string file;
  std::int64_t line = 0;  // 1-based; 0 when the issue concerns the whole file
  std::string reason;     // e.g. "latitude 123.4 out of range", "18 columns, expected 19"
};

struct ImportReport {
  std::string file;
  std::string source_kind;    // e.g. "geonames-dump"
  std::int64_t rows_read = 0;
  std::int64_t rows_imported = 0;
  std::int64_t rows_skipped = 0;  // malformed rows; each has an issue (up to kMaxStoredIssues)
  std::int64_t duplicates = 0;    // rows whose id was already imported (kept: first wins)
  std::vector<ImportIssue> issues;

  static constexpr std::size_t kMaxStoredIssues = 1000;

  // Records a problem; keeps the first kMaxStoredIssues, counts all of them.
  void add_issue(std::int64_t line, std::string reason);
  std::int64_t issue_count() const { return issue_count_; }

 private:
  std::int64_t issue_count_ = 0;
};

}  // namespace incidentmap::gaz
