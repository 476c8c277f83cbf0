#include "src/recognize/context_names.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#include "gazetteer/fold.h"
#include "src/text/string_index.h"

namespace incidentmap {

namespace {

using namespace std::string_view_literals;

struct Word {
  std::size_t begin = 0;
  std::size_t end = 0;
  // Only spaces (no punctuation, no line break) separate it from the word before.
  bool joined = false;
};

constexpr std::array<bool, 256> make_word_bytes() {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c)
    t[static_cast<std::size_t>(c)] =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
  return t;
}
constexpr std::array<bool, 256> kWordBytes = make_word_bytes();

bool word_byte(char c) { return kWordBytes[static_cast<unsigned char>(c)]; }

// One pass over the bytes: this runs on every text.
std::vector<Word> split_words(std::string_view text) {
  std::vector<Word> words;
  words.reserve(text.size() / 5 + 1);
  bool spaces_only = false;  // since the last word: only spaces
  for (std::size_t i = 0; i < text.size();) {
    if (!word_byte(text[i])) {
      spaces_only = spaces_only && text[i] == ' ';
      ++i;
      continue;
    }
    std::size_t e = i;
    // Inner hyphens and apostrophes belong to the word: "Al-Bayaa", "Ma'arat"; not a
    // possessive "'s", which ends it.
    for (;;) {
      while (e < text.size() && word_byte(text[e])) ++e;
      if (e + 1 < text.size() && (text[e] == '-' || text[e] == '\'') && word_byte(text[e + 1])) {
        ++e;
        continue;
      }
      break;
    }
    if (e >= i + 3 && text.substr(e - 2, 2) == "'s") e -= 2;
    if (e >= i + 5 && text.substr(e - 4, 4) == "\xE2\x80\x99s") e -= 4;
    words.push_back({i, e, spaces_only});
    spaces_only = true;
    i = e;
  }
  return words;
}

bool capitalised(std::string_view w) {
  const auto b = static_cast<unsigned char>(w[0]);
  // Latin-1 capitals (U+00C0..U+00DE) as UTF-8: "Ávila".
  return (b >= 'A' && b <= 'Z') ||
         (b == 0xC3 && w.size() > 1 && static_cast<unsigned char>(w[1]) < 0x9F);
}

// "al-Zahawi", "el-Arish": a lower-case article of one to three letters, a hyphen, a capital.
bool particle_name(std::string_view w) {
  const std::size_t hyphen = w.find('-');
  if (hyphen == std::string_view::npos || hyphen == 0 || hyphen > 3 || hyphen + 1 >= w.size())
    return false;
  for (std::size_t i = 0; i < hyphen; ++i)
    if (w[i] < 'a' || w[i] > 'z') return false;
  return capitalised(w.substr(hyphen + 1));
}

// A capitalised word, or a particle's; every part after a hyphen capitalised too, which
// "X-based", "X-administered" are not.
bool name_word(std::string_view w) {
  if (!capitalised(w) && !particle_name(w)) return false;
  for (std::size_t h = w.find('-'); h != std::string_view::npos; h = w.find('-', h + 1))
    if (h + 1 < w.size() && w[h + 1] >= 'a' && w[h + 1] <= 'z' && !particle_name(w.substr(h + 1)))
      return false;
  return true;
}

bool lower_equals(std::string_view w, std::string_view lower) {
  if (w.size() != lower.size()) return false;
  for (std::size_t i = 0; i < w.size(); ++i) {
    const auto c = static_cast<unsigned char>(w[i]);
    if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : w[i]) != lower[i]) return false;
  }
  return true;
}

// Most words are none of a list's: the first letters its words of each length have (one bit
// set per length) rule them out before any comparison.
template <std::size_t N>
struct WordList {
  std::array<std::string_view, N> words;
  // ShortKeyCache::pack(words[i]) (byte i at bits 8i); 0 for words over 8 bytes.
  std::array<std::uint64_t, N> keys{};
  // [n], bit c - 'a': some word of n bytes (n < 32) starts with c.
  std::array<std::uint32_t, 32> firsts_by_length{};
  constexpr explicit WordList(std::array<std::string_view, N> w) : words(w) {
    for (std::size_t i = 0; i < N; ++i) {
      const std::string_view x = words[i];
      firsts_by_length[x.size()] |= 1u << (x[0] - 'a');
      if (x.size() <= 8)
        for (std::size_t b = 0; b < x.size(); ++b)
          keys[i] |= std::uint64_t{static_cast<unsigned char>(x[b])} << (8 * b);
    }
  }
};

template <std::size_t N>
bool one_of(std::string_view w, const WordList<N>& list, const char* text_end) {
  if (w.size() >= 32 || w[0] < 'a' || w[0] > 'z' ||
      !(list.firsts_by_length[w.size()] & (1u << (w[0] - 'a'))))
    return false;
  if (w.size() <= 8) {
    const std::uint64_t key = ShortKeyCache::pack(w, static_cast<std::size_t>(text_end - w.data()));
    return std::find(list.keys.begin(), list.keys.end(), key) != list.keys.end();
  }
  return std::find(list.words.begin(), list.words.end(), w) != list.words.end();
}

// Kinds of settlement or part of one that a name may follow with "of" or precede.
constexpr WordList kKinds{std::array{
    "village"sv, "villages"sv, "town"sv, "towns"sv, "city"sv, "neighbourhood"sv, "neighborhood"sv,
    "district"sv, "suburb"sv, "area"sv, "quarter"sv, "settlement"sv, "settlements"sv, "hamlet"sv,
    "locality"sv, "neighbourhoods"sv, "neighborhoods"sv, "districts"sv}};
constexpr WordList kOpeners{std::array{"the"sv, "in"sv, "at"sv, "near"sv, "into"sv}};
constexpr WordList kLocatives{std::array{"in"sv, "at"sv, "near"sv, "into"sv, "outside"sv, "en"sv}};
// Lower-case words inside a town's name: "San Miguel de Allende", "Isla de la Piedra".
constexpr WordList kParticles{std::array{"de"sv, "del"sv, "la"sv, "las"sv, "los"sv, "el"sv}};
constexpr std::size_t kMaxLocativeWords = 6;
// A town this size or an area is what a news writer most likely means by the name.
constexpr std::int64_t kMinTownPopulation = 1000;
constexpr std::size_t kMaxNameWords = 4;

constexpr std::uint32_t kNeverInName =
    kLexCalendar | kLexStopword | kLexOrganisation | kLexMedia | kLexOrgCue;

}  // namespace

void add_context_names(std::string_view text, const NameSource& names, const Lexicons& lexicons,
                       std::vector<Mention>& mentions) {
  const std::vector<Word> words = split_words(text);
  const char* const end_of_text = text.data() + text.size();
  const auto view = [&](std::size_t k) {
    return text.substr(words[k].begin, words[k].end - words[k].begin);
  };
  std::vector<Mention> found;
  // Adds words [first, last) as a name when nothing speaks against it.
  // `after_of`: the name follows "the <kind> of", a cue strong enough to take a name the
  // gazetteer holds but the recogniser passed over ("the nearby town of X" for a small X).
  const auto consider = [&](std::size_t first, std::size_t last, bool after_of) {
    if (first >= last) return;
    const std::size_t begin = words[first].begin;
    const std::size_t end = words[last - 1].end;
    const std::string surface(text.substr(begin, end - begin));
    std::string key = gaz::fold_name(surface);
    const NameInfo info = names.lookup(key);
    if (info.known() && (!after_of || info.is(NameInfo::kDemonym))) return;
    const auto overlaps = [&](const Mention& m) { return m.begin < end && begin < m.end; };
    // A name the gazetteer holds takes the place of shorter mentions inside it ("Hidalgo" in
    // "Dolores Hidalgo"), as a longer gazetteer match would.
    const auto inside = [&](const Mention& m) {
      return info.known() && begin <= m.begin && m.end <= end && m.end - m.begin < end - begin;
    };
    const auto clash = [&](const Mention& m) { return overlaps(m) && !inside(m); };
    if (std::any_of(mentions.begin(), mentions.end(), clash) ||
        std::any_of(found.begin(), found.end(), overlaps))
      return;
    for (std::size_t k = first; k < last; ++k) {
      const std::string folded = gaz::fold_name(view(k));
      const std::uint32_t f = lexicons.flags(folded);
      if ((f & kNeverInName) || names.lookup(folded).is(NameInfo::kDemonym)) return;
      if (last - first == 1 && (f & (kLexCommonWord | kLexTitle | kLexAnyPlaceType))) return;
    }
    std::erase_if(mentions, inside);
    Mention m;
    m.begin = static_cast<std::uint32_t>(begin);
    m.end = static_cast<std::uint32_t>(end);
    m.surface = surface;
    m.key = std::move(key);
    m.info = info;
    m.role = MentionRole::kLiteral;
    m.confidence = 0.7f;
    m.type_hint = kLexTypeSettlement;
    found.push_back(std::move(m));
  };
  for (std::size_t k = 0; k < words.size(); ++k) {
    const std::string_view w = view(k);
    // Both rules are keyed by a lower-case word.
    if (w[0] < 'a' || w[0] > 'z') continue;
    if (one_of(w, kLocatives, end_of_text) && k + 2 < words.size() && words[k + 1].joined) {
      // "in San Miguel de Allende": the longest run of two or more name words (lower-case
      // particles inside) that the gazetteer holds as a town or an area.
      std::size_t last = k + 1;
      std::size_t best = 0;
      while (last < words.size() && last - (k + 1) < kMaxLocativeWords &&
             (last == k + 1 || words[last].joined)) {
        const std::string_view v = view(last);
        const bool particle = one_of(v, kParticles, end_of_text);
        if (!name_word(v) && !particle) break;
        ++last;
        if (particle || last - (k + 1) < 2) continue;
        const NameInfo info = names.lookup(gaz::fold_name(
            text.substr(words[k + 1].begin, words[last - 1].end - words[k + 1].begin)));
        const bool town =
            info.is(NameInfo::kPopulated) && info.max_population >= kMinTownPopulation;
        if (info.candidates > 0 && (town || info.is(NameInfo::kAdmin))) {
          best = last;
        }
      }
      if (best != 0) consider(k + 1, best, true);
    }
    if (!one_of(w, kKinds, end_of_text)) continue;
    // "the <...> village of X": "the" at most three words back, in the same phrase.
    if (k + 2 < words.size() && words[k + 1].joined && lower_equals(view(k + 1), "of") &&
        words[k + 2].joined) {
      bool the = false;
      for (std::size_t back = 1; back <= 3 && back <= k && words[k - back + 1].joined; ++back)
        if (lower_equals(view(k - back), "the")) the = true;
      std::size_t last = k + 2;
      while (last < words.size() && last - (k + 2) < kMaxNameWords &&
             (last == k + 2 || words[last].joined) && name_word(view(last)))
        ++last;
      if (the) consider(k + 2, last, true);
    }
    // "the X area", "in X village".
    if (k >= 2 && words[k].joined) {
      std::size_t first = k;
      while (first > 0 && k - first < kMaxNameWords && words[first].joined &&
             name_word(view(first - 1)))
        --first;
      if (first < k && first > 0 && words[first].joined &&
          one_of(view(first - 1), kOpeners, end_of_text))
        consider(first, k, false);
    }
  }
  if (found.empty()) return;
  mentions.insert(mentions.end(), std::make_move_iterator(found.begin()),
                  std::make_move_iterator(found.end()));
  std::stable_sort(mentions.begin(), mentions.end(),
                   [](const Mention& a, const Mention& b) { return a.begin < b.begin; });
}

}  // namespace incidentmap
