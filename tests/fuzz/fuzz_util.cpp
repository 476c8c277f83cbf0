#include "tests/fuzz/fuzz_util.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string_view>
#include <vector>

#include "gazetteer/fold.h"
#include "gazetteer/index.h"

namespace incidentmap::fuzz {

namespace fs = std::filesystem;

void check_failed(const char* condition, const char* file, int line) {
  std::fprintf(stderr, "FUZZ_CHECK failed: %s at %s:%d\n", condition, file, line);
  std::abort();
}

namespace {

// Removes the scratch files of this process at exit (one per suffix used).
struct ScratchFiles {
  std::vector<fs::path> paths;
  ~ScratchFiles() {
    std::error_code ec;
    for (const fs::path& p : paths) fs::remove(p, ec);
  }
};

fs::path scratch_dir() {
  const char* tmp = std::getenv("TMPDIR");
  return tmp != nullptr && *tmp != '\0' ? fs::path(tmp) : fs::path("/tmp");
}

}  // namespace

fs::path write_scratch(const std::uint8_t* data, std::size_t size, std::string_view suffix) {
  static ScratchFiles files;
  const fs::path path =
      scratch_dir() / ("incidentmap_fuzz_" + std::to_string(::getpid()) + std::string(suffix));
  bool known = false;
  for (const fs::path& p : files.paths) known = known || p == path;
  if (!known) files.paths.push_back(path);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (size > 0) out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  out.close();
  FUZZ_CHECK(out.good());
  return path;
}

fs::path source_file(std::string_view relative) {
  return fs::path(INCIDENTMAP_SOURCE_DIR) / std::string(relative);
}

void check_report(const gaz::ImportReport& report, bool exact) {
  FUZZ_CHECK(report.rows_read >= 0 && report.rows_imported >= 0 && report.rows_skipped >= 0 &&
             report.duplicates >= 0);
  const std::int64_t accounted = report.rows_imported + report.rows_skipped + report.duplicates;
  if (exact ? report.rows_read != accounted : report.rows_read < accounted) {
    std::fprintf(
        stderr, "%s report of %s: read %lld, imported %lld, skipped %lld, duplicates %lld\n",
        report.source_kind.c_str(), report.file.c_str(), static_cast<long long>(report.rows_read),
        static_cast<long long>(report.rows_imported), static_cast<long long>(report.rows_skipped),
        static_cast<long long>(report.duplicates));
  }
  FUZZ_CHECK(exact ? report.rows_read == accounted : report.rows_read >= accounted);
  FUZZ_CHECK(report.issues.size() <= gaz::ImportReport::kMaxStoredIssues);
  FUZZ_CHECK(report.issue_count() >= static_cast<std::int64_t>(report.issues.size()));
  for (const gaz::ImportIssue& issue : report.issues) {
    FUZZ_CHECK(issue.line >= 0);
    FUZZ_CHECK(!issue.reason.empty());
  }
}

void exercise_index(const gaz::Index& index) {
  volatile std::size_t sink = 0;  // keeps the reads from being optimised away
  sink = sink + index.key_count() + index.posting_count() + index.metadata_json().size();
  gaz::LookupOptions biased;
  biased.country_bias = "mx";
  biased.limit = 0;
  for (std::size_t i = 0; i < index.place_count(); ++i) {
    const gaz::PlaceView p = index.place(static_cast<std::uint32_t>(i));
    sink = sink + p.name().size() + p.ascii_name().size() + p.feature_code().size() +
           p.country_code().size() + p.admin1_code().size() + p.admin2_code().size() +
           p.country_name().size() + p.admin1_name().size() + p.admin2_name().size();
    sink = sink + static_cast<std::size_t>(p.geonameid()) +
           static_cast<std::size_t>(p.population()) + static_cast<std::size_t>(p.feature_class()) +
           p.has_position() + p.position_estimated() + p.curated() +
           static_cast<std::size_t>(p.source());
    const geo::LonLat at = p.position();
    FUZZ_CHECK(at.lon_deg >= -214.8 && at.lon_deg <= 214.8 && at.lat_deg >= -214.8 &&
               at.lat_deg <= 214.8);  // int32 units of 1e-7 degree
    if (const auto ref = p.polygon_ref()) {
      try {
        sink = sink + index.polygon(*ref).size();
      } catch (const gaz::IndexError&) {
        // A polygon reference the index cannot resolve is reported, not read.
      }
    }
    for (const gaz::Candidate& c : index.lookup(p.name(), biased)) {
      sink = sink + c.place.name().size() + c.lang.size() + static_cast<std::size_t>(c.kind);
    }
    sink = sink + static_cast<std::size_t>(index.max_name_tokens(gaz::fold_name(p.name())));
    sink = sink + index.place_by_geonameid(p.geonameid()).has_value();
    sink = sink + index.country_of(p.country_code()).has_value();
    sink = sink + index.admin1_of(p.country_code(), p.admin1_code()).has_value();
    sink = sink + index.admin2_of(p.country_code(), p.admin1_code(), p.admin2_code()).has_value();
  }
  for (std::uint16_t lang = 0; lang < 64; ++lang) sink = sink + index.language(lang).size();
}

void import_and_build(const std::uint8_t* data, std::size_t size, std::string_view suffix,
                      const TypedSource& add, bool exact_counts) {
  const fs::path path = write_scratch(data, size, suffix);
  gaz::IndexBuilder builder;
  builder.add_geonames_dump(source_file("tests/fixtures/gazetteer/dump.txt"));
  try {
    check_report(add(builder, path), exact_counts);
  } catch (const gaz::ImportError&) {
    return;  // not of the format at all: reported as a whole
  }
  FUZZ_CHECK(exercise_index_bytes(builder.build_to_memory(), true));
}

bool exercise_index_bytes(const std::string& bytes, bool verify_checksum) {
  std::vector<std::uint64_t> aligned((bytes.size() + 7) / 8 + 1);
  if (!bytes.empty()) std::memcpy(aligned.data(), bytes.data(), bytes.size());
  gaz::OpenOptions options;
  options.verify_checksum = verify_checksum;
  try {
    const gaz::Index index = gaz::Index::from_memory(aligned.data(), bytes.size(), "fuzz", options);
    exercise_index(index);
  } catch (const gaz::IndexError&) {
    return false;
  }
  return true;
}

}  // namespace incidentmap::fuzz
