#pragma once
// Names that one document shows elsewhere to belong to a person: a nickname it quotes inside a
// person's name (Rafael "El Tigre" Ochoa), a word standing before the surname of a person it
// names ("El Tigre Ochoa"), and that surname alone ("Ochoa was arrested") once the document has
// named a person with it. Gazetteers hold villages named like all of these.

#include <cstdint>
#include <string_view>
#include <vector>

#include "src/recognize/recognizer.h"

namespace incidentmap {

// For each of `mentions` (ordered by begin, non-overlapping, byte offsets into `text`, valid
// UTF-8), true when the document shows it to be part of a person's name:
//  - nickname: the mention's surface stands somewhere in the text between quote marks ("",
//    '', or curly) inside a name, a title-case word and one space before the opening mark, one
//    space and a title-case word after the closing one;
//  - before a surname: one space and a document surname follow the mention;
//  - surname: a one-word mention that is a document surname and no country, first-level
//    division, continent or region;
//  the last two unless a locative preposition ("in", "near", "at", ...) stands before the
//  mention, ", " and a capitalised word after it, a type word next to it (type_hint) or ending it
//  ("Hall County"), it ends in a dot ("Harrisburg, Pa. Novak said": the sentence ends there), or it
//  stands in a line of mostly capitalised words (a headline, a list of names).
// A document surname is a title-case word, outside every mention and no type, organisation,
// calendar, common or closed-class word, that stands somewhere at the end of a name (no
// title-case word after it) after a title-case given name of the lexicon (itself outside every
// mention) or after a title ("Mr", "Gen."), or after a quoted nickname as above. Words are matched
// as written (case and accents count). Countries and continents are never judged person names.
// Cost: a few substring searches per document for the mentions that could be judged; none when no
// mention could be.
std::vector<bool> person_name_mentions(std::string_view text, const std::vector<Mention>& mentions);

// Removes from `mentions` those person_name_mentions() marks.
void drop_document_person_names(std::string_view text, std::vector<Mention>& mentions);

}  // namespace incidentmap
