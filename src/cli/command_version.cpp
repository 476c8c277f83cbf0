// `incidentmap version`: program and data versions, as recorded in every output.

#include <iostream>

#include "incidentmap/version.h"
#include "src/cli/command.h"

namespace incidentmap::cli {
namespace {

class CommandVersion final : public Command {
 public:
  std::string name() const override { return "version"; }
  std::string description() const override {
    return "Print the program version and the versions of the data it carries.";
  }
  void add_options(CLI::App&) override {}
  int run() override {
    std::cout << "incidentmap " << kProgramVersion << "\n";
    return kExitOk;
  }
};

}  // namespace

std::unique_ptr<Command> make_command_version() { return std::make_unique<CommandVersion>(); }

}  // namespace incidentmap::cli
