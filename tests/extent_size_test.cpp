#include "geo/extent_size.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

namespace incidentmap::geo {
namespace {

void expect_box_near(const LonLatBox& got, const LonLatBox& want, double tol = 1e-9) {
  EXPECT_NEAR(got.west_deg, want.west_deg, tol);
  EXPECT_NEAR(got.south_deg, want.south_deg, tol);
  EXPECT_NEAR(got.east_deg, want.east_deg, tol);
  EXPECT_NEAR(got.north_deg, want.north_deg, tol);
}

// --- padded -------------------------------------------------------------------------------

struct PaddedCase {
  std::string name;
  LonLatBox in;
  double padding;
  double min_km;
  LonLatBox want;
  friend void PrintTo(const PaddedCase& c, std::ostream* os) { *os << c.name; }
};

class Padded : public ::testing::TestWithParam<PaddedCase> {};

TEST_P(Padded, AddsPaddingAndMinimumSize) {
  const PaddedCase& c = GetParam();
  const LonLatBox got = padded(c.in, c.padding, c.min_km);
  expect_box_near(got, c.want);
  EXPECT_TRUE(is_valid(got));
}

INSTANTIATE_TEST_SUITE_P(
    Table, Padded,
    ::testing::Values(
        // 10.66 x 7.74 degrees, plus 10% on each side.
        PaddedCase{"Fraction",
                   {-107.39, 17.06, -96.73, 24.80},
                   0.1,
                   0,
                   {-108.456, 16.286, -95.664, 25.574}},
        // Already larger than the minimum: unchanged.
        PaddedCase{"MinimumAlreadyMet",
                   {-107.39, 17.06, -96.73, 24.80},
                   0.0,
                   250,
                   {-107.39, 17.06, -96.73, 24.80}},
        // Stays across the antimeridian: the centre is 180.16, i.e. -179.84.
        PaddedCase{"AcrossAntimeridian",
                   {178.44, -18.14, -178.12, -8.52},
                   0.1,
                   0,
                   {178.096, -19.102, -177.776, -7.558}},
        // Padding pushes the east edge past 180: the box becomes a crossing one.
        PaddedCase{"PaddingCrosses", {179, 0, 179.5, 1}, 2.0, 0, {178, -2, -179.5, 3}},
        PaddedCase{"EastEdgeStays180", {179, 0, 179.5, 1}, 1.0, 0, {178.5, -1, 180, 2}},
        // Wider than the world: the whole world.
        PaddedCase{"WholeWorld", {-100, -10, 100, 10}, 0.5, 0, {-180, -20, 180, 20}},
        PaddedCase{"WholeWorldBySize", {0, 0, 1, 1}, 0, 50000, {-180, -90, 180, 90}}),
    [](const auto& test) { return test.param.name; });

TEST(PaddedMinimum, OnePointGetsTheMinimumSize) {
  const LonLatBox box = padded({-107.39, 24.80, -107.39, 24.80}, 0.1, 250);
  EXPECT_NEAR(width_km(box), 250.0, 1e-6);
  EXPECT_NEAR(height_km(box), 250.0, 0.05);
  EXPECT_NEAR(center(box).lon_deg, -107.39, 1e-9);
  EXPECT_NEAR(center(box).lat_deg, 24.80, 1e-9);
}

TEST(PaddedMinimum, NearThePoleTheBoxShiftsSouth) {
  const LonLatBox box = padded({0, 88, 10, 89}, 0, 500);
  EXPECT_DOUBLE_EQ(box.north_deg, 90.0);
  EXPECT_NEAR(height_km(box), 500.0, 0.5);
  EXPECT_NEAR(width_km(box), 500.0, 1e-6);
  EXPECT_TRUE(is_valid(box));
}

TEST(BoxAround, PadsTheBoundingBox) {
  const std::vector<LonLat> points = {{-107.39, 24.80}, {-96.73, 17.06}};
  expect_box_near(box_around(points, 0.1, 0), {-108.456, 16.286, -95.664, 25.574});
}

// --- sizes ------------------------------------------------------------------------------------

TEST(BoxSize, EquatorAndMeridian) {
  // The equator's length and a meridian from pole to pole on WGS84.
  EXPECT_NEAR(width_km({-180, -1, 180, 1}), 40075.017, 1e-3);
  EXPECT_NEAR(height_km({-180, -90, 180, 90}), 20003.931, 1e-3);
}

}  // namespace
}  // namespace incidentmap::geo
