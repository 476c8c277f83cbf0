#include "src/incidents/event_location.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>

namespace incidentmap {

namespace {

// Specificity of a place as an event location: a town or facility says more than a state.
double specificity(const PlaceMention& m) {
  switch (m.feature_class) {
    case 'P':
    case 'S':
      return 1.0;
    case 'A':
      if (m.feature_code.starts_with("PCL")) return 0.0;
      if (m.feature_code == "ADM1") return 0.3;
      return 0.6;
    default:
      return 0.2;
  }
}

bool is_area(const PlaceMention& m) { return m.feature_class == 'A'; }

bool contains(const PlaceMention& outer, const PlaceMention& inner) {
  if (!is_area(outer) || outer.geonameid == inner.geonameid) return false;
  if (outer.feature_code.starts_with("PCL")) return outer.country_code == inner.country_code;
  if (outer.feature_code == "ADM1")
    return outer.country_code == inner.country_code && outer.admin1_code == inner.admin1_code &&
           inner.feature_code != "ADM1";
  return false;
}

// The lower-case ASCII words just before `pos`, nearest first (at most `n`).
std::vector<std::string> words_before(std::string_view text, std::size_t pos, std::size_t n) {
  std::vector<std::string> words;
  std::size_t i = std::min(pos, text.size());
  while (words.size() < n && i > 0) {
    while (i > 0 && !std::isalnum(static_cast<unsigned char>(text[i - 1]))) {
      // A sentence or clause break ends the look-back.
      const char c = text[i - 1];
      if (c == '.' || c == ';' || c == '\n' || c == '!' || c == '?') return words;
      --i;
    }
    const std::size_t end = i;
    while (i > 0 && (std::isalnum(static_cast<unsigned char>(text[i - 1])) || text[i - 1] == '-')) --i;
    if (end == i) break;
    std::string w(text.substr(i, end - i));
    for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    words.push_back(std::move(w));
  }
  return words;
}

template <std::size_t N>
bool one_of(const std::string& w, const std::array<std::string_view, N>& list) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

constexpr std::array<std::string_view, 9> kLocative = {"in",     "at",   "inside", "into", "across",
                                                       "around", "near", "outside", "on"};
constexpr std::array<std::string_view, 10> kNearCue = {"near",  "outside", "outskirts", "north",
                                                       "south", "east",    "west",      "from",
                                                       "close", "edge"};
// Words that may stand between a preposition and the name: "in the northern city of X".
constexpr std::array<std::string_view, 28> kFiller = {
    "the",      "a",        "of",        "city",      "town",     "village",   "state",
    "province", "region",   "district",  "municipality", "county", "capital",  "port",
    "northern", "southern", "eastern",   "western",   "central",  "border",    "outskirts",
    "streets",  "nearby",   "neighbouring", "neighboring", "downtown", "rural", "its"};

struct Cue {
  bool locative = false;
  bool near = false;
};

Cue cue_before(std::string_view text, std::size_t begin) {
  Cue cue;
  const auto words = words_before(text, begin, 6);
  for (const std::string& w : words) {
    if (one_of(w, kNearCue) && w != "from") cue.near = true;
    if (w == "from" && std::find(words.begin(), words.end(), "km") != words.end()) cue.near = true;
    if (one_of(w, kLocative)) {
      cue.locative = true;
      if (w == "near" || w == "outside") cue.near = true;
      break;
    }
    if (!one_of(w, kFiller) && !one_of(w, kNearCue) && w != "km" && w != "miles" &&
        !std::isdigit(static_cast<unsigned char>(w[0])))
      break;
  }
  return cue;
}

}  // namespace

std::optional<std::size_t> document_focus(const std::vector<PlaceMention>& mentions) {
  std::map<std::int64_t, double> weight;
  std::map<std::int64_t, std::size_t> first_index;
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    const PlaceMention& m = mentions[i];
    if (!m.eligible) continue;
    // Early mentions (headline, lead) carry more; countries carry little.
    const double early = 1.0 + 1.0 / (1.0 + 0.25 * static_cast<double>(i));
    weight[m.geonameid] += early * (0.25 + specificity(m)) * (0.5 + 0.5 * m.confidence);
    first_index.emplace(m.geonameid, i);
  }
  std::optional<std::size_t> best;
  double best_weight = -1.0;
  for (const auto& [id, w] : weight) {
    const std::size_t idx = first_index[id];
    if (w > best_weight || (w == best_weight && best && idx < *best)) {
      best_weight = w;
      best = idx;
    }
  }
  return best;
}

LocationChoice choose_event_location(std::string_view text, const EventAnchor& event,
                                     const std::vector<PlaceMention>& mentions,
                                     std::optional<std::size_t> focus,
                                     const EventLocationOptions& options) {
  LocationChoice choice;
  double best_score = -1e9;
  Cue best_cue;
  const auto first = std::lower_bound(
      mentions.begin(), mentions.end(), event.sentence_begin,
      [](const PlaceMention& m, std::size_t pos) { return m.begin < pos; });
  for (auto it = first; it != mentions.end() && it->begin < event.sentence_end; ++it) {
    const PlaceMention& m = *it;
    if (!m.eligible || m.end > event.sentence_end) continue;
    const std::size_t index = static_cast<std::size_t>(it - mentions.begin());
    const Cue cue = cue_before(text, m.begin);
    double score = 1.0 + specificity(m) + 0.5 * m.confidence;
    if (cue.locative) score += 2.0;
    const std::size_t distance = m.begin >= event.trigger_end ? m.begin - event.trigger_end
                                 : event.trigger_begin >= m.end ? event.trigger_begin - m.end
                                                                : 0;
    score -= 1.5 * std::min(2.0, static_cast<double>(distance) /
                                     static_cast<double>(options.distance_scale_bytes));
    // In "Culiacán, Sinaloa" the state only locates the town: take the town.
    for (auto other = first; other != mentions.end() && other->begin < event.sentence_end; ++other)
      if (other != it && other->eligible && contains(m, *other)) score -= 1.5;
    if (score > best_score) {
      best_score = score;
      choice.mention = index;
      best_cue = cue;
    }
  }
  if (choice.mention) {
    choice.source = LocationSource::kSentence;
    choice.near = best_cue.near;
    choice.confidence = std::clamp(0.45 + 0.1 * best_score, 0.3, 0.95);
    return choice;
  }
  if (focus) {
    choice.mention = focus;
    choice.source = LocationSource::kFocus;
    choice.confidence = 0.35;
  }
  return choice;
}

}  // namespace incidentmap
