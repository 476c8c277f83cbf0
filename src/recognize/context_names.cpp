#include "src/recognize/context_names.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

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

// The words of a text, from a position where the split of the whole text stands between two
// words (or at its start), with the words and `joined` flags the split of the whole text gives:
// a word is a maximal run of word bytes with single inner hyphens and apostrophes, less a
// possessive "'s" / "\u2019s" at its end (whose "s" / "\u2019s" then follows as a word).
class WordScanner {
 public:
  // `spaces_only`: a word lies before `pos` and only spaces follow it up to `pos`.
  WordScanner(std::string_view text, std::size_t pos, bool spaces_only)
      : text_(text), pos_(pos), spaces_only_(spaces_only) {}

  // The next word; false at the end of the text.
  bool next(Word& word) {
    const std::string_view text = text_;
    std::size_t i = pos_;
    while (i < text.size() && !word_byte(text[i])) {
      spaces_only_ = spaces_only_ && text[i] == ' ';
      ++i;
    }
    if (i >= text.size()) {
      pos_ = i;
      return false;
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
    word = {i, e, spaces_only_};
    spaces_only_ = true;
    pos_ = e;
    return true;
  }

 private:
  std::string_view text_;
  std::size_t pos_;
  bool spaces_only_;
};

bool joining(std::string_view text, std::size_t i) {
  return (text[i] == '-' || text[i] == '\'') && i > 0 && i + 1 < text.size() &&
         word_byte(text[i - 1]) && word_byte(text[i + 1]);
}

// The first byte of the run of word bytes and joining hyphens and apostrophes that holds the
// word byte at `p`: where the split of the whole text starts a word.
std::size_t run_start(std::string_view text, std::size_t p) {
  while (p > 0 && (word_byte(text[p - 1]) || joining(text, p - 1))) --p;
  return p;
}

constexpr std::size_t kNoRun = static_cast<std::size_t>(-1);

// One past the last byte of the run before the run starting at `p`; kNoRun when none.
std::size_t previous_run_end(std::string_view text, std::size_t p) {
  while (p > 0 && !word_byte(text[p - 1])) --p;
  return p == 0 ? kNoRun : p;
}

// Words of the text from the run `runs_back` runs before the one holding byte `p` (or from the
// text's first run), scanned as far as asked. Indices count from the first of them.
class WordWindow {
 public:
  WordWindow(std::string_view text, std::size_t p, int runs_back, std::vector<Word>& words)
      : text_(text), scan_(text, 0, false), words_(words) {
    words_.clear();
    std::size_t start = run_start(text, p);
    for (int r = 0;; ++r) {
      const std::size_t previous = previous_run_end(text, start);
      if (previous == kNoRun) {  // indices are the whole text's
        scan_ = WordScanner(text, start, false);
        break;
      }
      if (r == runs_back) {
        const std::string_view gap = text.substr(previous, start - previous);
        scan_ = WordScanner(text, start, gap.find_first_not_of(' ') == std::string_view::npos);
        break;
      }
      start = run_start(text, previous - 1);
    }
  }

  // Word j exists (scanning on to it).
  bool has(std::size_t j) {
    while (words_.size() <= j && !ended_) {
      Word w;
      if (scan_.next(w)) {
        words_.push_back(w);
      } else {
        ended_ = true;
      }
    }
    return j < words_.size();
  }
  // Precondition: has(j).
  const Word& operator[](std::size_t j) const { return words_[j]; }
  std::string_view view(std::size_t j) const {
    return text_.substr(words_[j].begin, words_[j].end - words_[j].begin);
  }

 private:
  std::string_view text_;
  WordScanner scan_;
  std::vector<Word>& words_;
  bool ended_ = false;
};

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

// The cue words, kinds then locatives, as context_cue_words() gives them.
constexpr std::array<std::string_view, kKinds.words.size() + kLocatives.words.size()> kCueWords =
    [] {
      std::array<std::string_view, kKinds.words.size() + kLocatives.words.size()> all{};
      std::copy(kKinds.words.begin(), kKinds.words.end(), all.begin());
      std::copy(kLocatives.words.begin(), kLocatives.words.end(),
                all.begin() + kKinds.words.size());
      return all;
    }();

// The rules, applied at the cue words of one text.
class ContextPass {
 public:
  ContextPass(std::string_view text, const NameSource& names, const Lexicons& lexicons,
              std::vector<Mention>& mentions)
      : text_(text),
        end_of_text_(text.data() + text.size()),
        names_(names),
        lexicons_(lexicons),
        mentions_(mentions) {}

  // Applies the rules at the cue words inside token `t`, in text order.
  void at_token(const Token& t);
  // Adds what the rules found to the mentions, keeping them ordered by begin.
  void finish();

 private:
  void consider(WordWindow& words, std::size_t first, std::size_t last, bool after_of);
  void after_locative(WordWindow& words, std::size_t k);
  void around_kind(WordWindow& words, std::size_t k);
  bool may_follow_locative(std::size_t end) const;
  bool may_surround_kind(std::size_t begin, std::size_t end) const;
  // Applies the rule of the cue word [begin, end) (a kind or a locative), a word of the text.
  void at_word(std::size_t begin, std::size_t end, bool kind);

  std::string_view text_;
  const char* end_of_text_;
  const NameSource& names_;
  const Lexicons& lexicons_;
  std::vector<Mention>& mentions_;
  std::vector<Mention> found_;
  std::vector<Word> words_;   // WordWindow's buffer
  std::vector<Word> inside_;  // at_token's
};

// Adds words [first, last) as a name when nothing speaks against it.
// `after_of`: the name follows "the <kind> of", a cue strong enough to take a name the
// gazetteer holds but the recogniser passed over ("the nearby town of X" for a small X).
void ContextPass::consider(WordWindow& words, std::size_t first, std::size_t last, bool after_of) {
  if (first >= last) return;
  const std::size_t begin = words[first].begin;
  const std::size_t end = words[last - 1].end;
  const std::string surface(text_.substr(begin, end - begin));
  std::string key = gaz::fold_name(surface);
  const NameInfo info = names_.lookup(key);
  if (info.known() && (!after_of || info.is(NameInfo::kDemonym))) return;
  const auto overlaps = [&](const Mention& m) { return m.begin < end && begin < m.end; };
  // A name the gazetteer holds takes the place of shorter mentions inside it ("Hidalgo" in
  // "Dolores Hidalgo"), as a longer gazetteer match would.
  const auto inside = [&](const Mention& m) {
    return info.known() && begin <= m.begin && m.end <= end && m.end - m.begin < end - begin;
  };
  const auto clash = [&](const Mention& m) { return overlaps(m) && !inside(m); };
  if (std::any_of(mentions_.begin(), mentions_.end(), clash) ||
      std::any_of(found_.begin(), found_.end(), overlaps))
    return;
  for (std::size_t k = first; k < last; ++k) {
    const std::string folded = gaz::fold_name(words.view(k));
    const std::uint32_t f = lexicons_.flags(folded);
    if ((f & kNeverInName) || names_.lookup(folded).is(NameInfo::kDemonym)) return;
    if (last - first == 1 && (f & (kLexCommonWord | kLexTitle | kLexAnyPlaceType))) return;
  }
  std::erase_if(mentions_, inside);
  Mention m;
  m.begin = static_cast<std::uint32_t>(begin);
  m.end = static_cast<std::uint32_t>(end);
  m.surface = surface;
  m.key = std::move(key);
  m.info = info;
  m.role = MentionRole::kLiteral;
  m.confidence = 0.7f;
  m.type_hint = kLexTypeSettlement;
  found_.push_back(std::move(m));
}

// "in San Miguel de Allende" (word k a locative): the longest run of two or more name words
// (lower-case particles inside) that the gazetteer holds as a town or an area.
void ContextPass::after_locative(WordWindow& words, std::size_t k) {
  if (!words.has(k + 2) || !words[k + 1].joined) return;
  std::size_t last = k + 1;
  std::size_t best = 0;
  while (words.has(last) && last - (k + 1) < kMaxLocativeWords &&
         (last == k + 1 || words[last].joined)) {
    const std::string_view v = words.view(last);
    const bool particle = one_of(v, kParticles, end_of_text_);
    if (!name_word(v) && !particle) break;
    ++last;
    if (particle || last - (k + 1) < 2) continue;
    const NameInfo info = names_.lookup(
        gaz::fold_name(text_.substr(words[k + 1].begin, words[last - 1].end - words[k + 1].begin)));
    const bool town = info.is(NameInfo::kPopulated) && info.max_population >= kMinTownPopulation;
    if (info.candidates > 0 && (town || info.is(NameInfo::kAdmin))) {
      best = last;
    }
  }
  if (best != 0) consider(words, k + 1, best, true);
}

// Word k is a kind: "the <...> village of X", "the X area", "in X village". Precondition: the
// window holds the five words before word k, or opens at the text's first word.
void ContextPass::around_kind(WordWindow& words, std::size_t k) {
  // "the <...> village of X": "the" at most three words back, in the same phrase.
  if (words.has(k + 2) && words[k + 1].joined && lower_equals(words.view(k + 1), "of") &&
      words[k + 2].joined) {
    bool the = false;
    for (std::size_t back = 1; back <= 3 && back <= k && words[k - back + 1].joined; ++back)
      if (lower_equals(words.view(k - back), "the")) the = true;
    std::size_t last = k + 2;
    while (words.has(last) && last - (k + 2) < kMaxNameWords &&
           (last == k + 2 || words[last].joined) && name_word(words.view(last)))
      ++last;
    if (the) consider(words, k + 2, last, true);
  }
  // "the X area", "in X village".
  if (k >= 2 && words[k].joined) {
    std::size_t first = k;
    while (first > 0 && k - first < kMaxNameWords && words[first].joined &&
           name_word(words.view(first - 1)))
      --first;
    if (first < k && first > 0 && words[first].joined &&
        one_of(words.view(first - 1), kOpeners, end_of_text_))
      consider(words, first, k, false);
  }
}

// False when no name word or particle can follow the locative ending at `end` after spaces:
// the rule after it cannot fire. Most locatives are followed by a lower-case word ("in the").
bool ContextPass::may_follow_locative(std::size_t end) const {
  if (end >= text_.size() || text_[end] != ' ') return false;
  std::size_t p = end;
  while (p < text_.size() && text_[p] == ' ') ++p;
  if (p >= text_.size()) return false;
  const auto c = static_cast<unsigned char>(text_[p]);
  if ((c >= 'A' && c <= 'Z') || c == 0xC3) return true;
  if (c < 'a' || c > 'z') return false;
  // A particle ("de", "las") or a particle's name ("al-Zahawi"): at most three letters.
  std::size_t q = p;
  while (q < text_.size() && q - p < 4 && text_[q] >= 'a' && text_[q] <= 'z') ++q;
  if (q - p > 3) return false;
  return (q < text_.size() && text_[q] == '-') ||
         one_of(text_.substr(p, q - p), kParticles, end_of_text_);
}

// False when neither rule around the kind [begin, end) can fire: the name before it must be
// joined to it by spaces, the "of" after it too.
bool ContextPass::may_surround_kind(std::size_t begin, std::size_t end) const {
  if (begin > 0 && text_[begin - 1] == ' ') return true;
  if (end >= text_.size() || text_[end] != ' ') return false;
  std::size_t p = end;
  while (p < text_.size() && text_[p] == ' ') ++p;
  return p + 1 < text_.size() && (text_[p] | 0x20) == 'o' && (text_[p + 1] | 0x20) == 'f';
}

void ContextPass::at_word(std::size_t begin, std::size_t end, bool kind) {
  // Kinds look back: their window opens five runs (five words or more) earlier.
  WordWindow words(text_, begin, kind ? 5 : 0, words_);
  std::size_t k = 0;
  while (words.has(k) && words[k].begin < begin) ++k;
  if (!words.has(k) || words[k].begin != begin || words[k].end != end) return;
  if (kind) {
    around_kind(words, k);
  } else {
    after_locative(words, k);
  }
}

void ContextPass::at_token(const Token& t) {
  if (!t.has(kInnerJoiner)) {
    // The token's bytes but a last full stop or apostrophe ("area." before a clitic "'s") are
    // the cue word, unless a hyphen or apostrophe joins it to the word before or after (which
    // at_word sees).
    std::size_t end = t.end;
    if (text_[end - 1] == '.' || text_[end - 1] == '\'') --end;
    const std::string_view w = text_.substr(t.begin, end - t.begin);
    if (w.empty() || w[0] < 'a' || w[0] > 'z') return;
    if (one_of(w, kLocatives, end_of_text_)) {
      if (may_follow_locative(end)) at_word(t.begin, end, false);
    } else if (one_of(w, kKinds, end_of_text_)) {
      if (may_surround_kind(t.begin, end)) at_word(t.begin, end, true);
    }
    return;
  }
  // "x.in": the words inside the token, each as the split of the whole text makes them.
  std::vector<Word>& inside = inside_;
  inside.clear();
  {
    WordWindow words(text_, t.begin, 0, words_);
    for (std::size_t k = 0; words.has(k) && words[k].begin < t.end; ++k) {
      if (words[k].begin >= t.begin && words[k].end <= t.end) inside.push_back(words[k]);
    }
  }
  for (const Word& word : inside) {
    const std::string_view w = text_.substr(word.begin, word.end - word.begin);
    // Both rules are keyed by a lower-case word.
    if (w[0] < 'a' || w[0] > 'z') continue;
    if (one_of(w, kLocatives, end_of_text_)) {
      at_word(word.begin, word.end, false);
    } else if (one_of(w, kKinds, end_of_text_)) {
      at_word(word.begin, word.end, true);
    }
  }
}

void ContextPass::finish() {
  if (found_.empty()) return;
  mentions_.insert(mentions_.end(), std::make_move_iterator(found_.begin()),
                   std::make_move_iterator(found_.end()));
  std::stable_sort(mentions_.begin(), mentions_.end(),
                   [](const Mention& a, const Mention& b) { return a.begin < b.begin; });
}

}  // namespace

std::span<const std::string_view> context_cue_words() { return kCueWords; }

void add_context_names(std::string_view text, const TokenizedText& tokens,
                       std::span<const std::uint32_t> cue_tokens, const NameSource& names,
                       const Lexicons& lexicons, std::vector<Mention>& mentions) {
  if (cue_tokens.empty()) return;
  ContextPass pass(text, names, lexicons, mentions);
  for (const std::uint32_t i : cue_tokens) pass.at_token(tokens.tokens[i]);
  pass.finish();
}

void add_context_names(std::string_view text, const NameSource& names, const Lexicons& lexicons,
                       std::vector<Mention>& mentions) {
  const TokenizedText tokens = tokenize(text);
  std::vector<std::uint32_t> cues;
  for (std::size_t i = 0; i < tokens.tokens.size(); ++i) {
    const Token& t = tokens.tokens[i];
    if (t.has(kInnerJoiner) ||
        std::find(kCueWords.begin(), kCueWords.end(), tokens.folded_of(t)) != kCueWords.end())
      cues.push_back(static_cast<std::uint32_t>(i));
  }
  add_context_names(text, tokens, cues, names, lexicons, mentions);
}

}  // namespace incidentmap
