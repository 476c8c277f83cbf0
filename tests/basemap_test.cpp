#include "src/render/basemap.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ostream>
#include <string>

namespace incidentmap {
namespace {

using geo::LonLat;

// Two countries, A (lon 0..10) and B (10..20), lat 0..10, sharing the edge at lon 10 (arc 0),
// quantised with scale 0.5 and translate -10: q = 2 * degrees + 20, delta-encoded.
constexpr const char* kTwoSquares = R"({
  "type": "Topology",
  "bbox": [0, 0, 20, 10],
  "transform": {"scale": [0.5, 0.5], "translate": [-10, -10]},
  "objects": {
    "countries": {"type": "GeometryCollection", "geometries": [
      {"type": "Polygon", "arcs": [[1, 0]], "id": "001", "properties": {"name": "Aland"}},
      {"type": "MultiPolygon", "arcs": [[[2, -1]]], "id": 2, "properties": {"name": "Bland"}}
    ]},
    "land": {"type": "GeometryCollection", "geometries": [
      {"type": "Polygon", "arcs": [[1, 2]]}
    ]}
  },
  "arcs": [
    [[40, 20], [0, 20]],
    [[40, 40], [-20, 0], [0, -20], [20, 0]],
    [[40, 20], [20, 0], [0, 20], [-20, 0]]
  ]
})";

// Not quantised. An island crossing the antimeridian the way world-atlas stores Fiji (continuous
// on the sphere, so its longitudes jump from 180 to -179, with a stretch along the cut at 180),
// and a ring round the south pole that, like Antarctica, runs from -180 to 180 and closes
// straight back.
constexpr const char* kAntimeridian = R"({
  "type": "Topology",
  "objects": {
    "countries": {"type": "GeometryCollection", "geometries": [
      {"type": "Polygon", "arcs": [[0]], "properties": {"name": "Isle"}},
      {"type": "Polygon", "arcs": [[1]], "properties": {"name": "Polar"}}
    ]},
    "land": {"type": "GeometryCollection", "geometries": [
      {"type": "MultiPolygon", "arcs": [[[0]], [[1]]]}
    ]}
  },
  "arcs": [
    [[179, -16], [180, -16.5], [-179, -16], [-179, -18], [-180, -17.5], [180, -17], [179, -18],
     [179, -16]],
    [[-180, -80], [-90, -75], [0, -78], [90, -75], [180, -80], [-180, -80]]
  ]
})";

geo::Ring ring(std::initializer_list<LonLat> points) { return points; }

TEST(ParseTopojson, DecodesQuantisedArcsIntoRings) {
  const Basemap b = parse_topojson_basemap(kTwoSquares, "two-squares");
  ASSERT_EQ(b.countries.size(), 2u);
  EXPECT_EQ(b.countries[0].name, "Aland");
  EXPECT_EQ(b.countries[0].id, "001");
  EXPECT_EQ(b.countries[1].name, "Bland");
  EXPECT_EQ(b.countries[1].id, "2");  // numeric ids become text
  ASSERT_EQ(b.countries[0].shape.size(), 1u);
  EXPECT_EQ(b.countries[0].shape[0].rings[0], ring({{10, 10}, {0, 10}, {0, 0}, {10, 0}, {10, 10}}));
  // B uses arc 0 reversed (~0 = -1).
  EXPECT_EQ(b.countries[1].shape[0].rings[0],
            ring({{10, 0}, {20, 0}, {20, 10}, {10, 10}, {10, 0}}));
  ASSERT_EQ(b.land.size(), 1u);
  EXPECT_EQ(b.land[0].rings[0],
            ring({{10, 10}, {0, 10}, {0, 0}, {10, 0}, {20, 0}, {20, 10}, {10, 10}}));
  // The shared arc is the border; the land's arcs are the coast.
  ASSERT_EQ(b.borders.size(), 1u);
  EXPECT_EQ(b.borders[0], (Line{{10, 0}, {10, 10}}));
  ASSERT_EQ(b.coastlines.size(), 2u);
  EXPECT_EQ(b.coastlines[0], (Line{{10, 10}, {0, 10}, {0, 0}, {10, 0}}));
  EXPECT_EQ(b.coastlines[1], (Line{{10, 0}, {20, 0}, {20, 10}, {10, 10}}));
}

TEST(ParseTopojson, UnwrapsRingsAcrossTheAntimeridian) {
  const Basemap b = parse_topojson_basemap(kAntimeridian, "antimeridian");
  ASSERT_EQ(b.countries.size(), 2u);
  EXPECT_EQ(b.countries[0].shape[0].rings[0], ring({{179, -16},
                                                    {180, -16.5},
                                                    {181, -16},
                                                    {181, -18},
                                                    {180, -17.5},
                                                    {180, -17},
                                                    {179, -18},
                                                    {179, -16}}));
  // Once round the pole: closed along it.
  EXPECT_EQ(b.countries[1].shape[0].rings[0], ring({{-180, -80},
                                                    {-90, -75},
                                                    {0, -78},
                                                    {90, -75},
                                                    {180, -80},
                                                    {180, -80},
                                                    {180, -90},
                                                    {-180, -90},
                                                    {-180, -80}}));
  // Coastlines leave out the stretch along the antimeridian (180,-17.5 -> 180,-17) and the
  // polar ring's closing step.
  ASSERT_EQ(b.coastlines.size(), 3u);
  EXPECT_EQ(b.coastlines[0],
            (Line{{179, -16}, {180, -16.5}, {181, -16}, {181, -18}, {180, -17.5}}));
  EXPECT_EQ(b.coastlines[1], (Line{{180, -17}, {179, -18}, {179, -16}}));
  EXPECT_EQ(b.coastlines[2], (Line{{-180, -80}, {-90, -75}, {0, -78}, {90, -75}, {180, -80}}));
  EXPECT_TRUE(b.borders.empty());
}

struct BadTopology {
  std::string name;
  std::string text;
  std::string message;  // part of the error
  friend void PrintTo(const BadTopology& c, std::ostream* os) { *os << c.name; }
};

class ParseTopojsonErrors : public ::testing::TestWithParam<BadTopology> {};

TEST_P(ParseTopojsonErrors, ThrowBasemapErrorNamingTheSource) {
  try {
    parse_topojson_basemap(GetParam().text, "bad.json");
    FAIL() << "no exception";
  } catch (const BasemapError& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.rfind("bad.json", 0), 0u) << what;
    EXPECT_NE(what.find(GetParam().message), std::string::npos) << what;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, ParseTopojsonErrors,
    ::testing::Values(
        BadTopology{"Empty", "", "expected '{'"},
        BadTopology{"NotTopology", R"({"type": "FeatureCollection", "arcs": [], "objects": {}})",
                    "not a TopoJSON Topology"},
        BadTopology{"NoArcs", R"({"type": "Topology", "objects": {}})", "no 'arcs' member"},
        BadTopology{"Truncated", R"({"type": "Topology", "arcs": [[[1, 2], [3)", "expected"},
        BadTopology{"NoCountries", R"({"type": "Topology", "arcs": [], "objects": {}})",
                    "no GeometryCollection 'countries'"},
        BadTopology{"ArcOutOfRange",
                    R"({"type": "Topology", "arcs": [[[0, 0], [1, 1]]], "objects": {"countries":
                      {"type": "GeometryCollection", "geometries": [{"type": "Polygon",
                      "arcs": [[5]]}]}, "land": {"type": "GeometryCollection",
                      "geometries": []}}})",
                    "arc index 5 out of range"},
        BadTopology{"MalformedObjects", R"({"type": "Topology", "arcs": [], "objects": {"x": }})",
                    "malformed 'objects'"},
        BadTopology{"GeometryNotAnObject",
                    R"({"type": "Topology", "arcs": [], "objects": {"countries": {"type":
                      "GeometryCollection", "geometries": [5]}, "land": {"type":
                      "GeometryCollection", "geometries": []}}})",
                    "unexpected TopoJSON content"},
        BadTopology{"NotANumber", R"({"type": "Topology", "arcs": [[[nan, 1]]], "objects": {}})",
                    "expected a number"}),
    [](const auto& test) { return test.param.name; });

TEST(ParseTopojson, SurvivesAbsurdCoordinates) {
  const Basemap b = parse_topojson_basemap(
      R"({"type": "Topology", "arcs": [[[1e300, 0], [-1e300, 1], [0, 0]]], "objects": {
          "countries": {"type": "GeometryCollection", "geometries": [{"type": "Polygon",
          "arcs": [[0]]}]}, "land": {"type": "GeometryCollection", "geometries": []}}})",
      "absurd");
  EXPECT_EQ(b.countries.size(), 1u);
  EXPECT_TRUE(clip_basemap(b, {-10, -10, 10, 10}).land.empty());
}

// --- clipping -------------------------------------------------------------------------------

struct Extent {
  double west = 1e9, south = 1e9, east = -1e9, north = -1e9;
};

template <typename Points>
Extent extent_of(const Points& points) {
  Extent e;
  for (const LonLat& p : points) {
    e.west = std::min(e.west, p.lon_deg);
    e.east = std::max(e.east, p.lon_deg);
    e.south = std::min(e.south, p.lat_deg);
    e.north = std::max(e.north, p.lat_deg);
  }
  return e;
}

TEST(ClipBasemap, CutsToTheView) {
  const Basemap full = parse_topojson_basemap(kTwoSquares, "two-squares");
  const Basemap b = clip_basemap(full, {5, 2, 15, 8});
  ASSERT_EQ(b.land.size(), 1u);
  const Extent e = extent_of(b.land[0].rings[0]);
  EXPECT_DOUBLE_EQ(e.west, 5);
  EXPECT_DOUBLE_EQ(e.east, 15);
  EXPECT_DOUBLE_EQ(e.south, 2);
  EXPECT_DOUBLE_EQ(e.north, 8);
  EXPECT_EQ(b.land[0].rings[0].front(), b.land[0].rings[0].back());
  ASSERT_EQ(b.borders.size(), 1u);
  EXPECT_EQ(b.borders[0], (Line{{10, 2}, {10, 8}}));
  EXPECT_TRUE(b.coastlines.empty());  // the squares' outer edges are all outside
  ASSERT_EQ(b.countries.size(), 2u);
}

TEST(ClipBasemap, KeepsWhatIsInsideAndDropsWhatIsOutside) {
  const Basemap full = parse_topojson_basemap(kTwoSquares, "two-squares");
  const Basemap all = clip_basemap(full, {-1, -1, 21, 11});
  EXPECT_EQ(all.land[0].rings[0], full.land[0].rings[0]);
  EXPECT_EQ(all.coastlines, full.coastlines);
  const Basemap none = clip_basemap(full, {30, 30, 40, 40});
  EXPECT_TRUE(none.land.empty());
  EXPECT_TRUE(none.borders.empty());
  EXPECT_TRUE(none.coastlines.empty());
  EXPECT_TRUE(none.countries.empty());
}

TEST(ClipBasemap, SplitsLongEdgesAlongTheCut) {
  const Basemap full = parse_topojson_basemap(kTwoSquares, "two-squares");
  const Basemap b = clip_basemap(full, {-1, -1, 21, 5});
  ASSERT_EQ(b.land.size(), 1u);
  const geo::Ring& r = b.land[0].rings[0];
  EXPECT_GT(r.size(), 40u);  // the 20-degree cut along lat 5 in half-degree steps
  for (std::size_t i = 1; i < r.size(); ++i) {
    const double step = std::max(std::abs(r[i].lon_deg - r[i - 1].lon_deg),
                                 std::abs(r[i].lat_deg - r[i - 1].lat_deg));
    // The squares' own edges are 10 degrees long but not cut, so they stay whole.
    if (r[i].lat_deg == 5 && r[i - 1].lat_deg == 5) {
      EXPECT_LE(step, 0.5 + 1e-9);
    }
  }
}

TEST(ClipBasemap, ViewAcrossTheAntimeridianStaysContiguous) {
  const Basemap full = parse_topojson_basemap(kAntimeridian, "antimeridian");
  const Basemap b = clip_basemap(full, {178, -20, -178, -14});
  ASSERT_EQ(b.countries.size(), 1u);
  EXPECT_EQ(b.countries[0].name, "Isle");
  const Extent e = extent_of(b.countries[0].shape[0].rings[0]);
  EXPECT_DOUBLE_EQ(e.west, 179);
  EXPECT_DOUBLE_EQ(e.east, 181);
}

TEST(ClipBasemap, WorldViewCutsAtTheAntimeridian) {
  const Basemap full = parse_topojson_basemap(kAntimeridian, "antimeridian");
  const Basemap b = clip_basemap(full, {-180, -90, 180, 90});
  ASSERT_EQ(b.countries.size(), 2u);
  ASSERT_EQ(b.countries[0].shape.size(), 2u);  // the isle in two halves
  const Extent east = extent_of(b.countries[0].shape[0].rings[0]);
  const Extent west = extent_of(b.countries[0].shape[1].rings[0]);
  EXPECT_DOUBLE_EQ(east.west, 179);
  EXPECT_DOUBLE_EQ(east.east, 180);
  EXPECT_DOUBLE_EQ(west.west, -180);
  EXPECT_DOUBLE_EQ(west.east, -179);
  // The polar ring fills down to the pole.
  EXPECT_DOUBLE_EQ(extent_of(b.countries[1].shape[0].rings[0]).south, -90);
}

// A view centred on 150 E shows longitudes -30 .. 330 in one piece.
TEST(ClipBasemap, ViewCentredAwayFromGreenwich) {
  const Basemap full = parse_topojson_basemap(kAntimeridian, "antimeridian");
  const Basemap b = clip_basemap(full, {-30, -90, -30.000001, 90});
  ASSERT_GE(b.countries.size(), 1u);
  ASSERT_EQ(b.countries[0].shape.size(), 1u);  // the isle is not cut: the seam is at -30
  const Extent e = extent_of(b.countries[0].shape[0].rings[0]);
  EXPECT_DOUBLE_EQ(e.west, 179);
  EXPECT_DOUBLE_EQ(e.east, 181);
}

// --- resolution ---------------------------------------------------------------------------

TEST(BasemapResolution, FollowsTheScale) {
  EXPECT_EQ(choose_basemap_resolution(1.5), BasemapResolution::k10m);
  EXPECT_EQ(choose_basemap_resolution(4.0), BasemapResolution::k10m);
  EXPECT_EQ(choose_basemap_resolution(4.1), BasemapResolution::k50m);
  EXPECT_EQ(choose_basemap_resolution(20.0), BasemapResolution::k50m);
  EXPECT_EQ(choose_basemap_resolution(33.0), BasemapResolution::k110m);
  EXPECT_EQ(to_string(BasemapResolution::k110m), "110m");
  EXPECT_EQ(to_string(BasemapResolution::k50m), "50m");
  EXPECT_EQ(to_string(BasemapResolution::k10m), "10m");
}

TEST(BasemapLoad, MissingDirectoryThrows) {
  EXPECT_THROW(load_basemap("/nonexistent/world-atlas", BasemapResolution::k110m), BasemapError);
}

// --- the real package, when scripts/setup.sh has fetched it ---------------------------------

class WorldAtlas : public ::testing::TestWithParam<BasemapResolution> {};

TEST_P(WorldAtlas, LoadsAndClipsCleanly) {
  const auto dir = default_world_atlas_dir();
  const auto file = dir / ("countries-" + std::string(to_string(GetParam())) + ".json");
  if (!std::filesystem::exists(file)) GTEST_SKIP() << file << " absent (run scripts/setup.sh)";
  const auto t0 = std::chrono::steady_clock::now();
  const Basemap b = load_basemap(dir, GetParam());
  const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0);
  std::cout << "[ timing ] countries-" << to_string(GetParam()) << ".json: " << ms.count()
            << " ms\n";
  EXPECT_EQ(b.resolution, to_string(GetParam()));
  EXPECT_GT(b.countries.size(), 170u);
  EXPECT_FALSE(b.land.empty());
  EXPECT_FALSE(b.borders.empty());
  EXPECT_FALSE(b.coastlines.empty());
  const auto mexico = std::find_if(b.countries.begin(), b.countries.end(),
                                   [](const BasemapCountry& c) { return c.name == "Mexico"; });
  ASSERT_NE(mexico, b.countries.end());
  EXPECT_EQ(mexico->id, "484");
  // Once clipped to the world, nothing strays past the antimeridian.
  const Basemap world = clip_basemap(b, {-180, -90, 180, 90});
  for (const geo::Polygon& p : world.land) {
    for (const geo::Ring& r : p.rings) {
      const Extent e = extent_of(r);
      EXPECT_GE(e.west, -180.0);
      EXPECT_LE(e.east, 180.0);
    }
  }
  // Fiji and Russia reach across it and come back in pieces on both sides.
  const auto fiji = std::find_if(world.countries.begin(), world.countries.end(),
                                 [](const BasemapCountry& c) { return c.name == "Fiji"; });
  ASSERT_NE(fiji, world.countries.end());
  bool east = false, west = false;
  for (const geo::Polygon& p : fiji->shape) {
    const Extent e = extent_of(p.rings[0]);
    east = east || e.east > 179.0;
    west = west || e.west < -179.0;
  }
  EXPECT_TRUE(east);
  EXPECT_TRUE(west);
}

INSTANTIATE_TEST_SUITE_P(Resolutions, WorldAtlas,
                         ::testing::Values(BasemapResolution::k110m, BasemapResolution::k50m,
                                           BasemapResolution::k10m),
                         [](const auto& test) {
                           return std::string("r") + std::string(to_string(test.param));
                         });

}  // namespace
}  // namespace incidentmap
