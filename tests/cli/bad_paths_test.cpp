// The bad-input matrix, part 2: paths and outputs (missing inputs, unwritable output folders, a
// full disk, standard output closed early, SIGINT/SIGTERM mid-run, merge and render inputs
// that cannot be read), the gazetteer (damaged indexes, sources with malformed rows) and
// hostile names (document ids that look like paths, JSON-breaking property values). Every
// case runs the real executable and checks the exit code, the message and the files left.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <thread>

#include "tests/cli/bad_input_fixtures.h"

namespace incidentmap::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class BadPaths : public ::testing::Test {
 protected:
  void SetUp() override {
    if (incidentmap_bin().empty()) GTEST_SKIP() << "INCIDENTMAP_BIN is not set";
    docs_ = dir_.write("docs.jsonl", kDocG1 + "\n" + kDocG2 + "\n" + kDocG3 + "\n");
  }
  // Many documents, so that a run lasts long enough to be interrupted (about 1.5 MB, more than
  // one 1 MiB read).
  std::string many_documents() {
    std::string text;
    for (int i = 0; i < 6000; ++i) {
      json doc = json::parse(i % 2 == 0 ? kDocG1 : kDocG2);
      doc["id"] = "d" + std::to_string(i);
      char date[16];
      std::snprintf(date, sizeof date, "2023-%02d-%02d", 1 + i % 12, 1 + i % 28);
      doc["date"] = date;
      text += doc.dump() + "\n";
    }
    return dir_.write("many.jsonl", text);
  }
  TempDir dir_;
  std::string docs_;
};

// Bytes the process has read so far (/proc/PID/io rchar), or -1 once it is gone.
long long bytes_read_by(pid_t pid) {
  std::ifstream io("/proc/" + std::to_string(pid) + "/io");
  for (std::string key; io >> key;) {
    long long value = 0;
    io >> value;
    if (key == "rchar:") return value;
  }
  return -1;
}

// Waits until `pid` has read `bytes` (it is then mid-run on a bigger input); false when it
// ended or 120 s passed first.
bool wait_until_read(pid_t pid, long long bytes) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline) {
    const long long n = bytes_read_by(pid);
    if (n < 0) return false;
    if (n >= bytes) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return false;
}

std::vector<std::string> hidden_entries(const std::string& folder) {
  std::vector<std::string> hidden;
  for (const std::string& name : folder_entries(folder))
    if (name.starts_with(".")) hidden.push_back(name);
  return hidden;
}

// ---- missing inputs: a usage error (2) before anything is written ----

struct MissingCase {
  std::vector<std::string> args;  // "{dir}" = the test folder
  std::string message;
};

class MissingPaths : public BadPaths, public ::testing::WithParamInterface<MissingCase> {};

TEST_P(MissingPaths, AreUsageErrorsThatWriteNothing) {
  std::vector<std::string> args;
  for (std::string a : GetParam().args) {
    if (a.starts_with("{dir}")) a.replace(0, 5, dir_.path());
    args.push_back(a);
  }
  const CliRun run = run_cli(args);
  EXPECT_EQ(run.exit_code, 2) << run.err;
  std::string message = GetParam().message;
  if (const auto at = message.find("{dir}"); at != std::string::npos)
    message.replace(at, 5, dir_.path());
  EXPECT_NE(run.err.find(message), std::string::npos) << run.err;
  EXPECT_EQ(folder_entries(dir_.path()), std::vector<std::string>{"docs.jsonl"});
}

INSTANTIATE_TEST_SUITE_P(
    Matrix, MissingPaths,
    ::testing::Values(
        MissingCase{{"map", "{dir}/docs.jsonl", "{dir}/nope.jsonl", "-o", "{dir}/out"},
                    "incidentmap map: input '{dir}/nope.jsonl' does not exist"},
        MissingCase{{"geoparse", "{dir}/nope", "-o", "{dir}/out.jsonl"},
                    "incidentmap geoparse: input '{dir}/nope' does not exist"},
        MissingCase{{"extract", "{dir}/nope.txt", "-o", "{dir}/out.jsonl"},
                    "incidentmap extract: input '{dir}/nope.txt' does not exist"},
        MissingCase{{"merge", "{dir}/nope.rec", "-o", "{dir}/out"},
                    "incidentmap merge: records file '{dir}/nope.rec' does not exist"},
        MissingCase{{"render", "{dir}/nope.geojson", "-o", "{dir}/map.png"}, "{dir}/nope.geojson"},
        MissingCase{{"map", "{dir}/docs.jsonl", "-o", "{dir}/out", "--gazetteer", "{dir}/no.gaz"},
                    "incidentmap map: gazetteer index '{dir}/no.gaz' does not exist"},
        MissingCase{{"gazetteer", "lookup", "Lima", "--gazetteer", "{dir}/no.gaz"},
                    "incidentmap gazetteer: gazetteer index '{dir}/no.gaz' does not exist"},
        MissingCase{{"gazetteer", "build", "--geonames", "{dir}/no.txt", "-o", "{dir}/x.gaz"},
                    "{dir}/no.txt"}));

// ---- outputs that cannot be written ----

TEST_F(BadPaths, OutputFolderThatCannotBeWrittenFailsBeforeProcessing) {
  const std::string locked = dir_.path("locked");
  fs::create_directory(locked);
  ::chmod(locked.c_str(), 0555);
  ::chmod(dir_.path().c_str(), 0755);
  SpawnOptions options;
  options.prefix = unprivileged_prefix();
  const CliRun run = run_cli({"map", docs_, "-o", locked}, {}, options);
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.err.find("incidentmap map: error: cannot create a temporary file for " + locked +
                         "/.incidentmap-probe: Permission denied"),
            std::string::npos)
      << run.err;
  EXPECT_TRUE(folder_entries(locked).empty());
}

TEST_F(BadPaths, OutputFolderBelowAFileFails) {
  const CliRun run = run_cli({"map", docs_, "-o", docs_ + "/out"});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.err.find("incidentmap map: error: cannot create the output folder " + docs_ +
                         "/out: Not a directory"),
            std::string::npos)
      << run.err;
}

TEST_F(BadPaths, OutputThatIsAFileIsAUsageError) {
  const CliRun run = run_cli({"map", docs_, "-o", docs_});
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_NE(run.err.find("output '" + docs_ + "' exists and is not a folder"), std::string::npos);
}

bool is_char_device(const char* path) {
  struct stat st {};
  return ::stat(path, &st) == 0 && S_ISCHR(st.st_mode);
}

struct FullDiskCase {
  std::vector<std::string> args;  // "{docs}" = the input, "{dir}" = the test folder
  bool to_stdout = false;         // standard output is /dev/full (not -o)
  std::string message;
};

class FullDisk : public BadPaths, public ::testing::WithParamInterface<FullDiskCase> {};

TEST_P(FullDisk, FailsWithTheSystemsReasonAndLeavesTheDeviceAlone) {
  if (!is_char_device("/dev/full")) GTEST_SKIP() << "no /dev/full";
  std::vector<std::string> args;
  for (std::string a : GetParam().args) {
    if (a == "{docs}") a = docs_;
    if (a.starts_with("{dir}")) a.replace(0, 5, dir_.path());
    args.push_back(a);
  }
  SpawnOptions options;
  if (GetParam().to_stdout) options.stdout_path = "/dev/full";
  const CliRun run = run_cli(args, {}, options);
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.err.find(GetParam().message), std::string::npos) << run.err;
  EXPECT_TRUE(is_char_device("/dev/full")) << "/dev/full was replaced";
  EXPECT_TRUE(hidden_entries("/dev").end() ==
              std::find_if(hidden_entries("/dev").begin(), hidden_entries("/dev").end(),
                           [](const std::string& n) { return n.starts_with(".full"); }));
}

INSTANTIATE_TEST_SUITE_P(
    Matrix, FullDisk,
    ::testing::Values(
        FullDiskCase{{"geoparse", "{docs}", "-o", "/dev/full"},
                     false,
                     "incidentmap geoparse: error: cannot write /dev/full: No space left on "
                     "device"},
        FullDiskCase{{"extract", "{docs}", "-o", "/dev/full"},
                     false,
                     "incidentmap extract: error: cannot write /dev/full: No space left on device"},
        FullDiskCase{{"geoparse", "{docs}"},
                     true,
                     "incidentmap geoparse: error: cannot write <stdout>: No space left on "
                     "device"},
        FullDiskCase{{"extract", "{docs}"},
                     true,
                     "incidentmap extract: error: cannot write <stdout>: No space left on "
                     "device"}));

// ---- standard output closed early (| head) ----

struct HeadCase {
  bool ignore_sigpipe;
  int exit_code;
  std::string message;  // "" = stderr must be empty
};

class StdoutClosedEarly : public BadPaths, public ::testing::WithParamInterface<HeadCase> {};

TEST_P(StdoutClosedEarly, StopsAtOnceWithoutNoise) {
  const std::string many = many_documents();
  int fds[2];
  // Close-on-exec, so that the child does not hold the read end open itself.
  ASSERT_EQ(::pipe2(fds, O_CLOEXEC), 0);
  SpawnOptions options;
  options.stdout_fd = fds[1];
  options.ignore_sigpipe = GetParam().ignore_sigpipe;
  CliProcess child(incidentmap_bin(), {"geoparse", many, "--threads", "1"}, {}, options);
  ::close(fds[1]);
  char head[100];
  ASSERT_EQ(::read(fds[0], head, sizeof head), static_cast<ssize_t>(sizeof head));
  ::close(fds[0]);
  const CliRun run = child.wait();
  EXPECT_EQ(run.exit_code, GetParam().exit_code) << run.err;
  if (GetParam().message.empty()) {
    EXPECT_EQ(run.err, "");
  } else {
    EXPECT_EQ(run.err, GetParam().message);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Matrix, StdoutClosedEarly,
    ::testing::Values(HeadCase{false, 128 + SIGPIPE, ""},
                      HeadCase{true, 1,
                               "incidentmap geoparse: error: cannot write <stdout>: Broken "
                               "pipe\n"}));

// ---- SIGINT and SIGTERM mid-run ----

struct SignalCase {
  DocCommand command;
  int signal;
};

class StoppedMidRun : public BadPaths, public ::testing::WithParamInterface<SignalCase> {};

TEST_P(StoppedMidRun, LeavesNoHalfWrittenFileAndARerunCompletes) {
  const auto [command, signal_number] = GetParam();
  const std::string many = many_documents();
  const std::string out = dir_.path("out");
  const std::string out_file = command == DocCommand::kMap ? out : out + ".jsonl";

  // A finished earlier run, whose outputs an interrupted one must not damage.
  const DocRun before = run_doc_command(command, {docs_}, out);
  ASSERT_EQ(before.run.exit_code, 0) << before.run.err;
  std::vector<std::string> args = {command_name(command), many, "--threads", "1", "-o", out_file};
  if (command == DocCommand::kGeoparse) args.push_back("--no-text");  // as run_doc_command
  CliProcess child(incidentmap_bin(), args);
  ASSERT_TRUE(wait_until_read(child.pid(), 1 << 20)) << "the run ended before it was stopped";
  ::kill(child.pid(), signal_number);
  const CliRun stopped = child.wait();
  EXPECT_EQ(stopped.exit_code, 128 + signal_number) << stopped.err;
  EXPECT_NE(stopped.err.find("stopped by signal " + std::to_string(signal_number)),
            std::string::npos)
      << stopped.err;
  EXPECT_EQ(hidden_entries(dir_.path()), std::vector<std::string>{});
  if (command == DocCommand::kMap) {
    EXPECT_EQ(hidden_entries(out), std::vector<std::string>{});
    // map writes its layers only once all documents are in: the earlier outputs stay whole.
    std::vector<std::pair<std::string, std::string>> now;
    for (const std::string& name : folder_entries(out))
      if (name != "report.json") now.emplace_back(name, slurp(out + "/" + name));
    EXPECT_EQ(now, before.layers);
  } else {
    // The documents processed before the stop, whole lines in input order.
    const DocRun full = run_doc_command(command, {many}, dir_.path("full"));
    ASSERT_EQ(full.run.exit_code, 0);
    std::ifstream in(out_file, std::ios::binary);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    ASSERT_LT(lines.size(), full.lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) ASSERT_EQ(lines[i], full.lines[i].second);
    const std::string written = slurp(out_file);
    EXPECT_TRUE(written.empty() || written.back() == '\n');
  }
  // A rerun completes.
  const CliRun rerun = run_cli(args);
  EXPECT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(hidden_entries(dir_.path()), std::vector<std::string>{});
}

INSTANTIATE_TEST_SUITE_P(Matrix, StoppedMidRun,
                         ::testing::Values(SignalCase{DocCommand::kMap, SIGTERM},
                                           SignalCase{DocCommand::kMap, SIGINT},
                                           SignalCase{DocCommand::kGeoparse, SIGINT},
                                           SignalCase{DocCommand::kExtract, SIGTERM}));

// ---- merge and render inputs ----

TEST_F(BadPaths, MergeSkipsBadRecordsAndUnreadableFilesAndMergesTheRest) {
  const std::string records = dir_.path("good.rec");
  ASSERT_EQ(run_cli({"extract", docs_, "-o", records}).exit_code, 0);
  const CliRun clean = run_cli({"merge", records, "-o", dir_.path("clean")});
  ASSERT_EQ(clean.exit_code, 0) << clean.err;
  dir_.write("bad.rec",
             "{\"record\":\"event\"}\nnot json\n\n{\"record\":\"mention\",\"doc_id\":5}\n");
  // A gzip header before bytes that are no deflate stream (written raw: TempDir compresses .gz).
  const char corrupt[] = "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage-garbage-garbage";
  dir_.write("corrupt.raw", std::string(corrupt, sizeof corrupt - 1));
  fs::rename(dir_.path("corrupt.raw"), dir_.path("corrupt.rec.gz"));
  const CliRun run = run_cli({"merge", dir_.path("bad.rec"), records, dir_.path("corrupt.rec.gz"),
                              "-o", dir_.path("out")});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  for (const std::string& m :
       {dir_.path("bad.rec") + ":1: record skipped: missing field \"doc_id\"",
        dir_.path("bad.rec") + ":2: record skipped: not JSON",
        dir_.path("bad.rec") + ":4: record skipped: field \"doc_id\" must be a string",
        "incidentmap: " + dir_.path("corrupt.rec.gz") + ": cannot read"}) {
    EXPECT_NE(run.err.find(m), std::string::npos) << m << "\n" << run.err;
  }
  for (const char* layer : {"incidents.geojson", "mentions.geojson"})
    EXPECT_EQ(dir_.read(std::string("out/") + layer), dir_.read(std::string("clean/") + layer));
  const json report = json::parse(dir_.read("out/report.json"));
  EXPECT_EQ(report["records_skipped"], 3);
  EXPECT_EQ(report["inputs_skipped"], 1);
}

TEST_F(BadPaths, RenderSkipsLayersThatAreNotGeoJsonAndDrawsTheRest) {
  ASSERT_EQ(run_cli({"map", docs_, "-o", dir_.path("out")}).exit_code, 0);
  dir_.write("broken.geojson", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":");
  dir_.write(
      "bad.geojson",
      R"({"type":"FeatureCollection","features":[)"
      R"({"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[500,1]}},)"
      R"({"type":"Feature","properties":{},"geometry":null}]})");
  const CliRun run =
      run_cli({"render", dir_.path("broken.geojson"), dir_.path("bad.geojson"),
               dir_.path("out/incidents.geojson"), "-o", dir_.path("map.svg"), "--no-basemap"});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_EQ(run.err, "incidentmap render: " + dir_.path("broken.geojson") +
                         ": not GeoJSON; layer skipped\n"
                         "incidentmap render: " +
                         dir_.path("bad.geojson") +
                         ": feature 1: skipped: position (500, 1) out of range\n"
                         "incidentmap render: " +
                         dir_.path("bad.geojson") + ": feature 2: skipped: no geometry\n");
  EXPECT_NE(dir_.read("map.svg").find("<svg"), std::string::npos);
}

// ---- the gazetteer ----

class BadGazetteer : public BadPaths {
 protected:
  // A small index from sources written here, and its bytes.
  std::string build_index() {
    const std::string dump = dir_.write(
        "dump.tsv",
        // geonameid name asciiname alternatenames lat lon class code cc cc2 admin1 admin2
        // admin3 admin4 population elevation dem timezone modified
        "3936456\tLima\tLima\t\t-12.04318\t-77.02824\tP\tPPLC\tPE\t\t15\t1501\t\t\t7737002\t\t"
        "\tAmerica/Lima\t2024-01-01\n"
        "12\tshort row\n"
        "13\tNorth Pole\tNorth Pole\t\t91.5\t0\tP\tPPL\tXX\t\t\t\t\t\t0\t\t\tUTC\t2024-01-01\n"
        "x14\tBad Id\tBad Id\t\t1\t1\tP\tPPL\tPE\t\t\t\t\t\t0\t\t\tUTC\t2024-01-01\n"
        "15\tNo Lat\tNo Lat\t\tabc\t1\tP\tPPL\tPE\t\t\t\t\t\t0\t\t\tUTC\t2024-01-01\n"
        "\x01\x02\xff\xfe binary garbage\n"
        "3936457\tCallao\tCallao\t\t-12.05659\t-77.11814\tP\tPPLA\tPE\t\t07\t0701\t\t\t813264\t\t"
        "\tAmerica/Lima\t2024-01-01\n");
    const CliRun run =
        run_cli({"gazetteer", "build", "--geonames", dump, "-o", dir_.path("ok.gaz")});
    build_ = run;
    return dir_.read("ok.gaz");
  }
  CliRun build_;
};

TEST_F(BadGazetteer, SourceRowsThatAreMalformedAreSkippedAndNamed) {
  const std::string index = build_index();
  EXPECT_EQ(build_.exit_code, 0) << build_.err;
  const std::string dump = dir_.path("dump.tsv");
  for (const std::string& m :
       {"warning: " + dump + ":2: ", "warning: " + dump + ":3: ", "warning: " + dump + ":4: ",
        "warning: " + dump + ":5: ",
        std::string("warning: 5 rows skipped in all; the index was written")})
    EXPECT_NE(build_.err.find(m), std::string::npos) << m << "\n" << build_.err;
  EXPECT_NE(build_.out.find("read 7, imported 2, skipped 5"), std::string::npos) << build_.out;
  const CliRun lookup =
      run_cli({"gazetteer", "lookup", "Callao", "--gazetteer", dir_.path("ok.gaz")});
  EXPECT_EQ(lookup.exit_code, 0) << lookup.err;
  EXPECT_EQ(lookup.out.rfind("1. Callao (P.PPLA) PE | geonameid 3936457", 0), 0u) << lookup.out;
}

struct IndexDamage {
  std::string name;
  std::function<std::string(std::string)> damage;  // the damaged bytes of a valid index
  std::string message;                             // after "gazetteer index <path>: "
};

std::ostream& operator<<(std::ostream& os, const IndexDamage& d) { return os << d.name; }

class DamagedIndex : public BadGazetteer, public ::testing::WithParamInterface<IndexDamage> {};

TEST_P(DamagedIndex, IsRefusedOnOpenWithAClearMessageAndNoOutput) {
  const std::string bad = dir_.write("bad.gaz", GetParam().damage(build_index()));
  std::string message = GetParam().message;
  if (const auto at = message.find("{size}"); at != std::string::npos)
    message.replace(at, 6, std::to_string(dir_.read("ok.gaz").size()));
  if (const auto at = message.find("{half}"); at != std::string::npos)
    message.replace(at, 6, std::to_string(dir_.read("ok.gaz").size() / 2));
  const std::string expected = "gazetteer index " + bad + ": " + message;
  const CliRun lookup = run_cli({"gazetteer", "lookup", "Lima", "--gazetteer", bad});
  EXPECT_EQ(lookup.exit_code, 1);
  EXPECT_EQ(lookup.err, "incidentmap gazetteer: error: " + expected + "\n");
  EXPECT_EQ(lookup.out, "");
  const CliRun map = run_cli({"map", docs_, "-o", dir_.path("out"), "--gazetteer", bad});
  EXPECT_EQ(map.exit_code, 1);
  EXPECT_EQ(map.err, "incidentmap map: error: " + expected + "\n");
  EXPECT_EQ(folder_entries(dir_.path("out")), std::vector<std::string>{});
}

std::string set_byte(std::string bytes, std::size_t at, char value) {
  bytes.at(at) = value;
  return bytes;
}

INSTANTIATE_TEST_SUITE_P(
    Matrix, DamagedIndex,
    ::testing::Values(
        IndexDamage{"Truncated", [](std::string b) { return b.substr(0, b.size() / 2); },
                    "truncated: {half} bytes, the header says {size}"},
        IndexDamage{"TruncatedHeader", [](std::string b) { return b.substr(0, 100); },
                    "truncated: 100 bytes, shorter than the 512-byte header"},
        IndexDamage{"Empty", [](std::string) { return std::string(); },
                    "truncated: 0 bytes, shorter than the 512-byte header"},
        IndexDamage{"CorruptedPayload",
                    [](std::string b) { return set_byte(b, b.size() - 100, '\x5a'); },
                    "corrupted: checksum mismatch"},
        IndexDamage{"WrongVersion", [](std::string b) { return set_byte(b, 8, '\x63'); },
                    "wrong format version 99, this program reads version 2; rebuild it with "
                    "'incidentmap gazetteer build'"},
        IndexDamage{"NotAnIndex", [](std::string) { return kDocG1 + std::string(600, ' '); },
                    "not a gazetteer index (bad magic)"}),
    [](const auto& p) { return p.param.name; });

// ---- hostile names ----

// Closes a JSON string, object and array, carries control characters, ends XML and CDATA
// sections and closes an SQL literal.
const std::string kHostileSource =
    "Wire\"}]},{\"x\":\x01\x1f\\ </Placemark>]]> '; DROP TABLE sources; --";

TEST_F(BadPaths, DocumentIdsThatLookLikePathsStayInsideTheOutputFolder) {
  std::string text;
  const std::vector<std::string> ids = {"../../escaped", "/tmp/absolute", "a/b/../../c", "..",
                                        "nul\u2028\u00e9\\x"};
  for (std::size_t i = 0; i < ids.size(); ++i) {
    json doc = json::parse(i % 2 == 0 ? kDocG1 : kDocG3);
    doc["id"] = ids[i];
    doc["source"] = kHostileSource;
    text += doc.dump() + "\n";
  }
  const std::string input = dir_.write("ids/hostile.jsonl", text);
  const std::string out = dir_.path("ids/out");
  const CliRun run = run_cli({"map", input, "-o", out, "-f", "GeoJSON", "-f", "GPKG", "-f", "CSV",
                              "-f", "KML", "-f", "GeoJSONSeq", "-f", "FlatGeobuf"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(folder_entries(dir_.path()), (std::vector<std::string>{"docs.jsonl", "ids"}));
  EXPECT_EQ(folder_entries(dir_.path("ids")), (std::vector<std::string>{"hostile.jsonl", "out"}));
  EXPECT_EQ(
      folder_entries(out),
      (std::vector<std::string>{
          "incidentmap.gpkg", "incidents.csv", "incidents.csvt", "incidents.fgb",
          "incidents.geojson", "incidents.geojsonl", "incidents.kml", "incidents.prj",
          "incidents.qml", "mentions.csv", "mentions.csvt", "mentions.fgb", "mentions.geojson",
          "mentions.geojsonl", "mentions.kml", "mentions.prj", "report.json", "sources.csv",
          "sources.csvt", "sources.prj"}));
  // The GeoJSON layers parse, and the properties hold the ids and sources exactly.
  const json incidents = json::parse(dir_.read("ids/out/incidents.geojson"));
  std::set<std::string> seen;
  for (const json& f : incidents["features"]) {
    for (const json& id : f["properties"]["doc_ids"]) seen.insert(id.get<std::string>());
    for (const json& s : f["properties"]["sources"]) EXPECT_EQ(s, kHostileSource);
  }
  EXPECT_EQ(seen, std::set<std::string>(ids.begin(), ids.end()));
  std::ifstream seq(out + "/incidents.geojsonl");
  std::size_t features = 0;
  for (std::string line; std::getline(seq, line); ++features)
    EXPECT_FALSE(json::parse(line, nullptr, false).is_discarded()) << line;
  EXPECT_EQ(features, incidents["features"].size());
  // geoparse writes one parseable line per document with the id as given.
  const CliRun geoparse = run_cli({"geoparse", input, "--no-text"});
  ASSERT_EQ(geoparse.exit_code, 0) << geoparse.err;
  std::istringstream lines(geoparse.out);
  std::vector<std::string> got;
  for (std::string line; std::getline(lines, line);)
    got.push_back(json::parse(line)["doc_id"].get<std::string>());
  EXPECT_EQ(got, ids);
}

}  // namespace
}  // namespace incidentmap::testing
