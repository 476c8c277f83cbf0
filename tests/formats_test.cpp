#include "src/output/formats.h"

#include <gtest/gtest.h>

namespace incidentmap {
namespace {

struct GuessCase {
  const char* path;
  std::optional<OutputFormat> expected;
};

class GuessFormatTest : public ::testing::TestWithParam<GuessCase> {};

TEST_P(GuessFormatTest, FromExtensionOrPrefix) {
  EXPECT_EQ(guess_format(GetParam().path), GetParam().expected) << GetParam().path;
}

INSTANTIATE_TEST_SUITE_P(
    Table, GuessFormatTest,
    ::testing::Values(GuessCase{"out/incidents.geojson", OutputFormat::GeoJSON},
                      GuessCase{"a.JSON", OutputFormat::GeoJSON},
                      GuessCase{"a.geojsonl", OutputFormat::GeoJSONSeq},
                      GuessCase{"a.geojsons", OutputFormat::GeoJSONSeq},
                      GuessCase{"a.ndjson", OutputFormat::GeoJSONSeq},
                      GuessCase{"a.jsonl", OutputFormat::GeoJSONSeq},
                      GuessCase{"a.gpkg", OutputFormat::GPKG},
                      GuessCase{"a.Csv", OutputFormat::CSV},
                      GuessCase{"a.fgb", OutputFormat::FlatGeobuf},
                      GuessCase{"a.kml", OutputFormat::KML},
                      GuessCase{"PG:dbname=gis host=localhost", OutputFormat::PostgreSQL},
                      GuessCase{"pg:dbname=gis", OutputFormat::PostgreSQL},
                      GuessCase{"a.kmz", std::nullopt}, GuessCase{"a.shp", std::nullopt},
                      GuessCase{"outdir/", std::nullopt}, GuessCase{"", std::nullopt}));

struct ParseCase {
  const char* name;
  std::optional<OutputFormat> expected;
};

class ParseFormatTest : public ::testing::TestWithParam<ParseCase> {};

TEST_P(ParseFormatTest, DriverNamesAndAliases) {
  EXPECT_EQ(parse_format(GetParam().name), GetParam().expected) << GetParam().name;
}

INSTANTIATE_TEST_SUITE_P(Table, ParseFormatTest,
                         ::testing::Values(ParseCase{"GeoJSON", OutputFormat::GeoJSON},
                                           ParseCase{"geojson", OutputFormat::GeoJSON},
                                           ParseCase{"GeoJSONSeq", OutputFormat::GeoJSONSeq},
                                           ParseCase{"geojsonl", OutputFormat::GeoJSONSeq},
                                           ParseCase{"GPKG", OutputFormat::GPKG},
                                           ParseCase{"GeoPackage", OutputFormat::GPKG},
                                           ParseCase{"CSV", OutputFormat::CSV},
                                           ParseCase{"FlatGeobuf", OutputFormat::FlatGeobuf},
                                           ParseCase{"fgb", OutputFormat::FlatGeobuf},
                                           ParseCase{"KML", OutputFormat::KML},
                                           ParseCase{"PostgreSQL", OutputFormat::PostgreSQL},
                                           ParseCase{"PostGIS", OutputFormat::PostgreSQL},
                                           ParseCase{"ESRI Shapefile", std::nullopt},
                                           ParseCase{"", std::nullopt}));

TEST(FormatTraits, TableIsInEnumOrderAndRoundTripsNames) {
  for (std::size_t i = 0; i < all_formats().size(); ++i) {
    const FormatTraits& t = all_formats()[i];
    EXPECT_EQ(static_cast<std::size_t>(t.format), i);
    EXPECT_EQ(parse_format(format_name(t.format)), t.format);
    if (!t.extension.empty()) {
      EXPECT_EQ(guess_format("x" + std::string(t.extension)), t.format);
    }
  }
  EXPECT_EQ(format_names_for_help(), "GeoJSON, GeoJSONSeq, GPKG, CSV, FlatGeobuf, KML, PostgreSQL");
  EXPECT_TRUE(wants_record_separator("a.GEOJSONS"));
  EXPECT_FALSE(wants_record_separator("a.geojsonl"));
}

}  // namespace
}  // namespace incidentmap
