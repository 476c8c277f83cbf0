#include "gazetteer/import_report.h"

namespace incidentmap::gaz {

void ImportReport::add_issue(std::int64_t line, std::string reason) {
  ++issue_count_;
  if (issues.size() < kMaxStoredIssues) issues.push_back({file, line, std::move(reason)});
}

}  // namespace incidentmap::gaz
