#pragma once
// Places that lend their names to diseases and pathogens ("Marburg virus", "Lyme disease",
// "Rift Valley fever"). Right before a disease word the name is the disease's (the recogniser
// drops it there); once a text has used a name so, its other uses without a place's context
// ("the Marburg outbreak", "cases of Marburg") name the disease too, as a person's surname
// names the person throughout a text once it has been seen in full.

#include <array>
#include <string_view>
#include <vector>

#include "src/recognize/lexicons.h"
#include "src/recognize/recognizer.h"
#include "src/text/tokenizer.h"

namespace incidentmap {

// Folded words after a place name that make the name a disease's or pathogen's. Not "flu": "the
// Hong Kong flu" is read as where it came from; nor "outbreak", which follows places
// ("the Texas outbreak") as often as diseases.
inline constexpr std::array<std::string_view, 8> kDiseaseWords = {
    "virus",       "viruses",      "ebolavirus",   "disease",
    "hemorrhagic", "haemorrhagic", "encephalitis", "fever"};

// True when `folded` (one folded token: lower case, no accents) is in kDiseaseWords.
bool is_disease_word(std::string_view folded);

// Removes from `mentions` (recogniser output for `text`, whose tokens are `tokens`) the
// mentions whose words the text also uses as a disease's name: the capitalised words right
// before a disease word, leading closed-class words left out ("The Reston ebolavirus" ->
// "reston"), compared as folded keys of whole mentions. A mention stays a place when its
// context says so: a place type word (type_hint), a dateline, a locative preposition before it
// ("an outbreak in Marburg"; not "of" or "with", which go with diseases), a first-level
// division or country after a comma ("Reston, Virginia"), or a name too prominent to be taken
// for a disease's (countries, first-level divisions, capitals). Costs one pass over the tokens
// when the text names no disease after a place.
void drop_disease_namesakes(std::string_view text, const TokenizedText& tokens,
                            const Lexicons& lexicons, std::vector<Mention>& mentions);

}  // namespace incidentmap
