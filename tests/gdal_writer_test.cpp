#include "src/output/gdal_writer.h"

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>
#include <sys/resource.h>

#include <csignal>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "src/output/ogr_layer_writer.h"
#include "tests/output_fixtures.h"

namespace incidentmap {
namespace {

namespace fs = std::filesystem;
using testing_fixtures::fresh_dir;
using testing_fixtures::golden;
using testing_fixtures::incident_layer;
using testing_fixtures::kTrickyText;
using testing_fixtures::read_file;
using testing_fixtures::sources_layer;

OutputSpec make_spec(std::string path, OutputFormat format, std::string t_srs = "") {
  OutputSpec spec;
  spec.path = std::move(path);
  spec.format = format;
  spec.t_srs = std::move(t_srs);
  return spec;
}

std::set<std::string> listing(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

GDALDatasetUniquePtr open_vector(const fs::path& path) {
  ensure_gdal_registered();
  return GDALDatasetUniquePtr(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
}

// ---- byte-exact text formats ----

struct GoldenCase {
  const char* label;
  OutputFormat format;
  const char* extension;
  // Files the format writes beside the data (extensions): for the incidents (a point layer)
  // and for the attribute-only sources table.
  std::vector<std::string> point_sidecars;
  std::vector<std::string> table_sidecars;
};

class GoldenTest : public ::testing::TestWithParam<GoldenCase> {};

// Every file of the run, sidecars included, is compared byte for byte.
TEST_P(GoldenTest, IncidentsAndSourcesMatchGoldenFiles) {
  const GoldenCase& c = GetParam();
  const fs::path dir = fresh_dir(std::string("golden-") + c.label);
  OutputSpec spec;
  spec.path = (dir / (std::string("incidents") + c.extension)).string();
  spec.format = c.format;
  const WriteResult result = write_layers({incident_layer(), sources_layer()}, spec);

  std::vector<std::string> expected_files;
  const auto add = [&](const std::string& stem, const std::vector<std::string>& sidecars) {
    expected_files.push_back(stem + c.extension);
    for (const std::string& ext : sidecars) expected_files.push_back(stem + ext);
  };
  add("incidents", c.point_sidecars);
  add("incidents_sources", c.table_sidecars);
  std::vector<std::string> expected_paths;
  for (const std::string& name : expected_files) expected_paths.push_back((dir / name).string());
  expected_paths.push_back((dir / "incidents.qml").string());
  EXPECT_EQ(result.files, expected_paths);
  std::set<std::string> expected_listing(expected_files.begin(), expected_files.end());
  expected_listing.insert("incidents.qml");
  EXPECT_EQ(listing(dir), expected_listing);
  EXPECT_TRUE(result.warnings.empty()) << result.warnings.front();
  for (const std::string& name : expected_files) {
    const std::string actual = read_file(dir / name);
    EXPECT_EQ(actual, golden(name, actual)) << name;
  }
  EXPECT_EQ(read_file(dir / "incidents.qml"), to_qml(*incident_layer().style));
}

INSTANTIATE_TEST_SUITE_P(
    Formats, GoldenTest,
    ::testing::Values(GoldenCase{"geojson", OutputFormat::GeoJSON, ".geojson", {}, {}},
                      GoldenCase{"geojsonl", OutputFormat::GeoJSONSeq, ".geojsonl", {}, {}},
                      GoldenCase{"geojsons", OutputFormat::GeoJSONSeq, ".geojsons", {}, {}},
                      GoldenCase{
                          "csv", OutputFormat::CSV, ".csv", {".csvt", ".prj"}, {".csvt", ".prj"}},
                      GoldenCase{"kml", OutputFormat::KML, ".kml", {}, {}}),
    [](const auto& p) { return std::string(p.param.label); });

// FlatGeobuf holds point layers whose features all have a point; its bytes are reproducible
// (no timestamps), so the golden file is the binary itself.
TEST(FlatGeobuf, MatchesTheGoldenFile) {
  const fs::path dir = fresh_dir("golden-fgb");
  const WriteResult result =
      write_layers({incident_layer(false)},
                   make_spec((dir / "incidents.fgb").string(), OutputFormat::FlatGeobuf));
  EXPECT_EQ(listing(dir), (std::set<std::string>{"incidents.fgb", "incidents.qml"}));
  const std::string bytes = read_file(dir / "incidents.fgb");
  EXPECT_TRUE(bytes == golden("incidents.fgb", bytes)) << "differs from incidents.fgb";
}

// A GeoPackage is a SQLite file whose bytes depend on the SQLite version, so its golden file is
// a text dump of what a reader sees: every table GDAL lists (layer_styles included) with its
// geometry type, CRS, FID and geometry columns, field types, subtypes and widths, and every
// feature with its FID, geometry and values; then the gpkg_contents rows.
std::string dump_dataset(GDALDataset& ds) {
  std::string out;
  for (OGRLayer* layer : ds.GetLayers()) {
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    const OGRSpatialReference* srs = layer->GetSpatialRef();
    out += "layer " + std::string(layer->GetName()) + ": " +
           OGRGeometryTypeToName(layer->GetGeomType()) + ", CRS " +
           (srs ? std::string(srs->GetAuthorityName(nullptr)) + ":" + srs->GetAuthorityCode(nullptr)
                : std::string("none")) +
           ", fid " + layer->GetFIDColumn() + ", geometry '" + layer->GetGeometryColumn() + "'\n";
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
      const OGRFieldDefn* fd = defn->GetFieldDefn(i);
      out += "  field " + std::string(fd->GetNameRef()) + " " +
             OGRFieldDefn::GetFieldTypeName(fd->GetType());
      if (fd->GetSubType() != OFSTNone) {
        out += "(" + std::string(OGRFieldDefn::GetFieldSubTypeName(fd->GetSubType())) + ")";
      }
      if (fd->GetWidth() > 0) out += " width " + std::to_string(fd->GetWidth());
      out += "\n";
    }
    layer->ResetReading();
    for (auto& f : *layer) {
      out += "  feature " + std::to_string(f->GetFID());
      if (const OGRGeometry* g = f->GetGeometryRef()) out += " " + g->exportToWkt();
      out += "\n";
      for (int i = 0; i < defn->GetFieldCount(); ++i) {
        const std::string name = defn->GetFieldDefn(i)->GetNameRef();
        const std::string value =
            f->IsFieldNull(i) ? std::string("null") : nlohmann::json(f->GetFieldAsString(i)).dump();
        out += "    " + name + " = " + value + "\n";
      }
    }
  }
  OGRLayer* contents = ds.ExecuteSQL(
      "SELECT table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, "
      "max_y, srs_id FROM gpkg_contents ORDER BY table_name",
      nullptr, nullptr);
  if (contents != nullptr) {
    for (auto& f : *contents) {
      out += "gpkg_contents";
      for (int i = 0; i < f->GetFieldCount(); ++i) {
        out += " | " + std::string(f->IsFieldNull(i) ? "null" : f->GetFieldAsString(i));
      }
      out += "\n";
    }
    ds.ReleaseResultSet(contents);
  }
  return out;
}

TEST(GeoPackage, ContentMatchesTheGoldenDump) {
  const fs::path dir = fresh_dir("golden-gpkg");
  const OutputSpec spec = make_spec((dir / "incidents.gpkg").string(), OutputFormat::GPKG);
  write_layers({incident_layer(), sources_layer()}, spec);
  auto ds = open_vector(spec.path);
  ASSERT_TRUE(ds);
  const std::string dump = dump_dataset(*ds);
  EXPECT_EQ(dump, golden("incidents.gpkg.txt", dump));
}

TEST(GeoJson, IsRfc7946AndKeepsTrickyTextAsValidJson) {
  const fs::path dir = fresh_dir("geojson-json");
  OutputSpec spec = make_spec((dir / "i.geojson").string(), OutputFormat::GeoJSON);
  write_layers({incident_layer()}, spec);
  const auto doc = nlohmann::json::parse(read_file(dir / "i.geojson"));
  EXPECT_FALSE(doc.contains("crs"));
  EXPECT_EQ(doc["name"], "incidents");
  const auto& f = doc["features"];
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(f[0]["id"], 1);
  EXPECT_EQ(f[0]["geometry"]["coordinates"], nlohmann::json::parse("[-99.133208, 19.432608]"));
  EXPECT_EQ(f[2]["geometry"]["coordinates"], nlohmann::json::parse("[180.0, -89.5]"));
  EXPECT_EQ(f[0]["properties"]["notes"], kTrickyText);
  EXPECT_EQ(f[0]["properties"]["event_date"], "2021-03-14");
  EXPECT_EQ(f[0]["properties"]["updated"], "2021-03-15T06:05:04Z");
  EXPECT_EQ(f[0]["properties"]["civilian_targeting"], true);
  EXPECT_EQ(f[1]["properties"]["sources"], nlohmann::json::array());
  EXPECT_TRUE(f[1]["properties"]["notes"].is_null());  // "" is written as null
  EXPECT_TRUE(f[2]["properties"]["fatalities"].is_null());
  EXPECT_TRUE(f[3]["geometry"].is_null());
}

TEST(GeoJsonSeq, EveryRecordParsesAndStartsWithRecordSeparator) {
  const fs::path dir = fresh_dir("geojsonseq-json");
  OutputSpec spec = make_spec((dir / "i.geojsons").string(), OutputFormat::GeoJSONSeq);
  write_layers({incident_layer()}, spec);
  const std::string text = read_file(dir / "i.geojsons");
  std::vector<nlohmann::json> records;
  std::size_t start = 0;
  while (start < text.size()) {
    ASSERT_EQ(text[start], '\x1e');
    const std::size_t end = text.find('\n', start);
    ASSERT_NE(end, std::string::npos);
    records.push_back(nlohmann::json::parse(text.substr(start + 1, end - start - 1)));
    start = end + 1;
  }
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[0]["properties"]["notes"], kTrickyText);
  EXPECT_EQ(records[3]["id"], 9);
}

// ---- binary formats, read back with OGR ----

struct ExpectedField {
  const char* name;
  OGRFieldType type;
  OGRFieldSubType subtype;
};

void expect_fields(OGRLayer* layer, const std::vector<ExpectedField>& expected) {
  OGRFeatureDefn* defn = layer->GetLayerDefn();
  ASSERT_EQ(defn->GetFieldCount(), static_cast<int>(expected.size()));
  for (int i = 0; i < defn->GetFieldCount(); ++i) {
    const OGRFieldDefn* fd = defn->GetFieldDefn(i);
    EXPECT_STREQ(fd->GetNameRef(), expected[i].name);
    EXPECT_EQ(fd->GetType(), expected[i].type) << expected[i].name;
    EXPECT_EQ(fd->GetSubType(), expected[i].subtype) << expected[i].name;
  }
}

// Feature 1 of the fixture, as any typed format reads it back.
void expect_first_incident(OGRFeature& f, double x, double y) {
  EXPECT_STREQ(f.GetFieldAsString("event_id"), "inc-1");
  EXPECT_STREQ(f.GetFieldAsString("event_type"), "explosion");
  int year, month, day, hour, minute, tz;
  float second;
  ASSERT_TRUE(f.GetFieldAsDateTime(f.GetFieldIndex("event_date"), &year, &month, &day, &hour,
                                   &minute, &second, &tz));
  EXPECT_EQ(year * 10000 + month * 100 + day, 20210314);
  ASSERT_TRUE(f.GetFieldAsDateTime(f.GetFieldIndex("updated"), &year, &month, &day, &hour, &minute,
                                   &second, &tz));
  EXPECT_EQ(year * 10000 + month * 100 + day, 20210315);
  EXPECT_EQ(hour * 10000 + minute * 100 + static_cast<int>(second), 60504);
  EXPECT_EQ(tz, 100);
  EXPECT_EQ(f.GetFieldAsInteger64("fatalities"), 12);
  EXPECT_EQ(f.GetFieldAsDouble("confidence"), 0.875);
  EXPECT_STREQ(f.GetFieldAsString("sources"),
               R"(["https://example.org/a","https://example.net/b?x=1&y=2"])");
  EXPECT_EQ(f.GetFieldAsInteger("civilian_targeting"), 1);
  EXPECT_EQ(f.GetFieldAsString("notes"), kTrickyText);
  const OGRGeometry* g = f.GetGeometryRef();
  ASSERT_NE(g, nullptr);
  ASSERT_EQ(wkbFlatten(g->getGeometryType()), wkbPoint);
  EXPECT_EQ(g->toPoint()->getX(), x);
  EXPECT_EQ(g->toPoint()->getY(), y);
}

TEST(GeoPackage, HoldsAllLayersTypedWithStylesAndIsReproducible) {
  const fs::path dir = fresh_dir("gpkg");
  OutputSpec spec = make_spec((dir / "out.gpkg").string(), OutputFormat::GPKG);
  const WriteResult result = write_layers({incident_layer(), sources_layer()}, spec);
  EXPECT_EQ(result.files, std::vector<std::string>{spec.path});
  EXPECT_EQ(listing(dir), std::set<std::string>{"out.gpkg"});  // no sidecar .qml

  auto ds = open_vector(spec.path);
  ASSERT_TRUE(ds);
  ASSERT_EQ(ds->GetLayerCount(), 3);
  OGRLayer* incidents = ds->GetLayerByName("incidents");
  ASSERT_NE(incidents, nullptr);
  EXPECT_EQ(incidents->GetGeomType(), wkbPoint);
  EXPECT_STREQ(incidents->GetSpatialRef()->GetAuthorityCode(nullptr), "4326");
  EXPECT_STREQ(incidents->GetFIDColumn(), "fid");
  EXPECT_STREQ(incidents->GetGeometryColumn(), "geom");
  EXPECT_EQ(incidents->GetFeatureCount(), 4);
  expect_fields(incidents, {{"event_id", OFTString, OFSTNone},
                            {"event_type", OFTString, OFSTNone},
                            {"event_date", OFTDate, OFSTNone},
                            {"fatalities", OFTInteger64, OFSTNone},
                            {"confidence", OFTReal, OFSTNone},
                            {"sources", OFTString, OFSTJSON},
                            {"civilian_targeting", OFTInteger, OFSTBoolean},
                            {"updated", OFTDateTime, OFSTNone},
                            {"notes", OFTString, OFSTNone}});
  OGRFeatureUniquePtr first(incidents->GetFeature(1));
  ASSERT_TRUE(first);
  expect_first_incident(*first, -99.133208, 19.432608);
  OGRFeatureUniquePtr seventh(incidents->GetFeature(7));
  ASSERT_TRUE(seventh);
  EXPECT_TRUE(seventh->IsFieldNull(seventh->GetFieldIndex("fatalities")));
  OGRFeatureUniquePtr second(incidents->GetFeature(2));
  EXPECT_TRUE(second->IsFieldNull(second->GetFieldIndex("notes")));
  OGRFeatureUniquePtr ninth(incidents->GetFeature(9));
  EXPECT_EQ(ninth->GetGeometryRef(), nullptr);

  OGRLayer* sources = ds->GetLayerByName("sources");
  ASSERT_NE(sources, nullptr);
  EXPECT_EQ(sources->GetGeomType(), wkbNone);
  EXPECT_EQ(sources->GetFeatureCount(), 2);
  EXPECT_EQ(sources->GetLayerDefn()->GetFieldDefn(1)->GetWidth(), 200);

  OGRLayer* styles = ds->GetLayerByName("layer_styles");
  ASSERT_NE(styles, nullptr);
  ASSERT_EQ(styles->GetFeatureCount(), 1);
  OGRFeatureUniquePtr style(styles->GetNextFeature());
  EXPECT_STREQ(style->GetFieldAsString("f_table_name"), "incidents");
  EXPECT_STREQ(style->GetFieldAsString("f_table_schema"), "");
  EXPECT_STREQ(style->GetFieldAsString("f_geometry_column"), "geom");
  EXPECT_EQ(style->GetFieldAsInteger("useAsDefault"), 1);
  EXPECT_EQ(style->GetFieldAsString("styleQML"), to_qml(*incident_layer().style));
  EXPECT_STREQ(style->GetFieldAsString("update_time"), "1970/01/01 00:00:00+00");
  ds.reset();

  const fs::path again = fresh_dir("gpkg-again");
  spec.path = (again / "out.gpkg").string();
  write_layers({incident_layer(), sources_layer()}, spec);
  EXPECT_EQ(read_file(dir / "out.gpkg"), read_file(again / "out.gpkg"));
}

TEST(GeoPackage, ReprojectsWithTSrs) {
  const fs::path dir = fresh_dir("gpkg-3857");
  OutputSpec spec = make_spec((dir / "m.gpkg").string(), OutputFormat::GPKG, "EPSG:3857");
  write_layers({incident_layer()}, spec);
  auto ds = open_vector(spec.path);
  ASSERT_TRUE(ds);
  OGRLayer* layer = ds->GetLayerByName("incidents");
  EXPECT_STREQ(layer->GetSpatialRef()->GetAuthorityCode(nullptr), "3857");
  OGRFeatureUniquePtr first(layer->GetFeature(1));
  expect_first_incident(*first, -11035458.25, 2205935.27);
}

TEST(FlatGeobuf, ReadsBackTypedWithAnIdColumn) {
  const fs::path dir = fresh_dir("fgb");
  OutputSpec spec = make_spec((dir / "i.fgb").string(), OutputFormat::FlatGeobuf);
  write_layers({incident_layer(false)}, spec);
  EXPECT_EQ(listing(dir), (std::set<std::string>{"i.fgb", "i.qml"}));
  auto ds = open_vector(spec.path);
  ASSERT_TRUE(ds);
  OGRLayer* layer = ds->GetLayer(0);
  EXPECT_EQ(layer->GetGeomType(), wkbPoint);
  EXPECT_STREQ(layer->GetSpatialRef()->GetAuthorityCode(nullptr), "4326");
  EXPECT_EQ(layer->GetFeatureCount(), 3);
  expect_fields(layer, {{"id", OFTInteger64, OFSTNone},
                        {"event_id", OFTString, OFSTNone},
                        {"event_type", OFTString, OFSTNone},
                        {"event_date", OFTDateTime, OFSTNone},
                        {"fatalities", OFTInteger64, OFSTNone},
                        {"confidence", OFTReal, OFSTNone},
                        {"sources", OFTString, OFSTNone},  // FlatGeobuf keeps no JSON subtype
                        {"civilian_targeting", OFTInteger, OFSTBoolean},
                        {"updated", OFTDateTime, OFSTNone},
                        {"notes", OFTString, OFSTNone}});
  std::set<GIntBig> ids;
  for (auto& f : *layer) {
    ids.insert(f->GetFieldAsInteger64("id"));
    if (f->GetFieldAsInteger64("id") == 1) expect_first_incident(*f, -99.133208, 19.432608);
  }
  EXPECT_EQ(ids, (std::set<GIntBig>{1, 2, 7}));
}

TEST(FlatGeobuf, RefusesWhatItWouldSilentlyDrop) {
  const fs::path dir = fresh_dir("fgb-null");
  OutputSpec spec = make_spec((dir / "i.fgb").string(), OutputFormat::FlatGeobuf);
  try {
    write_layers({incident_layer(true)}, spec);
    FAIL();
  } catch (const OutputError& e) {
    EXPECT_EQ(std::string(e.what()),
              spec.path +
                  ": layer 'incidents' has features without a point, which FlatGeobuf "
                  "cannot store (use GPKG)");
  }
  EXPECT_TRUE(listing(dir).empty());
}

TEST(Csv, WritesWktInTheOutputCrsAndLonLatInWgs84) {
  const fs::path dir = fresh_dir("csv-3857");
  OutputSpec spec = make_spec((dir / "i.csv").string(), OutputFormat::CSV, "EPSG:3857");
  write_layers({incident_layer()}, spec);
  const std::string text = read_file(dir / "i.csv");
  EXPECT_EQ(text.substr(0, text.find('\n')),
            "WKT,id,lon,lat,event_id,event_type,event_date,fatalities,confidence,sources,"
            "civilian_targeting,updated,notes");
  EXPECT_NE(text.find("\"POINT (-11035458.25 2205935.27)\",1,-99.133208,19.432608,inc-1,"),
            std::string::npos)
      << text;
}

// The .csvt and .prj sidecars make GDAL (and so QGIS) read the CSV typed and in its CRS:
// ISO dates as dates, JSON lists as lists, the WKT column as points in EPSG:3857.
TEST(Csv, ReadsBackTypedAndInItsCrsThroughTheSidecars) {
  const fs::path dir = fresh_dir("csv-typed");
  OutputSpec spec = make_spec((dir / "i.csv").string(), OutputFormat::CSV, "EPSG:3857");
  const WriteResult result = write_layers({incident_layer()}, spec);
  EXPECT_EQ(result.files,
            (std::vector<std::string>{spec.path, (dir / "i.csvt").string(),
                                      (dir / "i.prj").string(), (dir / "i.qml").string()}));
  auto ds = open_vector(spec.path);
  ASSERT_TRUE(ds);
  OGRLayer* layer = ds->GetLayer(0);
  ASSERT_NE(layer->GetSpatialRef(), nullptr);
  EXPECT_STREQ(layer->GetSpatialRef()->GetAuthorityCode(nullptr), "3857");
  expect_fields(layer, {{"WKT", OFTString, OFSTNone},
                        {"id", OFTInteger64, OFSTNone},
                        {"lon", OFTReal, OFSTNone},
                        {"lat", OFTReal, OFSTNone},
                        {"event_id", OFTString, OFSTNone},
                        {"event_type", OFTString, OFSTNone},
                        {"event_date", OFTDate, OFSTNone},
                        {"fatalities", OFTInteger64, OFSTNone},
                        {"confidence", OFTReal, OFSTNone},
                        {"sources", OFTStringList, OFSTNone},
                        {"civilian_targeting", OFTInteger, OFSTBoolean},
                        {"updated", OFTDateTime, OFSTNone},
                        {"notes", OFTString, OFSTNone}});
  OGRFeatureUniquePtr first(layer->GetNextFeature());
  ASSERT_TRUE(first);
  int y = 0, m = 0, d = 0, hh = 0, mm = 0, tz = 0;
  float ss = 0;
  first->GetFieldAsDateTime(first->GetFieldIndex("event_date"), &y, &m, &d, &hh, &mm, &ss, &tz);
  EXPECT_EQ(std::tuple(y, m, d), std::tuple(2021, 3, 14));
  first->GetFieldAsDateTime(first->GetFieldIndex("updated"), &y, &m, &d, &hh, &mm, &ss, &tz);
  EXPECT_EQ(std::tuple(y, m, d, hh, mm, static_cast<int>(ss), tz),
            std::tuple(2021, 3, 15, 6, 5, 4, 100));
  char** list = first->GetFieldAsStringList(first->GetFieldIndex("sources"));
  ASSERT_EQ(CSLCount(list), 2);
  EXPECT_STREQ(list[1], "https://example.net/b?x=1&y=2");
  const OGRGeometry* g = first->GetGeometryRef();
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->toPoint()->getX(), -11035458.25);
}

TEST(TSrs, RefusedWhereTheFormatIsWgs84ByDefinition) {
  const fs::path dir = fresh_dir("geojson-3857");
  for (auto [format, ext] :
       {std::pair{OutputFormat::GeoJSON, ".geojson"},
        std::pair{OutputFormat::GeoJSONSeq, ".geojsonl"}, std::pair{OutputFormat::KML, ".kml"}}) {
    // Distinct stems: the style sidecar is STEM.qml whatever the format.
    OutputSpec spec =
        make_spec((dir / (std::string(format_name(format)) + ext)).string(), format, "EPSG:3857");
    try {
      write_layers({incident_layer()}, spec);
      FAIL() << ext;
    } catch (const OutputError& e) {
      EXPECT_EQ(std::string(e.what()), "-t_srs: " + std::string(format_name(format)) +
                                           " output is always WGS84 longitude/latitude");
    }
    spec.t_srs = "EPSG:4326";  // equivalent to the default: fine
    EXPECT_NO_THROW(write_layers({incident_layer()}, spec));
  }
}

TEST(Kml, RefusesIntegersBeyond32Bits) {
  const fs::path dir = fresh_dir("kml-int64");
  Layer layer = incident_layer();
  layer.features[1].values[3] = std::int64_t{5000000000};
  OutputSpec spec = make_spec((dir / "i.kml").string(), OutputFormat::KML);
  try {
    write_layers({layer}, spec);
    FAIL();
  } catch (const OutputError& e) {
    EXPECT_EQ(std::string(e.what()), spec.path +
                                         ": layer 'incidents' feature 2, field 'fatalities': KML "
                                         "holds 32-bit integers only, not 5000000000");
  }
  EXPECT_TRUE(listing(dir).empty());
}

// ---- paths, overwrite, atomicity ----

struct PlanCase {
  const char* label;
  std::string path;  // relative to the test directory; "{dir}" is replaced by it
  OutputFormat format;
  std::vector<std::string> expected;  // relative to the test directory
};

class PlanTest : public ::testing::TestWithParam<PlanCase> {};

TEST_P(PlanTest, NamesOneFilePerLayerOrOneDataset) {
  const fs::path dir = fresh_dir(std::string("plan-") + GetParam().label);
  const PlanCase& c = GetParam();
  OutputSpec spec = make_spec((dir / c.path).string(), c.format);
  if (c.path.empty()) spec.path = dir.string();
  std::vector<std::string> expected;
  for (const std::string& e : c.expected) expected.push_back((dir / e).string());
  EXPECT_EQ(plan_layer_paths({incident_layer(), sources_layer()}, spec), expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, PlanTest,
    ::testing::Values(
        PlanCase{"plain", "a.geojson", OutputFormat::GeoJSON, {"a.geojson", "a_sources.geojson"}},
        PlanCase{"pattern",
                 "run1-{layer}.csv",
                 OutputFormat::CSV,
                 {"run1-incidents.csv", "run1-sources.csv"}},
        PlanCase{"existing_dir", "", OutputFormat::FlatGeobuf, {"incidents.fgb", "sources.fgb"}},
        PlanCase{"slash_dir",
                 "new/",
                 OutputFormat::GeoJSONSeq,
                 {"new/incidents.geojsonl", "new/sources.geojsonl"}},
        PlanCase{"gpkg", "all.gpkg", OutputFormat::GPKG, {"all.gpkg", "all.gpkg"}}),
    [](const auto& p) { return std::string(p.param.label); });

TEST(PlanLayerPaths, RejectsPatternsThatCollideOrSitInDirectories) {
  OutputSpec spec = make_spec("out/{layer}/x.geojson", OutputFormat::GeoJSON);
  EXPECT_THROW(plan_layer_paths({incident_layer()}, spec), OutputError);
  spec.path = "out/fixed.geojson";
  EXPECT_NO_THROW(plan_layer_paths({incident_layer(), sources_layer()}, spec));
  spec.path = "";
  EXPECT_THROW(plan_layer_paths({incident_layer()}, spec), OutputError);
  EXPECT_EQ(style_path_for("a/b.c.geojsonl"), "a/b.c.qml");
}

TEST(Atomicity, MissingDirectoryFailsWithoutCreatingAnything) {
  OutputSpec spec = make_spec("/nonexistent/dir/out.geojson", OutputFormat::GeoJSON);
  try {
    write_layers({incident_layer()}, spec);
    FAIL();
  } catch (const OutputError& e) {
    EXPECT_STREQ(e.what(), "/nonexistent/dir: output directory does not exist");
  }
  EXPECT_FALSE(fs::exists("/nonexistent"));
}

TEST(Atomicity, NeverReplacesDevicesAndKeepsExistingFilesWithoutOverwrite) {
  OutputSpec device = make_spec("/dev/full", OutputFormat::GeoJSON);
  try {
    write_layers({incident_layer()}, device);
    FAIL();
  } catch (const OutputError& e) {
    EXPECT_STREQ(e.what(), "/dev/full: exists and is not a regular file; not replacing it");
  }
  EXPECT_TRUE(fs::is_character_file("/dev/full"));

  const fs::path dir = fresh_dir("overwrite");
  std::ofstream(dir / "i.geojson") << "old";
  OutputSpec spec = make_spec((dir / "i.geojson").string(), OutputFormat::GeoJSON);
  try {
    write_layers({incident_layer()}, spec);
    FAIL();
  } catch (const OutputError& e) {
    EXPECT_EQ(std::string(e.what()), spec.path + ": already exists (use -overwrite to replace it)");
  }
  EXPECT_EQ(read_file(dir / "i.geojson"), "old");
  spec.overwrite = true;
  write_layers({incident_layer()}, spec);
  EXPECT_EQ(read_file(dir / "i.geojson").substr(0, 1), "{");
  EXPECT_EQ(listing(dir), (std::set<std::string>{"i.geojson", "i.qml"}));
}

TEST(Atomicity, FailureInALaterLayerLeavesNoFileOfAnyLayer) {
  const fs::path dir = fresh_dir("later-layer");
  Layer big = sources_layer();
  big.features[1].values[0] = std::int64_t{1} << 40;  // beyond KML's 32-bit int
  OutputSpec spec = make_spec((dir / "i.kml").string(), OutputFormat::KML);
  EXPECT_THROW(write_layers({incident_layer(), big}, spec), OutputError);
  EXPECT_TRUE(listing(dir).empty());
}

// A full disk, simulated with a file size limit: the write must fail and leave nothing.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    getrlimit(RLIMIT_FSIZE, &saved_);
    old_handler_ = std::signal(SIGXFSZ, SIG_IGN);
    rlimit limit = saved_;
    limit.rlim_cur = bytes;
    setrlimit(RLIMIT_FSIZE, &limit);
  }
  ~FileSizeLimit() {
    setrlimit(RLIMIT_FSIZE, &saved_);
    std::signal(SIGXFSZ, old_handler_);
  }

 private:
  rlimit saved_{};
  void (*old_handler_)(int) = nullptr;
};

struct FullDiskCase {
  const char* label;
  OutputFormat format;
  const char* file;
};

class FullDiskTest : public ::testing::TestWithParam<FullDiskCase> {};

TEST_P(FullDiskTest, FailsWithOutputErrorAndLeavesNoFile) {
  const fs::path dir = fresh_dir(std::string("full-") + GetParam().label);
  Layer layer = incident_layer(false);
  const Feature model = layer.features[0];
  for (std::int64_t id = 100; id < 3000; ++id) {
    Feature f = model;
    f.id = id;
    layer.features.push_back(f);
  }
  OutputSpec spec = make_spec((dir / GetParam().file).string(), GetParam().format);
  {
    FileSizeLimit limit(64 * 1024);
    try {
      write_layers({layer}, spec);
      ADD_FAILURE() << "no error";
    } catch (const OutputError& e) {
      // Either GDAL reported the failed write or the read-back found the file short.
      EXPECT_EQ(std::string(e.what()).rfind(spec.path + ":", 0), 0u) << e.what();
    }
  }
  EXPECT_TRUE(listing(dir).empty());
}

INSTANTIATE_TEST_SUITE_P(
    Formats, FullDiskTest,
    ::testing::Values(FullDiskCase{"geojson", OutputFormat::GeoJSON, "i.geojson"},
                      FullDiskCase{"geojsonl", OutputFormat::GeoJSONSeq, "i.geojsonl"},
                      FullDiskCase{"csv", OutputFormat::CSV, "i.csv"},
                      FullDiskCase{"kml", OutputFormat::KML, "i.kml"},
                      FullDiskCase{"gpkg", OutputFormat::GPKG, "i.gpkg"},
                      FullDiskCase{"fgb", OutputFormat::FlatGeobuf, "i.fgb"}),
    [](const auto& p) { return std::string(p.param.label); });

TEST(Timestamp, ComesFromTheSpecThenSourceDateEpoch) {
  OutputSpec spec;
  spec.timestamp = UtcDateTime{{2024, 5, 6}, 7, 8, 9};
  EXPECT_EQ(effective_timestamp(spec), spec.timestamp);
  spec.timestamp.reset();
  setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
  EXPECT_EQ(format_iso_datetime(effective_timestamp(spec)), "2023-11-14T22:13:20Z");
  setenv("SOURCE_DATE_EPOCH", "junk", 1);
  EXPECT_EQ(format_iso_datetime(effective_timestamp(spec)), "1970-01-01T00:00:00Z");
  unsetenv("SOURCE_DATE_EPOCH");
}

}  // namespace
}  // namespace incidentmap
