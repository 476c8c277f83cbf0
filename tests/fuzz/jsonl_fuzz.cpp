// Fuzz target: the JSONL readers (src/io/jsonl.cpp, src/io/input.cpp). The input is read as a
// .jsonl file twice: by DocumentReader, as `geoparse` and `extract` read articles (every
// delivered document must have a unique id and valid UTF-8 text, and the report must add up),
// and line by line by JsonlReader with each parsed value handed to the extract-record parser
// that `merge` uses (RecordError is its only allowed failure).

#include <set>
#include <string>

#include "src/incidents/event_record_json.h"
#include "src/io/input.h"
#include "src/io/jsonl.h"
#include "src/io/read_stream.h"
#include "src/text/utf8.h"
#include "tests/fuzz/fuzz_util.h"

using namespace incidentmap;

namespace {

void read_documents_of(const std::string& path) {
  InputOptions options;
  options.max_document_bytes = 1 << 16;  // small, so that the size limit is reached too
  DocumentReader reader({path}, options);
  std::set<std::string> ids;
  std::int64_t delivered = 0;
  Document doc;
  while (reader.next(doc)) {
    ++delivered;
    FUZZ_CHECK(!doc.id.empty());
    FUZZ_CHECK(ids.insert(doc.id).second);
    FUZZ_CHECK(utf8::is_valid(doc.text));
    FUZZ_CHECK(doc.text.size() <= options.max_document_bytes);
  }
  const InputReport& report = reader.report();
  FUZZ_CHECK(report.documents_read == delivered);
  FUZZ_CHECK(report.issue_count() >= static_cast<std::int64_t>(report.issues.size()));
  FUZZ_CHECK(report.issues.size() <= InputReport::kMaxStoredIssues);
  for (const InputIssue& issue : report.issues) FUZZ_CHECK(!format_issue(issue).empty());
}

void read_lines_of(const std::string& path) {
  try {
    JsonlReader reader(path, 1 << 16);
    JsonlLine line;
    std::int64_t last = 0;
    while (reader.next(line)) {
      FUZZ_CHECK(line.line > last);
      last = line.line;
      if (!line.error.empty()) continue;
      if (line.value.is_object()) {
        const auto id = line.value.find("id");
        if (id != line.value.end()) json_id_string(*id);
      }
      try {
        extract_record_from_json(line.value.dump());
      } catch (const RecordError&) {
      }
    }
  } catch (const InputError&) {
    // A read or decompression error (the input is gzip-compressed and corrupt).
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = fuzz::write_scratch(data, size, ".jsonl").string();
  read_documents_of(path);
  read_lines_of(path);
  return 0;
}
