#include "src/pipeline/document_events.h"

#include <algorithm>

#include "src/incidents/precision.h"

namespace incidentmap {

namespace {
// The location confidence of an event put at its outlet's place: below a focus guess (0.35).
constexpr double kOutletConfidence = 0.25;
}  // namespace

std::string shorten_evidence(std::string_view text, std::size_t max_bytes) {
  std::string out;
  out.reserve(std::min(text.size(), max_bytes + 3));
  bool space = false;
  for (char c : text) {
    const bool ws = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (ws) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  if (out.size() <= max_bytes) return out;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
  out.resize(cut);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + "…";
}

DocumentEvents locate_document_events(const Document& doc,
                                      const std::vector<ResolvedMention>& mentions,
                                      const DocumentEventsOptions& options,
                                      const ResolvedMention* outlet, const ResolvedMention* home) {
  DocumentEvents result;
  const auto place_mention = [](const ResolvedMention& m) {
    PlaceMention p;
    p.begin = m.mention.begin;
    p.end = m.mention.end;
    // A literal name the gazetteer does not know may still be where an event happened (a
    // village, a neighbourhood), located through a place standing in for it.
    p.eligible = m.mention.role == MentionRole::kLiteral;
    p.resolved = m.place.has_value();
    if (m.place) {
      p.geonameid = m.place->geonameid();
      p.feature_class = m.place->feature_class();
      p.feature_code = std::string(m.place->feature_code());
      p.country_code = std::string(m.place->country_code());
      p.admin1_code = std::string(m.place->admin1_code());
      p.position = m.place->position();
    }
    p.confidence = m.confidence;
    return p;
  };
  std::vector<PlaceMention> places;
  places.reserve(mentions.size());
  for (const ResolvedMention& m : mentions) places.push_back(place_mention(m));
  std::optional<PlaceMention> home_place;
  if (home && home->place) home_place = place_mention(*home);
  const std::optional<std::size_t> focus =
      options.use_focus_fallback ? document_focus(places, doc.text) : std::nullopt;

  const std::vector<EventMention> events = extract_events(doc.text, doc.date, options.extractor);
  result.events_found = events.size();
  int index = 0;
  for (const EventMention& e : events) {
    const EventAnchor anchor{e.trigger.begin, e.trigger.end, e.sentence.begin, e.sentence.end};
    LocationChoice where = choose_event_location(doc.text, anchor, places, focus, options.location,
                                                 home_place ? &*home_place : nullptr);
    // Local press reports local events: a text that names no place at all is placed where its
    // outlet is, a guess as weak as the focus.
    const bool at_outlet = !where.mention && !focus && outlet && outlet->place;
    if (at_outlet) where.confidence = kOutletConfidence;
    if (!where.mention && !at_outlet) {
      ++result.events_unplaced;
      continue;
    }
    const ResolvedMention& m = at_outlet ? *outlet : mentions[*where.mention];
    // The place whose point the event takes: a stand-in's for a name not located itself.
    const ResolvedMention& located = where.stand_in_home ? *home
                                     : where.stand_in    ? mentions[*where.stand_in]
                                                         : m;
    const gaz::PlaceView& place = *located.place;
    if (!at_outlet && (where.stand_in || where.stand_in_home)) {
      const auto known = std::find_if(result.stand_ins.begin(), result.stand_ins.end(),
                                      [&](const auto& s) { return s.first == *where.mention; });
      if (known == result.stand_ins.end()) result.stand_ins.emplace_back(*where.mention, place);
    }
    EventRecord r;
    r.doc_id = doc.id;
    r.event_index = index++;
    r.source = doc.source;
    r.url = doc.url;
    r.doc_date = doc.date;
    r.event_kind = std::string(e.event_kind);
    r.event_type = std::string(e.acled_event_type);
    r.sub_event_type = std::string(e.acled_sub_event_type);
    r.date_start = e.date_start;
    r.date_end = e.date_end;
    r.date_precision = e.date_precision == 0 ? 5 : e.date_precision;
    r.geonameid = place.geonameid();
    r.place_name = std::string(place.name());
    r.feature_code = std::string(place.feature_code());
    r.country_code = std::string(place.country_code());
    r.admin1 = std::string(place.admin1_name());
    r.admin2 = std::string(place.admin2_name());
    r.position = place.position();
    r.geo_precision = ucdp_where_precision(place.feature_class(), place.feature_code(), where.near);
    r.actor1 = e.actor1;
    r.actor2 = e.actor2;
    if (e.fatalities) {
      r.fatalities = static_cast<int>(e.fatalities->best);
      r.fatalities_min = static_cast<int>(e.fatalities->low);
      if (e.fatalities->high >= 0) r.fatalities_max = static_cast<int>(e.fatalities->high);
    }
    r.evidence = shorten_evidence(
        std::string_view(doc.text).substr(e.sentence.begin, e.sentence.end - e.sentence.begin),
        options.max_evidence_bytes);
    r.confidence =
        std::clamp(e.confidence * where.confidence * std::max(located.confidence, 0.3), 0.0, 1.0);
    result.records.push_back(std::move(r));
    result.record_mention.push_back(at_outlet ? kOutletPlace : *where.mention);
  }
  return result;
}

}  // namespace incidentmap
