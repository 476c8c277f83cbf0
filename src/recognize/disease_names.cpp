#include "src/recognize/disease_names.h"

#include <algorithm>

namespace incidentmap {

namespace {

// Longest disease name taken before a disease word, in tokens ("Crimean-Congo" is 2).
constexpr std::size_t kMaxNameTokens = 4;

// Lower-case words before a name that place an event there. Not "of" and "with" ("cases of",
// "infected with"), which diseases take as often as places.
constexpr std::array<std::string_view, 12> kPlacingWords = {
    "in",     "at",     "near",       "into",   "to",      "from",
    "across", "around", "throughout", "inside", "outside", "within"};

bool placing_word(std::string_view folded) {
  return std::find(kPlacingWords.begin(), kPlacingWords.end(), folded) != kPlacingWords.end();
}

// Bit (c - 'a') of entry n is set when a disease word of n bytes starts with letter c: one
// table look-up rules out nearly every token before any comparison.
constexpr std::array<std::uint32_t, 16> kFirstLetterBySize = [] {
  std::array<std::uint32_t, 16> bits{};
  for (std::string_view w : kDiseaseWords) bits[w.size()] |= 1u << (w[0] - 'a');
  return bits;
}();

bool may_be_disease_word(const TokenizedText& tokens, const Token& t) {
  if (t.folded_size >= kFirstLetterBySize.size()) return false;
  const char c = tokens.folded[t.folded_begin];
  return c >= 'a' && c <= 'z' && ((kFirstLetterBySize[t.folded_size] >> (c - 'a')) & 1u) != 0;
}

// Keys of the names the text puts before a disease word.
std::vector<std::string_view> disease_name_keys(const TokenizedText& tokens,
                                                const Lexicons& lexicons) {
  std::vector<std::string_view> keys;
  const std::vector<Token>& t = tokens.tokens;
  // Every token passes here: the test that rules out most comes first, on flags already loaded
  // (a disease word follows a capitalised word, and most words do not).
  std::uint16_t before = t.empty() ? 0 : t[0].flags;
  for (std::size_t k = 1; k < t.size(); ++k) {
    const std::uint16_t flags = t[k].flags;
    const bool after_capital = (before & kCapitalised) != 0;
    before = flags;
    if (!after_capital) continue;
    if ((flags & (kLowerInitial | kJoinedHyphen)) != (kLowerInitial | kJoinedHyphen) ||
        !may_be_disease_word(tokens, t[k]) || !is_disease_word(tokens.folded_of(t[k]))) {
      continue;
    }
    std::size_t first = k;
    while (first > 0 && k - first < kMaxNameTokens && t[first].has(kJoinedHyphen) &&
           t[first - 1].has(kCapitalised) && !t[first - 1].has(kPossessive)) {
      --first;
    }
    while (first < k && (lexicons.flags(tokens.folded_of(t[first])) & kLexStopword) != 0) ++first;
    if (first == k) continue;
    const std::string_view key = tokens.folded_span(first, k);
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  }
  return keys;
}

}  // namespace

bool is_disease_word(std::string_view folded) {
  return std::find(kDiseaseWords.begin(), kDiseaseWords.end(), folded) != kDiseaseWords.end();
}

void drop_disease_namesakes(std::string_view text, const TokenizedText& tokens,
                            const Lexicons& lexicons, std::vector<Mention>& mentions) {
  const std::vector<std::string_view> keys = disease_name_keys(tokens, lexicons);
  if (keys.empty()) return;
  const std::vector<Token>& t = tokens.tokens;
  const auto token_at = [&](std::uint32_t begin) {
    return std::lower_bound(t.begin(), t.end(), begin,
                            [](const Token& a, std::uint32_t b) { return a.begin < b; });
  };
  std::vector<bool> drop(mentions.size(), false);
  bool any = false;
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    const Mention& m = mentions[i];
    if (m.type_hint != 0 || m.role == MentionRole::kDateline || m.info.prominent() ||
        m.info.is(NameInfo::kCapital)) {
      continue;
    }
    const auto first = token_at(m.begin);
    if (first == t.end() || first->begin != m.begin) continue;
    auto last = first;
    while (last != t.end() && last->end < m.end) ++last;
    if (last == t.end() || last->end != m.end) continue;
    const auto a = static_cast<std::size_t>(first - t.begin());
    const auto b = static_cast<std::size_t>(last - t.begin()) + 1;
    if (std::find(keys.begin(), keys.end(), tokens.folded_span(a, b)) == keys.end()) continue;
    if (a > 0 && t[a - 1].has(kLowerInitial) && placing_word(tokens.folded_of(t[a - 1]))) continue;
    // "Reston, Virginia": the next mention, after a comma, is the division or country it is in.
    if (i + 1 < mentions.size()) {
      const Mention& next = mentions[i + 1];
      const std::string_view gap = text.substr(m.end, next.begin - m.end);
      if ((gap == ", " || gap == ",") &&
          (next.info.is(NameInfo::kAdmin1) || next.info.is(NameInfo::kCountry))) {
        continue;
      }
    }
    drop[i] = true;
    any = true;
  }
  if (!any) return;
  std::size_t i = 0;
  std::erase_if(mentions, [&](const Mention&) { return drop[i++]; });
}

}  // namespace incidentmap
