#pragma once
// One document through the whole text pipeline: geoparse, find events, place them. The result
// is what `extract` writes per document and what `map` merges: mention and event records.

#include <cstddef>
#include <vector>

#include "src/incidents/event_record.h"
#include "src/pipeline/document_events.h"
#include "src/pipeline/geoparser.h"
#include "src/text/document.h"

namespace incidentmap {

struct DocumentRecords {
  std::vector<MentionRecord> mentions;  // resolved mentions only, in text order
  std::vector<EventRecord> events;      // placed events, in text order
  std::size_t mentions_found = 0;       // all recognised mentions, resolved or not
  std::size_t events_found = 0;
  std::size_t events_unplaced = 0;
};

// Thread-safe when `geoparser` is (it is). Offsets in the records are code points.
DocumentRecords analyze_document(const Geoparser& geoparser, const Document& doc,
                                 const DocumentEventsOptions& options = {});

}  // namespace incidentmap
