#include "src/output/postgis_writer.h"

#include <gtest/gtest.h>

#include "tests/live_postgres.h"
#include "tests/output_fixtures.h"

namespace incidentmap {
namespace {

using testing_fixtures::incident_layer;
using testing_fixtures::sources_layer;

struct RedactCase {
  const char* connection;
  const char* redacted;
};

class RedactTest : public ::testing::TestWithParam<RedactCase> {};

TEST_P(RedactTest, HidesPasswords) {
  EXPECT_EQ(redact_connection_string(GetParam().connection), GetParam().redacted);
}

INSTANTIATE_TEST_SUITE_P(
    Table, RedactTest,
    ::testing::Values(
        RedactCase{"PG:dbname=gis user=me password=s3cret host=db",
                   "PG:dbname=gis user=me password=*** host=db"},
        RedactCase{"PG:password = 'a b\\'c' dbname=gis", "PG:password = *** dbname=gis"},
        RedactCase{"PG:PASSWORD=x", "PG:PASSWORD=***"},
        RedactCase{"PG:postgresql://me:s3cret@db:5432/gis", "PG:postgresql://me:***@db:5432/gis"},
        RedactCase{"PG:dbname=gis", "PG:dbname=gis"}));

TEST(WritePostgis, RejectsNonPgDestinationsAndBadSchemas) {
  OutputSpec spec;
  spec.format = OutputFormat::PostgreSQL;
  spec.path = "gis.db";
  try {
    write_postgis({incident_layer()}, spec);
    FAIL();
  } catch (const OutputError& e) {
    EXPECT_STREQ(e.what(), "gis.db: a PostgreSQL destination is a PG:... connection string");
  }
  spec.path = "PG:dbname=gis";
  spec.lco = {"SCHEMA=Public; DROP"};
  try {
    write_postgis({incident_layer()}, spec);
    FAIL();
  } catch (const OutputError& e) {
    EXPECT_STREQ(e.what(), "SCHEMA 'Public; DROP' must match ^[a-z_][a-z0-9_]{0,62}$");
  }
}

// ---- a real PostgreSQL + PostGIS on loopback (tests/live_postgres.h) ----

class LivePostgis : public testing::LivePostgres {
 protected:
  void SetUp() override {
    LivePostgres::SetUp();
    if (!IsSkipped()) psql("DROP TABLE IF EXISTS incidents, sources, far, layer_styles CASCADE");
  }
  static OutputSpec spec() {
    OutputSpec s;
    s.format = OutputFormat::PostgreSQL;
    s.path = connection();
    return s;
  }
};

TEST_F(LivePostgis, WritesTypedTablesThatSpatialSqlCanQuery) {
  const WriteResult result = write_layers({incident_layer(), sources_layer()}, spec());
  EXPECT_EQ(result.files, (std::vector<std::string>{"public.incidents", "public.sources"}));

  EXPECT_EQ(psql("SELECT column_name || ':' || udt_name FROM information_schema.columns "
                 "WHERE table_name = 'incidents' ORDER BY ordinal_position")
                .output,
            "fid:int4\nevent_id:varchar\nevent_type:varchar\nevent_date:date\nfatalities:int8\n"
            "confidence:float8\nsources:_varchar\ncivilian_targeting:bool\nupdated:timestamptz\n"
            "notes:varchar\ngeom:geometry\n");
  // Within 1 km of the first fixture point (geodesic, on the geography type): feature 1 only.
  EXPECT_EQ(psql("SELECT string_agg(fid::text, ',' ORDER BY fid) FROM incidents WHERE "
                 "ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint(-99.13, 19.43), "
                 "4326)::geography, 1000)")
                .output,
            "1\n");
  EXPECT_EQ(
      psql("SELECT ST_SRID(geom) || ' ' || ST_AsText(geom) FROM incidents WHERE fid = 1").output,
      "4326 POINT(-99.133208 19.432608)\n");
  EXPECT_EQ(psql("SELECT cardinality(sources) || ' ' || civilian_targeting || ' ' || "
                 "(notes IS NULL) FROM incidents WHERE fid = 2")
                .output,
            "0 false true\n");  // an empty array stays empty; "" became null
  EXPECT_EQ(psql("SELECT count(*) FROM sources").output, "2\n");
  EXPECT_EQ(psql("SELECT count(*) FROM pg_indexes WHERE tablename = 'incidents' AND "
                 "indexdef LIKE '%USING gist%'")
                .output,
            "1\n");
  // The style QGIS loads by default, as QGIS itself stores it; sources has none.
  EXPECT_EQ(psql("SELECT f_table_catalog || ' ' || f_table_schema || ' ' || f_table_name || ' ' "
                 "|| f_geometry_column || ' ' || useasdefault || ' ' || (type IS NULL) || ' ' || "
                 "(styleqml::text LIKE '%categorizedSymbol%') FROM layer_styles")
                .output,
            "postgres public incidents geom true true true\n");
}

TEST_F(LivePostgis, ExistingTablesNeedOverwriteWhichReplacesThem) {
  write_layers({incident_layer()}, spec());
  OutputSpec again = spec();
  try {
    write_layers({incident_layer(false)}, again);
    FAIL();
  } catch (const OutputError& e) {
    EXPECT_EQ(std::string(e.what()),
              again.path +
                  ": table \"public\".\"incidents\" already exists (use -overwrite to replace it)");
  }
  EXPECT_EQ(psql("SELECT count(*) FROM incidents").output, "4\n");
  again.overwrite = true;
  write_layers({incident_layer(false)}, again);
  EXPECT_EQ(psql("SELECT count(*) FROM incidents").output, "3\n");
  // Rewriting replaces the style row instead of adding a second one.
  EXPECT_EQ(psql("SELECT count(*) FROM layer_styles").output, "1\n");
}

TEST_F(LivePostgis, AFailingLayerRollsBackEveryTable) {
  // In an orthographic view centred on 0,0 the antimeridian is invisible: "far" cannot be
  // projected, after "incidents" was already created in the same transaction.
  Layer far = incident_layer(false);
  far.name = "far";
  far.features.resize(1);
  far.features[0].point = geo::LonLat{180, 0};
  Layer near = incident_layer(false);
  for (Feature& f : near.features) f.point = geo::LonLat{1, 1};
  OutputSpec s = spec();
  s.t_srs = "+proj=ortho +lat_0=0 +lon_0=0 +datum=WGS84 +units=m +no_defs";
  EXPECT_THROW(write_layers({near, far}, s), OutputError);
  EXPECT_EQ(psql("SELECT count(*) FROM pg_tables WHERE tablename IN ('incidents', 'far', "
                 "'layer_styles')")
                .output,
            "0\n");
}

}  // namespace
}  // namespace incidentmap
