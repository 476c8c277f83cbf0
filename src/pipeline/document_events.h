#pragma once
// From a geoparsed document to its located events: every event mention the text reports, put at
// the place where it happened (src/incidents/event_location.h), with precision codes, as the
// EventRecords that `extract` writes and `merge` groups into incidents.

#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include "src/events/event_extractor.h"
#include "src/incidents/event_location.h"
#include "src/incidents/event_record.h"
#include "src/pipeline/geoparser.h"
#include "src/text/document.h"

namespace incidentmap {

struct DocumentEventsOptions {
  EventExtractorOptions extractor;
  EventLocationOptions location;
  // Events whose place came only from the document focus are kept with lower confidence.
  bool use_focus_fallback = true;
  // Evidence sentences are cut to this many bytes (at a UTF-8 boundary, with "…").
  std::size_t max_evidence_bytes = 240;
};

struct DocumentEvents {
  std::vector<EventRecord> records;
  // For each record, the index of the mention (in the geoparse result) it is placed at.
  std::vector<std::size_t> record_mention;
  // Mentions (index in the geoparse result) that events were placed at through another place
  // standing in for them (LocationChoice::stand_in), with that place: their mention records
  // take its point. At most one entry per mention, in order of first use.
  std::vector<std::pair<std::size_t, gaz::PlaceView>> stand_ins;
  std::size_t events_found = 0;     // event mentions the extractor reported
  std::size_t events_unplaced = 0;  // of those, how many had no usable place
};

// For record_mention: the record is placed at the outlet's place, not at a mention of the text.
inline constexpr std::size_t kOutletPlace = static_cast<std::size_t>(-1);
// For record_mention: the record is placed at the country the text's demonyms name ("a Mexican
// border city"), the text naming no place; the demonym mentions are not linked to it.
inline constexpr std::size_t kDemonymCountry = static_cast<std::size_t>(-2);

// Events of `doc`, located among its geoparsed `mentions` (ordered by position). `outlet`, when
// given, is where the publishing outlet is (outlet_place in document_analysis.h). An event is
// put at the outlet's place, at low confidence, with record_mention kOutletPlace, when the text
// names no place at all, or when its place is a local namesake: a name the text calls a part of
// a city (names_part_of_city), or a small town far from the outlet and outside its state, that
// no other place of the text supports, is read as an unlisted part of the outlet's town
// (geo_precision 2). The outlet's place is also the city the text's neighbourhoods and unknown
// names lie in when the text names none (see choose_event_location's `home`). Without an outlet,
// an event in a text that names no place but demonyms of one country is put at that country
// (record_mention kDemonymCountry); other events with no place are not recorded
// (events_unplaced).
DocumentEvents locate_document_events(const Document& doc,
                                      const std::vector<ResolvedMention>& mentions,
                                      const DocumentEventsOptions& options = {},
                                      const ResolvedMention* outlet = nullptr);

// `text` cut to at most `max_bytes` bytes at a code point boundary, whitespace collapsed,
// with "…" appended when cut.
std::string shorten_evidence(std::string_view text, std::size_t max_bytes);

}  // namespace incidentmap
