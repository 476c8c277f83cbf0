#include "geo/extent.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

namespace incidentmap::geo {
namespace {

// --- bounding_box -----------------------------------------------------------------------------

struct BoundsCase {
  std::string name;
  std::vector<LonLat> points;
  LonLatBox want;
  friend void PrintTo(const BoundsCase& c, std::ostream* os) { *os << c.name; }
};

class BoundingBox : public ::testing::TestWithParam<BoundsCase> {};

TEST_P(BoundingBox, IsTheSmallestBox) {
  const BoundsCase& c = GetParam();
  const LonLatBox got = bounding_box(c.points);
  EXPECT_EQ(got, c.want);
  for (const LonLat& p : c.points) EXPECT_TRUE(contains(got, p));
}

INSTANTIATE_TEST_SUITE_P(
    Table, BoundingBox,
    ::testing::Values(
        BoundsCase{"Mexico",
                   {{-107.39, 24.80}, {-99.75, 19.33}, {-96.73, 17.06}, {-99.13, 19.43}},
                   {-107.39, 17.06, -96.73, 24.80}},
        BoundsCase{"OnePoint", {{-107.39, 24.80}}, {-107.39, 24.80, -107.39, 24.80}},
        // Fiji, Wallis and Tuvalu: 4 degrees across the antimeridian, not 356 the other way.
        BoundsCase{"AcrossAntimeridian",
                   {{178.44, -18.14}, {-178.12, -14.29}, {179.19, -8.52}},
                   {178.44, -18.14, -178.12, -8.52}},
        BoundsCase{"CloseToItButNotAcross", {{170, 0}, {179, 1}}, {170, 0, 179, 1}},
        // Half the world either way: the box that does not cross wins the tie.
        BoundsCase{"TieKeepsGreenwich", {{-90, 0}, {90, 0}}, {-90, 0, 90, 0}},
        // 180 is the same meridian as -180 and comes back as the west edge.
        BoundsCase{"Lon180", {{180, 5}, {-180, 6}}, {-180, 5, -180, 6}}),
    [](const auto& test) { return test.param.name; });

TEST(BoundingBoxErrors, EmptyAndInvalid) {
  EXPECT_THROW(bounding_box({}), GeoError);
  const std::vector<LonLat> bad = {{0, 0}, {0, 95}};
  EXPECT_THROW(bounding_box(bad), GeoError);
}

// --- box properties ---------------------------------------------------------------------------

TEST(BoxProperties, SpansCentreContains) {
  const LonLatBox fiji{178.44, -18.14, -178.12, -8.52};
  EXPECT_TRUE(crosses_antimeridian(fiji));
  EXPECT_NEAR(lon_span_deg(fiji), 3.44, 1e-9);
  EXPECT_NEAR(lat_span_deg(fiji), 9.62, 1e-9);
  EXPECT_NEAR(center(fiji).lon_deg, -179.84, 1e-9);
  EXPECT_NEAR(center(fiji).lat_deg, -13.33, 1e-9);
  EXPECT_TRUE(contains(fiji, {179.9, -10}));
  EXPECT_TRUE(contains(fiji, {-179.0, -10}));
  EXPECT_FALSE(contains(fiji, {0.0, -10}));
  EXPECT_FALSE(contains(fiji, {179.9, -20}));

  const LonLatBox world{-180, -90, 180, 90};
  EXPECT_FALSE(crosses_antimeridian(world));
  EXPECT_DOUBLE_EQ(lon_span_deg(world), 360.0);
  EXPECT_DOUBLE_EQ(center(world).lon_deg, 0.0);
}

TEST(BoxProperties, Validity) {
  EXPECT_TRUE(is_valid({-180, -90, 180, 90}));
  EXPECT_TRUE(is_valid({170, 0, -170, 1}));
  EXPECT_FALSE(is_valid({0, 10, 1, 5}));
  EXPECT_FALSE(is_valid({-181, 0, 1, 5}));
  EXPECT_FALSE(is_valid({0, 0, 1, 91}));
}

TEST(NormalizeLon, WrapsIntoHalfOpenRange) {
  EXPECT_DOUBLE_EQ(normalize_lon_deg(0), 0);
  EXPECT_DOUBLE_EQ(normalize_lon_deg(180), -180);
  EXPECT_DOUBLE_EQ(normalize_lon_deg(-180), -180);
  EXPECT_DOUBLE_EQ(normalize_lon_deg(181.5), -178.5);
  EXPECT_DOUBLE_EQ(normalize_lon_deg(-540), -180);
  EXPECT_DOUBLE_EQ(normalize_lon_deg(719), -1);
}

// --- parse_lonlat_box -----------------------------------------------------------------------

struct ParseCase {
  std::string text;
  bool ok;
  LonLatBox want;  // when ok
  friend void PrintTo(const ParseCase& c, std::ostream* os) { *os << c.text; }
};

class ParseBox : public ::testing::TestWithParam<ParseCase> {};

TEST_P(ParseBox, ParsesOrRejects) {
  const ParseCase& c = GetParam();
  if (c.ok) {
    EXPECT_EQ(parse_lonlat_box(c.text), c.want);
  } else {
    EXPECT_THROW(parse_lonlat_box(c.text), GeoError);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, ParseBox,
    ::testing::Values(ParseCase{"1,2,3,4", true, {1, 2, 3, 4}},
                      ParseCase{" -107.5, 17 ,-96,25 ", true, {-107.5, 17, -96, 25}},
                      ParseCase{"+176,-20,-178,-15", true, {176, -20, -178, -15}},
                      ParseCase{"-180,-90,180,90", true, {-180, -90, 180, 90}},
                      ParseCase{"1,2,3", false, {}}, ParseCase{"1,2,3,4,5", false, {}},
                      ParseCase{"a,b,c,d", false, {}}, ParseCase{"", false, {}},
                      ParseCase{"1;2;3;4", false, {}}, ParseCase{"-200,0,0,1", false, {}},
                      ParseCase{"0,10,1,5", false, {}}, ParseCase{"0,0,0,1", false, {}},
                      ParseCase{"0,1,1,1", false, {}}, ParseCase{"0,0,1,nan", false, {}},
                      ParseCase{"1,2,3,4x", false, {}}));

// --- choose_map_projection --------------------------------------------------------------------

struct ProjectionCase {
  std::string name;
  LonLatBox box;
  std::string want;
  friend void PrintTo(const ProjectionCase& c, std::ostream* os) { *os << c.name; }
};

class ChooseProjection : public ::testing::TestWithParam<ProjectionCase> {};

TEST_P(ChooseProjection, PicksAnEqualAreaProjectionForTheExtent) {
  EXPECT_EQ(choose_map_projection(GetParam().box), GetParam().want);
}

INSTANTIATE_TEST_SUITE_P(
    Table, ChooseProjection,
    ::testing::Values(
        ProjectionCase{"Region",
                       {-108.456, 16.286, -95.664, 25.574},
                       "+proj=laea +lat_0=20.9300 +lon_0=-102.0600 +datum=WGS84 +units=m "
                       "+no_defs +type=crs"},
        ProjectionCase{"RegionAcrossAntimeridian",
                       {178.44, -18.14, -178.12, -8.52},
                       "+proj=laea +lat_0=-13.3300 +lon_0=-179.8400 +datum=WGS84 +units=m "
                       "+no_defs +type=crs"},
        ProjectionCase{"NoNegativeZero",
                       {-1, -1, 1, 1},
                       "+proj=laea +lat_0=0.0000 +lon_0=0.0000 +datum=WGS84 +units=m +no_defs "
                       "+type=crs"},
        // A continent is still regional.
        ProjectionCase{"Africa",
                       {-20, -36, 52, 38},
                       "+proj=laea +lat_0=1.0000 +lon_0=16.0000 +datum=WGS84 +units=m +no_defs "
                       "+type=crs"},
        ProjectionCase{"World", {-180, -90, 180, 90}, "EPSG:8857"},
        ProjectionCase{"TallerThan110", {-10, -60, 10, 60}, "EPSG:8857"},
        ProjectionCase{"WiderThan150", {-100, -10, 60, 10}, "EPSG:8857"},
        // The Pacific rim: centred on the Pacific, rounded to a whole degree.
        ProjectionCase{"Pacific",
                       {120.3, -50, -69.9, 60},
                       "+proj=eqearth +lon_0=-155.0000 +datum=WGS84 +units=m +no_defs +type=crs"},
        // Crossing, but wider than 240 degrees: a normal world map.
        ProjectionCase{"WorldAcross", {121, -40, 44, 60}, "EPSG:8857"}),
    [](const auto& test) { return test.param.name; });

}  // namespace
}  // namespace incidentmap::geo
