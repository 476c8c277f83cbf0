#include "src/pipeline/document_events.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "geo/lonlat.h"
#include "src/incidents/precision.h"

namespace incidentmap {

namespace {
// The location confidence of an event put at its outlet's place: below a focus guess (0.35).
constexpr double kOutletConfidence = 0.25;
// ... and at the country a demonym names: vaguer still.
constexpr double kDemonymCountryConfidence = 0.2;
// How far a local outlet's own area reaches, and the largest town that is still a likely
// namesake of an unlisted local place (neighbourhoods, streets, bars: "Anáhuac", "La Mesa").
constexpr double kLocalReach_km = 100.0;
constexpr std::int64_t kNamesakeTownPopulation = 100000;
constexpr std::int64_t kForeignNamesakePopulation = 1000000;

bool is_area(const gaz::PlaceView& p) {
  const std::string_view code = p.feature_code();
  return p.feature_class() == 'A' &&
         (code.starts_with("PCL") || code == "ADM1" || code == "ADM2" || code == "TERR");
}

// True when mention `k` of a local outlet's `text` (the outlet's town `outlet`) is read as an
// unlisted local place rather than as the distant place the gazetteer matched: local papers
// report local events, and most of their place names are neighbourhoods, streets and venues
// that share a name with some small town far away. So: over kLocalReach_km from the outlet, a
// name the text calls a part of a city (names_part_of_city), or a town or spot (not a country,
// state or county, which are named on purpose) outside the outlet's state that is small (or abroad
// and not large); and supported by no other place of the text: none within kLocalReach_km of it, no
// mention of its first-level area, nor of its country when that is not the outlet's.
bool local_namesake(std::string_view text, const std::vector<ResolvedMention>& mentions,
                    std::size_t k, const gaz::PlaceView& outlet) {
  const ResolvedMention& m = mentions[k];
  if (!m.place || m.mention.role != MentionRole::kLiteral) return false;
  const gaz::PlaceView& place = *m.place;
  const bool abroad = place.country_code() != outlet.country_code();
  // A name the text calls a neighbourhood is one, whatever the gazetteer matched. Otherwise
  // the match must look like a guess: outside the outlet's own state (papers cover their
  // state), not a large town.
  if (!names_part_of_city(text, m.mention.begin, m.mention.end)) {
    const std::int64_t limit = abroad ? kForeignNamesakePopulation : kNamesakeTownPopulation;
    if (is_area(place) || place.population() >= limit ||
        (!abroad && place.admin1_code() == outlet.admin1_code()))
      return false;
  }
  if (geo::haversine_distance_km(place.position(), outlet.position()) <= kLocalReach_km)
    return false;
  for (std::size_t j = 0; j < mentions.size(); ++j) {
    const ResolvedMention& other = mentions[j];
    if (j == k || !other.place || other.place->geonameid() == place.geonameid()) continue;
    const gaz::PlaceView& o = *other.place;
    const std::string_view code = o.feature_code();
    if (o.feature_class() == 'A' && code.starts_with("PCL")) {
      if (abroad && o.country_code() == place.country_code()) return false;
      continue;
    }
    if (o.feature_class() == 'A' && code == "ADM1") {
      if (o.country_code() == place.country_code() && o.admin1_code() == place.admin1_code())
        return false;
      continue;
    }
    if (geo::haversine_distance_km(o.position(), place.position()) <= kLocalReach_km) return false;
  }
  return true;
}
}  // namespace

std::string shorten_evidence(std::string_view text, std::size_t max_bytes) {
  // Runs of other bytes are copied, one space between runs; the cut below reads no byte past
  // max_bytes, so the copy stops one byte after it. Into storage sized up front: one
  // allocation, no per-word appends. A run is copied sixteen bytes at a time where SSE2 is
  // there, which may write up to kSlack bytes past `stop`; they are cut off below.
  constexpr std::size_t kSlack = 16;
  const std::size_t limit = std::min(text.size(), max_bytes + 1);
  std::string out(limit + kSlack, '\0');  // room for "…" too
  char* const first = out.data();
  char* o = first;
  char* const stop = first + limit;
  const auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  bool space = false;
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n && o < stop;) {
    if (is_space(text[i])) {
      space = o != first;
      ++i;
      continue;
    }
    if (space) {
      *o++ = ' ';
      space = false;
      if (o == stop) break;
    }
    // The run of other bytes from i.
#if defined(__SSE2__)
    bool ended = false;
    while (n - i >= 16 && o < stop) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
      const __m128i spaces = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')),
                                                       _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))),
                                          _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')),
                                                       _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(o), v);
      const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(spaces));
      const std::size_t k = mask == 0 ? 16 : static_cast<std::size_t>(__builtin_ctz(mask));
      o += k;
      i += k;
      if (mask != 0) {
        ended = true;
        break;
      }
    }
    if (o >= stop) {
      o = stop;
      break;
    }
    if (ended) continue;
#endif
    while (i < n && o < stop && !is_space(text[i])) *o++ = text[i++];
  }
  out.resize(static_cast<std::size_t>(o - first));
  if (out.size() <= max_bytes) return out;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
  out.resize(cut);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  out += "…";
  return out;
}

DocumentEvents locate_document_events(const Document& doc,
                                      const std::vector<ResolvedMention>& mentions,
                                      const DocumentEventsOptions& options,
                                      const ResolvedMention* outlet) {
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
      p.feature_code.assign(m.place->feature_code());
      p.country_code.assign(m.place->country_code());
      p.admin1_code.assign(m.place->admin1_code());
      p.position = m.place->position();
    }
    p.confidence = m.confidence;
    return p;
  };
  std::vector<PlaceMention> places;
  places.reserve(mentions.size());
  for (const ResolvedMention& m : mentions) places.push_back(place_mention(m));
  std::optional<PlaceMention> home_place;
  if (outlet && outlet->place) home_place = place_mention(*outlet);
  const std::optional<std::size_t> focus =
      options.use_focus_fallback ? document_focus(places, doc.text) : std::nullopt;

  // The outlet stands in for the whole text's places only when the text names none; and for
  // a mention that is a local namesake (see local_namesake) in any text.
  const bool text_has_place = std::any_of(mentions.begin(), mentions.end(), [](const auto& m) {
    return m.place && m.mention.role == MentionRole::kLiteral;
  });
  const bool local_outlet = outlet && outlet->place;
  // local_namesake scans the other mentions: decided only for the mentions events land on,
  // once each (0 unknown, 1 no, 2 yes).
  std::vector<std::uint8_t> namesake(local_outlet ? mentions.size() : 0, 0);
  const auto is_namesake = [&](std::size_t k) {
    if (!local_outlet) return false;
    if (namesake[k] == 0)
      namesake[k] = local_namesake(doc.text, mentions, k, *outlet->place) ? 2 : 1;
    return namesake[k] == 2;
  };

  // A text whose only place words are demonyms of one country ("gunmen kill five in a Mexican
  // border city") says at least which country its events happened in.
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::size_t demonym_country = kNone;
  for (std::size_t k = 0; k < mentions.size() && !text_has_place; ++k) {
    const ResolvedMention& m = mentions[k];
    if (m.mention.role != MentionRole::kDemonym || !m.place || m.place->feature_class() != 'A' ||
        !m.place->feature_code().starts_with("PCL"))
      continue;
    if (demonym_country != kNone &&
        mentions[demonym_country].place->geonameid() != m.place->geonameid()) {
      demonym_country = kNone;  // two countries: no telling which
      break;
    }
    if (demonym_country == kNone) demonym_country = k;
  }

  const std::vector<EventMention> events = extract_events(doc.text, doc.date, options.extractor);
  result.events_found = events.size();
  int index = 0;
  for (const EventMention& e : events) {
    const EventAnchor anchor{e.trigger.begin, e.trigger.end, e.sentence.begin, e.sentence.end};
    LocationChoice where = choose_event_location(doc.text, anchor, places, focus, options.location,
                                                 home_place ? &*home_place : nullptr);
    // Local press reports local events: a text that names no place at all is placed where its
    // outlet is, a guess as weak as the focus.
    const bool unplaced_text = !where.mention && !focus && !text_has_place;
    // (A name located through a stand-in, the city the text names around it, is not one.)
    const bool at_namesake =
        where.mention && !where.stand_in && !where.stand_in_home && is_namesake(*where.mention);
    const bool at_outlet = local_outlet && (unplaced_text || at_namesake);
    if (at_outlet) where.confidence = kOutletConfidence;
    // Somewhere in the outlet's town, not at its point.
    if (at_namesake) where.near = true;
    const bool in_demonym_country = unplaced_text && !at_outlet && demonym_country != kNone;
    if (in_demonym_country) where.confidence = kDemonymCountryConfidence;
    if (!where.mention && !at_outlet && !in_demonym_country) {
      ++result.events_unplaced;
      continue;
    }
    const ResolvedMention& m = at_outlet            ? *outlet
                               : in_demonym_country ? mentions[demonym_country]
                                                    : mentions[*where.mention];
    // The place whose point the event takes: a stand-in's for a name not located itself.
    const bool stood_in =
        !at_outlet && !in_demonym_country && (where.stand_in || where.stand_in_home);
    const ResolvedMention& located = !stood_in             ? m
                                     : where.stand_in_home ? *outlet
                                                           : mentions[*where.stand_in];
    const gaz::PlaceView& place = *located.place;
    if (stood_in) {
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
    r.event_kind.assign(e.event_kind);
    r.event_type.assign(e.acled_event_type);
    r.sub_event_type.assign(e.acled_sub_event_type);
    r.date_start = e.date_start;
    r.date_end = e.date_end;
    r.date_precision = e.date_precision == 0 ? 5 : e.date_precision;
    r.geonameid = place.geonameid();
    r.place_name.assign(place.name());
    r.feature_code.assign(place.feature_code());
    r.country_code.assign(place.country_code());
    r.admin1.assign(place.admin1_name());
    r.admin2.assign(place.admin2_name());
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
    // Four decimals, as extract's records carry it: map and extract + merge then merge the
    // same values, so their incidents agree to the byte.
    r.confidence =
        std::round(std::clamp(e.confidence * where.confidence * std::max(located.confidence, 0.3),
                              0.0, 1.0) *
                   1e4) /
        1e4;
    result.records.push_back(std::move(r));
    result.record_mention.push_back(at_outlet            ? kOutletPlace
                                    : in_demonym_country ? kDemonymCountry
                                                         : *where.mention);
  }
  return result;
}

}  // namespace incidentmap
