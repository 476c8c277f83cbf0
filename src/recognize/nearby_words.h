#pragma once
// Byte-level reading of the words next to a span, shared by the rules that judge a recognised
// name from its neighbours (name_context.h, organisation_name.h, person_names.h). Words are
// runs of ASCII letters, UTF-8 bytes, dots and apostrophes, so "W.V.", "O'Brien" and "Chávez"
// are one word each.

#include <cstdint>
#include <string_view>

namespace incidentmap::nearby {

inline bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
inline bool is_word_byte(char c) {
  return is_upper(c) || is_lower(c) || c == '.' || c == '\'' ||
         (static_cast<unsigned char>(c) & 0x80);
}

// The word that ends one space before `at`: text[b, at - 1). Empty when none does
// (`at` <= text.size()).
inline std::string_view word_before(std::string_view text, std::size_t at) {
  if (at < 2 || at > text.size() || text[at - 1] != ' ') return {};
  std::size_t b = at - 1;
  while (b > 0 && is_word_byte(text[b - 1])) --b;
  return text.substr(b, at - 1 - b);
}

// The word that starts one space after `at`. Empty when none does.
inline std::string_view word_after(std::string_view text, std::size_t at) {
  if (at + 1 >= text.size() || text[at] != ' ') return {};
  std::size_t e = at + 1;
  while (e < text.size() && is_word_byte(text[e])) ++e;
  return text.substr(at + 1, e - at - 1);
}

// "Reyes", "Hale": an upper-case letter, then a lower-case one.
inline bool title_case(std::string_view w) {
  return w.size() >= 2 && is_upper(w[0]) && is_lower(w[1]);
}

// Byte offset of `w` in `text`; `w` must be a view into `text`.
inline std::size_t offset_in(std::string_view text, std::string_view w) {
  return static_cast<std::size_t>(w.data() - text.data());
}

// True when most words of the sentence around text[at] are capitalised: a headline in title
// case, where capitals mark no names (nor lower-case words a sentence's middle). `at` <
// text.size().
bool in_title_case_line(std::string_view text, std::size_t at);

// Lexicon flags (lexicons.h LexFlag bits) of a word, folded, without a trailing dot.
std::uint32_t word_flags(std::string_view word);

}  // namespace incidentmap::nearby
