#pragma once
// Counts in news sentences and the fatality count they give.
//
// Quantities: digits ("12", "1,200", "1.5 million", "10-15"), number words ("seven",
// "twenty-five", "two hundred and fifty", "a dozen", "half a dozen", "both", "a couple of"),
// vague amounts and modifiers. Vague amounts take the smallest value the phrase allows, as
// ACLED does for "several" or "dozens": several 3, a few 2, a handful 3, dozens 24, scores 40,
// hundreds 200, thousands 2000, all with no upper bound. Modifiers:
//   at least N, no fewer/less than N, a minimum of N, more than N, over N, N or more
//                                          -> best N, low N, no upper bound
//   up to N, as many as N                  -> best N, low 1, high N
//   about/around/some/nearly/almost/approximately/roughly/an estimated N -> best = low = high = N
//   between N and M, N to M, N or M, N-M   -> best N, low N, high M
// Not counts (skipped): years (1800-2100 written without a comma), times (10:30, 10 p.m.),
// ages ("a 25-year-old", "aged 25", "25 years old"), dates (next to a month name), ordinals,
// durations ("12 hours"), percentages, money, measures ("50 km"), identifiers ("Highway 15",
// "No. 5"), and "one" in "no one", "the one".
//
// Fatalities: a quantity counts as deaths when the first outcome word after it (within seven
// words, not crossing punctuation, a coordinator or another quantity) is a death word (killed,
// dead, died, deaths, bodies, murders, ...), or when a killing word precedes it ("killed at least
// 12", "killing five", "the death toll rose to 15", "the bodies of three men") and it is not
// followed by an injury or other outcome word. Quantities coordinated with "and"/","/"or" share
// the classification and are summed ("two police officers and three civilians were killed" = 5);
// "a"/"an" before a person noun in such a list counts one ("three soldiers and a police officer
// were killed" = 4); a list whose later members add up to its first one is a breakdown of it
// ("seven people, four soldiers and three civilians" = 7). Subsets ("including seven children",
// "seven of them") are not counted. A death count marked as additional ("two others", "three
// more", "another two") is added to the death count before it, as is a bare count after "and"
// that is followed only by a place ("six were killed in A and four in B" = 10). Of the groups
// that remain, the largest is taken (reports often restate a count). Without a count, "a man was
// killed", "X is killed", "the body of a woman", "dies" give 1. Explicit zero forms ("no deaths
// were reported", "no one was killed", "nobody died", "without casualties", "no injuries")
// give 0 when no positive count is found. Injury counts (wounded, injured, hurt) never count.

#include <optional>
#include <string_view>
#include <vector>

#include "src/events/event_tokens.h"

namespace incidentmap {

// The value of one number token (lowercase): digits with optional thousands commas ("1,200"),
// or a number word from zero to ninety-nine including hyphenated forms ("twenty-five"), or
// "hundred"/"thousand"/"million" as 100/1000/1000000. nullopt otherwise.
std::optional<long> parse_number_word(std::string_view lower);

struct Quantity {
  std::size_t first_token = 0;  // [first_token, last_token), including modifiers
  std::size_t last_token = 0;
  ByteSpan span;
  long best = 0;
  long low = 0;
  long high = 0;       // -1: no upper bound
  bool vague = false;  // "dozens", "several", ...
};

// Counts in `tokens` (from tokenize_for_events over `text`), in text order, excluding the
// non-counts listed above.
std::vector<Quantity> find_quantities(std::string_view text, Tokens tokens);

struct Fatalities {
  long best = 0;
  long low = 0;
  long high = 0;               // -1: no upper bound
  ByteSpan evidence;           // the quantity (or zero/singular phrase) the count was read from
  bool explicit_zero = false;  // "no deaths were reported" and the like
};

// The fatality count a sentence reports, or nullopt when it reports none.
std::optional<Fatalities> find_fatalities(std::string_view text, Tokens tokens);

// Convenience: tokenises the whole of `sentence` first.
std::optional<Fatalities> find_fatalities(std::string_view sentence);

}  // namespace incidentmap
