#include "src/incidents/precision.h"

#include <gtest/gtest.h>

namespace incidentmap {
namespace {

struct PrecisionCase {
  char feature_class;
  const char* feature_code;
  bool near;
  int ucdp;
  int acled;
  int gdelt_mx;
  int gdelt_us;
};

class PrecisionTest : public ::testing::TestWithParam<PrecisionCase> {};

TEST_P(PrecisionTest, MapsFeatureToEveryScale) {
  const PrecisionCase& c = GetParam();
  const int ucdp = ucdp_where_precision(c.feature_class, c.feature_code, c.near);
  EXPECT_EQ(ucdp, c.ucdp) << c.feature_class << "." << c.feature_code;
  EXPECT_EQ(acled_geo_precision(ucdp), c.acled);
  EXPECT_EQ(gdelt_geo_type(ucdp, "MX"), c.gdelt_mx);
  EXPECT_EQ(gdelt_geo_type(ucdp, "US"), c.gdelt_us);
}

INSTANTIATE_TEST_SUITE_P(
    Table, PrecisionTest,
    ::testing::Values(
        PrecisionCase{'P', "PPLA", false, 1, 1, 4, 3}, PrecisionCase{'P', "PPL", true, 2, 2, 4, 3},
        PrecisionCase{'S', "PRN", false, 1, 1, 4, 3}, PrecisionCase{'A', "ADM2", false, 3, 2, 4, 3},
        PrecisionCase{'A', "ADM2", true, 2, 2, 4, 3}, PrecisionCase{'A', "ADM1", false, 4, 3, 5, 2},
        PrecisionCase{'A', "PCLI", false, 6, 3, 1, 1}, PrecisionCase{'L', "RGN", false, 5, 3, 5, 2},
        PrecisionCase{'L', "CONT", false, 5, 3, 5, 2},
        PrecisionCase{'T', "PLAT", false, 5, 3, 5, 2}, PrecisionCase{'T', "ISL", false, 1, 1, 4, 3},
        PrecisionCase{'H', "SEA", false, 7, 3, 1, 1}, PrecisionCase{'H', "STM", true, 7, 3, 1, 1},
        PrecisionCase{'?', "", false, 5, 3, 5, 2}));

}  // namespace
}  // namespace incidentmap
