#include "src/render/feature_layer.h"

#include <gtest/gtest.h>

#include <string>

namespace incidentmap {
namespace {

constexpr const char* kCollection = R"({"type": "FeatureCollection", "features": [
  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [-107.39, 24.80]},
   "properties": {"event_type": "Armed clash", "fatalities": 8, "place_name": "Culiacán",
                  "event_date": "2024-09-14"}},
  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [-99.75, 19.33, 2400]},
   "properties": {"event_type": "Prison escape", "fatalities": null, "place_name": "Altiplano",
                  "event_date": "2024-09-16T08:00:00Z"}},
  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [-104.89, 21.51]},
   "properties": {"name": "Tepic"}},
  {"type": "Feature", "geometry": null, "properties": {}},
  {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}},
  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [-99, 95]}},
  {"type": "Feature", "geometry": {"type": "Point", "coordinates": ["a", 1]}},
  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 1]},
   "properties": {"event_type": "Protest", "fatalities": "many"}},
  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 1]},
   "properties": {"event_type": "Protest", "event_date": "2024-02-30"}},
  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 1]},
   "properties": {"event_type": 7}},
  {"type": "Point", "coordinates": [1, 1]}
]})";

TEST(PointLayer, ReadsPointsAndReportsTheRest) {
  PointLayer layer;
  const gaz::ImportReport report = parse_point_layer(kCollection, "incidents.geojson", layer);
  EXPECT_EQ(report.rows_read, 11);
  EXPECT_EQ(report.rows_imported, 3);
  EXPECT_EQ(report.rows_skipped, 8);
  ASSERT_EQ(layer.features.size(), 3u);

  const MapFeature& clash = layer.features[0];
  EXPECT_EQ(clash.position, (geo::LonLat{-107.39, 24.80}));
  EXPECT_EQ(clash.label, "Culiacán");
  EXPECT_EQ(clash.category, "Armed clash");
  EXPECT_EQ(clash.size_value, 8.0);
  EXPECT_TRUE(clash.is_incident);

  EXPECT_EQ(layer.features[1].size_value, std::nullopt);
  EXPECT_EQ(layer.features[1].label, "Altiplano");
  // No event type: a place mention, labelled with `name`.
  EXPECT_FALSE(layer.features[2].is_incident);
  EXPECT_EQ(layer.features[2].label, "Tepic");

  EXPECT_EQ(layer.first_date, (CivilDate{2024, 9, 14}));
  EXPECT_EQ(layer.last_date, (CivilDate{2024, 9, 16}));

  ASSERT_EQ(report.issues.size(), 8u);
  const std::vector<std::pair<std::int64_t, std::string>> want = {
      {4, "no geometry"},
      {5, "geometry is LineString, not Point"},
      {6, "position (-99, 95) out of range"},
      {7, "Point coordinates are not [lon, lat] numbers"},
      {8, "property fatalities is not a number"},
      {9, "property event_date '2024-02-30' is not an ISO 8601 date"},
      {10, "property event_type is not a string"},
      {11, "not a Feature"}};
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(report.issues[i].file, "incidents.geojson");
    EXPECT_EQ(report.issues[i].line, want[i].first);
    EXPECT_EQ(report.issues[i].reason, want[i].second);
  }
}

TEST(PointLayer, ReadsGeoJsonSeqWithLineNumbers) {
  const std::string text =
      "\x1e{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [1, 2]}, "
      "\"properties\": {\"event_type\": \"Protest\", \"event_date\": \"2024-01-05\"}}\r\n"
      "\x1e{broken\n"
      "\n"
      "\x1e{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [3, 4]}, "
      "\"properties\": {\"event_type\": \"Protest\", \"event_date\": \"2024-01-02\"}}\n";
  PointLayer layer;
  const gaz::ImportReport report = parse_point_layer(text, "x.geojsons", layer);
  ASSERT_EQ(layer.features.size(), 2u);
  EXPECT_EQ(layer.features[1].position, (geo::LonLat{3, 4}));
  EXPECT_EQ(report.rows_skipped, 1);
  ASSERT_EQ(report.issues.size(), 1u);
  EXPECT_EQ(report.issues[0].line, 2);
  EXPECT_EQ(report.issues[0].reason, "malformed JSON");
  EXPECT_EQ(date_range_text(layer.first_date, layer.last_date), "2024-01-02 – 2024-01-05");
}

TEST(PointLayer, ReadsASingleFeatureAndNewlineDelimitedSeq) {
  PointLayer layer;
  parse_point_layer(R"({"type": "Feature", "geometry": {"type": "Point", "coordinates": [5, 6]}})",
                    "one.geojson", layer);
  parse_point_layer(
      "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": "
      "[7, 8]}}\n{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", "
      "\"coordinates\": [9, 10]}}\n",
      "two.geojsonl", layer);
  ASSERT_EQ(layer.features.size(), 3u);
  EXPECT_EQ(layer.features[2].position, (geo::LonLat{9, 10}));
  EXPECT_FALSE(layer.features[0].is_incident);
}

TEST(PointLayer, RejectsWhatIsNotGeoJson) {
  PointLayer layer;
  EXPECT_THROW(parse_point_layer("hello", "a.txt", layer), gaz::ImportError);
  EXPECT_THROW(parse_point_layer("[1, 2]", "a.json", layer), gaz::ImportError);
  EXPECT_THROW(parse_point_layer(R"({"type": "FeatureCollection"})", "a.json", layer),
               gaz::ImportError);
  EXPECT_THROW(read_point_layer("/nonexistent/layer.geojson", layer), gaz::ImportError);
}

TEST(DateRange, FormatsOneOrTwoDates) {
  EXPECT_EQ(date_range_text(CivilDate{2024, 9, 14}, CivilDate{2024, 9, 21}),
            "2024-09-14 – 2024-09-21");
  EXPECT_EQ(date_range_text(CivilDate{2024, 9, 14}, CivilDate{2024, 9, 14}), "2024-09-14");
  EXPECT_EQ(date_range_text(std::nullopt, CivilDate{2024, 9, 14}), "");
}

}  // namespace
}  // namespace incidentmap
