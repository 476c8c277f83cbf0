#pragma once
// Recognised names that the words around them show to be part of a person's or an
// organisation's name, judged from the text alone (after recognition, before resolution).

#include <cstdint>
#include <string_view>

namespace incidentmap {

// Why a mention is no place (kNone: nothing against it).
enum class NameContext : std::uint8_t {
  kNone,
  // A lower-case kinship noun right before a one-word name: "his wife Georgia", "her husband
  // Austin", "son Jordan". Family members are named by given names, which the gazetteer also
  // holds for hundreds of small places.
  kKinName,
  // A title or occupation right before a one-word name that a capitalised surname follows:
  // "Dr Lincoln Moyo", "economist Austin Reyes", "the Reverend J.T. Hale". The person's given
  // name, whatever place shares it. The title may carry its dot ("Dr.", "Rev.").
  kTitledName,
  // A one-word name written with an initial as a person's is: before a middle initial and a
  // surname ("Lynnwood W. Schell", "Olin R. Hale,") or after a first initial ("the daughter of
  // D. Valentine"). Not "W. Va." (a surname of two or three letters with a dot is an
  // abbreviation) nor the direction initials N., S., E., W. ("S. Carolina").
  kInitialledName,
  // Inside an organisation's name: a capitalised word that is no place opens the name before
  // the place and an organisation word closes it after, as in "the Royal Carlton Hospital",
  // "the All Nations Institute", "the Dayton Metro Council" (for "Metro"). The opening word
  // must follow a lower-case word or a comma, so that it is neither a sentence's first word
  // nor part of a headline in title case, and must not be a direction word ("South Lanark
  // Police" names the place's police).
  kInsideOrganisation,
};

// What the words around text[begin, end) say against it being a place. `after_place` is true
// when the word right before the span is itself (the end of) a recognised place name: it then
// opens no organisation name ("Paris-Henry County Arts Council"). Offsets are byte offsets
// into `text` (valid UTF-8), begin <= end <= text.size(). Words are compared folded
// (case and accents aside) except where the rule asks for lower case.
NameContext name_context(std::string_view text, std::uint32_t begin, std::uint32_t end,
                         bool after_place);

}  // namespace incidentmap
