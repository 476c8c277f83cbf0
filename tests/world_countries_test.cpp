#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "gazetteer/importers.h"
#include "tests/import_test_util.h"

namespace incidentmap::gaz {
namespace {

using testing::BadRowCase;
using testing::TempFile;

std::vector<WorldCountry> import_all(const std::filesystem::path& path, ImportReport& report) {
  std::vector<WorldCountry> out;
  report = import_world_countries(path, [&](WorldCountry&& c) { out.push_back(std::move(c)); });
  return out;
}

TEST(WorldCountries, ImportsEveryFieldOfTheFixture) {
  ImportReport report;
  const std::vector<WorldCountry> countries =
      import_all(testing::fixture("world_countries_sample.csv"), report);
  EXPECT_EQ(report.issue_count(), 0) << testing::describe(report);
  EXPECT_EQ(report.rows_read, 3);
  ASSERT_EQ(countries.size(), 3u);
  const WorldCountry& t = countries[0];
  EXPECT_EQ(t.cca2, "TL");
  EXPECT_EQ(t.cca3, "TLD");
  EXPECT_EQ(t.name_common, "Testland");
  EXPECT_EQ(t.name_official, "Republic of Testland");
  EXPECT_EQ(t.alt_spellings, (std::vector<std::string>{"TL", "Testlandia", "Rep. of Testland"}));
  EXPECT_EQ(t.demonyms, (std::vector<std::string>{"Testlander"}));
  EXPECT_EQ(t.region, "Europe");
  EXPECT_EQ(t.subregion, "Western Europe");
  EXPECT_EQ(t.centroid, (geo::LonLat{8.25, 47.5}));
  EXPECT_TRUE(t.independent);

  const WorldCountry& q = countries[1];
  EXPECT_EQ(q.name_common, "Isles \"Quoted\"");
  EXPECT_EQ(q.name_official, "The Isles, Officially");
  EXPECT_EQ(q.demonyms, (std::vector<std::string>{"Islish", "Islish woman"}));  // male first
  EXPECT_EQ(q.centroid, (geo::LonLat{-170.5, -15.0}));
  EXPECT_FALSE(q.independent);

  const WorldCountry& n = countries[2];
  EXPECT_TRUE(std::isnan(n.centroid.lat_deg));
  EXPECT_TRUE(n.alt_spellings.empty());
  EXPECT_TRUE(n.demonyms.empty());
  EXPECT_FALSE(n.independent);
}

TEST(WorldCountries, QuotedFieldsMayHoldLineBreaksAndColumnsMayBeMissing) {
  TempFile file(
      "\xEF\xBB\xBF"
      "cca2,name.common,latlng\r\n"
      "AA,\"Two\r\nLines\",\"1,2\"\r\n"
      "BB,Plain,\r\n"
      "CC,\"x\"y\",\"3,4\"\r\n"
      "DD,Last,\"5,6\"",
      true, ".csv");
  ImportReport report;
  const std::vector<WorldCountry> countries = import_all(file.path(), report);
  ASSERT_EQ(countries.size(), 3u) << testing::describe(report);
  EXPECT_EQ(countries[0].name_common, "Two\r\nLines");
  EXPECT_EQ(countries[0].centroid, (geo::LonLat{2.0, 1.0}));
  EXPECT_EQ(countries[0].cca3, "");  // no such column
  EXPECT_EQ(countries[1].cca2, "BB");
  EXPECT_EQ(countries[2].cca2, "DD");
  ASSERT_EQ(report.issues.size(), 1u);
  EXPECT_EQ(report.issues[0].line, 5);  // records 2 and 3 start on lines 2 and 4
  EXPECT_EQ(report.issues[0].reason, "text after a closing quote");
}

const char* const kHeader = "cca2,cca3,name.common,latlng,independent\n";

BadRowCase bad(const char* label, const std::string& row, const char* reason) {
  return BadRowCase{label, std::string(kHeader) + "AA,AAA,Good,\"1,1\",1\n" + row + "\n", 3,
                    reason};
}

class WorldCountriesBadRowTest : public ::testing::TestWithParam<BadRowCase> {};

TEST_P(WorldCountriesBadRowTest, IsReportedAndSkipped) {
  TempFile file(GetParam().content, false, ".csv");
  ImportReport report;
  import_all(file.path(), report);
  testing::expect_one_bad_row(report, GetParam(), 1);
}

INSTANTIATE_TEST_SUITE_P(
    Table, WorldCountriesBadRowTest,
    ::testing::Values(
        bad("too_few_fields", "BB,BBB,Name,\"1,1\"", "4 fields, expected 5"),
        bad("too_many_fields", "BB,BBB,Name,1,1,1", "6 fields, expected 5"),
        bad("lower_cca2", "bb,BBB,Name,\"1,1\",1", "cca2 'bb' is not two capitals"),
        bad("empty_name", "BB,BBB,,\"1,1\",1", "empty name.common"),
        bad("latlng_one_number", "BB,BBB,Name,5,1", "latlng '5' is not \"lat,lon\""),
        bad("latlng_out_of_range", "BB,BBB,Name,\"95,1\",1", "latitude '95' out of range"),
        bad("latlng_text", "BB,BBB,Name,\"a,b\",1", "latitude 'a' is not a number"),
        bad("independent_yes", "BB,BBB,Name,\"1,1\",yes", "independent 'yes' is not 1, 0"),
        bad("quote_then_text", "BB,BBB,\"Name,\"1,1\",1", "text after a closing quote"),
        bad("unterminated_quote", "BB,BBB,\"Name,1,1", "unterminated quoted field"),
        bad("duplicate", "AA,AAB,Again,\"1,1\",1", "duplicate cca2 'AA'")),
    testing::LabelName());

TEST(WorldCountries, RejectsFilesWithoutTheColumns) {
  TempFile file("a,b,c\n1,2,3\n", false, ".csv");
  EXPECT_THROW(import_world_countries(file.path(), [](WorldCountry&&) {}), ImportError);
  TempFile empty("", false, ".csv");
  EXPECT_THROW(import_world_countries(empty.path(), [](WorldCountry&&) {}), ImportError);
}

TEST(WorldCountries, NpmCountriesCsv) {
  const std::filesystem::path path = testing::npm_file("world-countries-5.1.0/dist/countries.csv");
  if (path.empty()) GTEST_SKIP() << "world-countries not in the npm cache";
  ImportReport report;
  const std::vector<WorldCountry> countries = import_all(path, report);
  EXPECT_EQ(report.issue_count(), 0) << testing::describe(report);
  ASSERT_EQ(countries.size(), 250u);
  const auto af = std::find_if(countries.begin(), countries.end(),
                               [](const WorldCountry& c) { return c.cca2 == "AF"; });
  ASSERT_NE(af, countries.end());
  EXPECT_EQ(af->cca3, "AFG");
  EXPECT_EQ(af->name_official, "Islamic Republic of Afghanistan");
  EXPECT_EQ(af->alt_spellings, (std::vector<std::string>{"AF", "Afġānistān"}));
  EXPECT_EQ(af->demonyms, (std::vector<std::string>{"Afghan"}));
  EXPECT_EQ(af->centroid, (geo::LonLat{65.0, 33.0}));
  EXPECT_EQ(af->subregion, "Southern Asia");
  EXPECT_TRUE(af->independent);
}

}  // namespace
}  // namespace incidentmap::gaz
