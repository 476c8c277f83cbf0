#pragma once
// Helpers for the importer tests: temporary input files (plain or gzip) and fixture paths.

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "gazetteer/import_report.h"

namespace incidentmap::gaz::testing {

// A file in the test temp directory, removed when the object goes out of scope.
class TempFile {
 public:
  // Writes `content` as is, or gzip-compressed when `gzip` is set.
  explicit TempFile(std::string_view content, bool gzip = false, std::string_view suffix = ".txt") {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::path(::testing::TempDir()) /
            ("gaz_import_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) +
             std::string(suffix) + (gzip ? ".gz" : ""));
    if (gzip) {
      gzFile file = gzopen(path_.c_str(), "wb");
      EXPECT_NE(file, nullptr);
      if (file == nullptr) return;
      if (!content.empty()) {
        EXPECT_EQ(gzwrite(file, content.data(), static_cast<unsigned>(content.size())),
                  static_cast<int>(content.size()));
      }
      gzclose(file);
    } else {
      std::ofstream out(path_, std::ios::binary);
      out << content;
    }
  }
  ~TempFile() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A hand-written fixture under tests/fixtures/gazetteer.
inline std::filesystem::path fixture(std::string_view name) {
  return std::filesystem::path(INCIDENTMAP_SOURCE_DIR) / "tests" / "fixtures" / "gazetteer" /
         std::string(name);
}

// A file of the shared development material, or "" when it is absent (the caller skips). The
// environment variable INCIDENTMAP_SHARED_DIR, when set, overrides the compiled-in directory
// (a worktree outside /work/main has no ../shared).
inline std::filesystem::path shared_file(std::string_view relative) {
  const char* env = std::getenv("INCIDENTMAP_SHARED_DIR");
  const std::filesystem::path root = env != nullptr ? env : INCIDENTMAP_SHARED_DIR;
  const std::filesystem::path path = root / std::string(relative);
  return std::filesystem::exists(path) ? path : std::filesystem::path();
}

// A file of the npm data cache (~/.cache/incidentmap/npm or $INCIDENTMAP_CACHE/npm), or "".
inline std::filesystem::path npm_file(std::string_view relative) {
  const char* cache = std::getenv("INCIDENTMAP_CACHE");
  const char* home = std::getenv("HOME");
  std::filesystem::path root;
  if (cache != nullptr) {
    root = cache;
  } else if (home != nullptr) {
    root = std::filesystem::path(home) / ".cache" / "incidentmap";
  } else {
    return {};
  }
  const std::filesystem::path path = root / "npm" / std::string(relative);
  return std::filesystem::exists(path) ? path : std::filesystem::path();
}

// A TSV row: `defaults` with the columns in `changes` replaced, cut or padded to `columns`.
inline std::string tsv_row(std::vector<std::string> cols, const std::map<int, std::string>& changes,
                           std::size_t columns) {
  for (const auto& [index, value] : changes) cols[static_cast<std::size_t>(index)] = value;
  cols.resize(columns);
  std::string out;
  for (std::size_t i = 0; i < cols.size(); ++i) out += (i ? "\t" : "") + cols[i];
  return out;
}

// Names parameterised tests after their case's `label`.
struct LabelName {
  template <typename T>
  std::string operator()(const ::testing::TestParamInfo<T>& param) const {
    return param.param.label;
  }
};

// All stored issue reasons joined, for failure messages.
inline std::string describe(const ImportReport& report) {
  std::string out;
  for (const ImportIssue& issue : report.issues) {
    out += std::to_string(issue.line) + ": " + issue.reason + "\n";
  }
  return out;
}

// One malformed-row case: the file's content, the line and a substring of the expected issue.
struct BadRowCase {
  const char* label;
  std::string content;
  std::int64_t line;
  const char* reason;
};

inline void PrintTo(const BadRowCase& c, std::ostream* os) { *os << c.label; }

// Expects exactly one issue at `c.line` whose reason contains `c.reason`, one skipped or
// duplicate row and
// `imported` imported rows.
inline void expect_one_bad_row(const ImportReport& report, const BadRowCase& c,
                               std::int64_t imported) {
  ASSERT_EQ(report.issues.size(), 1u) << describe(report);
  EXPECT_EQ(report.issues[0].line, c.line);
  EXPECT_NE(report.issues[0].reason.find(c.reason), std::string::npos)
      << "reason: " << report.issues[0].reason;
  EXPECT_EQ(report.rows_skipped + report.duplicates, 1);  // duplicates are not "skipped"
  EXPECT_EQ(report.rows_imported, imported);
  EXPECT_EQ(report.rows_read, report.rows_imported + report.rows_skipped + report.duplicates);
}

}  // namespace incidentmap::gaz::testing
