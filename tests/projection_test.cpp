#include "geo/projection.h"

#include <gtest/gtest.h>

#include <cmath>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace incidentmap::geo {
namespace {

// Expected values from PROJ's own command-line tools (cs2cs OGC:CRS84 EPSG:n; cct with a laea
// pipeline), so the class is checked against PROJ, not against itself.
struct ForwardCase {
  std::string name;
  std::string crs;
  LonLat in;
  XY out;
  friend void PrintTo(const ForwardCase& c, std::ostream* os) { *os << c.name; }
};

class ProjectionForward : public ::testing::TestWithParam<ForwardCase> {};

TEST_P(ProjectionForward, MatchesPROJTools) {
  const ForwardCase& c = GetParam();
  const Projection p(c.crs);
  const XY xy = p.forward(c.in);
  EXPECT_NEAR(xy.x_m, c.out.x_m, 1e-3);
  EXPECT_NEAR(xy.y_m, c.out.y_m, 1e-3);
  // And back, to a micro-degree.
  const LonLat back = p.inverse(xy);
  EXPECT_NEAR(back.lon_deg, c.in.lon_deg, 1e-6);
  EXPECT_NEAR(back.lat_deg, c.in.lat_deg, 1e-6);
}

const char* kLaeaMexico =
    "+proj=laea +lat_0=20.93 +lon_0=-102.06 +datum=WGS84 +units=m +no_defs +type=crs";
const char* kLaeaFiji = "+proj=laea +lat_0=-13.33 +lon_0=-179.84 +datum=WGS84 +units=m";

INSTANTIATE_TEST_SUITE_P(
    Table, ProjectionForward,
    ::testing::Values(
        ForwardCase{
            "EqualEarthMexicoCity", "EPSG:8857", {-99.13, 19.43}, {-9239312.9449, 2472343.0127}},
        ForwardCase{
            "EqualEarthCuliacan", "EPSG:8857", {-107.39, 24.80}, {-9835181.5591, 3135893.1893}},
        ForwardCase{"EqualEarthOrigin", "EPSG:8857", {0, 0}, {0, 0}},
        ForwardCase{
            "EqualEarthSuva", "EPSG:8857", {178.44, -18.14}, {16690537.9037, -2311122.3346}},
        // EPSG:3857's definition has easting first already; EPSG:4326 source order must not leak.
        ForwardCase{
            "WebMercatorMexicoCity", "EPSG:3857", {-99.13, 19.43}, {-11035101.1223, 2205627.4489}},
        // UTM 13N: a CRS whose axes are named E, N.
        ForwardCase{"Utm13Culiacan", "EPSG:32613", {-107.39, 24.80}, {258391.1280, 2744916.8372}},
        ForwardCase{"LaeaMexicoCity", kLaeaMexico, {-99.13, 19.43}, {307679.4501, -163310.1300}},
        ForwardCase{"LaeaCuliacan", kLaeaMexico, {-107.39, 24.80}, {-538984.3118, 437784.8525}},
        ForwardCase{"LaeaCentre", kLaeaMexico, {-102.06, 20.93}, {0, 0}},
        // Without +type=crs (added by the class) and across the antimeridian.
        ForwardCase{"LaeaSuva", kLaeaFiji, {178.44, -18.14}, {-182172.0674, -532772.5438}},
        ForwardCase{"LaeaWallis", kLaeaFiji, {-178.12, -14.29}, {185582.9977, -106859.9080}}),
    [](const auto& test) { return test.param.name; });

TEST(Projection, LongitudesPast180Wrap) {
  const Projection p(kLaeaFiji);
  const XY a = p.forward({-178.12, -14.29});
  const XY b = p.forward({181.88, -14.29});
  EXPECT_NEAR(a.x_m, b.x_m, 1e-6);
  EXPECT_NEAR(a.y_m, b.y_m, 1e-6);
}

TEST(Projection, UnknownCrsThrowsWithPROJMessage) {
  try {
    const Projection p("EPSG:999999");
    FAIL() << "no exception";
  } catch (const GeoError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("EPSG:999999"), std::string::npos) << what;
    EXPECT_NE(what.find("PROJ: cannot transform to"), std::string::npos) << what;
  }
  EXPECT_THROW(Projection("not a crs at all"), GeoError);
}

TEST(Projection, BadPointsThrowWithPROJMessage) {
  const Projection p("EPSG:8857");
  try {
    p.forward({0.0, 91.0});
    FAIL() << "no exception";
  } catch (const GeoError& e) {
    EXPECT_NE(std::string(e.what()).find("Invalid coordinate"), std::string::npos) << e.what();
  }
  // The error state is cleared: the next point works.
  EXPECT_NEAR(p.forward({0, 0}).x_m, 0.0, 1e-9);

  const Projection laea(kLaeaMexico);
  // The antipode of the centre is outside laea's domain.
  try {
    laea.forward({77.94, -20.93});
    FAIL() << "no exception";
  } catch (const GeoError& e) {
    EXPECT_NE(std::string(e.what()).find("outside of projection domain"), std::string::npos)
        << e.what();
  }
  EXPECT_THROW(laea.inverse({1e8, 1e8}), GeoError);
}

TEST(Projection, ForwardAllMarksFailuresWithNaN) {
  const Projection p("EPSG:8857");
  const std::vector<LonLat> in = {{-99.13, 19.43}, {0.0, 91.0}, {0, 0}};
  const std::vector<XY> out = p.forward_all(in);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_NEAR(out[0].x_m, -9239312.9449, 1e-3);
  EXPECT_TRUE(std::isnan(out[1].x_m));
  EXPECT_TRUE(std::isnan(out[1].y_m));
  EXPECT_NEAR(out[2].x_m, 0.0, 1e-9);
  EXPECT_TRUE(p.forward_all({}).empty());
}

TEST(Projection, MovesOwnership) {
  Projection a("EPSG:8857");
  Projection b(std::move(a));
  EXPECT_EQ(b.target_crs(), "EPSG:8857");
  EXPECT_NEAR(b.forward({-99.13, 19.43}).y_m, 2472343.0127, 1e-3);
  Projection c(kLaeaMexico);
  c = std::move(b);
  EXPECT_EQ(c.target_crs(), "EPSG:8857");
  EXPECT_NEAR(c.forward({-99.13, 19.43}).y_m, 2472343.0127, 1e-3);
}

}  // namespace
}  // namespace incidentmap::geo
