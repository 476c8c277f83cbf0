#pragma once
// The unified geoparsing JSONL of ../shared/dev, as `incidentmap geoparse` writes it:
//   {"doc_id", ["text",] "toponyms": [{"start", "end", "phrase", "lat", "lon", "geonameid",
//    "name", "feature_code", "country_code", "admin1", "role", "confidence"}]}
// Offsets are Unicode code points into the text, end exclusive (Python string indexes).
// Unresolved toponyms have null lat, lon, geonameid, name, feature_code, country_code, admin1.
// Coordinates have 6 decimals, confidences 4; keys always in this order.

#include <string>
#include <vector>

#include "src/pipeline/geoparser.h"
#include "src/text/document.h"

namespace incidentmap {

struct GeoparseJsonOptions {
  bool include_text = true;  // the document text under "text", as the dev corpora have it
  // Mentions with role "demonym" ("Mexican troops"). Off for corpora whose guidelines annotate
  // only names of places (GeoVirus, GeoCorpora); demonyms still count as evidence when
  // resolving the document's other places.
  bool include_demonyms = true;
  // Place names inside organisation names ("the Tarrant Fire Service", recognize/
  // organisation_name.h), and unions of countries standing for their institutions ("the EU
  // confirmed", pipeline/union_actors.h). Off for corpora whose guidelines leave them out
  // (GeoVirus); they still count as evidence when resolving the document's other places.
  bool include_organisation_names = true;
  // Streets, buildings and facilities, rivers and canals (resolve/fine_place.h). Off for
  // corpora whose guidelines leave them out (GeoVirus).
  bool include_fine_places = true;
};

// One line of JSONL (no trailing newline) for a geoparsed document.
std::string geoparse_to_jsonl(const Document& doc, const std::vector<ResolvedMention>& mentions,
                              const GeoparseJsonOptions& options = {});

}  // namespace incidentmap
