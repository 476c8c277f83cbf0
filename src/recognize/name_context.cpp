#include "src/recognize/name_context.h"

#include <algorithm>
#include <array>
#include <string>

#include "gazetteer/fold.h"
#include "src/recognize/lexicons.h"
#include "src/recognize/nearby_words.h"

namespace incidentmap {

namespace {

// Kinship nouns, lower case, as they stand before a relative's given name.
constexpr std::array<std::string_view, 28> kKinNouns = {
    "husband", "wife",       "son",          "daughter",      "brother",     "sister",
    "mother",  "father",     "grandson",     "granddaughter", "grandmother", "grandfather",
    "nephew",  "niece",      "uncle",        "aunt",          "cousin",      "fiance",
    "fiancee", "stepson",    "stepdaughter", "stepfather",    "stepmother",  "widow",
    "widower", "girlfriend", "boyfriend",    "grandchild"};

// Occupations that stand before a person's name like a title ("economist Austin Reyes"); the
// titles proper ("Dr", "Reverend", "spokesman") come from the lexicon.
constexpr std::array<std::string_view, 16> kOccupations = {
    "economist", "engineer", "scientist", "researcher", "physician", "doctor", "nurse",  "lawyer",
    "analyst",   "official", "farmer",    "teacher",    "student",   "worker", "victim", "patient"};

// Words that open a region's name before a place rather than an organisation's: "South
// Lanark", "Greater Manchester", "Upper Darby".
constexpr std::array<std::string_view, 24> kDirectionWords = {
    "north",        "south",        "east",         "west",         "northern",  "southern",
    "eastern",      "western",      "northeast",    "northwest",    "southeast", "southwest",
    "northeastern", "northwestern", "southeastern", "southwestern", "central",   "upper",
    "lower",        "greater",      "new",          "old",          "mid",       "inner"};

// Initials that abbreviate a direction word in a place's name ("S. Carolina", "N. Ireland").
constexpr std::array<char, 4> kDirectionInitials = {'N', 'S', 'E', 'W'};

using nearby::is_lower;
using nearby::title_case;
using nearby::word_after;
using nearby::word_before;

bool all_lower(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), is_lower);
}

std::string_view without_dot(std::string_view w) {
  return !w.empty() && w.back() == '.' ? w.substr(0, w.size() - 1) : w;
}

template <typename T, std::size_t N>
bool listed(const std::array<T, N>& list, T w) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

// A capitalised word that can be a surname: not a type, organisation, calendar or closed-class
// word, nor a title.
bool surname_like(std::string_view w) {
  if (!title_case(w)) return false;
  return (nearby::word_flags(w) & (kLexAnyPlaceType | kLexOrgCue | kLexCalendar | kLexStopword |
                                   kLexTitle | kLexMedia | kLexOrganisation)) == 0;
}

// "W.", "J.": one capital letter and a dot.
bool initial(std::string_view w) { return w.size() == 2 && nearby::is_upper(w[0]) && w[1] == '.'; }

// A name that an initial makes a person's: the word after the span is a middle initial and the
// one after that a surname, or the word before the span a first initial that names no
// direction. Precondition: the span is one word.
bool initialled(std::string_view text, std::string_view surface, std::string_view before,
                std::string_view after) {
  if (!title_case(surface) || surface.back() == '.') return false;
  if (initial(after)) {
    const std::string_view surname = word_after(text, nearby::offset_in(text, after) + 2);
    return surname_like(surname) && (surname.back() != '.' || surname.size() > 4);
  }
  return initial(before) && !listed(kDirectionInitials, before[0]) &&
         (before.data() == text.data() || before.data()[-1] == ' ' || before.data()[-1] == '(');
}

}  // namespace

namespace nearby {

bool in_title_case_line(std::string_view text, std::size_t at) {
  const auto boundary = [&](std::size_t i) {
    const char c = text[i];
    return c == '\n' ||
           ((c == '.' || c == '!' || c == '?') && i + 1 < text.size() && text[i + 1] == ' ');
  };
  std::size_t b = at, e = at;
  while (b > 0 && !boundary(b - 1)) --b;
  while (e < text.size() && !boundary(e)) ++e;
  std::size_t words = 0, capitalised = 0;
  for (std::size_t i = b; i < e; ++i) {
    if ((i == b || text[i - 1] == ' ') && (is_upper(text[i]) || is_lower(text[i]))) {
      ++words;
      if (is_upper(text[i])) ++capitalised;
    }
  }
  return words >= 3 && 3 * capitalised >= 2 * words;
}

std::uint32_t word_flags(std::string_view word) {
  return Lexicons::builtin().flags(gaz::fold_name(without_dot(word)));
}

}  // namespace nearby

NameContext name_context(std::string_view text, std::uint32_t begin, std::uint32_t end,
                         bool after_place) {
  if (begin >= end || end > text.size()) return NameContext::kNone;
  const std::string_view surface = text.substr(begin, end - begin);
  const bool one_word = surface.find(' ') == std::string_view::npos;
  const std::string_view before = word_before(text, begin);
  const std::string_view after = word_after(text, end);

  if (one_word && all_lower(before) && listed(kKinNouns, before)) return NameContext::kKinName;

  // (The cheap tests first: most names have no capitalised word after them.)
  if (one_word && !before.empty() && title_case(after)) {
    const bool occupation = all_lower(before) && listed(kOccupations, before);
    const bool title = !occupation && (title_case(before) || all_lower(without_dot(before))) &&
                       (nearby::word_flags(before) & kLexTitle) != 0;
    if ((occupation || title) && surname_like(after)) return NameContext::kTitledName;
  }

  if (one_word && initialled(text, surface, before, after)) return NameContext::kInitialledName;

  if (!after_place && title_case(before) && before.back() != '.' && title_case(after) &&
      (nearby::word_flags(after) & kLexOrgCue) != 0) {
    const std::uint32_t opener = nearby::word_flags(before);
    const std::string folded_opener = gaz::fold_name(before);
    const std::size_t opener_begin = static_cast<std::size_t>(before.data() - text.data());
    // The opener follows a lower-case word or a comma: not a sentence start or a headline.
    const std::string_view previous = word_before(text, opener_begin);
    const bool mid_sentence =
        all_lower(previous) || (opener_begin >= 2 && text.substr(opener_begin - 2, 2) == ", ");
    if (mid_sentence && !listed(kDirectionWords, std::string_view(folded_opener)) &&
        (opener & (kLexStopword | kLexTitle | kLexCalendar | kLexAnyPlaceType)) == 0 &&
        !nearby::in_title_case_line(text, begin))
      return NameContext::kInsideOrganisation;
  }
  return NameContext::kNone;
}

}  // namespace incidentmap
