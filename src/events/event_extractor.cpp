#include "src/events/event_extractor.h"

#include <algorithm>
#include <cstdlib>

#include "src/events/actors.h"

namespace incidentmap {

namespace {

const WordSet kTerritoryNouns(
    "town|towns|city|cities|village|villages|base|bases|airport|district|districts|province|"
    "provinces|area|areas|region|territory|territories|control|neighborhood|neighbourhood|hill|"
    "hills|positions|position|checkpoint|checkpoints|port|stronghold|strongholds|capital|"
    "municipality|outpost|outposts|barracks|garrison|headquarters|compound");

// Captures and seizures of places are territorial events.
EventKind refine_kind(const TriggerMatch& m, Tokens tokens) {
  if (m.kind != EventKind::kCapture && m.kind != EventKind::kSeizure) return m.kind;
  for (std::size_t j = m.last_token; j < tokens.size() && j < m.last_token + 4; ++j) {
    if (!tokens[j].is_word) break;
    if (kTerritoryNouns.contains(tokens[j].lower)) return EventKind::kTerritoryCapture;
  }
  return m.kind;
}

std::size_t token_at_or_after(Tokens tokens, std::size_t byte) {
  std::size_t i = 0;
  while (i < tokens.size() && tokens[i].span.end <= byte) ++i;
  return i;
}

long distance(std::size_t a, std::size_t b) {
  return std::labs(static_cast<long>(a) - static_cast<long>(b));
}

}  // namespace

std::string_view date_source_id(DateSource s) {
  switch (s) {
    case DateSource::kSentence:
      return "sentence";
    case DateSource::kEarlierSentence:
      return "earlier_sentence";
    case DateSource::kDocument:
      return "document";
    case DateSource::kNone:
      return "none";
  }
  return "none";
}

namespace {

// extract_sentence_events on the sentence's tokens (a slice of the document's).
std::vector<EventMention> sentence_events(std::string_view text, ByteSpan sentence, Tokens tokens,
                                          std::optional<CivilDate> doc_date,
                                          const EventExtractorOptions& options,
                                          const DateMention* carried,
                                          std::vector<DateMention>* dates_out = nullptr) {
  const std::vector<int> clauses = clause_ids(tokens);
  const std::vector<TriggerMatch> all = find_triggers(text, tokens, clauses);
  const std::vector<TriggerMatch> chosen =
      select_event_triggers(all, options.min_confidence, options.keep_negated);
  // Most sentences report no event; dates, counts and actors are only looked for in the others.
  if (chosen.empty()) return {};
  std::vector<DateMention> local_dates;
  std::vector<DateMention>& dates = dates_out ? *dates_out : local_dates;
  dates = find_dates(text, tokens, doc_date);
  std::vector<ByteSpan> date_spans;
  for (const DateMention& d : dates) date_spans.push_back(d.span);

  auto clause_has_event = [&](int clause) {
    for (const TriggerMatch& c : chosen)
      if (c.clause == clause) return true;
    return false;
  };
  std::vector<EventMention> out;
  for (const TriggerMatch& m : chosen) {
    EventMention e;
    e.sentence = sentence;
    e.trigger = m.span;
    e.trigger_text = std::string(text.substr(m.span.begin, m.span.size()));
    e.kind = refine_kind(m, tokens);
    e.confidence = m.confidence;
    e.modality = m.modality;
    // Actors.
    std::size_t index = 0;
    while (index < all.size() && all[index].first_token != m.first_token) ++index;
    const Actors actors = find_actors(tokens, all, index, date_spans, &clauses);
    e.actor1_span = actors.actor1;
    e.actor2_span = actors.actor2;
    if (actors.actor1)
      e.actor1 = std::string(text.substr(actors.actor1->begin, actors.actor1->size()));
    if (actors.actor2)
      e.actor2 = std::string(text.substr(actors.actor2->begin, actors.actor2->size()));
    if ((e.kind == EventKind::kAttack || e.kind == EventKind::kKilling ||
         e.kind == EventKind::kWounding) &&
        names_armed_actor(e.actor2))
      e.kind = EventKind::kArmedClash;
    const EventKindInfo& info = event_kind_info(e.kind);
    e.event_kind = info.id;
    e.acled_event_type = info.acled_event_type;
    e.acled_sub_event_type = info.acled_sub_event_type;
    // Date: the nearest expression of the sentence.
    const DateMention* best = nullptr;
    long best_distance = 0;
    for (const DateMention& d : dates) {
      const std::size_t at = token_at_or_after(tokens, d.span.begin);
      // Expressions in the trigger's own clause come first.
      const int date_clause = at < clauses.size() ? clauses[at] : -1;
      // A date in a later clause that has its own event belongs to that event.
      if (date_clause > m.clause && clause_has_event(date_clause)) continue;
      const long other_clause = date_clause == m.clause ? 0 : 1000;
      const long dist = distance(at, m.first_token) + other_clause;
      if (!best || dist < best_distance) {
        best = &d;
        best_distance = dist;
      }
    }
    if (best) {
      e.date_source = DateSource::kSentence;
    } else if (carried && options.carry_dates) {
      best = carried;
      e.date_source = DateSource::kEarlierSentence;
    }
    if (best) {
      e.date_start = best->start;
      e.date_end = best->end;
      e.date_precision = best->precision;
      e.date_span = best->span;
    } else if (doc_date) {
      const CivilDate from =
          civil_from_days(days_from_civil(*doc_date) - options.fallback_days_before);
      if (in_writable_years(from) && in_writable_years(*doc_date)) {
        e.date_source = DateSource::kDocument;
        e.date_start = from;
        e.date_end = doc_date;
        e.date_precision = date_precision_for_span(*e.date_start, *e.date_end);
      }
    }
    out.push_back(std::move(e));
  }
  // Fatalities go to the violent event nearest to the count.
  const bool any_violent = std::any_of(out.begin(), out.end(), [](const EventMention& e) {
    return event_kind_info(e.kind).violent;
  });
  const std::optional<Fatalities> fatalities =
      any_violent ? find_fatalities(text, tokens) : std::nullopt;
  if (fatalities) {
    const std::size_t at = token_at_or_after(tokens, fatalities->evidence.begin);
    std::size_t target = out.size();
    long best_distance = 0;
    for (std::size_t k = 0; k < out.size(); ++k) {
      if (!event_kind_info(out[k].kind).violent) continue;
      const long dist = distance(chosen[k].first_token, at);
      if (target == out.size() || dist < best_distance) {
        target = k;
        best_distance = dist;
      }
    }
    if (target < out.size()) out[target].fatalities = fatalities;
  }
  return out;
}

}  // namespace

std::vector<EventMention> extract_sentence_events(std::string_view text, ByteSpan sentence,
                                                  std::optional<CivilDate> doc_date,
                                                  const EventExtractorOptions& options,
                                                  const DateMention* carried) {
  if (!may_hold_trigger(text, sentence, options.min_confidence)) return {};
  const EventTokens tokens = tokenize_for_events(text, sentence);
  return sentence_events(text, sentence, tokens, doc_date, options, carried);
}

std::vector<EventMention> extract_events(std::string_view text, std::optional<CivilDate> doc_date,
                                         const EventExtractorOptions& options) {
  std::vector<EventMention> out;
  std::optional<DateMention> carried;
  std::vector<DateMention> dates;
  for (const ByteSpan& s : split_sentences(text).sentences) {
    // Most sentences name no event: they are ruled out before tokenisation. A sentence's tokens
    // are those a tokenisation of the whole text has in it (its ends lie on whitespace).
    if (!may_hold_trigger(text, s, options.min_confidence)) continue;
    const EventTokens tokens = tokenize_for_events(text, s);
    std::vector<EventMention> events =
        sentence_events(text, s, tokens, doc_date, options, carried ? &*carried : nullptr, &dates);
    // What later undated events inherit: the sentence's most precise date, not whichever one
    // its last event took: in "the video of the October 17 operation, released this week" the
    // day is what later sentences about the operation mean.
    const bool dated_here = std::any_of(events.begin(), events.end(), [](const EventMention& e) {
      return e.date_source == DateSource::kSentence;
    });
    if (dated_here) {
      std::optional<DateMention> sharpest;
      for (const DateMention& d : dates)
        if (!sharpest || d.precision < sharpest->precision) sharpest = d;
      if (sharpest) carried = sharpest;
    }
    for (EventMention& e : events) out.push_back(std::move(e));
  }
  return out;
}

}  // namespace incidentmap
