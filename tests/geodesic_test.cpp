#include "geo/geodesic.h"

#include <gtest/gtest.h>

namespace incidentmap::geo {
namespace {

TEST(Geodesic, DistancesAgreeWithKnownValues) {
  const LonLat culiacan{-107.38782, 24.79032};
  const LonLat mexico_city{-99.12766, 19.42847};
  // About 1,038 km apart; the two formulas differ by well under 1%.
  EXPECT_NEAR(geodesic_distance_km(culiacan, mexico_city), 1038.25, 0.1);
  EXPECT_NEAR(haversine_distance_km(culiacan, mexico_city),
              geodesic_distance_km(culiacan, mexico_city), 10.0);
  EXPECT_DOUBLE_EQ(geodesic_distance_km(culiacan, culiacan), 0.0);
  // A quarter meridian is 10,001.966 km on WGS84.
  EXPECT_NEAR(geodesic_distance_km({0, 0}, {0, 90}), 10001.966, 0.001);
}

}  // namespace
}  // namespace incidentmap::geo
