#pragma once
// A real PostgreSQL + PostGIS server on loopback, in a temporary data directory, for the tests
// that write to PostGIS (tests/postgis_writer_test.cpp, tests/cli/postgis_injection_test.cpp).
// Started once per test suite; tests skip with the reason when the server binaries, psql or
// PostGIS are missing. As root the server runs as the postgres account.

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
#include <string>

namespace incidentmap::testing {

struct CommandResult {
  int status = -1;
  std::string output;  // standard output and standard error together
};

// Runs a shell command and captures its output.
inline CommandResult run_shell(const std::string& command) {
  CommandResult r;
  std::FILE* p = ::popen((command + " 2>&1").c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.output.append(buf.data(), n);
  r.status = ::pclose(p);
  return r;
}

class LivePostgres : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto bindir = find_pg_bindir();
    if (!bindir) {
      skip_reason_ = "PostgreSQL server binaries not found (apt-get install postgresql-15)";
      return;
    }
    if (run_shell("command -v psql").status != 0) {
      skip_reason_ = "psql not found";
      return;
    }
    // The server refuses to run as root; run it as the postgres account then.
    std::string as_user;
    if (::geteuid() == 0) {
      if (run_shell("id -u postgres").status != 0) {
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
    if (!as_user.empty()) run_shell("chown postgres " + dir_.string());
    port_ = free_loopback_port();
    const std::string bin = bindir->string();
    const std::string data = (dir_ / "data").string();
    CommandResult r = run_shell(as_user + bin + "/initdb -D " + data +
                                " -A trust -U postgres -E UTF8 --locale=C --no-sync");
    if (r.status != 0) {
      skip_reason_ = "initdb failed: " + r.output;
      return;
    }
    r = run_shell(as_user + bin + "/pg_ctl -D " + data + " -w -t 20 -l " + (dir_ / "log").string() +
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
    if (!stop_command_.empty()) run_shell(stop_command_);
    if (!dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
    stop_command_.clear();
    dir_.clear();
  }

  void SetUp() override {
    if (!skip_reason_.empty()) GTEST_SKIP() << skip_reason_;
  }

  // Runs SQL (no double quotes inside: it is passed in a shell's double-quoted argument).
  static CommandResult psql(const std::string& sql) {
    return run_shell("psql -X -A -t -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p " +
                     std::to_string(port_) + " -U postgres -d postgres -c \"" + sql + "\"");
  }

  // The GDAL connection string of the server's postgres database.
  static std::string connection() {
    return "PG:host=127.0.0.1 port=" + std::to_string(port_) + " user=postgres dbname=postgres";
  }

 private:
  static std::optional<std::filesystem::path> find_pg_bindir() {
    std::error_code ec;
    auto usable = [&](const std::filesystem::path& dir) {
      return std::filesystem::exists(dir / "pg_ctl", ec) &&
             std::filesystem::exists(dir / "initdb", ec);
    };
    if (const char* env = std::getenv("INCIDENTMAP_PG_BINDIR")) {
      return usable(env) ? std::optional<std::filesystem::path>(env) : std::nullopt;
    }
    for (int version = 17; version >= 12; --version) {
      const std::filesystem::path dir = "/usr/lib/postgresql/" + std::to_string(version) + "/bin";
      if (usable(dir)) return dir;
    }
    return std::nullopt;
  }

  static int free_loopback_port() {
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

  static inline std::string skip_reason_;
  static inline std::filesystem::path dir_;
  static inline int port_ = 0;
  static inline std::string stop_command_;
};

}  // namespace incidentmap::testing
