// Builds a small index from the fixture files in tests/fixtures/gazetteer through the typed
// sources (real importers), opens it from disk and checks the lookups issue 2 asks for.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "gazetteer/builder.h"
#include "gazetteer/index.h"

namespace incidentmap::gaz {
namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = fs::path(INCIDENTMAP_SOURCE_DIR) / "tests/fixtures/gazetteer";

class GazetteerIntegration : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    path_ = new fs::path(fs::temp_directory_path() /
                         ("gaz_integration_" + std::to_string(::getpid()) + ".gaz"));
    IndexBuilder builder;
    builder.add_geonames_dump(kFixtures / "dump.txt");
    builder.add_geonames_dump(kFixtures / "regions.txt");
    builder.add_supplement(kFixtures / "supplement.txt");
    builder.add_country_info(kFixtures / "countryInfo.txt");
    builder.add_country_points(kFixtures / "country_points.tsv");
    builder.add_world_countries(kFixtures / "world_countries.csv");
    builder.add_admin1_codes(kFixtures / "admin1.tsv");
    builder.add_admin2_codes(kFixtures / "admin2.txt");
    builder.add_natural_earth_admin1(kFixtures / "natural_earth_admin1.json");
    reports_ = new std::vector<ImportReport>(builder.reports());
    builder.write(*path_);
    index_ = new Index(Index::open(*path_));
  }
  static void TearDownTestSuite() {
    delete index_;
    delete reports_;
    fs::remove(*path_);
    delete path_;
  }

  // geonameids of the candidates for `name`, best first.
  static std::vector<std::int64_t> ids(std::string_view name) {
    std::vector<std::int64_t> out;
    for (const Candidate& c : index_->lookup(name)) out.push_back(c.place.geonameid());
    return out;
  }
  static bool has(std::string_view name, std::int64_t id) {
    const auto v = ids(name);
    return std::find(v.begin(), v.end(), id) != v.end();
  }

  static fs::path* path_;
  static std::vector<ImportReport>* reports_;
  static Index* index_;
};

fs::path* GazetteerIntegration::path_ = nullptr;
std::vector<ImportReport>* GazetteerIntegration::reports_ = nullptr;
Index* GazetteerIntegration::index_ = nullptr;

TEST_F(GazetteerIntegration, ImportProblemsAreCountedByFile) {
  ASSERT_EQ(reports_->size(), 9u);
  const ImportReport& dump = reports_->front();
  EXPECT_EQ(dump.rows_read, 10);
  EXPECT_EQ(dump.duplicates, 1);
  EXPECT_EQ(dump.rows_skipped, 1);
  // The row with latitude 123.4 is line 10 of dump.txt.
  EXPECT_TRUE(std::any_of(dump.issues.begin(), dump.issues.end(),
                          [](const ImportIssue& i) { return i.line == 10; }));
  const ImportReport& ne = reports_->back();
  EXPECT_EQ(ne.rows_skipped, 1);
}

TEST_F(GazetteerIntegration, AccentsAndCaseDoNotMatter) {
  EXPECT_EQ(ids("Culiacan").front(), 4012176);
  EXPECT_EQ(ids("Culiacán").front(), 4012176);
  EXPECT_EQ(ids("CULIACÁN").front(), 4012176);
  const PlaceView p = index_->lookup("Culiacan").front().place;
  EXPECT_EQ(p.admin1_name(), "Sinaloa");
  EXPECT_EQ(p.admin2_name(), "Culiacán");
  EXPECT_EQ(p.country_code(), "MX");
  EXPECT_EQ(p.country_name(), "Mexico");
}

TEST_F(GazetteerIntegration, StateRanksAboveTownNamedAfterIt) {
  const auto v = ids("Sinaloa");
  ASSERT_GE(v.size(), 2u);
  EXPECT_EQ(v[0], 3983035);  // the state (the dump row and the admin1 row are one place)
  EXPECT_TRUE(has("Sinaloa", 3983032));
  const PlaceView state = *index_->place_by_geonameid(3983035);
  EXPECT_EQ(state.feature_code(), "ADM1");
  EXPECT_DOUBLE_EQ(state.position().lat_deg, 25.0);  // GeoNames' point, not the label point
  EXPECT_TRUE(state.polygon_ref().has_value());
}

TEST_F(GazetteerIntegration, StateAndCityOfOneName) {
  EXPECT_TRUE(has("Oaxaca", 3522509));
  EXPECT_TRUE(has("Oaxaca", 3522507));
  EXPECT_TRUE(has("Washington", 4140963));
  EXPECT_TRUE(has("Washington", 5815135));
  EXPECT_TRUE(has("Washington D.C.", 4140963));
}

TEST_F(GazetteerIntegration, AbbreviationsAndAlternateNames) {
  EXPECT_EQ(ids("U.S.").front(), 6252001);
  EXPECT_EQ(ids("US").front(), 6252001);
  EXPECT_EQ(ids("United States").front(), 6252001);
  EXPECT_EQ(ids("Ciudad de México").front(), 3530597);
  EXPECT_EQ(ids("Mexico City").front(), 3530597);
}

TEST_F(GazetteerIntegration, DemonymsMapToTheirCountry) {
  EXPECT_EQ(ids("Mexican").front(), 3996063);
  EXPECT_EQ(ids("Mexicans").front(), 3996063);
  EXPECT_EQ(ids("Americans").front(), 6252001);
  EXPECT_EQ(index_->lookup("Americans").front().kind, NameKind::kDemonym);
}

TEST_F(GazetteerIntegration, CuratedSupplementAndRegions) {
  EXPECT_TRUE(has("Altiplano", 9000000001));
  EXPECT_TRUE(index_->place_by_geonameid(9000000001)->curated());
  EXPECT_EQ(ids("Africa").front(), 6255146);
  // The supplement row for the US added aliases, not a second place.
  EXPECT_EQ(ids("United States").size(), 1u);
}

TEST_F(GazetteerIntegration, CountriesCarryGeoNamesPoints) {
  const PlaceView us = *index_->country_of("us");
  EXPECT_EQ(us.geonameid(), 6252001);
  EXPECT_DOUBLE_EQ(us.position().lat_deg, 39.76);
  EXPECT_DOUBLE_EQ(us.position().lon_deg, -98.5);
  EXPECT_FALSE(us.position_estimated());
  EXPECT_EQ(us.population(), 327167434);
}

TEST_F(GazetteerIntegration, SecondLevelAreasGetEstimatedPositions) {
  const PlaceView culiacan_municipality = *index_->admin2_of("MX", "25", "006");
  EXPECT_TRUE(culiacan_municipality.position_estimated());
  // No PPLA2 seat in MX.25.006: population-weighted mean of Culiacán and Eldorado.
  EXPECT_NEAR(culiacan_municipality.position().lat_deg, 24.77, 0.01);
  const PlaceView sinaloa_municipality = *index_->admin2_of("MX", "25", "017");
  EXPECT_DOUBLE_EQ(sinaloa_municipality.position().lat_deg, 25.8219);  // its PPLA2 seat
}

}  // namespace
}  // namespace incidentmap::gaz
