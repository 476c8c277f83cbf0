#include "src/resolve/alias_filter.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "gazetteer/fold.h"

namespace incidentmap {

namespace {

constexpr std::size_t kMaxShortBytes = 5;
constexpr std::size_t kMaxSpellingEdits = 2;

// The ASCII letters and digits of a folded name: "al-'amarah" -> "alamarah".
std::string letters_of(std::string_view folded) {
  std::string out;
  for (char c : folded) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
  }
  return out;
}

// True when `a` can be read from `b` left to right, skipping letters: "tj" in "tijuana".
bool is_subsequence(std::string_view a, std::string_view b) {
  std::size_t at = 0;
  for (char c : b) {
    if (at < a.size() && a[at] == c) ++at;
  }
  return at == a.size();
}

// Levenshtein distance, for strings of a few bytes.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1] ? 1 : 0)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

bool is_all_caps(std::string_view surface) {
  bool any_letter = false;
  for (char c : surface) {
    if (c >= 'a' && c <= 'z') return false;
    any_letter = any_letter || (c >= 'A' && c <= 'Z');
  }
  return any_letter;
}

// True when the surface is another spelling or an abbreviation of the name: contained in it
// ("Kut" in "Al Kut"), within two edits ("Daraa", "Dar'a"), or, written in capitals, letters
// read from it in order starting with its first ("NYC" for New York City, "TJ" for Tijuana).
bool is_spelling_of(std::string_view surface, std::string_view folded_key,
                    std::string_view folded_name) {
  const std::string key = letters_of(folded_key);
  const std::string name = letters_of(folded_name);
  if (key.empty()) return true;
  if (name.find(key) != std::string::npos) return true;
  if (edit_distance(key, name) <= kMaxSpellingEdits) return true;
  return is_all_caps(surface) && key[0] == name[0] && is_subsequence(key, name);
}

bool is_big_place(std::string_view feature_code) {
  static constexpr std::array<std::string_view, 6> kBig = {"ADM1", "PPLC", "CONT",
                                                           "RGN",  "ZN",   "ADM1H"};
  if (feature_code.starts_with("PCL")) return true;
  for (std::string_view code : kBig) {
    if (feature_code == code) return true;
  }
  return false;
}

}  // namespace

bool is_weak_alias_match(std::string_view surface, std::string_view folded_key,
                         std::string_view place_name, std::string_view place_ascii_name,
                         std::string_view feature_code) {
  if (surface.size() > kMaxShortBytes || surface.find('.') != std::string_view::npos) return false;
  if (is_big_place(feature_code)) return false;
  for (std::string_view name : {place_name, place_ascii_name}) {
    if (is_spelling_of(surface, folded_key, gaz::fold_name(name))) return false;
  }
  return true;
}

}  // namespace incidentmap
