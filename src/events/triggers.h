#pragma once
// Event triggers: the words in a sentence that report that something happened ("clashed",
// "were killed", "opened fire", "set fire to", "requested the extradition", "press briefing").
//
// The lexicon (triggers.cpp) lists lemmas with their inflections and multiword patterns, each
// with an EventKind and a base confidence: unambiguous verbs 0.85-0.95, nouns and verbs with
// common non-violent senses 0.4-0.7, bare reporting verbs ("said", "announced") 0.3. Entries
// may name neighbouring words that veto them ("heart attack", "attack ads", "riot police",
// "press release", "the killing fields"). At each token the longest pattern wins.
//
// Modality (looked for in the four words before the trigger, inside its clause):
//   - negated: not, never, no, nobody, without, n't, denied, failed to -> confidence x 0.2;
//   - hypothetical or future: could, would, might, may, should, must, can, will, 'll, if,
//     unless, threatened to, planned to, vowed to, intended to, wanted to, called for, urged,
//     demanded, expected to, going to, about to, plotted to -> confidence x 0.4.
//     Attempts ("tried to kill") stay asserted: ACLED codes attempted attacks as events.
// select_event_triggers() drops negated triggers unless asked to keep them.
//
// Light verbs: an event noun followed within a few words (same clause, no other trigger, no
// determiner outside a prepositional phrase) by occur, erupt, break out, go off, take place,
// continue, begin, start, rage, ensue, resume, escalate, intensify, flare or unfold, or preceded
// within four words by begin, launch, carry out, conduct, stage, continue, resume, mount, wage,
// start or intensify, records that verb in TriggerMatch::light_verb. Negation and modals between
// noun and verb apply ("clashes could erupt" is hypothetical). A few nouns ("violence",
// "hostilities", "unrest") are triggers only with a light verb.

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "src/events/event_tokens.h"
#include "src/events/event_types.h"

namespace incidentmap {

enum class Modality { kAsserted, kNegated, kHypothetical };

// Stable ids: "asserted", "negated", "hypothetical".
std::string_view modality_id(Modality m);

struct TriggerMatch {
  ByteSpan span;                // bytes of the matched words in the text
  std::size_t first_token = 0;  // [first_token, last_token) into the token vector
  std::size_t last_token = 0;
  EventKind kind = EventKind::kAttack;
  double confidence = 0;  // in (0, 1]: the entry's base confidence times modality factors
  Modality modality = Modality::kAsserted;
  bool passive = false;  // a form of "be"/"get" precedes a participle ("were killed")
  int clause = 0;        // clause_ids() of the first token
  // For an event noun, the light verb that reports the event as its subject or object
  // ("clashes erupted", "a bomb went off", "began their assault"): the verb word alone, without
  // its particle, as event annotation marks it. The trigger span stays the noun.
  std::optional<ByteSpan> light_verb;
};

// All trigger matches in `tokens` (from tokenize_for_events over `text`), in text order, not
// overlapping. Every match is returned, whatever its confidence or modality.
std::vector<TriggerMatch> find_triggers(std::string_view text, Tokens tokens);

// The same with clause_ids(tokens) already computed by the caller.
std::vector<TriggerMatch> find_triggers(std::string_view text, Tokens tokens,
                                        const std::vector<int>& clauses);

// The same into `out` (cleared first), reusing its storage.
void find_triggers(std::string_view text, Tokens tokens, const std::vector<int>& clauses,
                   std::vector<TriggerMatch>& out);

// Convenience: tokenises the whole of `sentence` first.
std::vector<TriggerMatch> find_triggers(std::string_view sentence);

// Whether bytes `span` of `text` may hold a trigger of base confidence `min_confidence` or more:
// when false, find_triggers over the span's tokens finds none, so select_event_triggers with that
// threshold selects nothing. Every lexicon entry is keyed by one of its words (of the element
// with the longest words: "statement" in "in a statement"), as StemSet stems; the test is one
// stem scan with a hash lookup per word. A key stem passes only when some entry it keys may
// match there: the entry's other elements each have a word's stem in the span (one more scan,
// on the first key stem that needs it), and a lowercase-only entry's first word is not
// capitalised. Most sentences of news name no event: this rules them out before tokenisation.
// O(span size), no allocation.
bool may_hold_trigger(std::string_view text, ByteSpan span, double min_confidence);

// The same when the caller knows that no key stem begins in [span.begin, key_from): key stems
// are looked for from `key_from` on, which must not be inside a word (the start of a stem, as
// first_trigger_stem gives it, is fine). The other elements are still looked for in the
// whole span.
bool may_hold_trigger(std::string_view text, ByteSpan span, double min_confidence,
                      std::size_t key_from);

// Where the first key stem in `span` that keys a trigger of base confidence `min_confidence` or
// more begins, or nullopt when there is none (then may_hold_trigger is false). When the lexicon
// has entries no stem keys at that confidence, every span may hold a trigger and this is
// span.begin. A text is scanned with this from one candidate sentence to the next: sentences
// before the stem need no scan of their own, and a text with none needs no splitting.
std::optional<std::size_t> first_trigger_stem(std::string_view text, ByteSpan span,
                                              double min_confidence);

// The triggers that name events: per clause, the violent trigger of highest priority (ties: the
// higher confidence, then the first), or when the clause has no violent trigger the best
// non-violent one. Triggers below `min_confidence` and negated triggers (unless keep_negated)
// are dropped first. Text order.
std::vector<TriggerMatch> select_event_triggers(const std::vector<TriggerMatch>& all,
                                                double min_confidence, bool keep_negated);

// The same into `out` (cleared first), reusing its storage. `out` must not be `all`.
void select_event_triggers(const std::vector<TriggerMatch>& all, double min_confidence,
                           bool keep_negated, std::vector<TriggerMatch>& out);

}  // namespace incidentmap
