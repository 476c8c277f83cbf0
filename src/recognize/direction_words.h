#pragma once
// Spans that take in a capitalised direction word before a place's name ("Southern China",
// "West Java", "North-Western Sydney"). Whether the word belongs to the name is an annotation
// convention: some corpora mark "Southern China", others "China" alone; the key to resolve
// stays the place's ("china"), so resolution does not change.

#include <array>
#include <string_view>
#include <vector>

#include "src/recognize/recognizer.h"
#include "src/text/tokenizer.h"

namespace incidentmap {

// Capitalised direction words that may open a region name ("Southern California"), folded.
inline constexpr std::array<std::string_view, 18> kDirectionWords = {
    "north",     "south",        "east",         "west",         "northern",     "southern",
    "eastern",   "western",      "central",      "northeast",    "northwest",    "southeast",
    "southwest", "northeastern", "northwestern", "southeastern", "southwestern", "upper"};

// True when `folded` (one folded token, or two joined by a hyphen: "north-western") is a
// direction word.
bool is_direction_word(std::string_view folded);

// Widens each mention of `mentions` (recogniser output for `text`, whose tokens are `tokens`;
// ordered, non-overlapping) whose first token follows a capitalised direction word joined to it
// by spaces or a hyphen, so that the span and surface start at the direction word; the key is
// left as it is. A mention made of the direction word alone ("North-Western" before "Sydney")
// is merged into the one it opens. Demonyms are left as they are ("Southern Italian").
void widen_to_direction_words(std::string_view text, const TokenizedText& tokens,
                              std::vector<Mention>& mentions);

}  // namespace incidentmap
