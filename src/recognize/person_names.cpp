#include "src/recognize/person_names.h"

#include <algorithm>
#include <array>
#include <utility>

#include "src/recognize/lexicons.h"
#include "src/recognize/nearby_words.h"

namespace incidentmap {

namespace {

using nearby::title_case;

// Prepositions after which a name is a place ("arrested in Ochoa").
constexpr std::array<std::string_view, 19> kLocatives = {
    "in",     "near",       "at",     "outside", "from",    "to",      "into",
    "across", "around",     "toward", "towards", "through", "between", "inside",
    "within", "throughout", "beyond", "along",   "via"};

// Words that are no surname.
constexpr std::uint32_t kNotSurname = kLexAnyPlaceType | kLexOrgCue | kLexCalendar | kLexStopword |
                                      kLexTitle | kLexMedia | kLexOrganisation | kLexCommonWord;

// Length in bytes of the quote mark that ends at text[at - 1] (0 when none): '"', '\'', or a
// curly quote (three bytes in UTF-8).
std::size_t quote_before(std::string_view text, std::size_t at) {
  if (at >= 1 && (text[at - 1] == '"' || text[at - 1] == '\'')) return 1;
  if (at >= 3 && text.substr(at - 3, 2) == "\xE2\x80") {
    const unsigned char c = static_cast<unsigned char>(text[at - 1]);
    if (c >= 0x98 && c <= 0x9D) return 3;
  }
  return 0;
}

// Length of the quote mark that starts at text[at] (0 when none).
std::size_t quote_at(std::string_view text, std::size_t at) {
  if (at < text.size() && (text[at] == '"' || text[at] == '\'')) return 1;
  if (at + 3 <= text.size() && text.substr(at, 2) == "\xE2\x80") {
    const unsigned char c = static_cast<unsigned char>(text[at + 2]);
    if (c >= 0x98 && c <= 0x9D) return 3;
  }
  return 0;
}

bool word_boundary_before(std::string_view text, std::size_t at) {
  return at == 0 || !nearby::is_word_byte(text[at - 1]);
}
bool word_boundary_after(std::string_view text, std::size_t at) {
  // A trailing dot or apostrophe ends a sentence or opens a possessive, not the word.
  return at >= text.size() || !nearby::is_word_byte(text[at]) || text[at] == '.' ||
         text[at] == '\'';
}

// text[begin, end) stands in quotes inside a name: `Word "nick" Word`.
bool quoted_nickname_at(std::string_view text, std::size_t begin, std::size_t end) {
  const std::size_t open = quote_before(text, begin);
  const std::size_t close = quote_at(text, end);
  if (open == 0 || close == 0) return false;
  return title_case(nearby::word_before(text, begin - open)) &&
         title_case(nearby::word_after(text, end + close));
}

// A nickname quoted inside a name (`Rafael "El Tigre" Ochoa`) and the surname after it.
struct Nickname {
  std::string_view nickname;
  std::string_view surname;
};

// Every quoted nickname of the text: one pass per kind of opening mark.
std::vector<Nickname> quoted_nicknames(std::string_view text) {
  constexpr std::size_t kLongestNickname = 40;  // bytes
  std::vector<Nickname> out;
  for (const char first : {'"', '\'', '\xE2'}) {
    for (std::size_t at = text.find(first); at != std::string_view::npos;
         at = text.find(first, at + 1)) {
      const std::size_t open = quote_at(text, at);
      if (open == 0 || at + open >= text.size() || !nearby::is_upper(text[at + open]) ||
          !title_case(nearby::word_before(text, at)))
        continue;
      const std::size_t begin = at + open;
      std::size_t end = begin;
      while (end < text.size() && end - begin < kLongestNickname && quote_at(text, end) == 0 &&
             text[end] != '\n')
        ++end;
      if (end == begin || quote_at(text, end) == 0 || !quoted_nickname_at(text, begin, end))
        continue;
      out.push_back(
          {text.substr(begin, end - begin), nearby::word_after(text, end + quote_at(text, end))});
    }
  }
  return out;
}

class DocumentNames {
 public:
  DocumentNames(std::string_view text, const std::vector<Mention>& mentions)
      : text_(text), mentions_(mentions), nicknames_(quoted_nicknames(text)) {}

  // The document quotes `surface` as a nickname inside a name.
  bool quoted_nickname(std::string_view surface) const {
    return std::any_of(nicknames_.begin(), nicknames_.end(),
                       [&](const Nickname& n) { return n.nickname == surface; });
  }

  // Somewhere the document names a person with the surname `word`.
  bool surname(std::string_view word) {
    if (!title_case(word) || (nearby::word_flags(word) & kNotSurname) != 0) return false;
    for (const auto& [known, is_surname] : judged_)
      if (known == word) return is_surname;
    const bool is_surname = std::any_of(nicknames_.begin(), nicknames_.end(),
                                        [&](const Nickname& n) { return n.surname == word; }) ||
                            named_as_surname(word);
    judged_.emplace_back(word, is_surname);
    return is_surname;
  }

 private:
  // named_after_given_name_or_title(word), which scans the text once per word; past a few
  // words one pass collects every such surname instead, so a long document costs O(size).
  bool named_as_surname(std::string_view word) {
    constexpr std::size_t kWordsScannedApart = 16;
    if (judged_.size() < kWordsScannedApart ||
        !std::all_of(word.begin(), word.end(), nearby::is_word_byte))
      return named_after_given_name_or_title(word);
    if (!surnames_collected_) collect_surnames();
    return std::binary_search(surnames_.begin(), surnames_.end(), word);
  }

  // Every word of nothing but word bytes for which named_after_given_name_or_title holds: each
  // title-case run of word bytes after a space and a qualifying word, cut at its end or before
  // any of its dots and apostrophes (where the word boundary test lets a match end). Sorted.
  void collect_surnames() {
    surnames_collected_ = true;
    const std::string_view t = text_;
    for (std::size_t at = 2; at + 1 < t.size(); ++at) {
      if (t[at - 1] != ' ' || !nearby::is_upper(t[at]) || !nearby::is_lower(t[at + 1])) continue;
      const std::string_view before = nearby::word_before(t, at);
      // Both kinds of word before open with a capital.
      if (before.empty() || !nearby::is_upper(before[0]) || in_mention(at) ||
          in_mention(nearby::offset_in(t, before)))
        continue;
      const std::uint32_t flags = nearby::word_flags(before);
      if ((flags & kLexTitle) == 0 &&
          !(title_case(before) && (flags & kLexGivenName) != 0 && (flags & kNotSurname) == 0))
        continue;
      std::size_t run_end = at;
      while (run_end < t.size() && nearby::is_word_byte(t[run_end])) ++run_end;
      for (std::size_t end = at + 2; end <= run_end; ++end) {
        if (end < run_end && t[end] != '.' && t[end] != '\'') continue;
        if (!title_case(nearby::word_after(t, end))) surnames_.push_back(t.substr(at, end - at));
      }
    }
    std::sort(surnames_.begin(), surnames_.end());
  }

  bool named_after_given_name_or_title(std::string_view word) const {
    for (std::size_t at = text_.find(word); at != std::string_view::npos;
         at = text_.find(word, at + 1)) {
      if (!word_boundary_before(text_, at) || !word_boundary_after(text_, at + word.size()) ||
          in_mention(at))
        continue;
      // The surname ends the person's name: in "Ann Catholic School" the word is no surname.
      if (title_case(nearby::word_after(text_, at + word.size()))) continue;
      const std::string_view before = nearby::word_before(text_, at);
      if (before.empty() || in_mention(nearby::offset_in(text_, before))) continue;
      const std::uint32_t flags = nearby::word_flags(before);
      if ((flags & kLexTitle) != 0 && nearby::is_upper(before[0])) return true;
      if (title_case(before) && (flags & kLexGivenName) != 0 && (flags & kNotSurname) == 0)
        return true;
    }
    return false;
  }

  bool in_mention(std::size_t at) const {
    auto it = std::upper_bound(mentions_.begin(), mentions_.end(), at,
                               [](std::size_t a, const Mention& m) { return a < m.begin; });
    return it != mentions_.begin() && at < std::prev(it)->end;
  }

  std::string_view text_;
  const std::vector<Mention>& mentions_;
  std::vector<Nickname> nicknames_;
  std::vector<std::pair<std::string_view, bool>> judged_;
  std::vector<std::string_view> surnames_;  // collect_surnames()
  bool surnames_collected_ = false;
};

bool never_a_person(const Mention& m) {
  return m.role == MentionRole::kDemonym || m.info.is(NameInfo::kCountry) ||
         m.info.is(NameInfo::kContinent) || !title_case(m.surface);
}

bool locative_context(std::string_view text, const Mention& m) {
  const std::string_view before = nearby::word_before(text, m.begin);
  if (std::find(kLocatives.begin(), kLocatives.end(), before) != kLocatives.end()) return true;
  if (m.type_hint != 0) return true;
  // "Hall County": a type word inside the name.
  const std::size_t space = m.surface.rfind(' ');
  if (space != std::string::npos &&
      (nearby::word_flags(std::string_view(m.surface).substr(space + 1)) & kLexAnyPlaceType) != 0)
    return true;
  return m.end + 2 < text.size() && text[m.end] == ',' && text[m.end + 1] == ' ' &&
         nearby::is_upper(text[m.end + 2]);
}

// "Shangen Abdul Qader": a one-word name, then a given name and a surname that ends the name
// (the first of a person's several given names; not "Launceston Christian School").
bool given_names_follow(std::string_view text, const Mention& m, std::string_view after) {
  if (m.info.prominent() || m.surface.find(' ') != std::string::npos || !title_case(after))
    return false;
  const std::uint32_t flags = nearby::word_flags(after);
  if ((flags & kLexGivenName) == 0 || (flags & kNotSurname) != 0) return false;
  const std::string_view surname =
      nearby::word_after(text, nearby::offset_in(text, after) + after.size());
  return title_case(surname) && (nearby::word_flags(surname) & kNotSurname) == 0 &&
         !title_case(nearby::word_after(text, nearby::offset_in(text, surname) + surname.size()));
}

}  // namespace

std::vector<bool> person_name_mentions(std::string_view text,
                                       const std::vector<Mention>& mentions) {
  std::vector<bool> person(mentions.size(), false);
  DocumentNames names(text, mentions);
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    const Mention& m = mentions[i];
    if (m.end > text.size() || m.begin >= m.end || never_a_person(m)) continue;
    if (names.quoted_nickname(m.surface)) {
      person[i] = true;
      continue;
    }
    if (locative_context(text, m) || m.surface.back() == '.') continue;
    const std::string_view after = nearby::word_after(text, m.end);
    // (The sentence is read last: it is the dearest test and most mentions fail the others.)
    person[i] =
        ((title_case(after) && names.surname(after)) || given_names_follow(text, m, after) ||
         (m.surface.find(' ') == std::string::npos && !m.info.prominent() &&
          names.surname(m.surface))) &&
        !nearby::in_title_case_line(text, m.begin);
  }
  return person;
}

void drop_document_person_names(std::string_view text, std::vector<Mention>& mentions) {
  const std::vector<bool> person = person_name_mentions(text, mentions);
  std::size_t i = 0;
  std::erase_if(mentions, [&](const Mention&) { return person[i++]; });
}

}  // namespace incidentmap
