// The GIS module (src/gis/gis_module.h): in this runner the GIS objects are linked in; the
// built executable loads incidentmap-gis.so only for commands that need GDAL or cairo.
// The CLI cases run the real executable (INCIDENTMAP_BIN) with INCIDENTMAP_GIS_MODULE pointing
// at a missing or broken module file.

#include "src/gis/gis_module.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "tests/cli/bad_input_fixtures.h"

namespace incidentmap::testing {
namespace {

TEST(GisModule, LinkedObjectsServeWithoutAModuleFile) {
  const char* abi = nullptr;
  const GisModule* linked = incidentmap_gis_module(&abi);
  ASSERT_NE(abi, nullptr);
  EXPECT_STREQ(abi, kGisModuleAbi);
  EXPECT_EQ(&gis_module(), linked);
}

// Sets INCIDENTMAP_GIS_MODULE for the children this test starts.
class ModuleEnv {
 public:
  explicit ModuleEnv(const std::string& path) {
    ::setenv("INCIDENTMAP_GIS_MODULE", path.c_str(), 1);
  }
  ~ModuleEnv() { ::unsetenv("INCIDENTMAP_GIS_MODULE"); }
  ModuleEnv(const ModuleEnv&) = delete;
  ModuleEnv& operator=(const ModuleEnv&) = delete;
};

struct CliCase {
  const char* label;
  std::vector<std::string> args;  // "{dir}" is replaced by the scratch folder
  bool broken_module;             // a text file instead of a missing file
  int exit_code;
  const char* message;  // in standard error ("" = no error expected)
};

class GisModuleCli : public ::testing::TestWithParam<CliCase> {
 protected:
  void SetUp() override {
    if (incidentmap_bin().empty()) GTEST_SKIP() << "INCIDENTMAP_BIN is not set";
  }
  TempDir dir_;
};

TEST_P(GisModuleCli, NeedsTheModuleOnlyForGisOutputs) {
  const CliCase& c = GetParam();
  dir_.write("docs.jsonl", kDocG1 + "\n");
  const std::string module = c.broken_module ? dir_.write("incidentmap-gis.so", "not a library\n")
                                             : dir_.path("missing/incidentmap-gis.so");
  std::string root = dir_.path("");
  root.pop_back();  // the trailing '/'
  std::vector<std::string> args;
  for (std::string a : c.args) {
    if (const auto at = a.find("{dir}"); at != std::string::npos) a.replace(at, 5, root);
    args.push_back(a);
  }
  const ModuleEnv env(module);
  const CliRun run = run_cli(args);
  EXPECT_EQ(run.exit_code, c.exit_code) << run.err;
  if (*c.message == '\0') {
    EXPECT_EQ(run.err.find("error"), std::string::npos) << run.err;
  } else {
    EXPECT_NE(run.err.find(c.message), std::string::npos) << run.err;
    EXPECT_NE(run.err.find(module), std::string::npos) << run.err;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Commands, GisModuleCli,
    ::testing::Values(
        CliCase{"version", {"version"}, false, 0, ""},
        CliCase{
            "geoparse", {"geoparse", "{dir}/docs.jsonl", "-o", "{dir}/out.jsonl"}, false, 0, ""},
        CliCase{"map_geojson",
                {"map", "{dir}/docs.jsonl", "-o", "{dir}/out", "-f", "GeoJSON"},
                false,
                0,
                ""},
        CliCase{"map_geojsonseq",
                {"map", "{dir}/docs.jsonl", "-o", "{dir}/out", "-f", "GeoJSONSeq"},
                true,
                0,
                ""},
        CliCase{"map_gpkg_missing",
                {"map", "{dir}/docs.jsonl", "-o", "{dir}/out", "-f", "GPKG"},
                false,
                1,
                "error: cannot load the GIS module "},
        CliCase{"map_gpkg_broken",
                {"map", "{dir}/docs.jsonl", "-o", "{dir}/out", "-f", "GPKG"},
                true,
                1,
                "error: cannot load the GIS module "},
        CliCase{"map_png_missing",
                {"map", "{dir}/docs.jsonl", "-o", "{dir}/out", "--map", "{dir}/map.png"},
                false,
                1,
                "error: cannot load the GIS module "}),
    [](const auto& p) { return std::string(p.param.label); });

// What makes start-up cheap: the executable itself does not depend on GDAL or cairo (the
// dynamic loader lists what it would load, as ldd does). PROJ stays: geo/lonlat's geodesics.
TEST(GisModuleStartUp, ExecutableLoadsNoGisLibrary) {
  if (incidentmap_bin().empty()) GTEST_SKIP() << "INCIDENTMAP_BIN is not set";
  ::setenv("LD_TRACE_LOADED_OBJECTS", "1", 1);
  const CliRun run = run_cli({"version"});
  ::unsetenv("LD_TRACE_LOADED_OBJECTS");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  ASSERT_NE(run.out.find("libstdc++"), std::string::npos) << run.out;
  for (const char* library : {"libgdal", "libcairo"}) {
    EXPECT_EQ(run.out.find(library), std::string::npos) << library << " in\n" << run.out;
  }
}

}  // namespace
}  // namespace incidentmap::testing
