#pragma once
// Place names that stand inside the name of an organisation or an institution: "the Tarrant
// Fire and Rescue Service", "Kenmore State University", "the University of Lisbon", "Radio
// Tirana". Whether such a name counts as a toponym is an annotation convention: LGL marks
// them, GeoVirus does not. The pipeline keeps them (they are evidence for the document's
// other places); output can leave them out (geoparse --no-organisation-names).

#include <cstdint>
#include <string_view>

namespace incidentmap {

// True when text[begin, end) is part of a capitalised organisation name:
//  - after it, one space, then up to four capitalised words (joined by single spaces, or by
//    "of", "and", "for", "&") the last of which is an organisation word of the lexicon
//    (kLexOrgCue: "University", "Council", "Service", "Hospital") that is no place type word
//    ("State", "County" and "City" may stand inside: "Kenmore State University");
//  - or before it, a capitalised organisation word then "of " ("University of Lisbon"), with
//    at most one capitalised direction word between ("University of Northern Lisbon"), the
//    organisation word being no administrative type word ("the State of Oaxaca" is the state)
//    nor a government noun ("the Health Ministry of Peru" is Peru's government, a metonym);
//  - or directly before it, one space apart, a capitalised organisation word that is no
//    government noun ("Radio Tirana", "Health Canada").
// False for a name not in title case (an abbreviation: "U.S. Army", "UK Border Force", which
// annotators mark as the country), in a headline in title case (where capitals mark no names), when
// `begin` >= `end` or `end` > text.size(). Offsets are bytes into valid UTF-8.
bool inside_organisation_name(std::string_view text, std::uint32_t begin, std::uint32_t end);

}  // namespace incidentmap
