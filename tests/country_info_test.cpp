#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "gazetteer/importers.h"
#include "tests/import_test_util.h"

namespace incidentmap::gaz {
namespace {

using testing::BadRowCase;
using testing::TempFile;

std::vector<CountryRecord> import_countries(const std::filesystem::path& path,
                                            ImportReport& report) {
  std::vector<CountryRecord> out;
  report = import_country_info(path, [&](CountryRecord&& r) { out.push_back(std::move(r)); });
  return out;
}

TEST(CountryInfo, ImportsEveryFieldOfTheFixture) {
  ImportReport report;
  const std::vector<CountryRecord> countries =
      import_countries(testing::fixture("country_info_sample.txt"), report);
  EXPECT_EQ(report.issue_count(), 0) << testing::describe(report);
  EXPECT_EQ(report.rows_read, 3);
  ASSERT_EQ(countries.size(), 3u);
  const CountryRecord& mx = countries[0];
  EXPECT_EQ(mx.iso2, "MX");
  EXPECT_EQ(mx.iso3, "MEX");
  EXPECT_EQ(mx.name, "Mexico");
  EXPECT_EQ(mx.capital, "Mexico City");
  EXPECT_EQ(mx.continent, "NA");
  EXPECT_EQ(mx.population, 126000000);
  EXPECT_EQ(mx.area_km2, 1972550.0);
  EXPECT_EQ(mx.geonameid, 100484);
  EXPECT_EQ(mx.neighbours, (std::vector<std::string>{"GT", "US", "BZ"}));
  EXPECT_EQ(mx.languages, (std::vector<std::string>{"es-MX"}));
  EXPECT_EQ(countries[1].capital, "Willemstad");  // leading space trimmed
  EXPECT_EQ(countries[1].languages, (std::vector<std::string>{"nl", "pap"}));
  EXPECT_TRUE(countries[1].neighbours.empty());
  EXPECT_EQ(countries[2].population, 0);  // empty population and geonameid
  EXPECT_EQ(countries[2].geonameid, 0);
  EXPECT_EQ(countries[2].capital, "");
}

// A valid countryInfo row with some columns replaced.
std::string info_row(const std::map<int, std::string>& changes = {}, int columns = 19) {
  std::vector<std::string> cols = {"XX",   "XXX", "999",    "XX",  "Testland", "Testville", "100.5",
                                   "5000", "EU",  ".xx",    "XXD", "Dollar",   "999",       "",
                                   "",     "xx",  "100999", "YY",  ""};
  return testing::tsv_row(std::move(cols), changes, static_cast<std::size_t>(columns));
}

BadRowCase info_bad(const char* label, const std::string& row, const char* reason) {
  return BadRowCase{label, "# comment\n" + info_row({{0, "ZZ"}}) + "\n" + row + "\n", 3, reason};
}

class CountryInfoBadRowTest : public ::testing::TestWithParam<BadRowCase> {};

TEST_P(CountryInfoBadRowTest, IsReportedAndSkipped) {
  TempFile file(GetParam().content);
  ImportReport report;
  import_countries(file.path(), report);
  testing::expect_one_bad_row(report, GetParam(), 1);
}

INSTANTIATE_TEST_SUITE_P(
    Table, CountryInfoBadRowTest,
    ::testing::Values(
        info_bad("too_few_columns", info_row({}, 17), "17 columns, expected 19"),
        info_bad("lower_iso", info_row({{0, "xx"}}), "ISO code 'xx' is not two capitals"),
        info_bad("iso3_short", info_row({{1, "XX"}}), "ISO3 code 'XX' is not three capitals"),
        info_bad("empty_name", info_row({{4, ""}}), "empty country name"),
        info_bad("area_text", info_row({{6, "big"}}), "area 'big' is not a number >= 0"),
        info_bad("area_negative", info_row({{6, "-1"}}), "area '-1' is not a number >= 0"),
        info_bad("population_text", info_row({{7, "1,000"}}), "population '1,000' is not a number"),
        info_bad("geonameid_text", info_row({{16, "x"}}), "geonameid 'x' is not a number"),
        info_bad("duplicate_iso", info_row({{0, "ZZ"}}), "duplicate ISO code 'ZZ'")),
    testing::LabelName());

std::vector<Place> import_points(const std::filesystem::path& path, ImportReport& report) {
  std::vector<Place> out;
  report = import_country_points(path, [&](Place&& p) { out.push_back(std::move(p)); });
  return out;
}

TEST(CountryPoints, ImportsEveryFieldOfTheFixture) {
  ImportReport report;
  const std::vector<Place> points =
      import_points(testing::fixture("country_points_sample.tsv"), report);
  EXPECT_EQ(report.issue_count(), 0) << testing::describe(report);
  EXPECT_EQ(report.rows_read, 3);
  ASSERT_EQ(points.size(), 3u);
  EXPECT_EQ(points[0].geonameid, 100484);
  EXPECT_EQ(points[0].name, "Mexico");
  EXPECT_EQ(points[0].ascii_name, "");
  EXPECT_EQ(points[0].feature_class, 'A');
  EXPECT_EQ(points[0].feature_code, "");  // left for the builder
  EXPECT_EQ(points[0].country_code, "MX");
  EXPECT_EQ(points[0].admin1_code, "00");
  EXPECT_EQ(points[0].position, (geo::LonLat{-102.0, 23.0}));
  EXPECT_EQ(points[0].source, SourceKind::kCountryInfo);
  EXPECT_EQ(points[1].feature_code, "PCLI");
}

BadRowCase point_bad(const char* label, const std::string& row, const char* reason) {
  return BadRowCase{
      label,
      "geonameid\tname\tfeature_class\tfeature_code\tcountry_code\tadmin1_code\tlat\tlon\r\n"
      "1\tGood\tA\t\tXX\t00\t1\t2\r\n" +
          row + "\r\n",
      3, reason};
}

class CountryPointsBadRowTest : public ::testing::TestWithParam<BadRowCase> {};

TEST_P(CountryPointsBadRowTest, IsReportedAndSkipped) {
  TempFile file(GetParam().content, true);
  ImportReport report;
  import_points(file.path(), report);
  testing::expect_one_bad_row(report, GetParam(), 1);
}

INSTANTIATE_TEST_SUITE_P(
    Table, CountryPointsBadRowTest,
    ::testing::Values(
        point_bad("seven_columns", "2\tB\tA\t\tYY\t00\t1", "7 columns, expected 8"),
        point_bad("bad_id", "two\tB\tA\t\tYY\t00\t1\t2", "geonameid 'two' is not a number"),
        point_bad("empty_name", "2\t\tA\t\tYY\t00\t1\t2", "empty name"),
        point_bad("bad_class", "2\tB\tQ\t\tYY\t00\t1\t2", "unknown feature class 'Q'"),
        point_bad("bad_country", "2\tB\tA\t\tYYY\t00\t1\t2", "country code 'YYY'"),
        point_bad("bad_lon", "2\tB\tA\t\tYY\t00\t1\t200", "longitude '200' out of range"),
        point_bad(
            "header_again",
            "geonameid\tname\tfeature_class\tfeature_code\tcountry_code\tadmin1_code\tlat\tlon",
            "geonameid 'geonameid' is not a number"),
        point_bad("duplicate", "1\tAgain\tA\t\tXX\t00\t1\t2", "duplicate geonameid 1")),
    testing::LabelName());

TEST(CountryInfo, HeaderLineWithoutHashIsNotARow) {
  TempFile file("ISO\tISO3\n" + info_row() + "\n");
  ImportReport report;
  EXPECT_EQ(import_countries(file.path(), report).size(), 1u);
  EXPECT_EQ(report.issue_count(), 0) << testing::describe(report);
  EXPECT_EQ(report.rows_read, 1);
}

TEST(CountryPoints, HeaderIsOptional) {
  TempFile file("1\tGood\tA\t\tXX\t00\t1\t2");
  ImportReport report;
  EXPECT_EQ(import_points(file.path(), report).size(), 1u);
  EXPECT_EQ(report.issue_count(), 0);
}

TEST(CountryInfo, SharedFilesImportCleanly) {
  const std::filesystem::path info = testing::shared_file("gazetteer/countryInfo.txt");
  const std::filesystem::path points = testing::shared_file("gazetteer/countries_geonames.tsv");
  if (info.empty() || points.empty()) GTEST_SKIP() << "shared gazetteer files not found";
  ImportReport report;
  const std::vector<CountryRecord> countries = import_countries(info, report);
  EXPECT_EQ(report.issue_count(), 0) << testing::describe(report);
  EXPECT_EQ(countries.size(), 252u);  // plus the header line "ISO\tISO3..." without '#'
  EXPECT_EQ(report.rows_read, 252);
  const std::vector<Place> places = import_points(points, report);
  EXPECT_EQ(report.issue_count(), 0) << testing::describe(report);
  EXPECT_EQ(places.size(), 252u);
}

}  // namespace
}  // namespace incidentmap::gaz
