#include "src/events/event_extractor.h"

#include <algorithm>
#include <cstdlib>
#include <span>

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

// What extraction keeps from sentence to sentence and text to text, per thread: most sentences
// that are tokenised name no event, and their tokens, clauses and triggers are only looked at
// once, so their storage is reused rather than allocated each time.
struct Scratch {
  EventTokens tokens;
  std::vector<int> clauses;
  std::vector<TriggerMatch> all;
  std::vector<TriggerMatch> chosen;
  std::vector<DateMention> dates;
  std::vector<ByteSpan> date_spans;
};

Scratch& thread_scratch() {
  thread_local Scratch scratch;
  return scratch;
}

// extract_sentence_events on the sentence's tokens (in s.tokens), appending to `out`; the
// sentence's dates are left in s.dates (empty when it has no event).
void sentence_events(std::string_view text, ByteSpan sentence, Scratch& s,
                     std::optional<CivilDate> doc_date, const EventExtractorOptions& options,
                     const DateMention* carried, std::vector<EventMention>& out) {
  const Tokens tokens = s.tokens;
  const std::vector<int>& clauses = s.clauses;
  clause_ids(tokens, s.clauses);
  find_triggers(text, tokens, clauses, s.all);
  const std::vector<TriggerMatch>& all = s.all;
  select_event_triggers(all, options.min_confidence, options.keep_negated, s.chosen);
  const std::vector<TriggerMatch>& chosen = s.chosen;
  // Most sentences report no event: dates, counts and actors are only looked for in the others.
  s.dates.clear();
  if (chosen.empty()) return;
  s.dates = find_dates(text, tokens, doc_date);
  const std::vector<DateMention>& dates = s.dates;
  std::vector<ByteSpan>& date_spans = s.date_spans;
  date_spans.clear();
  for (const DateMention& d : dates) date_spans.push_back(d.span);

  auto clause_has_event = [&](int clause) {
    for (const TriggerMatch& c : chosen)
      if (c.clause == clause) return true;
    return false;
  };
  const std::size_t first_out = out.size();
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
  const auto events = std::span<EventMention>(out).subspan(first_out);
  const bool any_violent = std::any_of(events.begin(), events.end(), [](const EventMention& e) {
    return event_kind_info(e.kind).violent;
  });
  const std::optional<Fatalities> fatalities =
      any_violent ? find_fatalities(text, tokens) : std::nullopt;
  if (fatalities) {
    const std::size_t at = token_at_or_after(tokens, fatalities->evidence.begin);
    std::size_t target = events.size();
    long best_distance = 0;
    for (std::size_t k = 0; k < events.size(); ++k) {
      if (!event_kind_info(events[k].kind).violent) continue;
      const long dist = distance(chosen[k].first_token, at);
      if (target == events.size() || dist < best_distance) {
        target = k;
        best_distance = dist;
      }
    }
    if (target < events.size()) events[target].fatalities = fatalities;
  }
}

}  // namespace

std::vector<EventMention> extract_sentence_events(std::string_view text, ByteSpan sentence,
                                                  std::optional<CivilDate> doc_date,
                                                  const EventExtractorOptions& options,
                                                  const DateMention* carried) {
  std::vector<EventMention> out;
  if (!may_hold_trigger(text, sentence, options.min_confidence)) return out;
  Scratch& s = thread_scratch();
  tokenize_for_events(text, sentence, s.tokens);
  sentence_events(text, sentence, s, doc_date, options, carried, out);
  return out;
}

std::vector<EventMention> extract_events(std::string_view text, std::optional<CivilDate> doc_date,
                                         const EventExtractorOptions& options) {
  std::vector<EventMention> out;
  // Most sentences name no event, and some texts none at all: the text is scanned for key
  // stems from one sentence that may hold an event to the next, the sentences in between
  // ruled out without a scan of their own and before tokenisation, and it is only split when
  // it has one. A sentence's tokens are those a tokenisation of the whole text has in it (its
  // ends lie on whitespace), and so are its stems.
  std::optional<std::size_t> next_stem =
      first_trigger_stem(text, {0, text.size()}, options.min_confidence);
  if (!next_stem) return out;
  Scratch& scratch = thread_scratch();
  std::optional<DateMention> carried;
  for (const ByteSpan& s : split_sentences(text).sentences) {
    if (!next_stem) break;
    if (s.end <= *next_stem) continue;  // no key stem begins in it
    const bool candidate = may_hold_trigger(text, s, options.min_confidence, *next_stem);
    next_stem = first_trigger_stem(text, {s.end, text.size()}, options.min_confidence);
    if (!candidate) continue;
    tokenize_for_events(text, s, scratch.tokens);
    const std::size_t first_event = out.size();
    sentence_events(text, s, scratch, doc_date, options, carried ? &*carried : nullptr, out);
    // What later undated events inherit: the sentence's most precise date, not whichever one
    // its last event took: in "the video of the October 17 operation, released this week" the
    // day is what later sentences about the operation mean.
    const bool dated_here =
        std::any_of(out.begin() + static_cast<std::ptrdiff_t>(first_event), out.end(),
                    [](const EventMention& e) { return e.date_source == DateSource::kSentence; });
    if (dated_here) {
      std::optional<DateMention> sharpest;
      for (const DateMention& d : scratch.dates)
        if (!sharpest || d.precision < sharpest->precision) sharpest = d;
      if (sharpest) carried = sharpest;
    }
  }
  return out;
}

}  // namespace incidentmap
