#pragma once
// A second look for places the gazetteer does not hold, where the words around a capitalised
// name say it is a place: "the village of Sheikh Najjar", "the south X neighbourhood of
// Al-Y", "in Rawiya village", "the Markab area". The recogniser's own type constructions stop
// at names that open with a title or a particle ("Sheikh", "Al-"); this pass takes them when
// the gazetteer knows no entry by that name, so a village the gazetteer lacks still marks where
// an event happened (located through the place the text puts it in).

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "src/recognize/lexicons.h"
#include "src/recognize/name_source.h"
#include "src/recognize/recognizer.h"
#include "src/text/tokenizer.h"

namespace incidentmap {

// Adds to `mentions` (ordered by begin, non-overlapping, as Recognizer::recognize returns them)
// literal mentions for capitalised names of 1-4 words in `text` that
//   - follow "<kind> of" where "the" opens the phrase at most three words before the kind
//     ("the village of X", "the northern Aleppo district of X"): names the gazetteer does not
//     hold (NameInfo{}) and names it holds that the recogniser passed over (their NameInfo);
//   - stand between "the" or a locative preposition and a lower-case kind ("the X area",
//     "in X village"), when the gazetteer holds no entry by the name;
//   - follow a locative preposition (in, at, near, into, outside, en) as the longest run of two
//     or more name words and particles ("in San Miguel de Allende") that the gazetteer holds
//     as a town of 1000 people or more or as an area.
// Kinds: village, town, city, neighbourhood, district, suburb, area, quarter, settlement,
// hamlet, locality (and plurals). No word may be a demonym, month, weekday, stopword,
// organisation or media name. Words may be hyphenated ("Al-Bayaa", not "X-based") and may open
// with a lower-case particle ("al-Zahawi"); a possessive "'s" ends a name. A name the gazetteer
// holds replaces the shorter mentions inside it ("Hidalgo" in "Dolores Hidalgo"); otherwise a
// name overlapping an existing mention is left alone, so the result stays ordered and
// non-overlapping. O(text size) plus one lookup per candidate name.
void add_context_names(std::string_view text, const NameSource& names, const Lexicons& lexicons,
                       std::vector<Mention>& mentions);

// The same over `tokens`, the tokens of `text`, looking only at the tokens `cue_tokens` lists
// (indices, increasing). Every rule opens at a lower-case cue word (a kind or a locative
// preposition), which lies inside a token whose folded form is one of context_cue_words() or
// that has kInnerJoiner ("x.in"): each such token must be listed; others may be. Costs a few
// words' scan per listed token, nothing per other token.
void add_context_names(std::string_view text, const TokenizedText& tokens,
                       std::span<const std::uint32_t> cue_tokens, const NameSource& names,
                       const Lexicons& lexicons, std::vector<Mention>& mentions);

// The cue words the rules open at, lower case.
std::span<const std::string_view> context_cue_words();

}  // namespace incidentmap
