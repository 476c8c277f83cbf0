#pragma once
// Who did what to whom, by position around a trigger. No parser: simple, documented rules.
//
//   1. Clashes: "between X and Y" after (or right around) the trigger gives actor1 = X,
//      actor2 = Y; "X and Y clashed" splits the subject; "X clashed with Y" gives Y.
//   2. Passive ("were killed by Y", and headline-style reduced passives "Five killed in ..."
//      where the participle of a verb that takes a victim - kill, wound, attack, abduct, arrest,
//      capture, find (bodies) - has no object after it): the subject before the trigger is actor2
//      (the victims or targets) and "by Y" after it is actor1.
//   3. Active verbs: the noun phrase before the trigger is actor1, the one after it (after
//      on/at/upon/against/with when they follow) is actor2.
//   4. Nouns ("the attack on a bar by gunmen"): "on/against X" after the trigger is actor2 and
//      "by Y" is actor1.
// A noun phrase is at most eight words with no punctuation, preposition (other than "of"),
// subordinator, reporting verb, date expression or other trigger inside; leading determiners
// (the, a, an, this, that, these, those) are trimmed. Pronouns alone (he, they, ...) are not
// actors. Actors are kept as written, not normalised.

#include <optional>
#include <vector>

#include "src/events/event_tokens.h"
#include "src/events/triggers.h"

namespace incidentmap {

struct Actors {
  std::optional<ByteSpan> actor1;  // the side that acted (attacker, arresting force)
  std::optional<ByteSpan> actor2;  // the side acted on (target, victims, the other party)
};

// Actors of `triggers[index]` in `tokens` (from tokenize_for_events). `triggers` are all the
// triggers of the sentence (find_triggers), which bound noun phrases; `skip` are byte spans
// (date expressions) that are neither actors nor part of them. `clauses`, when given, is
// clause_ids(tokens), computed once by a caller that looks up several triggers.
Actors find_actors(Tokens tokens, const std::vector<TriggerMatch>& triggers, std::size_t index,
                   const std::vector<ByteSpan>& skip, const std::vector<int>* clauses = nullptr);

}  // namespace incidentmap
