#pragma once
// A second look for places the gazetteer does not hold, where the words around a capitalised
// name say it is a place: "the village of Sheikh Najjar", "the south X neighbourhood of
// Al-Y", "in Rawiya village", "the Markab area". The recogniser's own type constructions stop
// at names that open with a title or a particle ("Sheikh", "Al-"); this pass takes them when
// the gazetteer knows no entry by that name, so a village the gazetteer lacks still marks where
// an event happened (located through the place the text puts it in).

#include <string_view>
#include <vector>

#include "src/recognize/lexicons.h"
#include "src/recognize/name_source.h"
#include "src/recognize/recognizer.h"

namespace incidentmap {

// Adds to `mentions` (ordered by begin, non-overlapping, as Recognizer::recognize returns them)
// literal mentions with NameInfo{} (unknown to the gazetteer) for capitalised names of 1-4 words
// in `text` that
//   - follow "<kind> of" where "the" opens the phrase at most three words before the kind
//     ("the village of X", "the northern Aleppo district of X"), or
//   - stand between "the" or a locative preposition and a lower-case kind ("the X area",
//     "in X village"),
// with kind one of village, town, city, neighbourhood, district, suburb, area, quarter,
// settlement, hamlet, locality (and plurals), when `names` knows no entry by the name and no
// word of it is a month, weekday, stopword, organisation or media name. Words may be
// hyphenated and may open with a lower-case particle ("al-Zahawi"). Mentions stay ordered and
// non-overlapping: a name overlapping an existing mention is left alone.
void add_context_names(std::string_view text, const NameSource& names, const Lexicons& lexicons,
                       std::vector<Mention>& mentions);

}  // namespace incidentmap
