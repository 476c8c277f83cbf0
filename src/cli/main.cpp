// incidentmap: news articles in, geoparsed incident layers and maps out.
// Domain errors are caught here, once, and turned into a message on stderr and an exit code.

#include <cstdio>
#include <iostream>

#include "gazetteer/import_report.h"
#include "geo/lonlat.h"
#include "incidentmap/version.h"
#include "src/cli/command.h"

int main(int argc, char** argv) {
  using namespace incidentmap;
  CLI::App app{"incidentmap " + std::string(kProgramVersion) +
               ": finds the places and events news articles report and writes incident "
               "layers (GeoJSON, GeoPackage, ...) and maps.\n"
               "Exit codes: 0 all done (repairs such as invalid UTF-8 are warnings); 1 done but "
               "some input was skipped, or failed; 2 bad usage (unknown flag, missing input "
               "path); 130/143 stopped by SIGINT/SIGTERM; 141 standard output closed early. "
               "Every skip and warning names its input (file:line) on stderr. See "
               "docs/batch.md."};
  app.set_version_flag("--version", std::string("incidentmap ") + kProgramVersion);
  app.require_subcommand(1);
  app.failure_message(CLI::FailureMessage::help);

  auto commands = cli::make_commands();
  cli::Command* selected = nullptr;
  for (auto& command : commands) {
    std::string description = command->description();
    if (!command->examples().empty()) description += "\n\nExamples:\n" + command->examples();
    CLI::App* sub = app.add_subcommand(command->name(), description);
    sub->set_version_flag("--version", std::string("incidentmap ") + kProgramVersion);
    command->app = sub;
    command->add_options(*sub);
    sub->callback([&selected, ptr = command.get()] { selected = ptr; });
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return cli::kExitUsage;
  }

  try {
    selected->setup();
    return selected->run();
  } catch (const cli::UsageError& e) {
    std::cerr << "incidentmap " << selected->name() << ": " << e.what() << "\n"
              << "Run 'incidentmap " << selected->name() << " --help' for usage.\n";
    return cli::kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "incidentmap " << selected->name() << ": error: " << e.what() << "\n";
    return cli::kExitFailed;
  }
}
