#pragma once
// One located, dated, typed event as one document reports it: the unit `incidentmap extract`
// writes (one JSONL line each) and `incidentmap merge` groups into incidents. Everything merging
// needs is in the record, so records can be merged in any order, from any number of files.

#include <cstdint>
#include <optional>
#include <string>

#include "geo/lonlat.h"
#include "src/text/document.h"

namespace incidentmap {

struct EventRecord {
  // Provenance.
  std::string doc_id;
  int event_index = 0;  // order of the event within its document, from 0
  std::string source;   // outlet, "" when unknown
  std::string url;      // "" when unknown
  std::optional<CivilDate> doc_date;

  // What happened: event_kind is the project's finer kind ("armed_clash", "prison_escape",
  // "press_statement"...), event_type/sub_event_type ACLED's (docs/event-types.md).
  std::string event_kind;
  std::string event_type;
  std::string sub_event_type;

  // When: [date_start, date_end], with UCDP's date_prec (1 day, 2 span of 2-6 days, 3 week,
  // 4 month, 5 year). Without any date in the text or document, both are nullopt.
  std::optional<CivilDate> date_start;
  std::optional<CivilDate> date_end;
  int date_precision = 5;

  // Where: the place chosen as the event's location, with UCDP's where_prec (1 exact place,
  // 2 near a place, 3 second-level area, 4 first-level area, 5 vaguer, 6 country, 7 water).
  std::int64_t geonameid = 0;
  std::string place_name;
  std::string feature_code;
  std::string country_code;
  std::string admin1;  // first-level area name ("Sinaloa"), "" when unknown
  std::string admin2;
  geo::LonLat position;
  int geo_precision = 6;

  // Who and how many: actors as written; fatalities as reported (min/max for "at least 7",
  // "between 5 and 8"); nullopt when the document gives no figure.
  std::string actor1;
  std::string actor2;
  std::optional<int> fatalities;
  std::optional<int> fatalities_min;
  std::optional<int> fatalities_max;

  std::string evidence;     // the sentence, shortened
  double confidence = 0.0;  // in [0, 1]
};

}  // namespace incidentmap
