#include "src/render/renderer.h"

#include "src/io/atomic_file.h"

// cairo.h includes its siblings with quotes, so this works without cairo's include path; the
// library itself comes with incidentmap_pipeline.
#include <cairo/cairo.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "geo/projection.h"

namespace incidentmap {
namespace {

const std::filesystem::path kGoldenDir =
    std::filesystem::path(INCIDENTMAP_SOURCE_DIR) / "tests" / "golden" / "render";

std::vector<MapFeature> mexico_features() {
  return {
      {{-107.39, 24.80}, "Culiacán", "Armed clash", 8.0, true},
      // A second incident at the same place: packed beside the first, labelled once.
      {{-107.39, 24.80}, "Culiacán", "Arrest", 0.0, true},
      {{-99.75, 19.33}, "Altiplano prison", "Prison escape", std::nullopt, true},
      {{-96.73, 17.06}, "Oaxaca", "Press statement", 0.0, true},
      {{-99.13, 19.43}, "Mexico City", "Protest", 0.0, true},
      {{-104.89, 21.51}, "Tepic", "", std::nullopt, false},
  };
}

// A hand-drawn stand-in for Natural Earth, so the golden image needs no data package.
Basemap toy_basemap() {
  Basemap b;
  const geo::Ring coast = {{-112, 30}, {-108, 22}, {-104, 19}, {-97, 15.5}, {-92, 14.5}, {-88, 17},
                           {-87, 21},  {-91, 21},  {-97, 22},  {-97, 30},   {-112, 30}};
  b.land.push_back({{coast}});
  b.coastlines.push_back(Line(coast.begin(), coast.end()));
  b.borders.push_back({{-92, 14.5}, {-91, 17}, {-89, 17.8}});
  b.countries.push_back({"Testland", "999", {{{coast}}}});
  // Two states split at 102 W (outlined inside the land only), and reference towns: a capital
  // under an incident (left out), a state seat, and a bigger suburb beside it (left out too).
  const auto square = [](double w, double s, double e, double n) {
    return geo::MultiPolygon{geo::Polygon{{{{w, s}, {e, s}, {e, n}, {w, n}, {w, s}}}}};
  };
  b.admin1.push_back({"Westria", square(-113, 13, -102, 31)});
  b.admin1.push_back({"Eastria", square(-102, 13, -86, 31)});
  b.towns.push_back({"Capital City", {-99.13, 19.43}, 9'000'000, true, false});
  b.towns.push_back({"Seatville", {-103.35, 20.67}, 1'400'000, false, true});
  b.towns.push_back({"Suburbia", {-103.40, 20.72}, 2'000'000, false, false});
  return b;
}

MapOptions golden_options() {
  MapOptions o;
  o.width_px = 600;
  o.height_px = 400;
  o.title = "Incidents, test region";
  o.date_range_text = "2024-09-14 – 2024-09-21";
  return o;
}

std::string render(const std::vector<MapFeature>& features, const MapOptions& options,
                   MapFormat format, const Basemap& basemap = toy_basemap()) {
  const MapView view = compute_map_view(features, options);
  return render_map(features, options, view, basemap, format).bytes;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// --- formats --------------------------------------------------------------------------------

TEST(MapFormat, FollowsTheExtension) {
  EXPECT_EQ(map_format_from_path("map.png"), MapFormat::kPng);
  EXPECT_EQ(map_format_from_path("out/Map.SVG"), MapFormat::kSvg);
  EXPECT_EQ(map_format_from_path("a.b.pdf"), MapFormat::kPdf);
  EXPECT_THROW(map_format_from_path("map.jpg"), RenderError);
  EXPECT_THROW(map_format_from_path("map"), RenderError);
}

// --- the view -------------------------------------------------------------------------------

TEST(MapView, FitsTheFeaturesBelowTheTitle) {
  const MapOptions o = golden_options();
  const MapView v = compute_map_view(mexico_features(), o);
  // 14 px of padding, 30 for the title line, 22 for the dates, at the smallest scale (0.75).
  EXPECT_DOUBLE_EQ(v.frame_y_px, 50.0);
  EXPECT_DOUBLE_EQ(v.frame_width_px, 600.0);
  EXPECT_DOUBLE_EQ(v.frame_height_px, 350.0);
  EXPECT_EQ(v.crs,
            "+proj=laea +lat_0=20.9300 +lon_0=-102.0600 +datum=WGS84 +units=m +no_defs +type=crs");
  // 12% padding each side of 10.66 x 7.74 degrees.
  EXPECT_NEAR(v.extent.west_deg, -107.39 - 0.12 * 10.66, 1e-9);
  EXPECT_NEAR(v.extent.north_deg, 24.80 + 0.12 * 7.74, 1e-9);
  // About 1,900 km across 600 px.
  EXPECT_GT(v.km_per_px, 3.0);
  EXPECT_LT(v.km_per_px, 3.5);
  for (const MapFeature& f : mexico_features()) {
    EXPECT_TRUE(geo::contains(v.visible, f.position));
  }
}

TEST(MapView, BboxOverridesTheFeatures) {
  MapOptions o;
  o.bbox = geo::LonLatBox{176, -20, -178, -15};
  const MapView v = compute_map_view({}, o);
  EXPECT_EQ(v.extent, *o.bbox);
  EXPECT_DOUBLE_EQ(v.frame_y_px, 0.0);  // no title, no dates: no band
  EXPECT_EQ(v.crs,
            "+proj=laea +lat_0=-17.5000 +lon_0=179.0000 +datum=WGS84 +units=m +no_defs +type=crs");
  EXPECT_TRUE(geo::crosses_antimeridian(v.visible));
  EXPECT_TRUE(geo::contains(v.visible, {-178.5, -17}));
  EXPECT_TRUE(geo::contains(v.visible, {176.5, -17}));
}

TEST(MapView, WorldMapsUseEqualEarth) {
  MapOptions o;
  o.bbox = geo::LonLatBox{-180, -90, 180, 90};
  const MapView v = compute_map_view({}, o);
  EXPECT_EQ(v.crs, "EPSG:8857");
  EXPECT_EQ(v.visible, (geo::LonLatBox{-180, -90, 180, 90}));
}

TEST(MapView, RefusesNothingToDrawAndSillySizes) {
  EXPECT_THROW(compute_map_view({}, MapOptions{}), RenderError);
  const std::vector<MapFeature> invalid = {{{200, 0}, "x", "y", std::nullopt, true}};
  EXPECT_THROW(compute_map_view(invalid, MapOptions{}), RenderError);
  MapOptions tiny;
  tiny.width_px = 10;
  EXPECT_THROW(compute_map_view(mexico_features(), tiny), RenderError);
  MapOptions flat = golden_options();  // a 50 px title band on a 70 px image
  flat.height_px = 70;
  EXPECT_THROW(compute_map_view(mexico_features(), flat), RenderError);
  flat.height_px = 64;
  flat.title.clear();
  flat.date_range_text.clear();
  EXPECT_NO_THROW(compute_map_view(mexico_features(), flat));
}

// --- output ---------------------------------------------------------------------------------

// The golden file is the reference rendering with the toy basemap. cairo and DejaVu Sans
// versions are part of it; after a deliberate change (or a font update) regenerate with
//   INCIDENTMAP_UPDATE_GOLDEN=1 build/release/tests/incidentmap_tests --gtest_filter='Render*'
// and look at the SVG before committing it.
TEST(RenderSvg, MatchesTheGoldenFile) {
  const std::string svg = render(mexico_features(), golden_options(), MapFormat::kSvg);
  const auto golden = kGoldenDir / "mexico-toy.svg";
  if (std::getenv("INCIDENTMAP_UPDATE_GOLDEN") != nullptr)
    write_file_atomically(golden.string(), svg);
  ASSERT_TRUE(std::filesystem::exists(golden)) << golden;
  EXPECT_TRUE(svg == read_file(golden)) << "differs from " << golden;
}

TEST(RenderSvg, IsByteIdenticalAcrossRunsAndInputOrder) {
  const std::string a = render(mexico_features(), golden_options(), MapFormat::kSvg);
  // Another surface in between moves cairo's internal counters.
  render(mexico_features(), golden_options(), MapFormat::kPng);
  std::vector<MapFeature> reversed = mexico_features();
  std::reverse(reversed.begin(), reversed.end());
  const std::string b = render(reversed, golden_options(), MapFormat::kSvg);
  EXPECT_TRUE(a == b);
  EXPECT_EQ(a.rfind("<?xml", 0), 0u);
  EXPECT_NE(a.find("width=\"600px\""), std::string::npos);
}

TEST(RenderPdf, IsByteIdenticalWithAFixedDate) {
  const std::string a = render(mexico_features(), golden_options(), MapFormat::kPdf);
  render(mexico_features(), golden_options(), MapFormat::kSvg);
  const std::string b = render(mexico_features(), golden_options(), MapFormat::kPdf);
  EXPECT_TRUE(a == b);
  EXPECT_EQ(a.rfind("%PDF-", 0), 0u);
  // cairo 1.16 leaves out the "D:" prefix of PDF dates.
  EXPECT_NE(a.find("/CreationDate (20000101000000Z)"), std::string::npos);
}

struct Png {
  int width = 0, height = 0;
  std::vector<std::uint32_t> pixels;  // ARGB
  std::uint32_t at(int x, int y) const { return pixels[static_cast<std::size_t>(y) * width + x]; }
};

Png decode_png(const std::string& bytes) {
  struct Reader {
    const std::string* data;
    std::size_t pos = 0;
  } reader{&bytes};
  cairo_surface_t* s = cairo_image_surface_create_from_png_stream(
      [](void* closure, unsigned char* out, unsigned int length) {
        auto* r = static_cast<Reader*>(closure);
        if (r->pos + length > r->data->size()) return CAIRO_STATUS_READ_ERROR;
        std::memcpy(out, r->data->data() + r->pos, length);
        r->pos += length;
        return CAIRO_STATUS_SUCCESS;
      },
      &reader);
  Png png;
  if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
    png.width = cairo_image_surface_get_width(s);
    png.height = cairo_image_surface_get_height(s);
    const int stride = cairo_image_surface_get_stride(s);
    const unsigned char* data = cairo_image_surface_get_data(s);
    for (int y = 0; y < png.height; ++y) {
      const auto* row = reinterpret_cast<const std::uint32_t*>(data + y * stride);
      png.pixels.insert(png.pixels.end(), row, row + png.width);
    }
  }
  cairo_surface_destroy(s);
  return png;
}

TEST(RenderPng, HasTheSizeAndShowsTheMap) {
  const MapOptions o = golden_options();
  const std::vector<MapFeature> features = mexico_features();
  const MapView view = compute_map_view(features, o);
  const RenderedMap map = render_map(features, o, view, toy_basemap(), MapFormat::kPng);
  EXPECT_EQ(map.features_drawn, 6);
  EXPECT_EQ(map.labels_placed, 5);
  EXPECT_EQ(map.labels_dropped, 0);
  const Png png = decode_png(map.bytes);
  ASSERT_EQ(png.width, 600);
  ASSERT_EQ(png.height, 400);
  std::set<std::uint32_t> colours(png.pixels.begin(), png.pixels.end());
  EXPECT_GT(colours.size(), 50u);        // not blank: sea, land, symbols, anti-aliased text
  EXPECT_EQ(png.at(2, 2), 0xffffffffu);  // the title band is white paper
  // The centre of Culiacán's symbol has the first palette colour (red, #d62728, 88% over land).
  const geo::Projection proj(view.crs);
  const geo::XY xy = proj.forward({-107.39, 24.80});
  const int x = static_cast<int>(view.frame_x_px + view.frame_width_px / 2 +
                                 (xy.x_m - view.center_x_m) / view.m_per_px);
  const int y = static_cast<int>(view.frame_y_px + view.frame_height_px / 2 -
                                 (xy.y_m - view.center_y_m) / view.m_per_px);
  const std::uint32_t p = png.at(x, y);
  const int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
  EXPECT_GT(r, 200);
  EXPECT_LT(g, 80);
  EXPECT_LT(b, 80);
}

TEST(RenderPng, IsByteIdenticalAcrossRuns) {
  EXPECT_TRUE(render(mexico_features(), golden_options(), MapFormat::kPng) ==
              render(mexico_features(), golden_options(), MapFormat::kPng));
}

TEST(RenderLabels, CrowdedLabelsAreDroppedNotOverlapped) {
  std::vector<MapFeature> crowd;
  for (int i = 0; i < 30; ++i) {
    crowd.push_back({{-100.0 + 0.01 * i, 20.0 + 0.01 * (i % 5)},
                     "Place number " + std::to_string(i),
                     "Protest",
                     1.0,
                     true});
  }
  MapOptions o;
  o.width_px = 400;
  o.height_px = 300;
  const MapView view = compute_map_view(crowd, o);
  const RenderedMap map = render_map(crowd, o, view, Basemap{}, MapFormat::kSvg);
  EXPECT_EQ(map.features_drawn, 30);
  EXPECT_GT(map.labels_placed, 0);
  EXPECT_GT(map.labels_dropped, 0);
  EXPECT_EQ(map.labels_placed + map.labels_dropped, 30);
}

TEST(RenderLabels, SameNameAtTheSamePlaceIsLabelledOnce) {
  const std::vector<MapFeature> twice = {{{-99.13, 19.43}, "Mexico City", "Protest", 0.0, true},
                                         {{-99.13, 19.43}, "Mexico City", "Arrest", 0.0, true}};
  const MapView view = compute_map_view(twice, MapOptions{});
  const RenderedMap map = render_map(twice, MapOptions{}, view, Basemap{}, MapFormat::kSvg);
  EXPECT_EQ(map.labels_placed, 1);
  EXPECT_EQ(map.labels_dropped, 0);
}

TEST(RenderLabels, CanBeSwitchedOff) {
  MapOptions o = golden_options();
  o.show_labels = false;
  const MapView view = compute_map_view(mexico_features(), o);
  const RenderedMap map = render_map(mexico_features(), o, view, toy_basemap(), MapFormat::kSvg);
  EXPECT_EQ(map.labels_placed, 0);
  EXPECT_EQ(map.features_drawn, 6);
}

TEST(RenderInput, BadFeaturesAndTextAreSurvived) {
  std::vector<MapFeature> features = mexico_features();
  features.push_back({{0, 95}, "nowhere", "Protest", 1.0, true});
  features.push_back({{-100, 20}, "bad \xff utf8", "type \xc3", -5.0, true});
  MapOptions o = golden_options();
  o.title = "bad \xe2\x82 title";
  const MapView view = compute_map_view(features, o);
  const RenderedMap map = render_map(features, o, view, toy_basemap(), MapFormat::kPng);
  EXPECT_EQ(map.features_skipped, 1);
  EXPECT_EQ(map.features_drawn, 7);
}

TEST(WriteFileAtomically, WritesReplacesAndReportsErrors) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("incidentmap-render-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = dir / "map.svg";
  write_file_atomically(path.string(), "one");
  write_file_atomically(path.string(), "two");
  EXPECT_EQ(read_file(path), "two");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir),
                          std::filesystem::directory_iterator()),
            1);  // no temporary file left behind
  EXPECT_THROW(write_file_atomically((dir / "missing" / "map.svg").string(), "x"), OutputError);
  std::filesystem::remove_all(dir);
}

TEST(RenderMapFile, WithoutBasemapWritesTheFile) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("incidentmap-render-file-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const MapFileReport report =
      render_map_file(mexico_features(), golden_options(), {}, dir / "map.pdf");
  EXPECT_TRUE(report.basemap_resolution.empty());
  EXPECT_EQ(report.map.features_drawn, 6);
  EXPECT_EQ(read_file(dir / "map.pdf").rfind("%PDF-", 0), 0u);
  EXPECT_THROW(render_map_file(mexico_features(), golden_options(), {}, dir / "map.gif"),
               RenderError);
  EXPECT_THROW(render_map_file(mexico_features(), golden_options(), "/nonexistent", dir / "m.png"),
               BasemapError);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace incidentmap
