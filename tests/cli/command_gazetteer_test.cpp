// Golden tests of `incidentmap gazetteer`: builds an index from tests/fixtures/gazetteer with
// the real executable, then checks exit code, empty stderr and byte-exact stdout of lookups
// against tests/cli/golden/gazetteer_*.txt. Regenerate a golden file by running the command
// in its comment and reviewing the difference.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

const fs::path kSource = INCIDENTMAP_SOURCE_DIR;

std::string binary() {
  if (const char* bin = std::getenv("INCIDENTMAP_BIN")) return bin;
  return (fs::path(INCIDENTMAP_BINARY_DIR) / "src/incidentmap").string();
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct CliRun {
  int exit_code;
  std::string out, err;
};

CliRun run_cli(const std::string& args, const fs::path& dir) {
  const fs::path out = dir / "stdout.txt", err = dir / "stderr.txt";
  const std::string command =
      "'" + binary() + "' " + args + " >'" + out.string() + "' 2>'" + err.string() + "'";
  const int status = std::system(command.c_str());
  return {WEXITSTATUS(status), slurp(out), slurp(err)};
}

class GazetteerCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("gaz_cli_" + std::to_string(::getpid())));
    fs::create_directories(*dir_);
    const fs::path f = kSource / "tests/fixtures/gazetteer";
    const std::string args =
        "gazetteer build --geonames '" + (f / "dump.txt").string() + "' --geonames '" +
        (f / "regions.txt").string() + "' --supplement '" + (f / "supplement.txt").string() +
        "' --country-info '" + (f / "countryInfo.txt").string() + "' --country-points '" +
        (f / "country_points.tsv").string() + "' --world-countries '" +
        (f / "world_countries.csv").string() + "' --admin1 '" + (f / "admin1.tsv").string() +
        "' --admin2 '" + (f / "admin2.txt").string() + "' --natural-earth-admin1 '" +
        (f / "natural_earth_admin1.json").string() + "' -o '" + (*dir_ / "test.gaz").string() + "'";
    build_ = new CliRun(run_cli(args, *dir_));
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete build_;
  }
  static std::string index_flag() { return " --gazetteer '" + (*dir_ / "test.gaz").string() + "'"; }

  static fs::path* dir_;
  static CliRun* build_;
};

fs::path* GazetteerCli::dir_ = nullptr;
CliRun* GazetteerCli::build_ = nullptr;

TEST_F(GazetteerCli, BuildSucceedsAndWarnsAboutSkippedRows) {
  EXPECT_EQ(build_->exit_code, 0) << build_->err;
  EXPECT_NE(build_->out.find("wrote "), std::string::npos);
  EXPECT_NE(build_->err.find("dump.txt:10:"), std::string::npos) << build_->err;
  EXPECT_NE(build_->err.find("rows skipped in all; the index was written"), std::string::npos);
}

struct GoldenCase {
  std::string name;
  std::string args;
  friend void PrintTo(const GoldenCase& c, std::ostream* os) { *os << c.args; }
};

class GazetteerGolden : public GazetteerCli, public ::testing::WithParamInterface<GoldenCase> {};

TEST_P(GazetteerGolden, StdoutMatchesGolden) {
  ASSERT_EQ(build_->exit_code, 0) << build_->err;
  const CliRun r = run_cli("gazetteer lookup " + GetParam().args + index_flag(), *dir_);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.err, "");
  const fs::path golden = kSource / "tests/cli/golden" / ("gazetteer_" + GetParam().name + ".txt");
  EXPECT_EQ(r.out, slurp(golden)) << "golden file " << golden;
}

INSTANTIATE_TEST_SUITE_P(
    Lookups, GazetteerGolden,
    ::testing::Values(GoldenCase{"culiacan", "Culiacan"}, GoldenCase{"sinaloa", "Sinaloa"},
                      GoldenCase{"washington", "Washington"},
                      GoldenCase{"americans_json", "Americans --json"},
                      GoldenCase{"unknown", "'Atlantis Major'"},
                      GoldenCase{"oaxaca_bias", "Oaxaca --country US --limit 1"}),
    [](const auto& param_info) { return param_info.param.name; });

TEST_F(GazetteerCli, BadUsageExitsWithTwo) {
  const CliRun r = run_cli("gazetteer lookup Oaxaca --country USA" + index_flag(), *dir_);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
}

TEST_F(GazetteerCli, DamagedIndexFailsWithOne) {
  const fs::path bad = *dir_ / "bad.gaz";
  std::ofstream(bad) << "not an index";
  const CliRun r = run_cli("gazetteer lookup Oaxaca --gazetteer '" + bad.string() + "'", *dir_);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("truncated"), std::string::npos) << r.err;
}

TEST_F(GazetteerCli, InfoListsSources) {
  const CliRun r = run_cli("gazetteer info" + index_flag(), *dir_);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find("supplement supplement.txt"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("places: "), std::string::npos);
}

}  // namespace
