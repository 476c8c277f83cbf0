// Hostile names against a real PostGIS (tests/live_postgres.h): `incidentmap map -o PG:...`
// with layer creation options and document fields built to break out of SQL identifiers and
// literals. A canary table must survive every run, and values must arrive verbatim.

#include <gtest/gtest.h>

#include "tests/cli/bad_input_fixtures.h"
#include "tests/live_postgres.h"

namespace incidentmap::testing {
namespace {

class PostgisInjection : public LivePostgres {
 protected:
  void SetUp() override {
    LivePostgres::SetUp();
    if (IsSkipped()) return;
    if (incidentmap_bin().empty()) GTEST_SKIP() << "INCIDENTMAP_BIN is not set";
    psql("DROP TABLE IF EXISTS incidents, mentions, sources, canary, layer_styles CASCADE");
    psql("CREATE TABLE canary (x int); INSERT INTO canary VALUES (7)");
  }
  static std::string canary() { return psql("SELECT sum(x) FROM canary").output; }
};

struct LcoCase {
  std::string name;
  std::string lco;
  int exit_code;
  std::string message;  // in stderr ("" = stderr empty)
};

std::ostream& operator<<(std::ostream& os, const LcoCase& c) { return os << c.name; }

class HostileLayerOptions : public PostgisInjection,
                            public ::testing::WithParamInterface<LcoCase> {};

TEST_P(HostileLayerOptions, CannotInjectSql) {
  TempDir dir;
  const std::string docs = dir.write("docs.jsonl", kDocG1 + "\n" + kDocG3 + "\n");
  const CliRun run = run_cli({"map", docs, "-o", connection(), "--lco", GetParam().lco});
  EXPECT_EQ(run.exit_code, GetParam().exit_code) << run.err;
  if (GetParam().message.empty()) {
    EXPECT_EQ(run.err, "");
  } else {
    EXPECT_NE(run.err.find(GetParam().message), std::string::npos) << run.err;
  }
  EXPECT_EQ(canary(), "7\n");
  EXPECT_EQ(psql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN "
                 "('canary', 'spatial_ref_sys', 'incidents', 'mentions', 'sources',"
                 " 'layer_styles')")
                .output,
            "0\n");
}

INSTANTIATE_TEST_SUITE_P(
    Matrix, HostileLayerOptions,
    ::testing::Values(
        LcoCase{"Schema", "SCHEMA=public; DROP TABLE canary; --", 2,
                "incidentmap map: --lco SCHEMA=public; DROP TABLE canary; --: the schema must "
                "match ^[a-z_][a-z0-9_]{0,62}$"},
        LcoCase{"SchemaQuoted", "SCHEMA=public\".canary; DROP TABLE canary; --", 2,
                "the schema must match"},
        LcoCase{"GeometryName", "GEOMETRY_NAME=g\"; DROP TABLE canary; --", 0, ""},
        LcoCase{"FidName", "FID=f\") ; DROP TABLE canary; --", 0, ""},
        LcoCase{"Description", "DESCRIPTION=x'); DROP TABLE canary; --", 0, ""}),
    [](const auto& p) { return p.param.name; });

TEST_F(PostgisInjection, HostileValuesArriveVerbatim) {
  TempDir dir;
  const std::string source = "Wire'); DROP TABLE canary; -- \\' \" $$ \\x00";
  nlohmann::json doc = nlohmann::json::parse(kDocG1);
  doc["id"] = "x'; DROP TABLE canary; --";
  doc["source"] = source;
  const std::string docs = dir.write("docs.jsonl", doc.dump() + "\n");
  const CliRun run = run_cli({"map", docs, "-o", connection()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(canary(), "7\n");
  // Compared through their hex encoding: psql's own quoting would otherwise get in the way.
  EXPECT_EQ(
      psql("SELECT encode(convert_to(doc_id || '|' || source, 'UTF8'), 'hex') FROM sources").output,
      [&] {
        std::string hex;
        const std::string both = doc["id"].get<std::string>() + "|" + source;
        static const char* digits = "0123456789abcdef";
        for (const unsigned char ch : both) {
          hex += digits[ch >> 4];
          hex += digits[ch & 15];
        }
        return hex + "\n";
      }());
}

}  // namespace
}  // namespace incidentmap::testing
