#include "src/pipeline/document_analysis.h"

#include "src/text/utf8.h"

namespace incidentmap {

DocumentRecords analyze_document(const Geoparser& geoparser, const Document& doc,
                                 const DocumentEventsOptions& options) {
  DocumentRecords out;
  const std::vector<ResolvedMention> mentions = geoparser.geoparse(doc.text);
  const DocumentEvents events = locate_document_events(doc, mentions, options);
  out.mentions_found = mentions.size();
  out.events_found = events.events_found;
  out.events_unplaced = events.events_unplaced;
  out.events = events.records;

  std::vector<std::size_t> byte_offsets;
  byte_offsets.reserve(2 * mentions.size());
  for (const ResolvedMention& m : mentions) {
    byte_offsets.push_back(m.mention.begin);
    byte_offsets.push_back(m.mention.end);
  }
  const std::vector<std::size_t> cp = utf8::to_codepoint_offsets(doc.text, byte_offsets);
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    const ResolvedMention& m = mentions[i];
    if (!m.place) continue;
    MentionRecord r;
    r.doc_id = doc.id;
    r.mention_index = static_cast<int>(i);
    r.char_start = static_cast<std::int64_t>(cp[2 * i]);
    r.char_end = static_cast<std::int64_t>(cp[2 * i + 1]);
    r.surface = m.mention.surface;
    r.role = std::string(role_name(m.mention.role));
    r.geonameid = m.place->geonameid();
    r.name = std::string(m.place->name());
    r.feature_code = std::string(m.place->feature_code());
    r.country_code = std::string(m.place->country_code());
    r.admin1 = std::string(m.place->admin1_name());
    r.position = m.place->position();
    r.confidence = m.confidence;
    for (std::size_t e = 0; e < events.records.size(); ++e)
      if (events.record_mention[e] == i) r.event_indexes.push_back(events.records[e].event_index);
    out.mentions.push_back(std::move(r));
  }
  return out;
}

}  // namespace incidentmap
