#include "src/output/postgis_writer.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include "tests/output_fixtures.h"

namespace incidentmap {
namespace {

namespace fs = std::filesystem;
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

// ---- a real PostgreSQL + PostGIS on loopback, in a temporary data directory ----

struct CommandResult {
  int status = -1;
  std::string output;
};

CommandResult run(const std::string& command) {
  CommandResult r;
  std::FILE* p = ::popen((command + " 2>&1").c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.output.append(buf.data(), n);
  r.status = ::pclose(p);
  return r;
}

std::optional<fs::path> find_pg_bindir() {
  std::error_code ec;
  auto usable = [&](const fs::path& dir) {
    return fs::exists(dir / "pg_ctl", ec) && fs::exists(dir / "initdb", ec);
  };
  if (const char* env = std::getenv("INCIDENTMAP_PG_BINDIR")) {
    return usable(env) ? std::optional<fs::path>(env) : std::nullopt;
  }
  for (int version = 17; version >= 12; --version) {
    const fs::path dir = "/usr/lib/postgresql/" + std::to_string(version) + "/bin";
    if (usable(dir)) return dir;
  }
  return std::nullopt;
}

int free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  ::close(fd);
  return port;
}

class LivePostgis : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto bindir = find_pg_bindir();
    if (!bindir) {
      skip_reason_ = "PostgreSQL server binaries not found (apt-get install postgresql-15)";
      return;
    }
    if (run("command -v psql").status != 0) {
      skip_reason_ = "psql not found";
      return;
    }
    // The server refuses to run as root; run it as the postgres account then.
    std::string as_user;
    if (::geteuid() == 0) {
      if (run("id -u postgres").status != 0) {
        skip_reason_ = "running as root and there is no postgres account to run the server";
        return;
      }
      as_user = "runuser -u postgres -- ";
    }
    char pattern[] = "/tmp/incidentmap-pg-XXXXXX";
    if (::mkdtemp(pattern) == nullptr) {
      skip_reason_ = "cannot create a temporary directory";
      return;
    }
    dir_ = pattern;
    if (!as_user.empty()) run("chown postgres " + dir_.string());
    port_ = free_loopback_port();
    const std::string bin = bindir->string();
    const std::string data = (dir_ / "data").string();
    CommandResult r = run(as_user + bin + "/initdb -D " + data +
                          " -A trust -U postgres -E UTF8 --locale=C --no-sync");
    if (r.status != 0) {
      skip_reason_ = "initdb failed: " + r.output;
      return;
    }
    r = run(as_user + bin + "/pg_ctl -D " + data + " -w -t 20 -l " + (dir_ / "log").string() +
            " -o \"-c listen_addresses=127.0.0.1 -p " + std::to_string(port_) + " -k " +
            dir_.string() + " -c fsync=off -c full_page_writes=off\" start");
    if (r.status != 0) {
      skip_reason_ = "pg_ctl start failed: " + r.output;
      return;
    }
    stop_command_ = as_user + bin + "/pg_ctl -D " + data + " -m immediate stop";
    r = psql("CREATE EXTENSION postgis");
    if (r.status != 0) {
      skip_reason_ =
          "PostGIS is not installed (apt-get install postgresql-15-postgis-3): " + r.output;
    }
  }

  static void TearDownTestSuite() {
    if (!stop_command_.empty()) run(stop_command_);
    if (!dir_.empty()) {
      std::error_code ec;
      fs::remove_all(dir_, ec);
    }
    stop_command_.clear();
    dir_.clear();
  }

  void SetUp() override {
    if (!skip_reason_.empty()) GTEST_SKIP() << skip_reason_;
    psql("DROP TABLE IF EXISTS incidents, sources, far, layer_styles CASCADE");
  }

  static CommandResult psql(const std::string& sql) {
    return run("psql -X -A -t -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p " + std::to_string(port_) +
               " -U postgres -d postgres -c \"" + sql + "\"");
  }

  static OutputSpec spec() {
    OutputSpec s;
    s.format = OutputFormat::PostgreSQL;
    s.path = "PG:host=127.0.0.1 port=" + std::to_string(port_) + " user=postgres dbname=postgres";
    return s;
  }

  static inline std::string skip_reason_;
  static inline fs::path dir_;
  static inline int port_ = 0;
  static inline std::string stop_command_;
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
