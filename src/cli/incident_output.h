#pragma once
// The output half of `map` and `merge`: merge event records into incidents, build the layers,
// write them in every requested format, and write report.json beside them.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "src/cli/command.h"
#include "src/incidents/event_record.h"
#include "src/incidents/incident_layers.h"

namespace incidentmap::cli {

struct OutputFlags {
  std::string output;                // a folder, or a "PG:..." connection string
  std::vector<std::string> formats;  // GDAL short names; default GeoJSON
  std::string t_srs;
  std::vector<std::string> lco;
  std::string map_path;  // optional static map (.png, .svg, .pdf)
  std::string title;
  int threads = 1;  // not an option: the command's --threads, resolved (>= 1)
};

void add_output_flags(CLI::App& app, OutputFlags& flags);
// Validates names, formats and the output folder before anything is written (UsageError),
// then creates the output folder and checks that files can be created in it (OutputError), so
// that an unwritable destination fails at once rather than after the documents were processed.
void validate_output_flags(OutputFlags& flags);

// Creates `folder` (and its parents) if missing and checks that a file can be created in it.
// Throws OutputError naming the folder and the system's reason.
void check_output_folder(const std::string& folder);

struct OutputSummary {
  std::size_t incidents = 0;
  std::vector<std::string> files;  // written, in order
};

// Merges and writes. `report` is the run's report so far (inputs, documents, timings); the
// output adds counts, files and versions and is written as report.json in the output folder.
OutputSummary write_incident_outputs(const OutputFlags& flags, std::vector<EventRecord> events,
                                     std::vector<MentionRecord> mentions,
                                     nlohmann::ordered_json report);
// The same with the mentions layer's rows already made (map builds them while documents are
// still being analysed): only ordering them (beside the merge), the merge and the writing
// remain.
OutputSummary write_incident_outputs(const OutputFlags& flags, std::vector<EventRecord> events,
                                     MentionLayerBuilder mentions, nlohmann::ordered_json report);

}  // namespace incidentmap::cli
