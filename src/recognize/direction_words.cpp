#include "src/recognize/direction_words.h"

#include <algorithm>
#include <string>

namespace incidentmap {

bool is_direction_word(std::string_view folded) {
  const auto listed = [](std::string_view w) {
    return std::find(kDirectionWords.begin(), kDirectionWords.end(), w) != kDirectionWords.end();
  };
  if (listed(folded)) return true;
  // "north-western", "south-east": two direction words joined by a hyphen.
  const std::size_t hyphen = folded.find('-');
  return hyphen != std::string_view::npos && listed(folded.substr(0, hyphen)) &&
         listed(folded.substr(hyphen + 1));
}

void widen_to_direction_words(std::string_view text, const TokenizedText& tokens,
                              std::vector<Mention>& mentions) {
  const std::vector<Token>& t = tokens.tokens;
  std::vector<bool> merged(mentions.size(), false);
  bool any_merged = false;
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    Mention& m = mentions[i];
    if (m.role == MentionRole::kDemonym) continue;
    const auto it = std::lower_bound(t.begin(), t.end(), m.begin,
                                     [](const Token& a, std::uint32_t b) { return a.begin < b; });
    if (it == t.end() || it->begin != m.begin || it == t.begin()) continue;
    const auto k = static_cast<std::size_t>(it - t.begin());
    // The direction word: one token ("Southern"), or two joined by a hyphen ("North-Western").
    std::size_t first = k - 1;
    if (!t[k].has(kJoinedHyphen) || !t[first].has(kCapitalised) || t[first].has(kAllCaps)) continue;
    std::string word(tokens.folded_of(t[first]));
    if (first > 0 && t[first].has(kJoinedHyphen) && !t[first].has(kJoined) &&
        t[first - 1].has(kCapitalised) && !t[first - 1].has(kAllCaps)) {
      const std::string pair = std::string(tokens.folded_of(t[first - 1])) + "-" + word;
      if (is_direction_word(pair)) {
        word = pair;
        --first;
      }
    }
    if (!is_direction_word(word)) continue;
    const std::uint32_t begin = t[first].begin;
    if (i > 0 && mentions[i - 1].end > begin) {
      // Only a mention of the direction word alone gives way.
      if (merged[i - 1] || mentions[i - 1].begin != begin) continue;
      merged[i - 1] = true;
      any_merged = true;
    }
    m.begin = begin;
    m.surface = std::string(text.substr(m.begin, m.end - m.begin));
  }
  if (!any_merged) return;
  std::size_t i = 0;
  std::erase_if(mentions, [&](const Mention&) { return merged[i++]; });
}

}  // namespace incidentmap
