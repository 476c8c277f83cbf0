// The registry of subcommands. Each lives in its own command_<name>.cpp.

#include "src/cli/command.h"

namespace incidentmap::cli {

std::unique_ptr<Command> make_command_map();
std::unique_ptr<Command> make_command_geoparse();
std::unique_ptr<Command> make_command_extract();
std::unique_ptr<Command> make_command_merge();
std::unique_ptr<Command> make_command_eval();
std::unique_ptr<Command> make_command_render();
std::unique_ptr<Command> make_command_gazetteer();
std::unique_ptr<Command> make_command_version();

std::vector<std::unique_ptr<Command>> make_commands() {
  std::vector<std::unique_ptr<Command>> commands;
  commands.push_back(make_command_map());
  commands.push_back(make_command_geoparse());
  commands.push_back(make_command_extract());
  commands.push_back(make_command_merge());
  commands.push_back(make_command_render());
  commands.push_back(make_command_eval());
  commands.push_back(make_command_gazetteer());
  commands.push_back(make_command_version());
  return commands;
}

}  // namespace incidentmap::cli
