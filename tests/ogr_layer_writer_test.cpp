#include "src/output/ogr_layer_writer.h"

#include <gtest/gtest.h>

namespace incidentmap {
namespace {

struct RoundCase {
  double value;
  double step;
  double expected;
};

class RoundToStepTest : public ::testing::TestWithParam<RoundCase> {};

TEST_P(RoundToStepTest, GivesTheDoubleNearestTheDecimal) {
  EXPECT_EQ(round_to_step(GetParam().value, GetParam().step), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(Table, RoundToStepTest,
                         ::testing::Values(RoundCase{19.43260769, 1e-6, 19.432608},
                                           RoundCase{-99.13320812, 1e-6, -99.133208},
                                           RoundCase{179.9999996, 1e-6, 180.0},
                                           RoundCase{0.1, 1e-6, 0.1},
                                           RoundCase{-0.0000004, 1e-6, -0.0},
                                           RoundCase{2205935.268718534, 1e-2, 2205935.27},
                                           RoundCase{-11035458.248622013, 1e-2, -11035458.25}));

TEST(OutputCrs, DefaultsToWgs84LonLatAndRoundsToSixDecimals) {
  OutputCrs crs("");
  EXPECT_TRUE(crs.is_wgs84());
  EXPECT_STREQ(crs.srs().GetAuthorityCode(nullptr), "4326");
  const auto [x, y] = crs.project({-99.13320812, 19.43260769}, "p");
  EXPECT_EQ(x, -99.133208);
  EXPECT_EQ(y, 19.432608);
  EXPECT_TRUE(OutputCrs("EPSG:4326").is_wgs84());
}

TEST(OutputCrs, ProjectsToWebMercatorInLonLatOrderToTheCentimetre) {
  OutputCrs crs("EPSG:3857");
  EXPECT_FALSE(crs.is_wgs84());
  const auto [x, y] = crs.project({-99.13320812, 19.43260769}, "p");
  EXPECT_EQ(x, -11035458.25);
  EXPECT_EQ(y, 2205935.27);
}

TEST(OutputCrs, ReportsUnparsableCrsAndUntransformablePoints) {
  try {
    OutputCrs crs("EPSG:999999");
    FAIL();
  } catch (const OutputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("-t_srs 'EPSG:999999': not a CRS GDAL understands", 0),
              0u)
        << e.what();
  }
  // The far side of the globe is outside an orthographic projection centred on 0,0.
  OutputCrs ortho("+proj=ortho +lat_0=0 +lon_0=0 +datum=WGS84 +units=m +no_defs");
  try {
    ortho.project({180, 0}, "feature 3");
    FAIL();
  } catch (const OutputError& e) {
    EXPECT_EQ(
        std::string(e.what()).rfind("feature 3: cannot transform the point to the output CRS", 0),
        0u)
        << e.what();
  }
}

TEST(MakeOptions, UserValuesOverrideDefaultsAndMalformedOnesAreRejected) {
  CPLStringList o = make_options({"RFC7946=YES", "COORDINATE_PRECISION=6"},
                                 {"COORDINATE_PRECISION=7", "WRITE_BBOX=YES"});
  EXPECT_STREQ(o.FetchNameValue("RFC7946"), "YES");
  EXPECT_STREQ(o.FetchNameValue("COORDINATE_PRECISION"), "7");
  EXPECT_STREQ(o.FetchNameValue("WRITE_BBOX"), "YES");
  EXPECT_EQ(o.Count(), 3);
  EXPECT_THROW(make_options({}, {"NOVALUE"}), OutputError);
  EXPECT_THROW(make_options({}, {"=x"}), OutputError);
}

TEST(GdalScope, CollectsErrorsQuietlyAndRestoresConfigOptions) {
  CPLSetThreadLocalConfigOption("OGR_CURRENT_DATE", "before");
  {
    GdalScope scope;
    scope.set_config("OGR_CURRENT_DATE", "2000-01-01T00:00:00.000Z");
    EXPECT_STREQ(CPLGetConfigOption("OGR_CURRENT_DATE", nullptr), "2000-01-01T00:00:00.000Z");
    CPLError(CE_Warning, CPLE_AppDefined, "a warning");
    CPLError(CE_Failure, CPLE_AppDefined, "an error");
    EXPECT_EQ(scope.last_error(), "an error");
    ASSERT_EQ(scope.warnings().size(), 1u);
    EXPECT_EQ(scope.warnings()[0], "a warning");
    try {
      throw_output_error("x.gpkg", "cannot create", scope);
    } catch (const OutputError& e) {
      EXPECT_STREQ(e.what(), "x.gpkg: cannot create: an error");
    }
  }
  EXPECT_STREQ(CPLGetConfigOption("OGR_CURRENT_DATE", nullptr), "before");
  CPLSetThreadLocalConfigOption("OGR_CURRENT_DATE", nullptr);
}

TEST(DefaultLayerOptions, GeoJsonIsRfc7946WithSixDecimals) {
  Layer l;
  l.name = "incidents";
  const auto o = default_layer_options(traits(OutputFormat::GeoJSON), l, "a.geojson");
  EXPECT_EQ(o,
            (std::vector<std::string>{"RFC7946=YES", "COORDINATE_PRECISION=6", "WRITE_NAME=YES"}));
  const auto seq = default_layer_options(traits(OutputFormat::GeoJSONSeq), l, "a.geojsons");
  EXPECT_EQ(seq, (std::vector<std::string>{"COORDINATE_PRECISION=6", "RS=YES"}));
}

}  // namespace
}  // namespace incidentmap
