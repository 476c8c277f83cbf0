#pragma once
// One class per subcommand (command_<name>.cpp), in the manner of osmium-tool:
//   add_options()  declares the flags on the subcommand's CLI11 app;
//   setup()        validates everything (paths, values, combinations) before any output is
//                  written, throwing UsageError for the user's mistakes;
//   run()          does the work and returns the exit code.
// Exit codes: 0 all done; 1 done with skipped documents, or failed; 2 bad usage; 128 + N when
// stopped by signal N (130 SIGINT, 143 SIGTERM, 141 SIGPIPE: standard output closed early).
// The full table, with what each kind of bad input does, is in docs/batch.md.

#include <CLI/CLI.hpp>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace incidentmap::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;  // also: finished, but some input was skipped
inline constexpr int kExitUsage = 2;

// A mistake in how the command was called (bad flag value, missing input path...).
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Command {
 public:
  virtual ~Command() = default;
  virtual std::string name() const = 0;
  virtual std::string description() const = 0;
  // Examples shown at the end of --help, one per line.
  virtual std::string examples() const { return {}; }
  virtual void add_options(CLI::App& app) = 0;
  // The CLI11 app the command was registered on; set before add_options().
  CLI::App* app = nullptr;
  virtual void setup() {}
  virtual int run() = 0;
};

// Every subcommand, in the order --help lists them. Defined in commands.cpp.
std::vector<std::unique_ptr<Command>> make_commands();

}  // namespace incidentmap::cli
