#include "src/io/input.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/temp_dir.h"

namespace incidentmap {
namespace {

using testing::TempDir;

// Bytes that look like compressed data: every value, controls included.
std::string binary_bytes(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += static_cast<char>((i * 37 + 11) % 256);
  return out;
}

// One line per document: `id date "text"` (date "-" when unknown, text JSON-escaped).
std::string describe(const Document& doc) {
  return doc.id + " " + (doc.date ? format_iso_date(*doc.date) : "-") + " " +
         nlohmann::json(doc.text).dump();
}

// Standard input redirected from a file for the lifetime of the object.
class StdinFrom {
 public:
  explicit StdinFrom(const std::string& path) : saved_(::dup(STDIN_FILENO)) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    ::dup2(fd, STDIN_FILENO);
    ::close(fd);
  }
  ~StdinFrom() {
    ::dup2(saved_, STDIN_FILENO);
    ::close(saved_);
  }

 private:
  int saved_;
};

struct ReadResult {
  std::string documents;  // describe() lines
  std::string issues;     // format_issue() lines, paths relative to the temp folder
  InputReport report;
};

// With read_ahead, every item is read before any is prepared (last first, as workers may) and
// accepted, as a parallel batch with an unbounded window would; else read_documents.
ReadResult read_all(const TempDir& dir, const std::vector<std::string>& relative_inputs,
                    const InputOptions& options, bool read_ahead = false) {
  std::vector<std::string> inputs;
  for (const auto& in : relative_inputs) inputs.push_back(in == "-" ? in : dir.path(in));
  ReadResult result;
  if (read_ahead) {
    DocumentReader reader(inputs, options);
    std::vector<DocumentItem> items;
    for (DocumentItem item; reader.next_item(item);) items.push_back(std::move(item));
    for (auto it = items.rbegin(); it != items.rend(); ++it) prepare_document_item(*it);
    for (DocumentItem& item : items) {
      Document doc;
      if (reader.accept_item(item, doc)) result.documents += describe(doc) + "\n";
    }
    reader.flush_pending_issues();
    result.report = reader.report();
  } else {
    result.report = read_documents(
        inputs, options, [&](Document&& doc) { result.documents += describe(doc) + "\n"; });
  }
  for (const InputIssue& issue : result.report.issues) {
    std::string line = format_issue(issue);
    for (std::size_t at; (at = line.find(dir.path() + "/")) != std::string::npos;) {
      line.erase(at, dir.path().size() + 1);
    }
    result.issues += line + "\n";
  }
  return result;
}

struct InputCase {
  const char* name;
  std::vector<std::pair<std::string, std::string>> files;  // names ending .gz are compressed
  std::vector<std::string> inputs;                         // relative to the temp folder
  InputOptions options;
  std::string expected_documents;
  std::string expected_issues;
  std::string stdin_data = {};
};

void PrintTo(const InputCase& c, std::ostream* os) { *os << c.name; }

class InputCaseTest : public ::testing::TestWithParam<InputCase> {};

void expect_case(const InputCase& c, bool read_ahead) {
  TempDir dir;
  for (const auto& [name, content] : c.files) dir.write(name, content);
  std::optional<StdinFrom> redirect;
  if (!c.stdin_data.empty()) redirect.emplace(dir.write("stdin.data", c.stdin_data));
  const ReadResult result = read_all(dir, c.inputs, c.options, read_ahead);
  EXPECT_EQ(result.documents, c.expected_documents);
  EXPECT_EQ(result.issues, c.expected_issues);
}

TEST_P(InputCaseTest, ReadsDocumentsAndReportsIssues) { expect_case(GetParam(), false); }

// What parallel batches rely on: reading everything ahead and parsing out of order changes
// nothing, neither the documents and their ids nor the issues and their order.
TEST_P(InputCaseTest, ReadingAheadAndParsingOutOfOrderGiveTheSameResult) {
  expect_case(GetParam(), true);
}

InputOptions with_globs(std::vector<std::string> globs, bool recursive = true) {
  InputOptions options;
  options.globs = std::move(globs);
  options.recursive = recursive;
  return options;
}

InputOptions with_max_bytes(std::uint64_t max_document_bytes) {
  InputOptions options;
  options.max_document_bytes = max_document_bytes;
  return options;
}

const std::vector<std::pair<std::string, std::string>> kFolder = {
    {"news/b.txt", "Second story."},
    {"news/a.txt", "First story."},
    {"news/sub/c.txt", "Nested story."},
    {"news/sub/d.md", "Markdown notes."},
    {"news/.hidden.txt", "Never read."},
    {"news/notes.jsonl", R"({"id": "n1", "text": "From JSONL."})"},
};

const InputCase kCases[] = {
    {"TextFile",
     {{"a.txt", "Floods hit the valley.\n"}},
     {"a.txt"},
     {},
     "a - \"Floods hit the valley.\\n\"\n",
     ""},
    {"FileWithOtherExtensionIsText",
     {{"report.md", "# Report"}},
     {"report.md"},
     {},
     "report - \"# Report\"\n",
     ""},
    {"FolderIsSortedRecursiveAndSkipsHidden",
     kFolder,
     {"news"},
     {},
     "a - \"First story.\"\nb - \"Second story.\"\nn1 - \"From JSONL.\"\n"
     "sub/c - \"Nested story.\"\n",
     ""},
    {"FolderNotRecursive",
     kFolder,
     {"news"},
     with_globs({}, false),
     "a - \"First story.\"\nb - \"Second story.\"\nn1 - \"From JSONL.\"\n",
     ""},
    {"GlobOnFileName",
     kFolder,
     {"news"},
     with_globs({"*.md"}),
     "sub/d - \"Markdown notes.\"\n",
     ""},
    {"GlobWithPath",
     kFolder,
     {"news"},
     with_globs({"sub/*.txt"}),
     "sub/c - \"Nested story.\"\n",
     ""},
    {"FolderWithoutMatches",
     kFolder,
     {"news"},
     with_globs({"*.csv"}),
     "",
     "news: warning: folder has no files matching *.csv\n"},
    {"JsonlFields",
     {{"in.jsonl",
       R"({"id": "x1", "text": "Alpha", "date": "2023-03-05", "source": "Daily", "url": "http://e/1"}
{"doc_id": "x2", "title": "ignored", "text": "Beta", "toponyms": []}
{"id": 7, "text": "Gamma", "date": "2023-03-05T10:00:00Z"}
{"doc_id": 7.5, "text": "Delta"}
)"}},
     {"in.jsonl"},
     {},
     "x1 2023-03-05 \"Alpha\"\nx2 - \"Beta\"\n7 2023-03-05 \"Gamma\"\n7.5 - \"Delta\"\n",
     ""},
    {"MalformedLinesAreSkippedAndReadingGoesOn",
     {{"in.jsonl",
       "{\"id\": \"a\", \"text\": \"One\"}\n{\"id\": \"b\", \"text\": \"Two\"\n[1, 2]\n\"just a "
       "string\"\n{\"id\": \"c\", \"text\": \"Three\"}\n"}},
     {"in.jsonl"},
     {},
     "a - \"One\"\nc - \"Three\"\n",
     "in.jsonl:2: skipped: invalid JSON at byte 26: syntax error while parsing object - "
     "unexpected end of input; expected '}'\n"
     "in.jsonl:3: skipped: not a JSON object but array\n"
     "in.jsonl:4: skipped: not a JSON object but string\n"},
    {"MissingOrWronglyTypedText",
     {{"in.jsonl",
       "{\"id\": \"a\"}\n{\"id\": \"b\", \"text\": 12}\n{\"id\": \"c\", \"text\": null}\n"
       "{\"id\": \"d\", \"text\": \"ok\"}\n"}},
     {"in.jsonl"},
     {},
     "d - \"ok\"\n",
     "in.jsonl:1: id 'a': skipped: no text field\n"
     "in.jsonl:2: id 'b': skipped: text is number, not a string\n"
     "in.jsonl:3: id 'c': skipped: text is null, not a string\n"},
    {"MissingOrBadIdGetsGeneratedId",
     {{"feed.jsonl.gz",
       "{\"text\": \"no id\"}\n{\"id\": null, \"text\": \"null id\"}\n{\"id\": \"\", \"text\": "
       "\"empty id\"}\n{\"id\": [1], \"text\": \"array id\"}\n"}},
     {"feed.jsonl.gz"},
     {},
     "feed:1 - \"no id\"\nfeed:2 - \"null id\"\nfeed:3 - \"empty id\"\nfeed:4 - \"array id\"\n",
     "feed.jsonl.gz:1: id 'feed:1': warning: no id field; using the id 'feed:1'\n"
     "feed.jsonl.gz:2: id 'feed:2': warning: id is null, not a string or number; using the id "
     "'feed:2'\n"
     "feed.jsonl.gz:3: id 'feed:3': warning: empty id; using the id 'feed:3'\n"
     "feed.jsonl.gz:4: id 'feed:4': warning: id is array, not a string or number; using the id "
     "'feed:4'\n"},
    {"BadDatesKeepTheDocument",
     {{"in.jsonl",
       "{\"id\": \"a\", \"text\": \"t\", \"date\": \"2019-02-30\"}\n{\"id\": \"b\", \"text\": "
       "\"t\", \"date\": 20190201}\n{\"id\": \"c\", \"text\": \"t\", \"date\": \"\"}\n"
       "{\"id\": \"d\", \"text\": \"t\", \"source\": 5}\n"}},
     {"in.jsonl"},
     {},
     "a - \"t\"\nb - \"t\"\nc - \"t\"\nd - \"t\"\n",
     "in.jsonl:1: id 'a': warning: date '2019-02-30' is not a YYYY-MM-DD date; date unknown\n"
     "in.jsonl:2: id 'b': warning: date is number, not a string; date unknown\n"
     "in.jsonl:4: id 'd': warning: source is number, not a string; ignored\n"},
    {"DuplicateIdsAreRenamed",
     {{"in.jsonl",
       "{\"id\": \"x\", \"text\": \"1\"}\n{\"id\": \"x#2\", \"text\": \"2\"}\n{\"id\": \"x\", "
       "\"text\": \"3\"}\n{\"id\": \"x\", \"text\": \"4\"}\n"}},
     {"in.jsonl"},
     {},
     "x - \"1\"\nx#2 - \"2\"\nx#3 - \"3\"\nx#4 - \"4\"\n",
     "in.jsonl:3: id 'x#3': warning: id 'x' was already used; kept as 'x#3'\n"
     "in.jsonl:4: id 'x#4': warning: id 'x' was already used; kept as 'x#4'\n"},
    {"SameFileNameInTwoFolders",
     {{"one/a.txt", "first"}, {"two/a.txt", "second"}},
     {"one/a.txt", "two/a.txt"},
     {},
     "a - \"first\"\na#2 - \"second\"\n",
     "two/a.txt: id 'a#2': warning: id 'a' was already used; kept as 'a#2'\n"},
    {"InvalidUtf8IsReplacedAndCounted",
     {{"latin1.txt", "Caf\xE9 and cr\xE8me"},
      {"in.jsonl", "{\"id\": \"j\", \"text\": \"na\xEFve\"}\n"}},
     {"latin1.txt", "in.jsonl"},
     {},
     "latin1 - \"Caf\xEF\xBF\xBD and cr\xEF\xBF\xBDme\"\nj - \"na\xEF\xBF\xBDve\"\n",
     "latin1.txt: id 'latin1': warning: replaced 2 invalid UTF-8 sequences with U+FFFD (is the "
     "input in another encoding?)\n"
     "in.jsonl:1: id 'j': warning: replaced 1 invalid UTF-8 sequence with U+FFFD (is the input "
     "in another encoding?)\n"},
    {"NulBytesBecomeSpaces",
     {{"nul.txt", std::string("word\0word and more text to keep the NUL share small", 51)},
      {"in.jsonl", "{\"id\": \"j\", \"text\": \"a\\u0000b\"}\n"}},
     {"nul.txt", "in.jsonl"},
     {},
     "nul - \"word word and more text to keep the NUL share small\"\nj - \"a b\"\n",
     "nul.txt: id 'nul': warning: replaced 1 NUL byte with spaces\n"
     "in.jsonl:1: id 'j': warning: replaced 1 NUL byte with spaces\n"},
    {"LoneSurrogateEscapes",
     {{"in.jsonl", "{\"id\": \"s\", \"text\": \"a\\ud800b \\ud83d\\ude00 \\\\ud800\"}\n"}},
     {"in.jsonl"},
     {},
     "s - \"a\xEF\xBF\xBD"
     "b \xF0\x9F\x98\x80 \\\\ud800\"\n",
     "in.jsonl:1: id 's': warning: replaced 1 unpaired surrogate escape with U+FFFD\n"},
    {"BinaryAndUtf16FilesAreSkipped",
     {{"image.txt", binary_bytes(4000)},
      {"wide.txt", std::string("\xFF\xFEh\0i\0", 6)},
      {"data.jsonl", binary_bytes(100)},
      {"ok.txt", "fine"}},
     {"image.txt", "wide.txt", "data.jsonl", "ok.txt"},
     {},
     "ok - \"fine\"\n",
     "image.txt: id 'image': skipped: binary file\n"
     "wide.txt: id 'wide': skipped: UTF-16 text is not supported; convert the file to UTF-8\n"
     "data.jsonl: skipped: binary file\n"},
    {"EmptyTextIsKeptWithAWarning",
     {{"empty.txt", ""}, {"in.jsonl", "{\"id\": \"e\", \"text\": \" \\n\"}\n"}},
     {"empty.txt", "in.jsonl"},
     {},
     "empty - \"\"\ne - \" \\n\"\n",
     "empty.txt: id 'empty': warning: empty text; kept as an empty document\n"
     "in.jsonl:1: id 'e': warning: empty text; kept as an empty document\n"},
    {"MissingPathIsReportedAndReadingGoesOn",
     {{"ok.txt", "fine"}},
     {"missing.txt", "missing-folder", "ok.txt"},
     {},
     "ok - \"fine\"\n",
     "missing.txt: skipped: cannot open: No such file or directory\n"
     "missing-folder: skipped: cannot open: No such file or directory\n"},
    {"GzipInputs",
     {{"a.txt.gz", "Compressed text."},
      {"b.jsonl.gz", "{\"id\": \"b\", \"text\": \"Compressed line.\"}\n"},
      {"c.txt", "Plain."}},
     {"a.txt.gz", "b.jsonl.gz", "c.txt"},
     {},
     "a - \"Compressed text.\"\nb - \"Compressed line.\"\nc - \"Plain.\"\n",
     ""},
    {"DocumentLongerThanTheLimit",
     {{"long.txt", "0123456789A"},
      {"short.txt", "0123456789"},
      {"in.jsonl",
       "{\"id\": \"l\", \"text\": \"0123456789AB\"}\n{\"id\": \"s\", \"text\": \"x\"}\n"}},
     {"long.txt", "short.txt", "in.jsonl"},
     with_max_bytes(10),
     "short - \"0123456789\"\ns - \"x\"\n",
     "long.txt: id 'long': skipped: text is longer than the limit of 10 bytes\n"
     "in.jsonl:1: id 'l': skipped: text is longer than the limit of 10 bytes\n"},
    {"ByteOrderMarksCrLfAndBlankLines",
     {{"bom.txt", "\xEF\xBB\xBFText after a BOM"},
      {"in.jsonl",
       "\xEF\xBB\xBF{\"id\": \"a\", \"text\": \"A\"}\r\n\r\n   \n{\"id\": \"b\", \"text\": "
       "\"B\"}\r\n"
       "{\"id\": \"c\", \"text\": \"C\"}"}},
     {"bom.txt", "in.jsonl"},
     {},
     "bom - \"Text after a BOM\"\na - \"A\"\nb - \"B\"\nc - \"C\"\n",
     ""},
    {"JsonlOnStandardInput",
     {},
     {"-", "-"},
     {},
     "one - \"From a pipe.\"\nstdin:2 - \"No id.\"\n",
     "<stdin>:2: id 'stdin:2': warning: no id field; using the id 'stdin:2'\n"
     "<stdin>: skipped: standard input given more than once\n",
     "{\"id\": \"one\", \"text\": \"From a pipe.\"}\n{\"text\": \"No id.\"}\n"},
};

INSTANTIATE_TEST_SUITE_P(Cases, InputCaseTest, ::testing::ValuesIn(kCases),
                         [](const auto& test) { return std::string(test.param.name); });

TEST(DocumentReader, ReportCountsWhatWasReadAndSkipped) {
  TempDir dir;
  dir.write("a.txt", "Caf\xE9");
  dir.write("in.jsonl", "{\"id\": \"a\", \"text\": \"x\\u0000\"}\nnot json\n{\"id\": 1}\n");
  dir.write("bin.txt", binary_bytes(1000));
  const ReadResult r = read_all(dir, {"a.txt", "in.jsonl", "bin.txt", "nope.txt"}, {});
  EXPECT_EQ(r.report.inputs_opened, 3);
  EXPECT_EQ(r.report.inputs_skipped, 1);
  EXPECT_EQ(r.report.documents_read, 2);
  EXPECT_EQ(r.report.documents_skipped, 3);
  EXPECT_EQ(r.report.warnings, 3);
  EXPECT_EQ(r.report.invalid_utf8, 1);
  EXPECT_EQ(r.report.nul_bytes, 1);
  EXPECT_EQ(r.report.renamed_duplicates, 1);
  EXPECT_EQ(r.report.issue_count(), 7);
  EXPECT_TRUE(r.report.any_skipped());
  EXPECT_EQ(r.report.summary(),
            "read 2 documents from 3 inputs; skipped 3 documents, 1 input; 3 warnings; replaced "
            "1 invalid UTF-8 sequence; replaced 1 NUL byte");
}

TEST(DocumentReader, DocumentsNameTheirInputAndLine) {
  TempDir dir;
  const std::string txt = dir.write("sub/a.txt", "x");
  const std::string jsonl = dir.write("b.jsonl", "\n{\"id\": \"b\", \"text\": \"y\"}\n");
  DocumentReader reader({dir.path("sub"), jsonl});
  Document doc;
  ASSERT_TRUE(reader.next(doc));
  EXPECT_EQ(doc.id, "a");
  EXPECT_EQ(doc.input, txt);
  ASSERT_TRUE(reader.next(doc));
  EXPECT_EQ(doc.input, jsonl + ":2");
  EXPECT_FALSE(reader.next(doc));
  EXPECT_FALSE(reader.next(doc));
  EXPECT_EQ(reader.report().bytes_read, 1u + 26u);
}

TEST(DocumentReader, TruncatedAndCorruptGzip) {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "line " + std::to_string(i) + " of a compressed story\n";
  const std::string gz = dir.write("full.txt.gz", text);
  const std::string packed = dir.read("full.txt.gz");
  dir.write("cut.txt", packed.substr(0, packed.size() / 2));
  std::filesystem::rename(dir.path("cut.txt"), dir.path("cut.txt.gz"));
  std::string corrupt = packed;
  for (std::size_t i = 20; i < 60; ++i) corrupt[i] = static_cast<char>(corrupt[i] ^ 0x5A);
  dir.write("bad.txt", corrupt);
  std::filesystem::rename(dir.path("bad.txt"), dir.path("bad.txt.gz"));

  const ReadResult r = read_all(dir, {"cut.txt.gz", "bad.txt.gz", "full.txt.gz"}, {});
  ASSERT_EQ(r.report.documents_read, 2);
  EXPECT_EQ(r.report.documents_skipped, 1);
  // The truncated document keeps the text before the cut.
  EXPECT_NE(r.documents.find("cut - \"line 0 of"), std::string::npos);
  EXPECT_NE(r.documents.find("full - \"line 0 of"), std::string::npos);
  EXPECT_NE(r.issues.find("cut.txt.gz: id 'cut': warning: gzip data ends early (truncated "
                          "file); kept the "),
            std::string::npos)
      << r.issues;
  EXPECT_NE(r.issues.find("bad.txt.gz: id 'bad': skipped: cannot read: "), std::string::npos)
      << r.issues;
}

TEST(DocumentReader, SymbolicLinkLoopsAndBrokenLinks) {
  TempDir dir;
  dir.write("root/a.txt", "A");
  std::filesystem::create_directory_symlink(dir.path("root"), dir.path("root/loop"));
  std::filesystem::create_symlink(dir.path("root/missing.txt"), dir.path("root/broken.txt"));
  const ReadResult r = read_all(dir, {"root"}, {});
  EXPECT_EQ(r.documents, "a - \"A\"\n");
  EXPECT_EQ(r.issues,
            "root/broken.txt: skipped: broken symbolic link: No such file or directory\n"
            "root/loop: warning: folder already visited (symbolic link loop); not read again\n");
  InputOptions no_links;
  no_links.follow_symlinks = false;
  EXPECT_EQ(read_all(dir, {"root"}, no_links).issues, "");
}

TEST(DocumentReader, PipesInsideFoldersAreNotRead) {
  TempDir dir;
  dir.write("in/a.txt", "A");
  ASSERT_EQ(::mkfifo(dir.path("in/pipe.txt").c_str(), 0600), 0);
  const ReadResult r = read_all(dir, {"in"}, {});
  EXPECT_EQ(r.documents, "a - \"A\"\n");
  EXPECT_EQ(r.issues, "in/pipe.txt: warning: not a regular file; not read\n");
}

TEST(DocumentReader, UnreadableFileAndFolder) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads files whatever their permissions";
  TempDir dir;
  dir.write("in/locked.txt", "secret");
  dir.write("in/open.txt", "open");
  dir.write("in/closed/x.txt", "x");
  ::chmod(dir.path("in/locked.txt").c_str(), 0);
  ::chmod(dir.path("in/closed").c_str(), 0);
  const ReadResult r = read_all(dir, {"in"}, {});
  ::chmod(dir.path("in/closed").c_str(), 0755);
  EXPECT_EQ(r.documents, "open - \"open\"\n");
  EXPECT_EQ(r.issues,
            "in/closed: skipped: cannot read folder: Permission denied\n"
            "in/locked.txt: id 'locked': skipped: cannot open: Permission denied\n");
}

TEST(DocumentReader, HundredMegabyteDocument) {
  TempDir dir;
  std::string text;
  const std::string sentence = "Heavy rain flooded the low streets near the river port. ";
  text.reserve(100u << 20);
  while (text.size() + sentence.size() <= (100u << 20)) text += sentence;
  dir.write("big.txt", text);
  DocumentReader reader({dir.path("big.txt")});
  Document doc;
  ASSERT_TRUE(reader.next(doc));
  EXPECT_EQ(doc.text.size(), text.size());
  EXPECT_TRUE(doc.text == text);
  EXPECT_FALSE(reader.next(doc));
  EXPECT_EQ(reader.report().issue_count(), 0);
}

TEST(DocumentReader, TenMegabyteSingleJsonlLine) {
  TempDir dir;
  std::string text;
  while (text.size() < (10u << 20)) text += "Smoke over the hills, \"quoted\" \\ and é. ";
  const std::string line = nlohmann::json{{"id", "long"}, {"text", text}}.dump();
  dir.write("one.jsonl", "{\"id\": \"first\", \"text\": \"short\"}\n" + line + "\n");
  std::vector<Document> docs;
  const InputReport report = read_documents({dir.path("one.jsonl")}, {},
                                            [&](Document&& d) { docs.push_back(std::move(d)); });
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[1].id, "long");
  EXPECT_TRUE(docs[1].text == text);
  EXPECT_EQ(report.issue_count(), 0);
}

TEST(DocumentReader, JsonlLineLongerThanItsLimitIsSkipped) {
  TempDir dir;
  // The line limit is 6 x max_document_bytes + 1 MiB.
  const std::string text(std::size_t{1} << 21, 'x');
  dir.write("in.jsonl", "{\"id\": \"huge\", \"text\": \"" + text +
                            "\"}\n{\"id\": \"after\", \"text\": \"y\"}\n");
  const ReadResult r = read_all(dir, {"in.jsonl"}, with_max_bytes(16));
  EXPECT_EQ(r.documents, "after - \"y\"\n");
  EXPECT_EQ(r.issues,
            "in.jsonl:1: skipped: line of 2097178 bytes is longer than the limit of "
            "1048672 bytes\n");
}

}  // namespace
}  // namespace incidentmap
