#include "src/recognize/type_list.h"

#include <array>

namespace incidentmap {

namespace {

struct PluralType {
  std::string_view plural;
  std::string_view singular;
};

// Area types whose GeoNames names carry the type word ("Polk County", "Iberia Parish").
constexpr std::array<PluralType, 5> kPluralTypes = {{
    {"counties", "county"},
    {"parishes", "parish"},
    {"boroughs", "borough"},
    {"townships", "township"},
    {"districts", "district"},
}};

// Separators between listed names, longest first so that ", and " wins over ", ".
constexpr std::array<std::string_view, 5> kSeparators = {", and ", ", or ", " and ", " or ", ", "};

// Longest list walked: a few dozen names at most in real lists.
constexpr int kMaxListedNames = 40;
constexpr int kMaxWordsPerName = 3;

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || is_upper(c) || (static_cast<unsigned char>(c) & 0x80);
}
bool is_name_byte(char c) {
  return (c >= 'a' && c <= 'z') || is_upper(c) || c == '.' || c == '\'' || c == '-' ||
         (static_cast<unsigned char>(c) & 0x80);
}

// Past one capitalised word at `at`, or `at` itself when none starts there.
std::size_t skip_capitalised_word(std::string_view text, std::size_t at) {
  if (at >= text.size() || !is_upper(text[at])) return at;
  std::size_t e = at + 1;
  while (e < text.size() && is_name_byte(text[e])) ++e;
  return e;
}

// True when text[0, begin) ends with a separator after a capitalised word: the name at `begin`
// is not the first of a list.
bool follows_listed_name(std::string_view text, std::size_t begin) {
  const std::string_view head = text.substr(0, begin);
  for (std::string_view sep : kSeparators) {
    if (!head.ends_with(sep)) continue;
    std::size_t b = begin - sep.size();
    if (b == 0 || !is_name_byte(text[b - 1])) return false;
    while (b > 0 && is_name_byte(text[b - 1])) --b;
    return is_upper(text[b]);
  }
  return false;
}

}  // namespace

std::string_view type_closing_list(std::string_view text, std::size_t begin, std::size_t end) {
  if (begin > end || end + 1 >= text.size()) return {};
  // Nearly every name is followed by neither a comma nor " and", " or" or a plural type word:
  // one look at the next two bytes settles those.
  if (text[end] != ',') {
    const char c = text[end + 1];
    if (text[end] != ' ' ||
        !(c == 'a' || c == 'o' || c == 'c' || c == 'p' || c == 'b' || c == 't' || c == 'd'))
      return {};
  }
  const bool listed_before = follows_listed_name(text, begin);
  std::size_t at = end;
  for (int listed = 0; listed <= kMaxListedNames && at <= text.size(); ++listed) {
    // The closing type word, right after the name that ends at `at`; after one name alone it
    // names the areas inside that one ("Indiana counties").
    for (const PluralType& t : kPluralTypes) {
      if (listed == 0 && !listed_before) break;
      if (text.substr(at).starts_with(" ") && text.substr(at + 1).starts_with(t.plural)) {
        const std::size_t after = at + 1 + t.plural.size();
        // "counties." or "counties," end the word; "countiesque" does not.
        if (after == text.size() || !is_letter(text[after])) return t.singular;
      }
    }
    // Or a separator and the next name.
    std::size_t next = at;
    for (std::string_view sep : kSeparators) {
      if (text.substr(at).starts_with(sep)) {
        next = at + sep.size();
        break;
      }
    }
    if (next == at) return {};
    std::size_t name_end = skip_capitalised_word(text, next);
    if (name_end == next) return {};
    for (int w = 1; w < kMaxWordsPerName; ++w) {
      if (name_end >= text.size() || text[name_end] != ' ') break;
      const std::size_t e = skip_capitalised_word(text, name_end + 1);
      if (e == name_end + 1) break;
      name_end = e;
    }
    at = name_end;
  }
  return {};
}

}  // namespace incidentmap
