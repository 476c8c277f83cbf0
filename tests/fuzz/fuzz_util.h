#pragma once
// Shared pieces of the fuzz targets (tests/fuzz/*_fuzz.cpp). Each target defines
// LLVMFuzzerTestOneInput; it is linked either with libFuzzer (the `fuzz` preset) or with
// replay_main.cpp, which runs the seed corpora and the saved crash inputs through the same
// function in every build. A target "fails" by aborting: an uncaught exception, a sanitizer
// report or a failed FUZZ_CHECK; the domain exceptions that bad input may raise are caught.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "gazetteer/builder.h"
#include "gazetteer/import_report.h"
#include "gazetteer/index.h"

namespace incidentmap::fuzz {

// Prints the failed condition and aborts, so that libFuzzer saves the input as a crash.
[[noreturn]] void check_failed(const char* condition, const char* file, int line);

#define FUZZ_CHECK(condition)         \
  ((condition) ? static_cast<void>(0) \
               : ::incidentmap::fuzz::check_failed(#condition, __FILE__, __LINE__))

// Writes `data` to a scratch file of this process (in $TMPDIR, else /tmp) whose name ends in
// `suffix` (readers pick the input form by the name) and returns its path. The file is
// rewritten on each call and removed at exit.
std::filesystem::path write_scratch(const std::uint8_t* data, std::size_t size,
                                    std::string_view suffix);

// A file of the repository, e.g. "tests/fixtures/gazetteer/dump.txt".
std::filesystem::path source_file(std::string_view relative);

// The conventions of gazetteer/importers.h every report must keep: counts are >= 0 and add up
// (rows_read == imported + skipped + duplicates; with `exact` false, rows_read may be more,
// for importers that read rows they neither import nor report, such as alternate names that
// are codes), at most kMaxStoredIssues issues are stored, each with a reason and a line >= 0.
void check_report(const gaz::ImportReport& report, bool exact = true);

// One of IndexBuilder's typed sources (add_geonames_dump ...), applied to a file.
using TypedSource =
    std::function<const gaz::ImportReport&(gaz::IndexBuilder&, const std::filesystem::path&)>;

// The importer targets' body: writes the input to a scratch file named with `suffix`, feeds it
// through `add` into a builder that already holds the fixture dump (so that codes, alternate
// names and areas have places to attach to), checks the report, compiles the index and reads
// it whole. ImportError (the file is not of the format at all) is the only allowed failure.
void import_and_build(const std::uint8_t* data, std::size_t size, std::string_view suffix,
                      const TypedSource& add, bool exact_counts = true);

// Opens an index from bytes (copied to 8-byte aligned memory, as from_memory requires) and, when
// it opens, reads every place, name, link, polygon and table through the public API, as the
// pipeline would. Returns false when opening threw IndexError (the only allowed failure).
bool exercise_index_bytes(const std::string& bytes, bool verify_checksum);

// Reads every place of an open index through the public API (see above).
void exercise_index(const gaz::Index& index);

}  // namespace incidentmap::fuzz
