#include "src/pipeline/union_actors.h"

#include <algorithm>
#include <array>

#include "src/recognize/nearby_words.h"

namespace incidentmap {

namespace {

constexpr std::array<std::string_view, 16> kInsideWords = {
    "in", "into", "across", "throughout", "within",  "outside", "inside",   "from",
    "to", "of",   "join",   "joins",      "joining", "joined",  "entering", "leaving"};

bool union_place(const ResolvedMention& m) { return m.place && m.place->feature_code() == "ZN"; }

}  // namespace

bool inside_union_context(std::string_view text, std::uint32_t begin, std::uint32_t end) {
  if (begin > end || end > text.size()) return false;
  std::string_view w = nearby::word_before(text, begin);
  if (w == "the") w = nearby::word_before(text, nearby::offset_in(text, w));
  return std::find(kInsideWords.begin(), kInsideWords.end(), w) != kInsideWords.end();
}

void mark_union_actors(std::string_view text, std::vector<ResolvedMention>& resolved) {
  for (ResolvedMention& r : resolved) {
    if (r.mention.role != MentionRole::kLiteral || !union_place(r)) continue;
    if (inside_union_context(text, r.mention.begin, r.mention.end)) continue;
    r.mention.role = MentionRole::kMetonym;
  }
}

bool is_union_actor(const ResolvedMention& m) {
  return m.mention.role == MentionRole::kMetonym && union_place(m);
}

}  // namespace incidentmap
