#include "geo/lonlat.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace incidentmap::geo {
namespace {

TEST(LonLat, Validity) {
  EXPECT_TRUE(is_valid({-107.39, 24.80}));
  EXPECT_FALSE(is_valid({-181.0, 0.0}));
  EXPECT_FALSE(is_valid({0.0, 90.5}));
  EXPECT_FALSE(is_valid({std::numeric_limits<double>::quiet_NaN(), 0.0}));
}

TEST(LonLat, HaversineAgreesWithKnownValues) {
  const LonLat culiacan{-107.38782, 24.79032};
  const LonLat mexico_city{-99.12766, 19.42847};
  // About 1,038 km apart on the ellipsoid (geodesic_test.cpp); the sphere is within 1%.
  EXPECT_NEAR(haversine_distance_km(culiacan, mexico_city), 1038.25, 10.0);
  EXPECT_DOUBLE_EQ(haversine_distance_km(culiacan, culiacan), 0.0);
  // A quarter great circle of radius 6371 km.
  EXPECT_NEAR(haversine_distance_km({0, 0}, {0, 90}), 10007.543, 0.001);
}

}  // namespace
}  // namespace incidentmap::geo
