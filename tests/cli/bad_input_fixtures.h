#pragma once
// Shared pieces of the bad-input matrix (tests/cli/bad_*_test.cpp): three clean documents with
// places and events, filler text with neither (so that big inputs change no layer), runs of the
// document commands, and their outputs reduced to what is compared with a clean run.
//
// Every document and row here was written for these tests.

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "tests/cli/run_cli.h"
#include "tests/temp_dir.h"

namespace incidentmap::testing {

// JSONL lines (without newline) of the clean documents g1, g2, g3.
inline const std::string kDocG1 =
    R"({"id":"g1","text":"Police said two people were killed in a clash with gunmen in )"
    R"(Monterrey, Mexico, on Tuesday.","date":"2023-05-02","source":"Example Wire",)"
    R"("url":"https://example.org/1"})";
inline const std::string kDocG2 =
    R"({"id":"g2","text":"Thousands of protesters marched through Lima, Peru, on Friday )"
    R"(demanding new elections.","date":"2023-05-05","source":"Sample Daily",)"
    R"("url":"https://example.org/2"})";
inline const std::string kDocG3 =
    R"({"id":"g3","text":"Soldiers arrested five suspects in Kaduna, Nigeria, after gunmen )"
    R"(attacked a village on Sunday.","date":"2023-05-07","source":"Example Wire",)"
    R"("url":"https://example.org/3"})";
inline const std::set<std::string> kGoodIds = {"g1", "g2", "g3"};

// One sentence with no place, no event trigger and no date: big inputs repeat it.
inline const std::string kFiller =
    "The committee met on the third floor and discussed the budget for the coming year. ";

// At least `bytes` bytes of filler text, whole sentences in paragraphs (a cut word could be
// read as an abbreviation of a place name).
inline std::string filler_text(std::size_t bytes) {
  std::string text;
  text.reserve(bytes + kFiller.size() + 2);
  for (std::size_t i = 0; text.size() < bytes; ++i) {
    text += kFiller;
    if (i % 8 == 7) text += "\n\n";
  }
  return text;
}

// The size of the "100 MB document" of the matrix. Sanitizer builds run about ten times
// slower with three times the memory, so there it is 10 MB; INCIDENTMAP_TEST_BIG_MB overrides
// both (e.g. 100 to run the full size under ASan).
inline std::size_t big_document_bytes() {
  if (const char* env = std::getenv("INCIDENTMAP_TEST_BIG_MB"); env != nullptr && *env != '\0')
    return static_cast<std::size_t>(std::strtoull(env, nullptr, 10)) * 1000 * 1000;
#if defined(__SANITIZE_ADDRESS__)
  return std::size_t{10} * 1000 * 1000;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return std::size_t{10} * 1000 * 1000;
#endif
#endif
  return std::size_t{100} * 1000 * 1000;
}

enum class DocCommand { kMap, kGeoparse, kExtract };

inline const char* command_name(DocCommand c) {
  switch (c) {
    case DocCommand::kMap:
      return "map";
    case DocCommand::kGeoparse:
      return "geoparse";
    case DocCommand::kExtract:
      return "extract";
  }
  return "?";
}

// What a document command produced, reduced for comparison.
struct DocRun {
  CliRun run;
  // geoparse and extract: the output lines keyed by document id, in order (line text as is).
  std::vector<std::pair<std::string, std::string>> lines;
  // map: the layer files (name -> content), report.json parsed separately.
  std::vector<std::pair<std::string, std::string>> layers;
  nlohmann::json report;  // map's report.json; null otherwise or when absent
};

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The names in `folder`, sorted (hidden ones too); empty when it does not exist.
inline std::vector<std::string> folder_entries(const std::string& folder) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(folder, ec))
    names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// The program prefix that runs the binary without root's right to read and write anything
// (setpriv to nobody) when the tests run as root; empty otherwise.
inline std::vector<std::string> unprivileged_prefix() {
  if (::geteuid() != 0) return {};
  return {"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"};
}

// Runs `command` over `inputs`, writing below `out_base` (the -o file or folder), with --no-text
// for geoparse and one thread (the output is the same for any count; one is lighter on CI).
inline DocRun run_doc_command(DocCommand command, const std::vector<std::string>& inputs,
                              const std::string& out_base,
                              const std::vector<std::string>& extra = {},
                              const SpawnOptions& options = {}) {
  std::vector<std::string> args = {command_name(command)};
  args.insert(args.end(), inputs.begin(), inputs.end());
  args.insert(args.end(), {"--threads", "1", "-o"});
  const std::string out = command == DocCommand::kMap ? out_base : out_base + ".jsonl";
  args.push_back(out);
  if (command == DocCommand::kGeoparse) args.push_back("--no-text");
  args.insert(args.end(), extra.begin(), extra.end());
  DocRun r;
  r.run = run_cli(args, {}, options);
  if (command == DocCommand::kMap) {
    for (const std::string& name : folder_entries(out)) {
      if (name == "report.json") {
        r.report = nlohmann::json::parse(slurp(out + "/" + name), nullptr, false);
      } else {
        r.layers.emplace_back(name, slurp(out + "/" + name));
      }
    }
    return r;
  }
  std::ifstream in(out, std::ios::binary);
  for (std::string line; std::getline(in, line);) {
    const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    const std::string id = j.is_object() && j.contains("doc_id") && j["doc_id"].is_string()
                               ? j["doc_id"].get<std::string>()
                               : "<unparsable>";
    r.lines.emplace_back(id, line);
  }
  return r;
}

// The lines of documents in `ids`, in order.
inline std::vector<std::string> lines_of(const DocRun& r, const std::set<std::string>& ids) {
  std::vector<std::string> out;
  for (const auto& [id, line] : r.lines)
    if (ids.count(id) != 0) out.push_back(line);
  return out;
}

}  // namespace incidentmap::testing
