#include "src/render/reference_layers.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "gazetteer/builder.h"

namespace incidentmap {
namespace {

gaz::Place town(std::int64_t id, std::string name, double lon, double lat, std::string code,
                std::int64_t population) {
  gaz::Place p;
  p.geonameid = id;
  p.name = name;
  p.ascii_name = std::move(name);
  p.position = {lon, lat};
  p.feature_class = 'P';
  p.feature_code = std::move(code);
  p.country_code = "ZZ";
  p.admin1_code = "01";
  p.population = population;
  return p;
}

gaz::AdminArea area(std::int64_t id, std::string code, std::string name, double west, double south,
                    double east, double north) {
  gaz::AdminArea a;
  a.geonameid = id;
  a.country_code = "ZZ";
  a.admin1_code = std::move(code);
  a.name = std::move(name);
  a.label_point = {(west + east) / 2, (south + north) / 2};
  a.polygon = {
      geo::Polygon{{{{west, south}, {east, south}, {east, north}, {west, north}, {west, south}}}}};
  return a;
}

// An invented country of two squares, towns of every kind and size, and one area on the far
// side of the antimeridian.
struct TestIndex {
  TestIndex() {
    gaz::IndexBuilder builder;
    builder.add_place(town(1, "Capital", 1.5, 1.5, "PPLC", 90'000));
    builder.add_place(town(2, "Seat", 0.5, 0.5, "PPLA", 10'000));
    builder.add_place(town(3, "Big City", 1.2, 0.4, "PPL", 2'000'000));
    builder.add_place(town(4, "Mid City", 0.8, 1.7, "PPL", 300'000));
    builder.add_place(town(5, "Village", 0.3, 1.1, "PPL", 60'000));
    builder.add_place(town(6, "Far City", 40.0, 40.0, "PPL", 5'000'000));
    builder.add_admin_area(area(101, "01", "West Square", 0, 0, 1, 2));
    builder.add_admin_area(area(102, "02", "East Square", 1, 0, 2, 2));
    builder.add_admin_area(area(103, "03", "Island", 179, -1, 179.5, 1));
    const std::string bytes = builder.build_to_memory();
    words.resize((bytes.size() + 7) / 8);
    std::memcpy(words.data(), bytes.data(), bytes.size());
    index.emplace(gaz::Index::from_memory(words.data(), bytes.size(), "test"));
  }
  std::vector<std::uint64_t> words;
  std::optional<gaz::Index> index;
};

std::vector<std::string> town_names(const Basemap& b) {
  std::vector<std::string> out;
  for (const BasemapTown& t : b.towns) out.push_back(t.name);
  return out;
}

std::vector<std::string> area_names(const Basemap& b) {
  std::vector<std::string> out;
  for (const BasemapArea& a : b.admin1) out.push_back(a.name);
  return out;
}

struct Case {
  const char* label;
  geo::LonLatBox view;
  double km_per_px;
  std::vector<std::string> towns;  // in priority order
  std::vector<std::string> areas;
};

class ReferenceLayersTest : public ::testing::TestWithParam<Case> {};

TEST_P(ReferenceLayersTest, PicksWhatTheViewAndScaleCallFor) {
  static const TestIndex fixture;
  const Case& c = GetParam();
  Basemap basemap;
  add_reference_layers(*fixture.index, c.view, c.km_per_px, basemap);
  EXPECT_EQ(town_names(basemap), c.towns);
  EXPECT_EQ(area_names(basemap), c.areas);
}

INSTANTIATE_TEST_SUITE_P(
    Views, ReferenceLayersTest,
    ::testing::Values(
        // Coarse: the capital and admin-1 seats always, other towns from 1,000,000 people;
        // capitals first, then seats, then the others by population.
        Case{"coarse",
             {-1, -1, 3, 3},
             2.0,
             {"Capital", "Seat", "Big City"},
             {"West Square", "East Square"}},
        // Below 1 km/px from 200,000; below 0.3 km/px from 50,000.
        Case{"medium",
             {-1, -1, 3, 3},
             0.5,
             {"Capital", "Seat", "Big City", "Mid City"},
             {"West Square", "East Square"}},
        Case{"fine",
             {-1, -1, 3, 3},
             0.2,
             {"Capital", "Seat", "Big City", "Mid City", "Village"},
             {"West Square", "East Square"}},
        // Only what the view meets.
        Case{"west", {0.1, 0.1, 0.9, 1.9}, 0.2, {"Seat", "Mid City", "Village"}, {"West Square"}},
        Case{"east", {1.1, 0.1, 1.9, 1.9}, 0.2, {"Capital", "Big City"}, {"East Square"}},
        // A view across the antimeridian meets the island at 179 E.
        Case{"antimeridian", {178, -2, -178, 2}, 2.0, {}, {"Island"}},
        Case{"nothing", {100, 50, 101, 51}, 2.0, {}, {}}),
    [](const auto& p) { return std::string(p.param.label); });

TEST(ReferenceLayers, ClipBasemapKeepsTownsAndAreasOfTheView) {
  static const TestIndex fixture;
  Basemap basemap;
  add_reference_layers(*fixture.index, {-1, -1, 3, 3}, 0.2, basemap);
  const Basemap clipped = clip_basemap(basemap, {1.1, 0.1, 1.9, 1.9});
  EXPECT_EQ(town_names(clipped), (std::vector<std::string>{"Capital", "Big City"}));
  ASSERT_EQ(area_names(clipped), (std::vector<std::string>{"East Square"}));
  const geo::BoundingBox b = geo::bounding_box(clipped.admin1[0].shape);
  EXPECT_DOUBLE_EQ(b.min_lon_deg, 1.1);
  EXPECT_DOUBLE_EQ(b.max_lat_deg, 1.9);
}

}  // namespace
}  // namespace incidentmap
