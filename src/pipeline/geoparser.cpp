#include "src/pipeline/geoparser.h"

#include <algorithm>
#include <array>
#include <bit>
#include <functional>
#include <span>

#include "gazetteer/fold.h"
#include "src/pipeline/union_actors.h"
#include "src/recognize/name_context.h"
#include "src/recognize/person_names.h"
#include "src/recognize/type_list.h"
#include "src/resolve/alias_filter.h"

namespace incidentmap {

namespace {

NameMatchKind match_kind(gaz::NameKind kind) {
  switch (kind) {
    case gaz::NameKind::kPrimary:
    case gaz::NameKind::kAscii:
    case gaz::NameKind::kOfficial:
      return NameMatchKind::kPrimary;
    case gaz::NameKind::kAlternate:
      return NameMatchKind::kAlternate;
    case gaz::NameKind::kAbbreviation:
      return NameMatchKind::kAbbreviation;
    case gaz::NameKind::kDemonym:
      return NameMatchKind::kDemonym;
    case gaz::NameKind::kHistoric:
      return NameMatchKind::kHistoric;
    case gaz::NameKind::kColloquial:
      return NameMatchKind::kColloquial;
  }
  return NameMatchKind::kAlternate;
}

struct TypeWord {
  std::string_view word;
  PlaceTypeHint hint;
};

constexpr std::array<TypeWord, 34> kTypeWords = {{
    {"state", PlaceTypeHint::kFirstLevel},       {"province", PlaceTypeHint::kFirstLevel},
    {"oblast", PlaceTypeHint::kFirstLevel},      {"governorate", PlaceTypeHint::kFirstLevel},
    {"prefecture", PlaceTypeHint::kFirstLevel},  {"department", PlaceTypeHint::kFirstLevel},
    {"county", PlaceTypeHint::kSecondLevel},     {"municipality", PlaceTypeHint::kSecondLevel},
    {"district", PlaceTypeHint::kSecondLevel},   {"parish", PlaceTypeHint::kSecondLevel},
    {"borough", PlaceTypeHint::kSecondLevel},    {"township", PlaceTypeHint::kSecondLevel},
    {"city", PlaceTypeHint::kPopulated},         {"town", PlaceTypeHint::kPopulated},
    {"village", PlaceTypeHint::kPopulated},      {"hamlet", PlaceTypeHint::kPopulated},
    {"river", PlaceTypeHint::kWater},            {"lake", PlaceTypeHint::kWater},
    {"sea", PlaceTypeHint::kWater},              {"gulf", PlaceTypeHint::kWater},
    {"bay", PlaceTypeHint::kWater},              {"prison", PlaceTypeHint::kFacility},
    {"jail", PlaceTypeHint::kFacility},          {"penitentiary", PlaceTypeHint::kFacility},
    {"airport", PlaceTypeHint::kFacility},       {"base", PlaceTypeHint::kFacility},
    {"crossing", PlaceTypeHint::kFacility},      {"mountain", PlaceTypeHint::kTerrain},
    {"mountains", PlaceTypeHint::kTerrain},      {"mount", PlaceTypeHint::kTerrain},
    {"island", PlaceTypeHint::kTerrain},         {"valley", PlaceTypeHint::kTerrain},
    {"desert", PlaceTypeHint::kTerrain},         {"plateau", PlaceTypeHint::kTerrain},
}};

// std::tolower and std::isalpha of the "C" locale (the program never sets another), inline:
// they run on every byte around every mention.
char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

std::string lower_word_at(std::string_view text, std::size_t begin, std::size_t end) {
  std::string w(text.substr(begin, end - begin));
  for (char& c : w) c = ascii_lower(c);
  return w;
}

bool is_word_char(char c) {
  const unsigned char folded = static_cast<unsigned char>(c) | 0x20;
  return folded >= 'a' && folded <= 'z';
}

// kTypeWords in an open-addressing table by FNV-1a hash of the word: the words next to every
// mention are looked up, and nearly all of them are no type word (one probe into an empty slot).
constexpr std::uint32_t word_hash_step(std::uint32_t h, char c) {
  return (h ^ static_cast<unsigned char>(c)) * 16777619u;
}
constexpr std::uint32_t kWordHashSeed = 2166136261u;
constexpr std::size_t kTypeWordSlots = 128;  // power of two, about 4 per word
constexpr auto kTypeWordTable = [] {
  std::array<std::int8_t, kTypeWordSlots> slots{};
  slots.fill(-1);
  for (std::size_t i = 0; i < kTypeWords.size(); ++i) {
    std::uint32_t h = kWordHashSeed;
    for (char c : kTypeWords[i].word) h = word_hash_step(h, c);
    std::size_t slot = h & (kTypeWordSlots - 1);
    while (slots[slot] != -1) slot = (slot + 1) & (kTypeWordSlots - 1);
    slots[slot] = static_cast<std::int8_t>(i);
  }
  return slots;
}();
constexpr std::size_t kLongestTypeWord = [] {
  std::size_t n = 0;
  for (const TypeWord& t : kTypeWords) n = std::max(n, t.word.size());
  return n;
}();

// By length, the first letters (bit c - 'a') of the type words of that length: most words next
// to a mention are ruled out by these two before any hashing.
constexpr auto kTypeWordFirstLetters = [] {
  std::array<std::uint32_t, kLongestTypeWord + 1> letters{};
  for (const TypeWord& t : kTypeWords) letters[t.word.size()] |= 1u << (t.word[0] - 'a');
  return letters;
}();

// The hint of the type word text[begin, end) (any case), kNone when it is none.
PlaceTypeHint hint_of_text(std::string_view text, std::size_t begin, std::size_t end) {
  if (end - begin > kLongestTypeWord || end == begin) return PlaceTypeHint::kNone;
  const unsigned first = static_cast<unsigned char>(ascii_lower(text[begin])) - 'a';
  if (first >= 26 || (kTypeWordFirstLetters[end - begin] >> first & 1u) == 0)
    return PlaceTypeHint::kNone;
  std::array<char, kLongestTypeWord> buffer{};
  std::uint32_t h = kWordHashSeed;
  for (std::size_t i = begin; i < end; ++i)
    h = word_hash_step(h, buffer[i - begin] = ascii_lower(text[i]));
  const std::string_view word(buffer.data(), end - begin);
  for (std::size_t slot = h & (kTypeWordSlots - 1); kTypeWordTable[slot] != -1;
       slot = (slot + 1) & (kTypeWordSlots - 1)) {
    const TypeWord& t = kTypeWords[static_cast<std::size_t>(kTypeWordTable[slot])];
    if (t.word == word) return t.hint;
  }
  return PlaceTypeHint::kNone;
}

// True when `text` starts with `lower_prefix` (lower case), ignoring the case of `text`.
bool starts_with_lower(std::string_view text, std::string_view lower_prefix) {
  if (text.size() < lower_prefix.size()) return false;
  for (std::size_t i = 0; i < lower_prefix.size(); ++i)
    if (ascii_lower(text[i]) != lower_prefix[i]) return false;
  return true;
}

// Words that say what kind of settlement or area a place is, in "X is a town in Y".
constexpr std::array<std::string_view, 22> kKindWords = {
    "city",     "town",       "village",        "hamlet",       "community",    "place",
    "suburb",   "borough",    "township",       "municipality", "area",         "district",
    "locality", "settlement", "parish",         "commune",      "neighborhood", "neighbourhood",
    "county",   "cdp",        "unincorporated", "capital"};

// Drops the mentions whose neighbouring words make them part of a person's or an
// organisation's name (name_context.h); before resolution, so that they lend no context.
void drop_person_and_organisation_names(std::string_view text, std::vector<Mention>& mentions) {
  std::uint32_t previous_end = 0;
  bool any_previous = false;
  std::erase_if(mentions, [&](const Mention& m) {
    const bool after_place = any_previous && previous_end + 1 == m.begin;
    previous_end = m.end;
    any_previous = true;
    return name_context(text, m.begin, m.end, after_place) != NameContext::kNone;
  });
}

}  // namespace

void FirstOccurrence::reset(std::size_t expected) {
  slots_.assign(std::max<std::size_t>(16, std::bit_ceil(2 * expected + 1)), Slot{});
  count_ = 0;
}

std::uint32_t FirstOccurrence::first(std::string_view key, bool flag, std::uint32_t index) {
  if (2 * (count_ + 1) > slots_.size()) grow();
  const std::uint64_t h = std::hash<std::string_view>{}(key) ^ (flag ? 0x9e3779b97f4a7c15ull : 0);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = static_cast<std::size_t>(h) & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (s.index == kEmpty) {
      s = {key, h, index, flag};
      ++count_;
      return index;
    }
    if (s.hash == h && s.flag == flag && s.key == key) return s.index;
  }
}

void FirstOccurrence::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(2 * old.size(), Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.index == kEmpty) continue;
    std::size_t i = static_cast<std::size_t>(s.hash) & mask;
    while (slots_[i].index != kEmpty) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

bool container_gap(std::string_view gap) {
  if (gap == ", " || gap == ",") return true;
  if (gap.size() > 90) return false;
  // The openings below, looked for first without a copy: dropping a direction word only
  // shortens the gap, so a gap that does not open so now never will.
  if (!starts_with_lower(gap, " is a") && !starts_with_lower(gap, " was a") &&
      !starts_with_lower(gap, ", a ") && !starts_with_lower(gap, ", an ") &&
      !starts_with_lower(gap, " is the ") && !starts_with_lower(gap, " was the "))
    return false;
  if (gap.find_first_of(".;:!?\n") != std::string_view::npos) return false;
  std::string g = lower_word_at(gap, 0, gap.size());
  // "... in western Y": a direction word may sit between "in" and the container.
  for (std::string_view d : {"northern ", "southern ", "eastern ", "western ", "central ",
                             "northeastern ", "northwestern ", "southeastern ", "southwestern "}) {
    if (g.ends_with(d) && g.size() > d.size() && g[g.size() - d.size() - 1] == ' ') {
      g.resize(g.size() - d.size());
      break;
    }
  }
  const bool opens = g.starts_with(" is a") || g.starts_with(" was a") ||
                     g.starts_with(" is the ") || g.starts_with(" was the ") ||
                     g.starts_with(", a ") || g.starts_with(", an ");
  const bool closes = g.ends_with(" in ") || g.ends_with(" in the ") || g.ends_with(" of ") ||
                      g.ends_with(" of the ");
  if (!opens || !closes) return false;
  std::size_t a = 0;
  while (a < g.size()) {
    while (a < g.size() && !is_word_char(g[a])) ++a;
    std::size_t b = a;
    while (b < g.size() && is_word_char(g[b])) ++b;
    const std::string_view w = std::string_view(g).substr(a, b - a);
    if (std::find(kKindWords.begin(), kKindWords.end(), w) != kKindWords.end()) return true;
    a = b;
  }
  return false;
}

PlaceTypeHint type_hint_near(std::string_view text, std::uint32_t begin, std::uint32_t end) {
  // The last word of the span ("Laurel County"), the word after it ("Sinaloa state"), or the
  // construction before it ("the state of Oaxaca", "the town of X").
  std::size_t w_end = end;
  std::size_t w_begin = w_end;
  while (w_begin > begin && is_word_char(text[w_begin - 1])) --w_begin;
  if (auto h = hint_of_text(text, w_begin, w_end); h != PlaceTypeHint::kNone) return h;
  std::size_t a = end;
  while (a < text.size() && text[a] == ' ') ++a;
  std::size_t b = a;
  while (b < text.size() && is_word_char(text[b])) ++b;
  // Not "the California town of Niland": there the type word belongs to the name after "of".
  if (b > a && a == end + 1 && text.substr(b, 4) != " of ") {
    if (auto h = hint_of_text(text, a, b); h != PlaceTypeHint::kNone) return h;
  }
  // "... state of Oaxaca": the words before must end in "<type> of ".
  if (begin >= 4 && text.substr(begin - 4, 4) == " of ") {
    std::size_t e = begin - 4;
    std::size_t s = e;
    while (s > 0 && is_word_char(text[s - 1])) --s;
    if (auto h = hint_of_text(text, s, e); h != PlaceTypeHint::kNone) return h;
  }
  return PlaceTypeHint::kNone;
}

Geoparser::Geoparser(const gaz::Index& index, GeoparseOptions options)
    : index_(index),
      options_(std::move(options)),
      names_(index),
      recognizer_(names_, options_.recognizer) {}

std::vector<ResolvedMention> Geoparser::geoparse(std::string_view text) const {
  std::vector<Mention> mentions = recognizer_.recognize(text);
  drop_person_and_organisation_names(text, mentions);
  drop_document_person_names(text, mentions);
  // "Marion, Clay and Polk counties": each listed name is a county's, under its full name.
  for (Mention& m : mentions) {
    const std::string_view type = type_closing_list(text, m.begin, m.end);
    if (type.empty()) continue;
    std::string key = m.key + ' ' + std::string(type);
    const NameInfo info = names_.lookup(key);
    if (info.candidates == 0) continue;
    m.key = std::move(key);
    m.info = info;
  }
  std::vector<ResolvedMention> resolved = resolve(text, std::move(mentions));
  // After resolution, because only the chosen place tells whether the surface is its name.
  std::erase_if(resolved, [](const ResolvedMention& r) {
    return r.place && is_weak_alias_match(r.mention.surface, r.mention.key, r.place->name(),
                                          r.place->ascii_name(), r.place->feature_code());
  });
  mark_union_actors(text, resolved);
  return resolved;
}

std::vector<ResolvedMention> Geoparser::resolve_spans(
    std::string_view text, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& spans) const {
  std::vector<Mention> mentions;
  mentions.reserve(spans.size());
  for (const auto& [begin, end] : spans) {
    Mention m;
    m.begin = std::min<std::uint32_t>(begin, static_cast<std::uint32_t>(text.size()));
    m.end = std::clamp<std::uint32_t>(end, m.begin, static_cast<std::uint32_t>(text.size()));
    m.surface = std::string(text.substr(m.begin, m.end - m.begin));
    m.key = gaz::fold_name(m.surface);
    m.info = names_.lookup(m.key);
    m.role = m.info.candidates == 0 && m.info.is(NameInfo::kDemonym) ? MentionRole::kDemonym
                                                                      : MentionRole::kLiteral;
    m.confidence = 1.0f;
    mentions.push_back(std::move(m));
  }
  // The given spans are resolved together with the other places the text names, which are the
  // context ("Santa Maria ... Santa Barbara County, California"), but only they are returned.
  std::vector<Mention> all = mentions;
  for (Mention& found : recognizer_.recognize(text)) {
    const bool overlaps = std::any_of(mentions.begin(), mentions.end(), [&](const Mention& g) {
      return found.begin < g.end && g.begin < found.end;
    });
    if (!overlaps) all.push_back(std::move(found));
  }
  std::vector<std::size_t> order(all.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return all[a].begin < all[b].begin; });
  std::vector<Mention> sorted;
  sorted.reserve(all.size());
  for (std::size_t i : order) sorted.push_back(all[i]);
  std::vector<ResolvedMention> resolved = resolve(text, std::move(sorted));
  std::vector<ResolvedMention> out(mentions.size());
  for (std::size_t k = 0; k < order.size(); ++k)
    if (order[k] < mentions.size()) out[order[k]] = std::move(resolved[k]);
  return out;
}

std::vector<ResolvedMention> Geoparser::resolve(std::string_view text,
                                                std::vector<Mention> mentions) const {
  // Kept per thread and never shrunk, so that the candidate lists reuse their storage from one
  // document to the next; only the first mentions.size() are this document's.
  thread_local std::vector<MentionToResolve> input_buffer;
  thread_local std::vector<std::uint32_t> first_with_name;
  thread_local FirstOccurrence first_of_name;
  const std::size_t n = mentions.size();
  if (input_buffer.size() < n) input_buffer.resize(n);
  const std::span<MentionToResolve> inputs(input_buffer.data(), n);
  // The candidates depend on the folded name and the demonym flag only, and stories repeat
  // their names: a repeat copies the first mention's candidates. first_with_name[i] is the
  // first mention with i's flag and name.
  first_of_name.reset(n);
  first_with_name.resize(n);
  for (std::size_t i = 0; i < n; ++i)
    first_with_name[i] = first_of_name.first(
        mentions[i].key, mentions[i].role == MentionRole::kDemonym, static_cast<std::uint32_t>(i));
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    const Mention& m = mentions[i];
    MentionToResolve& in = inputs[i];
    in.is_demonym = m.role == MentionRole::kDemonym;
    in.type_hint = type_hint_near(text, m.begin, m.end);
    in.container.reset();
    std::span<const gaz::format::Posting> postings;
    if (first_with_name[i] == i) {
      postings = index_.find_folded(m.key);
      in.candidates.clear();
      in.candidates.reserve(std::min<std::size_t>(postings.size(), options_.max_candidates));
    } else {
      in.candidates = inputs[first_with_name[i]].candidates;
    }
    for (const gaz::format::Posting& posting : postings) {
      const bool demonym_posting = static_cast<gaz::NameKind>(posting.kind) == gaz::NameKind::kDemonym;
      if (demonym_posting != in.is_demonym || code_abbreviation(posting)) continue;
      if (in.candidates.size() >= options_.max_candidates) break;
      const gaz::PlaceView::Fields place = index_.place(posting.place).fields();
      if (!place.has_position) continue;  // kept for admin names, never a map point
      PlaceCandidate c;
      c.place = posting.place;
      c.geonameid = place.geonameid;
      c.feature_class = place.feature_class;
      c.feature_code = place.feature_code;
      c.country_code = place.country_code;
      c.admin1_code = place.admin1_code;
      c.population = place.population;
      c.position = place.position;
      c.match = match_kind(static_cast<gaz::NameKind>(posting.kind));
      c.prior = posting.prior;
      in.candidates.push_back(std::move(c));
    }
    // "Culiacán, Sinaloa": a place followed by ", " and another place names its container.
    if (i + 1 < mentions.size() && !in.is_demonym) {
      const Mention& next = mentions[i + 1];
      const std::string_view gap = text.substr(m.end, next.begin - m.end);
      // Not in a list of areas ("Marion, Clay and Polk counties"), whose names are peers.
      if (container_gap(gap) && next.role != MentionRole::kDemonym &&
          type_closing_list(text, m.begin, m.end).empty())
        in.container = i + 1;
    }
  }
  const std::vector<Resolution> resolutions = resolve_mentions(inputs, options_.resolver);
  std::vector<ResolvedMention> out;
  out.reserve(mentions.size());
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    ResolvedMention r;
    r.mention = std::move(mentions[i]);
    if (const auto holder = resolutions[i].stand_in; holder && resolutions[*holder].candidate) {
      // The container's place, at its coarser precision and with less confidence.
      r.place = index_.place(inputs[*holder].candidates[*resolutions[*holder].candidate].place);
      r.resolution_confidence = 0.5 * resolutions[*holder].confidence;
    } else if (resolutions[i].candidate) {
      r.place = index_.place(inputs[i].candidates[*resolutions[i].candidate].place);
      r.resolution_confidence = resolutions[i].confidence;
    }
    r.confidence = static_cast<double>(r.mention.confidence) * (r.place ? r.resolution_confidence : 1.0);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace incidentmap
