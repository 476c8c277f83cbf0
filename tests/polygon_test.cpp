#include "geo/polygon.h"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <string>

namespace incidentmap::geo {
namespace {

// "lon lat, lon lat, ..." -> points.
Ring ring(const std::string& text) {
  Ring out;
  std::stringstream in(text);
  std::string pair;
  while (std::getline(in, pair, ',')) {
    std::stringstream p(pair);
    LonLat point;
    p >> point.lon_deg >> point.lat_deg;
    out.push_back(point);
  }
  return out;
}

// A 10x10 square with a 2x2 hole in the middle, and a 1x1 island east of it.
MultiPolygon square_with_hole_and_island() {
  return {Polygon{{ring("0 0, 10 0, 10 10, 0 10, 0 0"), ring("4 4, 4 6, 6 6, 6 4, 4 4")}},
          Polygon{{ring("20 0, 21 0, 21 1, 20 1, 20 0")}}};
}

struct InsideCase {
  const char* label;
  LonLat point;
  bool inside;
};

class PointInPolygonTest : public ::testing::TestWithParam<InsideCase> {};

TEST_P(PointInPolygonTest, FollowsEvenOddRuleWithHoles) {
  EXPECT_EQ(point_in_polygon(GetParam().point, square_with_hole_and_island()), GetParam().inside);
}

INSTANTIATE_TEST_SUITE_P(Table, PointInPolygonTest,
                         ::testing::Values(InsideCase{"inside", {1, 1}, true},
                                           InsideCase{"in_hole", {5, 5}, false},
                                           InsideCase{"between_hole_and_edge", {5, 8}, true},
                                           InsideCase{"island", {20.5, 0.5}, true},
                                           InsideCase{"between_parts", {15, 0.5}, false},
                                           InsideCase{"west", {-1, 5}, false},
                                           InsideCase{"north", {5, 11}, false},
                                           InsideCase{"vertex_level", {-1, 10}, false}),
                         [](const auto& param) { return std::string(param.param.label); });

TEST(PointInPolygon, WorksForEitherOrientationAndUnclosedRings) {
  const Ring clockwise = ring("0 0, 0 10, 10 10, 10 0");
  EXPECT_TRUE(point_in_ring({5, 5}, clockwise));
  EXPECT_FALSE(point_in_ring({15, 5}, clockwise));
  EXPECT_FALSE(point_in_ring({0.5, 0.5}, ring("0 0, 1 1")));
  EXPECT_FALSE(point_in_polygon(LonLat{0, 0}, Polygon{}));
  EXPECT_FALSE(point_in_polygon(LonLat{0, 0}, MultiPolygon{}));
  // A concave "U": the notch is outside.
  const Polygon u{{ring("0 0, 3 0, 3 3, 2 3, 2 1, 1 1, 1 3, 0 3, 0 0")}};
  EXPECT_FALSE(point_in_polygon(LonLat{1.5, 2}, u));
  EXPECT_TRUE(point_in_polygon(LonLat{0.5, 2}, u));
  EXPECT_TRUE(point_in_polygon(LonLat{1.5, 0.5}, u));
}

TEST(BoundingBox, CoversAllPoints) {
  const BoundingBox box = bounding_box(square_with_hole_and_island());
  EXPECT_EQ(box, (BoundingBox{0, 0, 21, 10}));
  EXPECT_TRUE(box.contains({21, 10}));
  EXPECT_FALSE(box.contains({21.01, 10}));
  EXPECT_EQ(bounding_box(ring("-5 2, 3 -7")), (BoundingBox{-5, -7, 3, 2}));
  EXPECT_EQ(bounding_box(Polygon{{ring("1 1, 2 3")}}), (BoundingBox{1, 1, 2, 3}));
  EXPECT_TRUE(bounding_box(MultiPolygon{}).empty());
  EXPECT_FALSE(BoundingBox{}.contains({0, 0}));
  EXPECT_FALSE(box.empty());
}

TEST(SignedArea, SignGivesOrientation) {
  EXPECT_DOUBLE_EQ(signed_area_deg2(ring("0 0, 4 0, 4 3, 0 3, 0 0")), 12.0);
  EXPECT_DOUBLE_EQ(signed_area_deg2(ring("0 0, 0 3, 4 3, 4 0, 0 0")), -12.0);
  EXPECT_DOUBLE_EQ(signed_area_deg2(ring("100 50, 101 50, 100 51, 100 50")), 0.5);
  EXPECT_DOUBLE_EQ(signed_area_deg2(ring("0 0, 4 0, 4 3, 0 3")), 12.0);  // not closed
  EXPECT_EQ(signed_area_deg2(ring("0 0, 1 1")), 0.0);
  EXPECT_EQ(signed_area_deg2(ring("0 0, 1 1, 2 2, 0 0")), 0.0);
}

TEST(Simplify, DropsPointsWithinTolerance) {
  // Points 0.05° off a straight line go; the 2° bump stays.
  const std::vector<LonLat> line = ring("0 0, 1 0.05, 2 -0.05, 3 0, 4 2, 5 0, 6 0.01, 7 0");
  EXPECT_EQ(simplify_line(line, 0.1), ring("0 0, 3 0, 4 2, 5 0, 7 0"));
  EXPECT_EQ(simplify_line(line, 3.0), ring("0 0, 7 0"));
  EXPECT_EQ(simplify_line(line, 0.0), line);
  EXPECT_EQ(simplify_line(ring("0 0, 1 1"), 5.0), ring("0 0, 1 1"));
}

TEST(Simplify, RingsStayClosedAndCollapseWhenTooSmall) {
  const Ring square = ring("0 0, 2 0.01, 4 0, 4 4, 0 4, 0 0");
  const Ring simplified = simplify_ring(square, 0.1);
  EXPECT_EQ(simplified, ring("0 0, 4 0, 4 4, 0 4, 0 0"));
  EXPECT_GT(signed_area_deg2(simplified), 0.0);  // orientation kept
  EXPECT_TRUE(simplify_ring(square, 10.0).empty());
  EXPECT_EQ(simplify_ring(ring("0 0, 4 0, 4 4, 0 4"), 0.1), ring("0 0, 4 0, 4 4, 0 4, 0 0"));
  EXPECT_TRUE(simplify_ring(ring("0 0, 1 1"), 0.1).empty());
}

TEST(Simplify, MultiPolygonDropsCollapsedHolesAndIslands) {
  const MultiPolygon shape = square_with_hole_and_island();
  MultiPolygon out = simplify(shape, 0.5);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].rings.size(), 2u);
  out = simplify(shape, 1.5);  // the 2° hole and the 1° island collapse
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].rings.size(), 1u);
  EXPECT_TRUE(simplify(shape, 50.0).empty());
}

TEST(Simplify, LongRingDoesNotRecurse) {
  Ring circle;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    const double a = 2 * M_PI * i / n;
    circle.push_back({10 * std::cos(a), 10 * std::sin(a)});
  }
  circle.push_back(circle.front());
  const Ring simplified = simplify_ring(circle, 0.01);
  EXPECT_GT(simplified.size(), 20u);
  EXPECT_LT(simplified.size(), 200u);
  EXPECT_EQ(simplified.front(), simplified.back());
}

}  // namespace
}  // namespace incidentmap::geo
