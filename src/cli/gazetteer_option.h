#pragma once
// Which gazetteer index a command uses: the file given with --gazetteer FILE, else the file
// named by the environment variable INCIDENTMAP_GAZETTEER, else the default index embedded in
// the executable. Shared by every subcommand that resolves places.

#include <string>

#include "gazetteer/index.h"

namespace incidentmap::cli {

// The default index linked into the executable; empty in incidentmap-noindex (the executable
// that builds the default index at build time).
std::string_view embedded_gazetteer();

// Throws UsageError when `flag_value` (the --gazetteer value, "" when not given) names a path
// that does not exist, so that a typo is a usage error (exit 2) found before any work.
void check_gazetteer_flag(const std::string& flag_value);

// Opens the index as described above. `flag_value` is the --gazetteer value ("" when not
// given). Throws gaz::IndexError (missing or damaged file, or no index embedded and none given).
gaz::Index open_gazetteer(const std::string& flag_value);

}  // namespace incidentmap::cli
