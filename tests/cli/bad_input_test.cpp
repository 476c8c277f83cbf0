// The bad-input matrix for the document commands (map, geoparse, extract): each case puts bad
// input between the clean documents g1, g2 (docs.jsonl, the bad lines at line 2 on) and g3
// (last.jsonl), runs the real executable, and checks
//   - the exact exit code (0: all read, possibly repaired; 1: something skipped; 2: usage);
//   - that stderr names the input (file, and line for JSONL) and the reason;
//   - map's report.json counts (documents read, skipped, warnings, repairs);
//   - that the clean documents' outputs equal those of a run without the bad input: the layers
//     byte for byte (bad documents hold no place or event), the geoparse/extract lines of g1-g3
//     exactly, and lines for bad documents only when they were kept.
// Big inputs are generated at test time; see big_document_bytes() for the sanitizer builds.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <functional>
#include <map>
#include <random>

#include "tests/cli/bad_input_fixtures.h"

namespace incidentmap::testing {
namespace {

// report.json "documents" counts of map.
struct Counts {
  int read = 3;
  int skipped = 0;
  int inputs_skipped = 0;
  int warnings = 0;
  int invalid_utf8 = 0;
  int nul_bytes = 0;
  int renamed = 0;
};

struct DocCase {
  std::string name;
  std::string lines;  // raw bytes inserted into docs.jsonl after g1 (from line 2 on)
  // Writes further inputs into the case's folder; returns their paths relative to it, read
  // between docs.jsonl and last.jsonl.
  std::function<std::vector<std::string>(const TempDir&)> files;
  int exit_code = 0;
  std::vector<std::string> messages;  // each must be in stderr; "{dir}" = the case's folder
  Counts counts;
  std::set<std::string> kept;  // ids of bad documents that are kept (one geoparse line each)
  bool unprivileged = false;   // run without root's rights (permission cases)
};

std::ostream& operator<<(std::ostream& os, const DocCase& c) { return os << c.name; }

std::string random_bytes(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xFF);
  return s;
}

std::string jsonl(const std::string& id, const std::string& text) {
  return nlohmann::json{{"id", id}, {"text", text}}.dump() + "\n";
}

// One input file named `name` with `content`.
std::function<std::vector<std::string>(const TempDir&)> file(std::string name,
                                                             std::string content) {
  return [name, content](const TempDir& dir) {
    dir.write(name, content);
    return std::vector<std::string>{name};
  };
}

std::vector<DocCase> doc_cases() {
  const std::size_t big = big_document_bytes();
  std::vector<DocCase> cases;
  // ---- encodings and content ----
  cases.push_back({"InvalidUtf8InJsonl",
                   "{\"id\":\"u1\",\"text\":\"caf\xE9 cr\xE8me au march\xE9 \xFF\"}\n",
                   nullptr,
                   0,
                   {"{dir}/docs.jsonl:2: id 'u1': warning: replaced 4 invalid UTF-8 sequences "
                    "with U+FFFD (is the input in another encoding?)"},
                   {.read = 4, .warnings = 1, .invalid_utf8 = 4},
                   {"u1"}});
  cases.push_back({"InvalidUtf8TextFile",
                   "",
                   file("latin1.txt", "The committee met in the caf\xE9 on the third floor.\n"),
                   0,
                   {"{dir}/latin1.txt: id 'latin1': warning: replaced 1 invalid UTF-8 sequence "
                    "with U+FFFD"},
                   {.read = 4, .warnings = 1, .invalid_utf8 = 1},
                   {"latin1"}});
  cases.push_back({"NulBytesInTextFile",
                   "",
                   file("nul.txt", filler_text(2000)
                                       .replace(100, 1, std::string(1, '\0'))
                                       .replace(900, 1, std::string(1, '\0'))),
                   0,
                   {"{dir}/nul.txt: id 'nul': warning: replaced 2 NUL bytes with spaces"},
                   {.read = 4, .warnings = 1, .nul_bytes = 2},
                   {"nul"}});
  cases.push_back({"NulEscapeAndRawNulInJsonl",
                   "{\"id\":\"n1\",\"text\":\"a\\u0000b\"}\n{\"id\":\"n2\",\"text\":\"c" +
                       std::string(1, '\0') + "d\"}\n",
                   nullptr,
                   0,
                   {"{dir}/docs.jsonl:2: id 'n1': warning: replaced 1 NUL byte with spaces",
                    "{dir}/docs.jsonl:3: id 'n2': warning: replaced 1 NUL byte with spaces"},
                   {.read = 5, .warnings = 2, .nul_bytes = 2},
                   {"n1", "n2"}});
  cases.push_back({"BinaryTextFile",
                   "",
                   file("photo.txt", random_bytes(20000, 7)),
                   1,
                   {"{dir}/photo.txt: id 'photo': skipped: binary file"},
                   {.skipped = 1},
                   {}});
  cases.push_back({"BinaryJsonlFile",
                   "",
                   file("dump.jsonl", random_bytes(20000, 8)),
                   1,
                   {"{dir}/dump.jsonl: skipped: binary file"},
                   {.inputs_skipped = 1},
                   {}});
  cases.push_back({"Utf16TextFile",
                   "",
                   file("wide.txt", std::string("\xFF\xFEh\0i\0", 6)),
                   1,
                   {"{dir}/wide.txt: id 'wide': skipped: UTF-16 text is not supported"},
                   {.skipped = 1},
                   {}});
  cases.push_back({"EmptyTextFile",
                   "",
                   file("empty.txt", ""),
                   0,
                   {"{dir}/empty.txt: id 'empty': warning: empty text; kept as an empty document"},
                   {.read = 4, .warnings = 1},
                   {"empty"}});
  cases.push_back({"EmptyJsonlFile",
                   "",
                   file("none.jsonl", ""),
                   0,
                   {"{dir}/none.jsonl: warning: no documents (empty input)"},
                   {.warnings = 1},
                   {}});
  cases.push_back({"EmptyTextField",
                   "{\"id\":\"e1\",\"text\":\"\"}\n{\"id\":\"e2\",\"text\":\" \\n\"}\n",
                   nullptr,
                   0,
                   {"{dir}/docs.jsonl:2: id 'e1': warning: empty text; kept as an empty document",
                    "{dir}/docs.jsonl:3: id 'e2': warning: empty text; kept as an empty document"},
                   {.read = 5, .warnings = 2},
                   {"e1", "e2"}});
  cases.push_back({"HundredMegabyteDocument",
                   "",
                   [big](const TempDir& dir) {  // made when the test runs, not at start-up
                     dir.write("big.txt", filler_text(big));
                     return std::vector<std::string>{"big.txt"};
                   },
                   0,
                   {},
                   {.read = 4},
                   {"big"}});
  cases.push_back({"TenMegabyteSingleLine",
                   "",
                   [](const TempDir& dir) {
                     std::string line = filler_text(10'000'000);
                     for (char& c : line)
                       if (c == '\n') c = ' ';
                     dir.write("line.txt", line);
                     dir.write("line.jsonl", jsonl("line10m", line));
                     return std::vector<std::string>{"line.txt", "line.jsonl"};
                   },
                   0,
                   {},
                   {.read = 5},
                   {"line", "line10m"}});
  cases.push_back(
      {"MillionLetterWord",
       "",
       [](const TempDir& dir) {
         dir.write("word.jsonl",
                   jsonl("word", kFiller + std::string(1'000'000, 'w') + " " + kFiller));
         return std::vector<std::string>{"word.jsonl"};
       },
       0,
       {},
       {.read = 4},
       {"word"}});
  // ---- JSONL lines ----
  cases.push_back({"MalformedJsonLine",
                   "{\"id\":\"m1\",\"text\":\"unterminated\n",
                   nullptr,
                   1,
                   {"{dir}/docs.jsonl:2: skipped: invalid JSON at byte"},
                   {.skipped = 1},
                   {}});
  cases.push_back({"TruncatedLastLine",
                   "",
                   file("cut.jsonl", jsonl("c1", kFiller) + "{\"id\":\"c2\",\"text\":\"The comm"),
                   1,
                   {"{dir}/cut.jsonl:2: skipped: invalid JSON"},
                   {.read = 4, .skipped = 1},
                   {"c1"}});
  cases.push_back({"NotAnObject",
                   "[1,2,3]\n\"text\"\n",
                   nullptr,
                   1,
                   {"{dir}/docs.jsonl:2: skipped: not a JSON object but array",
                    "{dir}/docs.jsonl:3: skipped: not a JSON object but string"},
                   {.skipped = 2},
                   {}});
  cases.push_back({"MissingText",
                   "{\"id\":\"t1\",\"title\":\"no text\"}\n",
                   nullptr,
                   1,
                   {"{dir}/docs.jsonl:2: id 't1': skipped: no text field"},
                   {.skipped = 1},
                   {}});
  cases.push_back({"TextOfWrongType",
                   "{\"id\":\"t2\",\"text\":42}\n{\"id\":\"t3\",\"text\":null}\n",
                   nullptr,
                   1,
                   {"{dir}/docs.jsonl:2: id 't2': skipped: text is number, not a string",
                    "{dir}/docs.jsonl:3: id 't3': skipped: text is null, not a string"},
                   {.skipped = 2},
                   {}});
  cases.push_back({"MissingId",
                   jsonl("x", kFiller).replace(2, 2, "title"),
                   nullptr,
                   0,
                   {"{dir}/docs.jsonl:2: id 'docs:2': warning: no id field; using the id 'docs:2'"},
                   {.read = 4, .warnings = 1},
                   {"docs:2"}});
  cases.push_back({"IdOfWrongType",
                   "{\"id\":{\"a\":1},\"text\":\"The committee met.\"}\n",
                   nullptr,
                   0,
                   {"{dir}/docs.jsonl:2: id 'docs:2': warning: id is object, not a string or "
                    "number; using the id 'docs:2'"},
                   {.read = 4, .warnings = 1},
                   {"docs:2"}});
  cases.push_back({"DateThatDoesNotParse",
                   "{\"id\":\"d1\",\"text\":\"The committee met.\",\"date\":\"2023-13-45\"}\n"
                   "{\"id\":\"d2\",\"text\":\"The committee met.\",\"date\":20230101}\n",
                   nullptr,
                   0,
                   {"{dir}/docs.jsonl:2: id 'd1': warning: date '2023-13-45' is not a YYYY-MM-DD "
                    "date; date unknown",
                    "{dir}/docs.jsonl:3: id 'd2': warning: date is number, not a string; date "
                    "unknown"},
                   {.read = 5, .warnings = 2},
                   {"d1", "d2"}});
  cases.push_back({"SourceAndUrlOfWrongType",
                   "{\"id\":\"s1\",\"text\":\"The committee met.\",\"source\":[1],\"url\":false}\n",
                   nullptr,
                   0,
                   {"{dir}/docs.jsonl:2: id 's1': warning: source is array, not a string; ignored",
                    "{dir}/docs.jsonl:2: id 's1': warning: url is boolean, not a string; ignored"},
                   {.read = 4, .warnings = 2},
                   {"s1"}});
  cases.push_back({"DuplicateIds",
                   jsonl("g1", kFiller) + jsonl("g1", kFiller),
                   nullptr,
                   0,
                   {"{dir}/docs.jsonl:2: id 'g1#2': warning: id 'g1' was already used; kept as "
                    "'g1#2'",
                    "{dir}/docs.jsonl:3: id 'g1#3': warning: id 'g1' was already used; kept as "
                    "'g1#3'"},
                   {.read = 5, .warnings = 2, .renamed = 2},
                   {"g1#2", "g1#3"}});
  cases.push_back({"LoneSurrogateEscape",
                   "{\"id\":\"l1\",\"text\":\"a\\ud800b\"}\n",
                   nullptr,
                   0,
                   {"{dir}/docs.jsonl:2: id 'l1': warning: replaced 1 unpaired surrogate escape "
                    "with U+FFFD"},
                   {.read = 4, .warnings = 1},
                   {"l1"}});
  cases.push_back(
      {"TruncatedGzip",
       "",
       [](const TempDir& dir) {
         dir.write("whole.jsonl.gz", jsonl("z1", kFiller) + jsonl("z2", filler_text(200000)));
         const std::string gz = dir.read("whole.jsonl.gz");
         dir.write("cut.jsonl.gz.part", gz.substr(0, gz.size() / 2));
         std::filesystem::rename(dir.path("cut.jsonl.gz.part"), dir.path("cut.jsonl.gz"));
         return std::vector<std::string>{"cut.jsonl.gz"};
       },
       1,
       {"{dir}/cut.jsonl.gz: warning: gzip data ends early (truncated file)",
        "{dir}/cut.jsonl.gz:2: skipped: invalid JSON"},
       {.read = 4, .skipped = 1, .warnings = 1},
       {"z1"}});
  // ---- paths ----
  cases.push_back({"UnreadableFile",
                   "",
                   [](const TempDir& dir) {
                     dir.write("locked.txt", kFiller);
                     ::chmod(dir.path("locked.txt").c_str(), 0);
                     return std::vector<std::string>{"locked.txt"};
                   },
                   1,
                   {"{dir}/locked.txt: id 'locked': skipped: cannot open: Permission denied"},
                   {.skipped = 1},
                   {},
                   true});
  cases.push_back({"UnreadableFolder",
                   "",
                   [](const TempDir& dir) {
                     dir.write("closed/a.txt", kFiller);
                     ::chmod(dir.path("closed").c_str(), 0);
                     return std::vector<std::string>{"closed"};
                   },
                   1,
                   {"{dir}/closed: skipped: cannot read folder: Permission denied"},
                   {.inputs_skipped = 1},
                   {},
                   true});
  cases.push_back({"BrokenSymlinkInFolder",
                   "",
                   [](const TempDir& dir) {
                     dir.write("folder/ok.txt", kFiller);
                     std::filesystem::create_symlink(dir.path("nowhere.txt"),
                                                     dir.path("folder/gone.txt"));
                     return std::vector<std::string>{"folder"};
                   },
                   1,
                   {"{dir}/folder/gone.txt: skipped: broken symbolic link: No such file or "
                    "directory"},
                   {.read = 4, .inputs_skipped = 1},
                   {"ok"}});
  return cases;
}

class BadDocuments : public ::testing::TestWithParam<std::tuple<DocCase, DocCommand>> {
 protected:
  static void SetUpTestSuite() {
    if (incidentmap_bin().empty()) return;
    clean_dir_ = new TempDir();
    clean_ = new std::map<DocCommand, DocRun>();
    clean_dir_->write("docs.jsonl", kDocG1 + "\n" + kDocG2 + "\n");
    clean_dir_->write("last.jsonl", kDocG3 + "\n");
    for (DocCommand c : {DocCommand::kMap, DocCommand::kGeoparse, DocCommand::kExtract}) {
      (*clean_)[c] =
          run_doc_command(c, {clean_dir_->path("docs.jsonl"), clean_dir_->path("last.jsonl")},
                          clean_dir_->path(std::string("out-") + command_name(c)));
    }
  }
  static void TearDownTestSuite() {
    delete clean_;
    delete clean_dir_;
    clean_ = nullptr;
    clean_dir_ = nullptr;
  }
  void SetUp() override {
    if (incidentmap_bin().empty()) GTEST_SKIP() << "INCIDENTMAP_BIN is not set";
  }
  static inline TempDir* clean_dir_ = nullptr;
  static inline std::map<DocCommand, DocRun>* clean_ = nullptr;
};

TEST_P(BadDocuments, ExitCodeMessagesCountsAndCompleteOutputs) {
  const auto& [c, command] = GetParam();
  const DocRun& clean = clean_->at(command);
  ASSERT_EQ(clean.run.exit_code, 0) << clean.run.err;

  TempDir dir;
  SpawnOptions options;
  if (c.unprivileged) {
    options.prefix = unprivileged_prefix();
    ::chmod(dir.path().c_str(), 0777);  // the unprivileged run writes its output here
  }
  dir.write("docs.jsonl", kDocG1 + "\n" + c.lines + kDocG2 + "\n");
  dir.write("last.jsonl", kDocG3 + "\n");
  std::vector<std::string> inputs = {dir.path("docs.jsonl")};
  if (c.files)
    for (const std::string& f : c.files(dir)) inputs.push_back(dir.path(f));
  inputs.push_back(dir.path("last.jsonl"));

  const DocRun r = run_doc_command(command, inputs, dir.path("out"), {}, options);
  EXPECT_EQ(r.run.exit_code, c.exit_code) << r.run.err;
  for (std::string message : c.messages) {
    for (std::size_t at; (at = message.find("{dir}")) != std::string::npos;)
      message.replace(at, 5, dir.path());
    EXPECT_NE(r.run.err.find(message), std::string::npos)
        << "stderr lacks: " << message << "\nstderr:\n"
        << r.run.err;
  }
  if (c.messages.empty()) {
    EXPECT_EQ(r.run.err, "");
  }
  EXPECT_EQ(r.run.err.find(std::string("incidentmap ") + command_name(command) + ": error"),
            std::string::npos)
      << r.run.err;

  if (command == DocCommand::kMap) {
    EXPECT_EQ(r.layers, clean.layers);  // the layers and the style, byte for byte
    ASSERT_TRUE(r.report.is_object()) << "no report.json";
    const nlohmann::json& d = r.report["documents"];
    EXPECT_EQ(d["read"], c.counts.read);
    EXPECT_EQ(d["skipped"], c.counts.skipped);
    EXPECT_EQ(d["failed"], 0);
    EXPECT_EQ(d["inputs_skipped"], c.counts.inputs_skipped);
    EXPECT_EQ(d["warnings"], c.counts.warnings);
    EXPECT_EQ(d["invalid_utf8_replaced"], c.counts.invalid_utf8);
    EXPECT_EQ(d["nul_bytes_replaced"], c.counts.nul_bytes);
    EXPECT_EQ(d["renamed_duplicates"], c.counts.renamed);
    EXPECT_EQ(
        r.report["input_issues"].size(),
        static_cast<std::size_t>(c.counts.warnings + c.counts.skipped + c.counts.inputs_skipped));
    EXPECT_EQ(r.report["counts"], clean.report["counts"]);
    return;
  }
  EXPECT_EQ(lines_of(r, kGoodIds), lines_of(clean, kGoodIds));
  std::multiset<std::string> other_ids;
  for (const auto& [id, line] : r.lines)
    if (kGoodIds.count(id) == 0) other_ids.insert(id);
  if (command == DocCommand::kGeoparse) {
    // One line per kept document, with no place found in it.
    EXPECT_EQ(other_ids, std::multiset<std::string>(c.kept.begin(), c.kept.end()));
    for (const auto& [id, line] : r.lines) {
      if (c.kept.count(id) != 0) {
        EXPECT_EQ(line, "{\"doc_id\":" + nlohmann::json(id).dump() + ",\"toponyms\":[]}");
      }
    }
  } else {
    EXPECT_TRUE(other_ids.empty()) << *other_ids.begin();  // no place, no event: no record
  }
}

INSTANTIATE_TEST_SUITE_P(Matrix, BadDocuments,
                         ::testing::Combine(::testing::ValuesIn(doc_cases()),
                                            ::testing::Values(DocCommand::kMap,
                                                              DocCommand::kGeoparse,
                                                              DocCommand::kExtract)),
                         [](const auto& p) {
                           return std::get<0>(p.param).name + "_" +
                                  command_name(std::get<1>(p.param));
                         });

}  // namespace
}  // namespace incidentmap::testing
