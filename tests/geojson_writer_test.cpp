#include "src/output/geojson_writer.h"

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogr_p.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <random>

#include "src/output/ogr_layer_writer.h"
#include "tests/output_fixtures.h"

namespace incidentmap {
namespace {

namespace fs = std::filesystem;
using testing_fixtures::fresh_dir;
using testing_fixtures::incident_layer;
using testing_fixtures::read_file;
using testing_fixtures::sources_layer;

// What GDAL's driver writes for `layer` with the options write_layers used to give it.
std::string gdal_text(const Layer& layer, OutputFormat format, const std::string& file_name) {
  // One folder per test: ctest runs the cases of this table in parallel processes.
  const fs::path path = fresh_dir(std::string("geojson-vs-gdal-") +
                                  ::testing::UnitTest::GetInstance()->current_test_info()->name()) /
                        file_name;
  const FormatTraits& t = traits(format);
  GdalScope scope;
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(t.driver.data());
  {
    GDALDatasetUniquePtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    OutputCrs crs("");
    write_layer(*ds, layer, t, crs, default_layer_options(t, layer, path.string()), {},
                path.string(), scope);
  }
  return read_file(path);
}

Layer edge_layer() {
  Layer l;
  l.name = "edges";
  l.description = "Edge cases / slashes \"quoted\" \x01 and Zürich";
  l.fields = {{"real", FieldType::Real},
              {"text", FieldType::String},
              {"list", FieldType::StringList},
              {"big", FieldType::Integer64}};
  const double reals[] = {0.1,  1.0 / 3, 1e20,       1e-7,     123456789.125, 0.30000000000000004,
                          -2.5, 100.0,   0.70000001, 1e300,    -0.0,          2.675,
                          1e15, 1e16,    1e17,       9.999999, 4.35,          0.000001};
  const geo::LonLat points[] = {{-179.0000004, 0.0000001},
                                {-100.9999996, -0.0000004},
                                {-179.9999999, 89.9999999},
                                {-120.1000001, 45.0000049},
                                {179.9999999, -90.0},
                                {-99.99999951, 9.99999951},
                                {0.0, -0.0},
                                {-150.000009, 12.3456785}};
  std::int64_t id = 0;
  for (const double r : reals) {
    for (const geo::LonLat& p : points) {
      l.features.push_back({id,
                            p,
                            {r, std::string("a/b</c>\t\x7f"), std::vector<std::string>{"x/y", ""},
                             std::int64_t{-1} << 62}});
      ++id;
    }
  }
  // Texts of 16 bytes and more are escaped by runs: escapes at their start, middle and end.
  l.features.push_back(
      {id++,
       geo::LonLat{12.5, -3.25},
       {0.5, std::string("\"a long text\\ with\ttabs / slashes, Zürich and \x1f\n"),
        std::vector<std::string>{"/sixteen bytes or more/", "exactly 16 bytes"},
        std::int64_t{42}}});
  l.features.push_back(
      {id, std::nullopt, {std::monostate{}, std::monostate{}, std::monostate{}, std::monostate{}}});
  return l;
}

Layer empty_layer() {
  Layer l = sources_layer();
  l.features.clear();
  return l;
}

struct SameAsGdalCase {
  const char* label;
  Layer (*layer)();
  OutputFormat format;
  const char* file_name;  // the extension picks GeoJSONSeq's record separator
};

class SameAsGdalTest : public ::testing::TestWithParam<SameAsGdalCase> {};

TEST_P(SameAsGdalTest, TextIsByteForByteWhatGdalWrites) {
  const SameAsGdalCase& c = GetParam();
  const Layer layer = c.layer();
  validate_layer(layer);
  EXPECT_EQ(geojson_text(layer, c.format, wants_record_separator(c.file_name)),
            gdal_text(layer, c.format, c.file_name));
}

Layer incidents() { return incident_layer(); }

INSTANTIATE_TEST_SUITE_P(
    Layers, SameAsGdalTest,
    ::testing::Values(
        SameAsGdalCase{"incidents", incidents, OutputFormat::GeoJSON, "a.geojson"},
        SameAsGdalCase{"sources", sources_layer, OutputFormat::GeoJSON, "a.geojson"},
        SameAsGdalCase{"edges", edge_layer, OutputFormat::GeoJSON, "a.geojson"},
        SameAsGdalCase{"empty", empty_layer, OutputFormat::GeoJSON, "a.geojson"},
        SameAsGdalCase{"incidents_seq", incidents, OutputFormat::GeoJSONSeq, "a.geojsonl"},
        SameAsGdalCase{"edges_seq", edge_layer, OutputFormat::GeoJSONSeq, "a.geojsonl"},
        SameAsGdalCase{"edges_rs", edge_layer, OutputFormat::GeoJSONSeq, "a.geojsons"},
        SameAsGdalCase{"empty_seq", empty_layer, OutputFormat::GeoJSONSeq, "a.geojsonl"}),
    [](const auto& p) { return std::string(p.param.label); });

// A layer of several blocks of features is written the same on any number of threads, and as
// geojson_text gives it.
TEST(WriteGeoJson, SameBytesOnSeveralThreads) {
  Layer layer = edge_layer();
  const Feature last = layer.features.back();
  for (std::int64_t id = last.id + 1; layer.features.size() < 5000; ++id) {
    layer.features.push_back(last);
    layer.features.back().id = id;
  }
  for (const OutputFormat format : {OutputFormat::GeoJSON, OutputFormat::GeoJSONSeq}) {
    const std::string expected = geojson_text(layer, format, true);
    for (const int threads : {1, 2, 3}) {
      const fs::path path = fresh_dir("write-geojson-threads") / "layer.geojson";
      {
        AtomicFile file(path.string());
        EXPECT_EQ(write_geojson(layer, format, true, file, threads), 5000);
        file.commit();
      }
      EXPECT_EQ(read_file(path), expected) << threads;
    }
  }
}

// Every 6-decimal value of a dense sample of the lon/lat range prints as GDAL prints it.
TEST(GeoJsonCoordinate, MatchesGdalOverTheWholeRange) {
  std::mt19937_64 random(42);
  std::uniform_real_distribution<double> any(-180.0, 180.0);
  std::vector<double> values = {0.0, -0.0, 1e-7, -1e-7, 180.0, -180.0, 90.0, -90.0};
  for (int i = 0; i < 200000; ++i) values.push_back(any(random));
  for (long long micro = -180000000; micro <= 180000000; micro += 999983) {
    for (int near = -12; near <= 12; ++near) values.push_back((micro + near) / 1e6);
  }
  // GDAL's "00000x" and "99999x" endings, special from -100 on: around every whole degree.
  for (long long whole = -180; whole <= 180; ++whole) {
    for (int near = -20; near <= 20; ++near) values.push_back((whole * 1000000 + near) / 1e6);
  }
  std::array<char, 75> buf{};
  for (const double v : values) {
    std::string ours;
    append_geojson_coordinate(ours, v);
    OGRFormatDouble(buf.data(), static_cast<int>(buf.size()), round_to_step(v, 1e-6), '.', 6, 'f');
    ASSERT_EQ(ours, buf.data()) << v;
  }
}

struct RealCase {
  double value;
  const char* text;
};

class GeoJsonRealTest : public ::testing::TestWithParam<RealCase> {};

TEST_P(GeoJsonRealTest, PrintsAsGdal) {
  std::string out;
  append_geojson_real(out, GetParam().value);
  EXPECT_EQ(out, GetParam().text);
}

INSTANTIATE_TEST_SUITE_P(Values, GeoJsonRealTest,
                         ::testing::Values(RealCase{1.0, "1.0"}, RealCase{0.875, "0.875"},
                                           RealCase{0.1, "0.1"}, RealCase{1e20, "1e+20"},
                                           RealCase{-2.5, "-2.5"},
                                           RealCase{1.0 / 3, "0.33333333333333331"}));

// GDAL's algorithm spelled out with printf: %.17g, or the first of %.16g..%.14g that has a point
// and no run of six 0s or 9s after it, when %.17g has such a run; ".0" when there is no point.
std::string printf_real(double v) {
  const auto format = [v](int precision) {
    std::array<char, 64> buf{};
    std::snprintf(buf.data(), buf.size(), "%.*g", precision, v);
    return std::string(buf.data());
  };
  const auto run = [](const std::string& text) {
    const std::size_t dot = text.find('.');
    return dot != std::string::npos && (text.find("000000", dot) != std::string::npos ||
                                        text.find("999999", dot) != std::string::npos);
  };
  std::string text = format(17);
  if (run(text)) {
    bool found = false;
    for (int precision = 16; precision >= 14 && !found; --precision) {
      text = format(precision);
      found = text.find('.') != std::string::npos && !run(text);
    }
    if (!found) text = format(17);
  }
  if (text.find('.') == std::string::npos && text.find('e') == std::string::npos) text += ".0";
  return text;
}

// The shortcut for short values (at most 9 significant digits) prints what the full algorithm
// prints: values rounded to 0-12 decimals across the magnitudes, the edges of the shortcut's
// range, and arbitrary doubles.
TEST(GeoJsonReal, MatchesThePrintfAlgorithm) {
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<double> values = {
      1e-4,       -1e-4,   9.9999e-5, 1e13,      -1e13,    9999999999999.0,
      1e13 - 0.5, 0.1,     0.2,       0.3,       1e-3,     123456789.0,
      1234567.5,  0.99999, 0.999999,  1.0000001, 100000.5, 0.0001234};
  for (int i = 0; i < 300000; ++i) {
    const double magnitude = std::pow(10.0, static_cast<int>(unit(random) * 20) - 6);
    const int decimals = static_cast<int>(unit(random) * 13);
    const double scale = std::pow(10.0, decimals);
    double v = std::round(unit(random) * magnitude * scale) / scale;
    if (i % 2 == 1) v = -v;
    values.push_back(v);
    values.push_back(std::round(unit(random) * 1e4) / 1e4);  // confidences, as the layers round
    values.push_back((unit(random) - 0.5) * magnitude);
  }
  for (const double v : values) {
    std::string ours;
    append_geojson_real(ours, v);
    ASSERT_EQ(ours, printf_real(v)) << std::hexfloat << v;
  }
}

}  // namespace
}  // namespace incidentmap
