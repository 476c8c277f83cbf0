#pragma once
// One document through the whole text pipeline: geoparse, find events, place them. The result
// is what `extract` writes per document and what `map` merges: mention and event records.

#include <cstddef>
#include <optional>
#include <string_view>
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

// The place an outlet's name holds ("El Diario de X", "The X Herald"): among its literal or
// modifier mentions resolved to a town, a facility or a first- or second-level area, the one
// after "of"/"de" (the last such), else the most confident. Countries and regions say too little
// ("Agence France-Presse" is no French local paper). nullopt when the name holds none.
std::optional<ResolvedMention> outlet_place(const Geoparser& geoparser, std::string_view source);

// Thread-safe when `geoparser` is (it is). Offsets in the records are code points. When the
// outlet's name (doc.source) holds a place, the text is geoparsed with that name as its last
// line, so that the text's places and the outlet's resolve together; a text that names no usable
// place then gets the outlet's place for its events.
DocumentRecords analyze_document(const Geoparser& geoparser, const Document& doc,
                                 const DocumentEventsOptions& options = {});

}  // namespace incidentmap
