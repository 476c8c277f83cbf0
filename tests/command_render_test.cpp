// `incidentmap render` end to end: exit codes, messages and the file written. Runs the built
// binary (INCIDENTMAP_BIN, set by ctest) without the Natural Earth basemap, so it needs no data.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

struct RunResult {
  int exit_code = -1;
  std::string err;
};

class CommandRender : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* bin = std::getenv("INCIDENTMAP_BIN");
    if (bin == nullptr) GTEST_SKIP() << "INCIDENTMAP_BIN not set (run through ctest)";
    bin_ = bin;
    dir_ = fs::temp_directory_path() / ("incidentmap-cmd-render-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    write("incidents.geojson", R"({"type": "FeatureCollection", "features": [
      {"type": "Feature", "geometry": {"type": "Point", "coordinates": [-107.39, 24.80]},
       "properties": {"event_type": "Armed clash", "fatalities": 8, "place_name": "Culiacán",
                      "event_date": "2024-09-14"}},
      {"type": "Feature", "geometry": {"type": "Point", "coordinates": [-99.13, 19.43]},
       "properties": {"event_type": "Protest", "fatalities": 0, "place_name": "Mexico City",
                      "event_date": "2024-09-21"}}]})");
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }

  RunResult run(const std::string& args) {
    const std::string err_file = (dir_ / "stderr.txt").string();
    const std::string cmd = "cd '" + dir_.string() + "' && '" + bin_ + "' render " + args + " 2>'" +
                            err_file + "' >/dev/null";
    RunResult r;
    const int status = std::system(cmd.c_str());
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream in(err_file);
    std::ostringstream s;
    s << in.rdbuf();
    r.err = s.str();
    return r;
  }

  std::string bin_;
  fs::path dir_;
};

TEST_F(CommandRender, WritesAnSvgMapAndReportsWithVerbose) {
  const RunResult r = run("incidents.geojson -o map.svg --no-basemap --title 'Test map' -v");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir_ / "map.svg"));
  EXPECT_NE(r.err.find("wrote map.svg (1200 x 800; 2 features, 2 labels, 0 dropped;"),
            std::string::npos)
      << r.err;
}

TEST_F(CommandRender, SkippedFeaturesGiveExitCode1) {
  write("mixed.geojson", R"({"type": "FeatureCollection", "features": [
    {"type": "Feature", "geometry": {"type": "Point", "coordinates": [-99.13, 19.43]}},
    {"type": "Feature", "geometry": {"type": "Point", "coordinates": [-99.13, 99]}}]})");
  const RunResult r = run("mixed.geojson -o map.png --no-basemap --width 300 --height 200");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("mixed.geojson: feature 2: skipped: position (-99.13, 99) out of range"),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(fs::exists(dir_ / "map.png"));
}

TEST_F(CommandRender, UsageErrorsGiveExitCode2BeforeWriting) {
  EXPECT_EQ(run("incidents.geojson -o map.gif --no-basemap").exit_code, 2);
  EXPECT_EQ(run("incidents.geojson -o map.png --bbox 1,2,3 --no-basemap").exit_code, 2);
  EXPECT_EQ(run("incidents.geojson -o map.png --width 10 --no-basemap").exit_code, 2);
  EXPECT_EQ(run("incidents.geojson -o nodir/map.png --no-basemap").exit_code, 2);
  EXPECT_EQ(run("missing.geojson -o map.png --no-basemap").exit_code, 2);
  EXPECT_FALSE(fs::exists(dir_ / "map.png"));
}

TEST_F(CommandRender, MissingBasemapFailsWithAHint) {
  const RunResult r = run("incidents.geojson -o map.png --basemap-dir /nonexistent");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("run scripts/setup.sh"), std::string::npos) << r.err;
}

TEST_F(CommandRender, BboxAcrossTheAntimeridianWithoutFeatures) {
  write("empty.geojson", R"({"type": "FeatureCollection", "features": []})");
  const RunResult r = run("empty.geojson -o fiji.pdf --bbox 176,-20,-178,-15 --no-basemap");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir_ / "fiji.pdf"));
  EXPECT_EQ(run("empty.geojson -o none.png --no-basemap").exit_code, 1);
}

}  // namespace
