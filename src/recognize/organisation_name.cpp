#include "src/recognize/organisation_name.h"

#include "src/recognize/lexicons.h"
#include "src/recognize/nearby_words.h"

namespace incidentmap {

namespace {

using nearby::title_case;
using nearby::word_flags;

// Lower-case words that join the capitalised words of one organisation's name.
bool joins_name(std::string_view w) { return w == "of" || w == "and" || w == "for" || w == "&"; }

// A capitalised word that may stand inside an organisation's name: no closed-class or calendar
// word. Titles may ("Barnet General Hospital"); a title with no organisation word after it
// starts a person's name ("the Dayton City Mayor Ann Lee").
bool name_word(std::string_view w, std::uint32_t flags) {
  return title_case(w) && (flags & (kLexStopword | kLexCalendar)) == 0;
}

// An organisation word that names no kind of area ("State", "County", "City" stand inside
// area names); institutions' buildings count ("Hospital", "Prison").
bool organisation_word(std::uint32_t flags) {
  return (flags & kLexOrgCue) != 0 && (flags & (kLexAnyPlaceType & ~kLexTypeFacility)) == 0;
}

// The capitalised words after `end` close an organisation's name: one of them is an
// organisation word, and the last is no government noun ("the Peru Health Ministry" is Peru's
// government, a metonym annotators mark).
bool organisation_after(std::string_view text, std::size_t end) {
  constexpr int kMaxWords = 4;
  std::size_t at = end;
  bool organisation = false;
  std::uint32_t last_flags = 0;
  for (int words = 0; words < kMaxWords; ++words) {
    std::string_view w = nearby::word_after(text, at);
    if (joins_name(w) && words > 0) {
      // "the Vandor Department of Fisheries": an area type word that also names a body
      // ("Department", "District") heads the body's name when "of" and a name follow it.
      if (w == "of" && (last_flags & kLexOrgCue) != 0 && (last_flags & kLexTypeAdmin) != 0)
        organisation = true;
      w = nearby::word_after(text, nearby::offset_in(text, w) + w.size());
    }
    // A possessive closes the name before this word, a dot after it.
    if (w.empty() || w.ends_with("'s")) break;
    const bool sentence_end = w.back() == '.';
    if (sentence_end) w.remove_suffix(1);
    const std::uint32_t flags = word_flags(w);
    if (!name_word(w, flags)) break;
    organisation = organisation || organisation_word(flags);
    last_flags = flags;
    at = nearby::offset_in(text, w) + w.size();
    if (sentence_end) break;
  }
  return organisation && (last_flags & kLexMetonymyNoun) == 0;
}

bool direction_word(std::string_view w) {
  for (std::string_view d : {"North", "South", "East", "West", "Northern", "Southern", "Eastern",
                             "Western", "Central", "Greater"})
    if (w == d) return true;
  return false;
}

// "University of X", "Corporation of Greater X".
bool organisation_of_before(std::string_view text, std::size_t begin) {
  std::string_view w = nearby::word_before(text, begin);
  if (direction_word(w)) w = nearby::word_before(text, nearby::offset_in(text, w));
  if (w != "of") return false;
  const std::string_view head = nearby::word_before(text, nearby::offset_in(text, w));
  const std::uint32_t flags = word_flags(head);
  return title_case(head) && head.back() != '.' && (flags & kLexOrgCue) != 0 &&
         (flags & (kLexTypeAdmin | kLexMetonymyNoun)) == 0;
}

// "Radio Tirana", "Health Canada".
bool organisation_directly_before(std::string_view text, std::size_t begin) {
  const std::string_view w = nearby::word_before(text, begin);
  if (!title_case(w) || w.back() == '.') return false;
  const std::uint32_t flags = word_flags(w);
  return organisation_word(flags) && (flags & (kLexTitle | kLexMetonymyNoun)) == 0;
}

}  // namespace

bool inside_organisation_name(std::string_view text, std::uint32_t begin, std::uint32_t end) {
  if (begin >= end || end > text.size()) return false;
  // An abbreviation ("U.S. Army", "UK Border Force") names whose the organisation is, and
  // annotators mark it as the country.
  if (!title_case(text.substr(begin, end - begin))) return false;
  if (!organisation_after(text, end) && !organisation_of_before(text, begin) &&
      !organisation_directly_before(text, begin))
    return false;
  return !nearby::in_title_case_line(text, begin);
}

}  // namespace incidentmap
