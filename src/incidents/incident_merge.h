#pragma once
// Groups events reported by one or many documents into incidents: one happening, at one place,
// on one date, with every source that reports it. The result depends only on the set of
// records, never on their order or on how they were split across files.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "src/incidents/event_record.h"

namespace incidentmap {

struct MergeOptions {
  // Two precise places (geo_precision <= 2) are the same place within this distance.
  double same_place_km = 25.0;
  // Exact dates may differ by this many days (reports disagree on late-night events).
  int date_tolerance_days = 1;
  // A place named only at country or state level merges with a finer place of the same country
  // (and state) when both reports give tolls of at least this many dead that differ by at most a
  // quarter of the lower ("12 killed in Mexico", "10 dead in a shootout in <town>").
  int min_shared_toll = 3;
  // Threads (>= 1; below 1 counts as 1) that merge groups of records that cannot share an
  // incident (different countries and places) at once. The result is the same for any count.
  int threads = 1;
};

struct SourceReport {
  std::string doc_id;
  std::string source;
  std::string url;
  std::optional<CivilDate> doc_date;
  std::optional<int> fatalities;  // this source's figure (its highest for this incident)
};

struct Incident {
  std::string incident_id;  // "inc-" + 16 hex digits, a hash of the member events' keys
  // The incident's type: the most severe among the members: Battles > Explosions/Remote
  // violence > Violence against civilians > Riots > Protests > other ACLED types > Strategic
  // developments > kinds ACLED does not code.
  std::string event_type;
  std::string sub_event_type;
  std::string event_kind;
  std::vector<EventRecord> events;    // members, in canonical order
  std::size_t representative = 0;     // index into events of the most precise member
  std::vector<SourceReport> sources;  // one per document, ordered by date then doc_id
  std::optional<int> fatalities;      // highest figure any source gives
  std::optional<int> fatalities_min;  // lowest figure any source gives
  std::optional<int> fatalities_max;  // highest upper bound any source gives
  double confidence = 0.0;            // combined: more independent sources, more confidence

  const EventRecord& place_event() const { return events[representative]; }
};

// True when two events can describe the same happening: compatible types (any two kinds of
// political violence are compatible), places and dates.
bool events_compatible(const EventRecord& a, const EventRecord& b, const MergeOptions& options);

// Merges records into incidents, sorted by date, then place, then id. A record joins, of the
// incidents all of whose members it is compatible with, the one whose closest member shares the
// most with it (the same toll, then kind, place and first day; the oldest on a tie), else starts
// one: docs/incident-merging.md gives the rules. Records from the same
// document that are compatible merge too (a story names its event several times). Within one
// document, a strategic development or an uncoded kind (arrest, press statement, release) at a
// place and date compatible with a more or equally severe event of that document joins it
// whatever its type: the story tells it around its main happening. The incident keeps the most
// severe type (see Incident::event_type).
std::vector<Incident> merge_events(std::vector<EventRecord> records,
                                   const MergeOptions& options = {});

}  // namespace incidentmap
