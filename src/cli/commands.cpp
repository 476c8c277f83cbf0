// The registry of subcommands. Each lives in its own command_<name>.cpp.

#include "src/cli/command.h"

namespace incidentmap::cli {

std::unique_ptr<Command> make_command_render();
std::unique_ptr<Command> make_command_version();

std::vector<std::unique_ptr<Command>> make_commands() {
  std::vector<std::unique_ptr<Command>> commands;
  commands.push_back(make_command_render());
  commands.push_back(make_command_version());
  return commands;
}

}  // namespace incidentmap::cli
