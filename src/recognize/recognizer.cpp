#include "src/recognize/recognizer.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <memory>
#include <span>
#include <string>

#include "src/recognize/context_names.h"
#include "src/recognize/direction_words.h"
#include "src/recognize/disease_names.h"
#include "src/recognize/social_handle.h"
#include "src/text/string_index.h"

namespace incidentmap {

std::string_view role_name(MentionRole role) {
  switch (role) {
    case MentionRole::kLiteral:
      return "literal";
    case MentionRole::kDateline:
      return "dateline";
    case MentionRole::kReporting:
      return "reporting";
    case MentionRole::kModifier:
      return "modifier";
    case MentionRole::kDemonym:
      return "demonym";
    case MentionRole::kMetonym:
      return "metonym";
  }
  return "literal";
}

namespace {

// Prepositions after which a capitalised name is most likely a place.
constexpr std::array<std::string_view, 22> kLocativePrepositions = {
    "in",      "at",         "from",   "near",     "to",      "into",   "outside", "inside",
    "across",  "throughout", "around", "toward",   "towards", "via",    "between", "within",
    "through", "across",     "of",     "entering", "leaving", "visited"};

// Verbs of speech that follow a person's name ("Johnson said").
constexpr std::array<std::string_view, 13> kSpeechVerbs = {
    "said",  "says",    "told",      "added",    "explained", "noted",      "wrote",
    "asked", "replied", "testified", "recalled", "tweeted",   "contributed"};

// Administrative type words that are part of the name when capitalised after it
// ("Laurel County", "Nyanza Province"); lower-case ones stay outside ("Sinaloa state").
constexpr std::array<std::string_view, 10> kNameTypeWords = {
    "county", "parish",   "province", "governorate",  "prefecture",
    "oblast", "township", "borough",  "municipality", "district"};

// Type words that introduce a name with "of" ("the state of Oaxaca").
constexpr std::array<std::string_view, 17> kOfTypeWords = {
    "state",   "province", "city",   "town",      "village",    "municipality",
    "county",  "region",   "island", "islands",   "district",   "department",
    "capital", "port",     "hamlet", "community", "governorate"};

// Public bodies and offices of a town or county, which annotators and readers take the place
// name before them to qualify: "the Concord Police Department", "Meigs County Court",
// "Fargo City Commissioner", "Ferguson Mayor". Not organisation words in general ("Belk
// Foundation", "Kit Carson Elementary").
constexpr std::array<std::string_view, 22> kPublicBodyWords = {
    "police",       "fire",          "sheriff",    "sheriffs",     "council",    "commission",
    "department",   "dept",          "court",      "jail",         "board",      "mayor",
    "commissioner", "commissioners", "councilman", "councilwoman", "councillor", "councilor",
    "selectmen",    "aldermen",      "schools",    "coroner"};

// Capitalised words that end a newspaper's name after its town ("Indianapolis Star", "China
// Daily", "Bucharest Daily News", "New England Journal of Medicine"): the outlet, not the place.
constexpr std::array<std::string_view, 16> kMastheadWords = {
    "daily",    "times",   "post",     "herald",   "tribune", "journal",   "gazette",  "chronicle",
    "examiner", "courier", "inquirer", "register", "sun",     "telegraph", "dispatch", "bulletin"};

// Words whose presence after "'s" makes the place its government ("Mexico's foreign ministry").
constexpr std::array<std::string_view, 3> kAuxiliaries = {"has", "have", "will"};

// Membership of a folded word in the lists above, or identity with a word the rules name
// (bit set), looked up once per distinct word of a text.
enum WordClass : std::uint32_t {
  kLocativePreposition = 1u << 0,
  kSpeechVerb = 1u << 1,
  kDirectionWord = 1u << 2,
  kNameTypeWord = 1u << 3,
  kOfTypeWord = 1u << 4,
  kAuxiliary = 1u << 5,
  kWordOf = 1u << 6,
  kWordBy = 1u << 7,
  kWordFrom = 1u << 8,
  kWordIn = 1u << 9,
  kWordTo = 1u << 10,
  kWordAccording = 1u << 11,
  kWordCity = 1u << 12,
  kWordReporting = 1u << 13,
  kWordWriting = 1u << 14,
  kWordEditing = 1u << 15,
  kPublicBodyWord = 1u << 16,
  kDiseaseWord = 1u << 17,
  kMastheadWord = 1u << 18,
  kWordSaint = 1u << 19,
  kContextCue = 1u << 20,  // one of context_cue_words(): add_context_names looks there
};

class WordClasses {
 public:
  WordClasses() {
    add(kLocativePrepositions, kLocativePreposition);
    add(kSpeechVerbs, kSpeechVerb);
    add(kDirectionWords, kDirectionWord);
    add(kNameTypeWords, kNameTypeWord);
    add(kOfTypeWords, kOfTypeWord);
    add(kAuxiliaries, kAuxiliary);
    add(kPublicBodyWords, kPublicBodyWord);
    add(kDiseaseWords, kDiseaseWord);
    add(kMastheadWords, kMastheadWord);
    constexpr std::array<std::pair<std::string_view, WordClass>, 12> kWords = {{
        {"of", kWordOf},
        {"by", kWordBy},
        {"from", kWordFrom},
        {"in", kWordIn},
        {"to", kWordTo},
        {"according", kWordAccording},
        {"city", kWordCity},
        {"reporting", kWordReporting},
        {"writing", kWordWriting},
        {"editing", kWordEditing},
        {"st", kWordSaint},
        {"saint", kWordSaint},
    }};
    for (const auto& [w, cls] : kWords) add(std::array<std::string_view, 1>{w}, cls);
    add(context_cue_words(), kContextCue);
  }
  // `hash` must be StringIndex::hash(w).
  std::uint32_t of(std::string_view w, std::uint64_t hash) const {
    const std::uint32_t id = index_.find(w, hash);
    return id == StringIndex::kNone ? 0 : classes_[id];
  }

 private:
  void add(std::span<const std::string_view> list, std::uint32_t cls) {
    for (std::string_view w : list) {  // views of literals: the index may keep them
      const std::uint32_t id = index_.insert(w);
      if (id == classes_.size()) classes_.push_back(0);
      classes_[id] |= cls;
    }
  }
  StringIndex index_;
  std::vector<std::uint32_t> classes_;
};

const WordClasses& word_classes() {
  static const WordClasses classes;
  return classes;
}

// What recognition needs to know about one distinct folded word: what the lists and the name
// source say (gathered once, kept across texts). Marks that hold for the current text are kept
// apart (Scratch::stamps), so that the per-token pass touches 4 bytes per word, not this entry.
struct WordInfo {
  enum Mark : std::uint8_t {
    kSeenLower = 1u << 0,   // the text uses the word in lower case ("police", "buses")
    kPersonWord = 1u << 1,  // seen as part of a person's name
    // Somewhere in the text the word names a place beyond doubt: after a locative preposition
    // ("in Greer"), before ", State" ("Greer, S.C."), after "city of", before a public body
    // ("the Greer Police Department") or in a dateline. Its other mentions are places too.
    kPlaceEvidence = 1u << 2,
  };
  std::uint32_t lex = 0;      // Lexicons flags
  int lex_max_tokens = 0;     // Lexicons::max_phrase_tokens
  std::uint32_t classes = 0;  // WordClass bits
  bool info_known = false;    // `info` was asked for
  int name_max_tokens = -1;   // NameSource::max_name_tokens; -1 until asked
  NameInfo info;              // NameSource::lookup of the word alone
};

// Owned copies of word keys, in chunks that never move (the word index holds views).
class KeyArena {
 public:
  std::string_view store(std::string_view key) {
    if (chunks_.empty() || used_ + key.size() > capacity_) {
      capacity_ = std::max<std::size_t>(kChunkBytes, key.size());
      chunks_.push_back(std::make_unique<char[]>(capacity_));
      used_ = 0;
    }
    char* dst = chunks_.back().get() + used_;
    std::copy(key.begin(), key.end(), dst);
    used_ += key.size();
    return std::string_view(dst, key.size());
  }
  void clear() {
    chunks_.clear();
    used_ = capacity_ = 0;
  }

 private:
  static constexpr std::size_t kChunkBytes = 1 << 16;
  std::vector<std::unique_ptr<char[]>> chunks_;
  std::size_t used_ = 0;
  std::size_t capacity_ = 0;
};

// Per-thread state reused across texts: buffers, so that recognising a short text allocates
// little, and the words seen so far with what the lists and the name source say about them,
// so that a word common in the stream ("police", "Mexico") costs one probe of a warm table.
// The words belong to one recogniser (`owner`) and are forgotten when another one runs on the
// thread or when there are too many.
struct Scratch {
  static constexpr std::size_t kMaxWords = 1 << 16;
  // Generations run below this, so that one fits above the mark bits of a stamp.
  static constexpr std::uint32_t kMaxGeneration = 1u << 24;

  // Forgets every word (their ids, entries and marks).
  void forget_words() {
    index.clear(kMaxWords);
    short_words.clear();
    words.clear();
    stamps.clear();
    keys.clear();
    generation = 1;
  }

  TokenizedText tokens;  // for Recognizer::recognize(text)
  std::uint64_t owner = 0;
  std::uint32_t generation = 1;  // of the current text, for `stamps`
  StringIndex index;             // distinct folded words
  // Ids in `index` of short words, looked up first, with the word's lexicon flags (low half of
  // the value) and WordClass bits (high half).
  ShortKeyCache short_words{14};
  std::vector<WordInfo> words;  // by index id
  // By index id: the generation of the last text that used the word (bits 8 and up) and the
  // WordInfo::Mark bits that hold in that text (bits 0..7).
  std::vector<std::uint32_t> stamps;
  KeyArena keys;
  std::vector<std::uint32_t> word_of;  // token -> index id
  std::vector<std::uint32_t> lex_flags;
  std::vector<std::uint32_t> classes;  // token -> WordClass bits of its word
  std::vector<std::uint32_t> misses;   // tokens whose word the short-key cache did not give
  // Tokens where Run::run may start a mention or change its state (capitalised, after '#',
  // sentence or line starts, reporting words), in text order; then those that are capitalised.
  // Only the first start_count and capital_count entries belong to the current text.
  std::vector<std::uint32_t> starts;
  std::vector<std::uint32_t> capitals;
  std::size_t start_count = 0;
  std::size_t capital_count = 0;
  // Tokens add_context_names must look at (kContextCue words, kInnerJoiner tokens), and
  // before Run::index_words ends also tokens whose word the short-key cache did not give;
  // the first cue_count entries belong to the current text.
  std::vector<std::uint32_t> cues;
  std::size_t cue_count = 0;
  std::vector<std::uint8_t> headline;
  std::vector<std::uint8_t> person;
  std::vector<std::uint8_t> blocked;
  std::string key;  // Run::span_key's buffer
};

Scratch& scratch() {
  thread_local Scratch s;
  return s;
}

bool is_dash_gap(std::string_view g) {
  return g.find("\xE2\x80\x94") != std::string_view::npos ||  // em dash
         g.find("\xE2\x80\x93") != std::string_view::npos ||  // en dash
         g.find('-') != std::string_view::npos || g.find(':') != std::string_view::npos;
}

class Run {
 public:
  Run(const NameSource& names, const RecognizerOptions& options, const Lexicons& lex,
      std::string_view text, const TokenizedText& tt, Scratch& scratch)
      : scratch_(scratch),
        names_(names),
        opt_(options),
        lex_(lex),
        text_(text),
        tt_(tt),
        toks_(tt.tokens),
        tok_(tt.tokens.data()),
        n_(static_cast<int>(tt.tokens.size())),
        index_(scratch.index),
        words_(scratch.words),
        stamps_(scratch.stamps),
        word_of_(scratch.word_of),
        lex_flags_(scratch.lex_flags),
        classes_(scratch.classes),
        headline_(scratch.headline),
        person_(scratch.person),
        blocked_(scratch.blocked) {}

  std::vector<Mention> run();

 private:
  struct Candidate {
    int first = 0;         // first token of the span
    int last = 0;          // one past the last token of the span
    std::string_view key;  // a view into the folded tokens
    NameInfo info;
    std::uint32_t type_hint = 0;
    bool context_only = false;  // not a gazetteer key; a type construction makes it a place
    bool strong_type = false;   // a capitalised type word or "the state of X" construction
    bool dateline = false;
    float confidence = 0;
    MentionRole role = MentionRole::kLiteral;
  };

  std::string_view folded(int i) const {
    const Token& t = tok_[i];
    return std::string_view(tt_.folded.data() + t.folded_begin, t.folded_size);
  }
  const Token& tok(int i) const { return tok_[i]; }
  int n() const { return n_; }
  bool has(int i, TokenFlag f) const { return i >= 0 && i < n() && tok(i).has(f); }
  std::uint32_t lexf(int i) const {
    return i >= 0 && i < n() ? lex_flags_[static_cast<std::size_t>(i)] : 0u;
  }
  std::string_view gap_before(int i) const {
    if (i <= 0) return text_.substr(0, tok(0).begin);
    return text_.substr(tok(i - 1).end, tok(i).begin - tok(i - 1).end);
  }
  // Tokens i-1 and i are separated by spaces only (or one hyphen inside a name): the
  // tokenizer's kJoined and kJoinedHyphen.
  bool joined(int i, bool allow_hyphen) const {
    return i > 0 && i < n() && tok(i).has(allow_hyphen ? kJoinedHyphen : kJoined);
  }
  bool capitalised(int i) const { return has(i, kCapitalised); }
  // The lists index_words() makes (Scratch::starts, Scratch::capitals).
  std::span<const std::uint32_t> starts() const {
    return {scratch_.starts.data(), scratch_.start_count};
  }
  std::span<const std::uint32_t> capitals() const {
    return {scratch_.capitals.data(), scratch_.capital_count};
  }
  bool word_is(int i, WordClass w) const { return word_class(i, w); }
  bool lower_word_is(int i, WordClass w) const { return word_is(i, w) && has(i, kLowerInitial); }
  // Sentence-initial, line-initial, or in a headline line: capitalisation says little.
  bool weak_capital(int i) const {
    return has(i, kSentenceInitial) || has(i, kAfterNewline) || i == 0 ||
           headline_[static_cast<std::size_t>(i)];
  }
  // Folded tokens [first, last) joined by spaces.
  std::string_view key_of(int first, int last) const {
    return tt_.folded_span(static_cast<std::size_t>(first), static_cast<std::size_t>(last));
  }
  WordInfo& word(int i) { return words_[word_of_[static_cast<std::size_t>(i)]]; }
  const WordInfo& word(int i) const { return words_[word_of_[static_cast<std::size_t>(i)]]; }
  bool word_class(int i, WordClass c) const {
    return i >= 0 && i < n() && (classes_[static_cast<std::size_t>(i)] & c) != 0;
  }
  std::uint32_t& stamp(int i) { return stamps_[word_of_[static_cast<std::size_t>(i)]]; }
  bool marked(int i, WordInfo::Mark m) const {
    return (stamps_[word_of_[static_cast<std::size_t>(i)]] & m) != 0;
  }
  void mark(int i, WordInfo::Mark m) { stamp(i) |= m; }
  bool seen_lower(int i) const { return marked(i, WordInfo::kSeenLower); }
  // NameSource answers for token i alone, asked once per distinct word.
  const NameInfo& name_info(int i) {
    WordInfo& w = word(i);
    if (!w.info_known) {
      w.info = names_.lookup(folded(i));
      w.info_known = true;
    }
    return w.info;
  }
  int name_max_tokens(int i) {
    WordInfo& w = word(i);
    if (w.name_max_tokens < 0) w.name_max_tokens = names_.max_name_tokens(folded(i));
    return w.name_max_tokens;
  }

  void index_words();
  void mark_place_evidence();
  bool public_body_at(int j) const;
  void compute_headlines();
  void mark_people();
  template <class SurnameLike>
  void mark_nicknames(const SurnameLike& surname_like);
  void mark_media();
  bool clitic_in_name(int k) const;
  std::string_view span_key(int first, int last);
  bool try_gazetteer(int i, Candidate& c);
  bool try_plural_demonym(int i, Candidate& c);
  bool try_hashtag(int i, Mention& m);
  bool try_type_construction(int i, Candidate& c);
  void attach_type_words(Candidate& c);
  // Token j and the capitalised word after it form a gazetteer name ("Sierra Leone").
  bool opens_known_name(int j);
  bool keep(Candidate& c);
  void assign_role(Candidate& c);
  float score(const Candidate& c);
  // True when the candidate opens a dateline; sets dateline_end_ past its region part.
  bool detect_dateline(const Candidate& c);

  Scratch& scratch_;
  const NameSource& names_;
  const RecognizerOptions& opt_;
  const Lexicons& lex_;
  std::string_view text_;
  const TokenizedText& tt_;
  const std::vector<Token>& toks_;
  const Token* tok_;  // toks_.data(): the hot accessors skip the vector
  int n_;             // toks_.size()
  StringIndex& index_;
  std::vector<WordInfo>& words_;
  std::vector<std::uint32_t>& stamps_;  // Scratch::stamps
  std::vector<std::uint32_t>& word_of_;
  std::vector<std::uint32_t>& lex_flags_;
  std::vector<std::uint32_t>& classes_;  // WordClass bits by token
  std::vector<std::uint8_t>& headline_;
  std::vector<std::uint8_t>& person_;
  std::vector<std::uint8_t>& blocked_;
  bool in_reporting_credit_ = false;
  int dateline_end_ = -1;  // tokens before this index belong to a detected dateline
};

// Interns the folded tokens and gathers, once per distinct word, its lexicon flags and word
// classes; notes per token what the lists say and per word the marks that depend on the whole
// text; lists the tokens Run::run and the marking passes start from.
void Run::index_words() {
  if (words_.size() > Scratch::kMaxWords || ++scratch_.generation >= Scratch::kMaxGeneration) {
    scratch_.forget_words();
  }
  const std::uint32_t generation = scratch_.generation << 8;
  const auto count = static_cast<std::size_t>(n());
  // Per-token buffers only grow: every slot below `count` is written before it is read, so
  // value-initialising the ones a shorter text left would be wasted work.
  for (std::vector<std::uint32_t>* v : {&word_of_, &lex_flags_, &classes_, &scratch_.misses,
                                        &scratch_.starts, &scratch_.capitals, &scratch_.cues}) {
    if (v->size() < count) v->resize(count);
  }
  const char* const folded_bytes = tt_.folded.data();
  const Token* const toks = tok_;
  auto key_at = [&](std::size_t i) {
    return std::string_view(folded_bytes + toks[i].folded_begin, toks[i].folded_size);
  };
  ShortKeyCache& short_words = scratch_.short_words;
  const std::size_t folded_size = tt_.folded.size();
  std::uint32_t* const word_of = word_of_.data();
  std::uint32_t* const lex = lex_flags_.data();
  std::uint32_t* const cls = classes_.data();
  std::uint32_t* const misses = scratch_.misses.data();
  std::uint32_t* const starts = scratch_.starts.data();
  std::uint32_t* const capitals = scratch_.capitals.data();
  std::uint32_t* const cues = scratch_.cues.data();
  std::size_t cue = 0;
  std::size_t missed = 0;
  std::size_t started = 0;
  std::size_t capital = 0;
  // What the token's word says, `value` as the short-key cache holds it.
  auto note = [&](std::size_t i, std::uint16_t f, std::uint32_t id, std::uint64_t value)
      __attribute__((always_inline)) {
    word_of[i] = id;
    lex[i] = (f & kHasLetter) != 0 ? static_cast<std::uint32_t>(value) : 0u;
    cls[i] = static_cast<std::uint32_t>(value >> 32);
    std::uint32_t& st = stamps_[id];
    if ((st & ~0xFFu) != generation) st = generation;
    if ((f & (kLowerInitial | kAllCaps)) == kLowerInitial) st |= WordInfo::kSeenLower;
  };
  constexpr std::uint32_t kReportingWords = kWordReporting | kWordWriting | kWordEditing;
  constexpr std::uint16_t kStartFlags =
      kCapitalised | kAfterHash | kSentenceInitial | kAfterNewline;
  // Short words (most of them) by the cache of short keys; the others, in text order, by the
  // index of words, which adds the new ones. A token whose word is not known yet is listed as
  // a start: its classes may name a reporting word.
  for (std::size_t i = 0; i < count; ++i) {
    const Token& t = toks[i];
    const std::uint16_t f = t.flags;
    bool hit = false;
    std::uint32_t token_classes = ~0u;  // a word not known yet may be of any class
    if (t.folded_size <= ShortKeyCache::kMaxKey) {
      const ShortKeyCache::Entry* e = short_words.lookup(
          ShortKeyCache::pack(key_at(i), folded_size - t.folded_begin), t.folded_size);
      if (e != nullptr) {
        hit = true;
        note(i, f, e->id, e->value);
        token_classes = static_cast<std::uint32_t>(e->value >> 32);
      }
    }
    misses[missed] = static_cast<std::uint32_t>(i);
    missed += hit ? 0 : 1;
    starts[started] = static_cast<std::uint32_t>(i);
    started += ((f & kStartFlags) != 0 || (token_classes & kReportingWords) != 0) ? 1 : 0;
    capitals[capital] = static_cast<std::uint32_t>(i);
    capital += (f & kCapitalised) != 0 ? 1 : 0;
    // Few tokens are cues (or not known yet): a branch, not a store per token.
    if (((token_classes & kContextCue) | (f & kInnerJoiner)) != 0) [[unlikely]] {
      cues[cue++] = static_cast<std::uint32_t>(i);
    }
  }
  const WordClasses& classes = word_classes();
  for (std::size_t m = 0; m < missed; ++m) {
    const std::size_t i = misses[m];
    const std::string_view w = key_at(i);
    const bool short_key = w.size() <= ShortKeyCache::kMaxKey;
    std::uint64_t packed = 0;
    if (short_key) {
      packed = ShortKeyCache::pack(w, folded_size - toks[i].folded_begin);
      // An earlier token of this text may have brought the word in.
      if (const ShortKeyCache::Entry* e = short_words.lookup(packed, w.size()); e != nullptr) {
        note(i, toks[i].flags, e->id, e->value);
        continue;
      }
    }
    const std::uint64_t h = StringIndex::hash(w);
    std::uint32_t id = index_.find(w, h);
    if (id == StringIndex::kNone) {
      id = index_.insert(scratch_.keys.store(w), h);
      WordInfo& info = words_.emplace_back();
      stamps_.push_back(0);
      const Lexicons::Entry e = lex_.entry(w, h);
      info.lex = e.flags;
      info.lex_max_tokens = e.max_tokens;
      info.classes = classes.of(w, h);
    }
    const WordInfo& info = words_[id];
    const std::uint64_t value = std::uint64_t{info.classes} << 32 | info.lex;
    note(i, toks[i].flags, id, value);
    if (short_key) short_words.put(packed, w.size(), id, value);
  }
  scratch_.start_count = started;
  scratch_.capital_count = capital;
  // The missed tokens' classes are known now.
  std::size_t kept = 0;
  for (std::size_t c = 0; c < cue; ++c) {
    const std::uint32_t i = cues[c];
    cues[kept] = i;
    kept += ((toks[i].flags & kInnerJoiner) != 0 || (cls[i] & kContextCue) != 0) ? 1 : 0;
  }
  scratch_.cue_count = kept;
}

// Marks words that some mention in the text shows to be places (WordInfo::kPlaceEvidence).
// Only single capitalised words: the marks help names that look like surnames or common words
// ("Greer", "Concord"); longer names need no help.
void Run::mark_place_evidence() {
  for (const std::uint32_t capital : capitals()) {
    const auto i = static_cast<int>(capital);
    if (!capitalised(i) || has(i, kPossessive) || person_[static_cast<std::size_t>(i)] != 0) {
      continue;
    }
    const bool alone =
        !(i + 1 < n() && joined(i + 1, true) && capitalised(i + 1) && !public_body_at(i + 1)) &&
        !(i > 0 && joined(i, true) && capitalised(i - 1) && (lexf(i - 1) & kLexStopword) == 0);
    if (!alone) continue;
    bool evidence = i > 0 && has(i - 1, kLowerInitial) &&
                    ((word_class(i - 1, kLocativePreposition) && !word_is(i - 1, kWordOf)) ||
                     (word_is(i - 1, kWordOf) && i >= 2 && word_class(i - 2, kOfTypeWord)));
    if (!evidence && i + 1 < n()) {
      // "Greer, S.C.", "Culiacan, Mexico": a container after a comma.
      const std::string_view g = gap_before(i + 1);
      if (g.size() <= 2 && g.find(',') != std::string_view::npos && capitalised(i + 1)) {
        const NameInfo& next = name_info(i + 1);
        evidence = next.is(NameInfo::kAdmin1) || next.is(NameInfo::kCountry);
      }
      // "the Greer Police Department": a known place before a public body.
      evidence = evidence || (public_body_at(i + 1) && joined(i + 1, false) &&
                              (name_info(i).kinds & (NameInfo::kPopulated | NameInfo::kAdmin)));
      // "GREER, S.C. --": a dateline.
      evidence = evidence || ((i == 0 || has(i, kAfterNewline)) && has(i, kAllCaps) &&
                              (g.find(',') != std::string_view::npos || is_dash_gap(g)));
    }
    if (evidence) mark(i, WordInfo::kPlaceEvidence);
  }
}

// Token j opens the name of a public body that a place name before it qualifies: "Police
// Department", "Fire Rescue", "Sheriff's Office", "City Council", "County Commissioner".
bool Run::public_body_at(int j) const {
  if (j >= n() || !capitalised(j) || has(j, kAllCaps)) return false;
  if (word_class(j, kPublicBodyWord)) return true;
  // "City Council", "County Sheriff": a type word, then a public body.
  return (word_is(j, kWordCity) || word_class(j, kNameTypeWord)) && j + 1 < n() &&
         joined(j + 1, false) && capitalised(j + 1) && !has(j + 1, kAllCaps) &&
         word_class(j + 1, kPublicBodyWord);
}

// A line (or, in texts without line breaks, a sentence) where most words are capitalised is a
// headline in title case or capitals: capitalisation does not mark names there.
void Run::compute_headlines() {
  headline_.assign(toks_.size(), 0);
  // One pass: the counts of the current line or sentence, judged where the next one starts.
  int start = 0;
  int words = 0;
  int caps = 0;
  auto judge = [&](int end) {
    // Title case leaves at most short function words in lower case; a sentence full of names
    // ("Georgia Brown sang in New York") still has a lower-case verb.
    if ((words >= 3 && caps == words) || (words >= 8 && caps * 10 >= words * 9)) {
      std::fill(headline_.begin() + start, headline_.begin() + end, std::uint8_t{1});
    }
  };
  for (int i = 0; i < n(); ++i) {
    const std::uint16_t f = tok_[i].flags;
    if (i > 0 && (f & (kAfterNewline | kSentenceInitial)) != 0) {
      judge(i);
      start = i;
      words = 0;
      caps = 0;
    }
    if ((f & (kHasLetter | kPossessive)) != kHasLetter) continue;
    const bool cap = (f & kCapitalised) != 0;
    if ((lex_flags_[static_cast<std::size_t>(i)] & kLexConnector) != 0 && !cap) continue;
    ++words;
    caps += cap ? 1 : 0;
  }
  judge(n());
}

// Marks tokens that belong to person names: a given name followed by capitalised surname-like
// words ("Paris Hilton", "Jordan Smith"), or a title followed by a name ("Gen. Jackson").
void Run::mark_people() {
  person_.assign(toks_.size(), 0);
  auto surname_like = [&](int k) {
    if (!capitalised(k) || has(k, kPossessive)) return false;
    const std::uint32_t f = lexf(k);
    if (f & (kLexAnyPlaceType | kLexOrgCue | kLexCalendar | kLexMedia | kLexTitle)) return false;
    if (f & kLexStopword) return false;
    if ((f & kLexCommonWord) && !(f & kLexSurname)) return false;
    if ((f & kLexCommonWord) && (headline_[static_cast<std::size_t>(k)] || has(k, kAllCaps))) {
      return false;
    }
    return true;
  };
  auto is_initial = [&](int k) {
    return has(k, kFinalPeriod) && tok(k).end - tok(k).begin == 2 && capitalised(k);
  };
  auto prominent_place = [&](int k) {
    const NameInfo& info = name_info(k);
    return info.prominent() || info.is(NameInfo::kCapital) || info.max_population >= 1000000;
  };
  auto polity = [&](int k) { return name_info(k).prominent(); };
  // A given name that opens a pair of places ("Paris France"): a country, a capital or a large
  // place; not a given name that only a small first-level division bears (the Isle of Man's
  // parish Michael in "Michael Sicilia").
  auto place_pair_first = [&](int k) {
    const NameInfo& info = name_info(k);
    return info.is(NameInfo::kCountry) || info.is(NameInfo::kCapital) ||
           info.max_population >= 100000 ||
           (info.prominent() && !info.is(NameInfo::kAdmin1) && info.max_population >= 1000000);
  };
  auto big_place = [](const NameInfo& info) {
    return info.prominent() || info.is(NameInfo::kCapital) || info.max_population >= 100000;
  };
  int next = 0;
  for (const std::uint32_t capital : capitals()) {
    const auto i = static_cast<int>(capital);
    if (i < next) continue;
    const std::uint32_t f = lex_flags_[static_cast<std::size_t>(i)];
    if ((f & (kLexGivenName | kLexTitle)) == 0) continue;  // neither of the two below
    const bool given = (f & kLexGivenName) && capitalised(i) && !has(i, kAllCaps);
    const bool title = (f & kLexTitle) && capitalised(i);
    if (!given && !title) continue;
    if (given && (f & kLexCommonWord) && weak_capital(i)) continue;
    int j = i + 1;
    int surnames = 0;
    while (j < n() && j - i <= 4 && joined(j, false)) {
      if (is_initial(j) || (lexf(j) & kLexGivenName && capitalised(j))) {
        ++j;
        continue;
      }
      if ((lexf(j) & kLexSurnameParticle) && has(j, kLowerInitial) && j + 1 < n() &&
          capitalised(j + 1) && joined(j + 1, true)) {
        ++j;
        continue;
      }
      if (!surname_like(j)) break;
      // "Paris France", "Sydney Australia": two places, not a person. A given name that is no
      // large place before a state's name is still a person ("Andy Trapani", "Chris Jordan").
      if (surnames == 0 && j == i + 1 &&
          (title ? polity(j) : prominent_place(j) && (place_pair_first(i) || weak_capital(i)))) {
        break;
      }
      // "Georgia Educators", "Jordan Valley residents": a prominent place before a plural
      // noun or a word the text also uses in lower case is not a given name.
      if (surnames == 0 && j == i + 1 && given && !title && prominent_place(i)) {
        const std::string_view w = folded(j);
        const bool plural_noun =
            w.size() > 4 && (w.ends_with("ers") || w.ends_with("ors") || w.ends_with("ans") ||
                             w.ends_with("ists") || w.ends_with("ents"));
        if (plural_noun || seen_lower(j)) break;
      }
      ++surnames;
      ++j;
    }
    // "Jordan Smith": given name plus surname. "Gen. Jackson": title plus name.
    const int begin = title ? i + 1 : i;
    if (j - begin < 1 || (given && !title && j - i < 2)) continue;
    if (title && j == i + 1) continue;
    // "Sierra Leone", "San Marino": the whole run is a prominent place's name.
    if (!title && j - i <= 3 && big_place(names_.lookup(key_of(i, j)))) continue;
    for (int k = begin; k < j; ++k) {
      person_[static_cast<std::size_t>(k)] = 1;
      if (capitalised(k) && !has(k, kFinalPeriod)) mark(k, WordInfo::kPersonWord);
    }
    next = j;
  }
  mark_nicknames(surname_like);
}

namespace {
// Quotation marks as news writes them around nicknames: " “ ” ‘ ’ '.
bool has_quote(std::string_view gap) {
  // Most gaps hold none of the bytes that open these marks: '"', '\'' and 0xE2, the lead
  // byte of U+2018..U+201D.
  if (std::none_of(gap.begin(), gap.end(),
                   [](char c) { return c == '"' || c == '\'' || c == '\xE2'; })) {
    return false;
  }
  return gap.find('"') != std::string_view::npos || gap.find('\'') != std::string_view::npos ||
         gap.find("\u201C") != std::string_view::npos ||
         gap.find("\u201D") != std::string_view::npos ||
         gap.find("\u2018") != std::string_view::npos ||
         gap.find("\u2019") != std::string_view::npos;
}
}  // namespace

// Nicknames: a quoted run of capitalised words inside a person's name, as in `Joaquín "El
// Chapo" Guzmán` or `Ismael "El Mayo" Zambada`, is part of the name, whatever place shares it.
// The words are remembered, so the nickname alone elsewhere in the text is a person too.
template <class SurnameLike>
void Run::mark_nicknames(const SurnameLike& surname_like) {
  int next = 1;
  for (const std::uint32_t capital : capitals()) {
    const auto i = static_cast<int>(capital);
    if (i < next) continue;
    // A gap joined() accepts holds spaces only: no quote, and no call.
    if (!capitalised(i) || joined(i, false) || !has_quote(gap_before(i))) continue;
    int j = i;
    while (j + 1 < n() && j - i < 3 && joined(j + 1, false) && capitalised(j + 1)) ++j;
    if (j + 1 >= n() || joined(j + 1, false) || !has_quote(gap_before(j + 1))) continue;
    const bool name_before = person_[static_cast<std::size_t>(i - 1)] != 0 ||
                             ((lexf(i - 1) & kLexGivenName) && capitalised(i - 1));
    const bool name_after = surname_like(j + 1) && gap_before(j + 1).size() <= 4;
    if (!name_before || !name_after) continue;
    for (int k = i; k <= j + 1; ++k) {
      person_[static_cast<std::size_t>(k)] = 1;
      mark(k, WordInfo::kPersonWord);
    }
    person_[static_cast<std::size_t>(i - 1)] = 1;
    next = j + 2;
  }
}

// Tokens inside media outlet and organisation names ("Al Jazeera", "(Reuters)", "Hamas") are
// never places.
void Run::mark_media() {
  blocked_.assign(toks_.size(), 0);
  int next = 0;
  for (const std::uint32_t capital : capitals()) {
    const auto i = static_cast<int>(capital);
    if (i < next) continue;
    if (!capitalised(i)) continue;
    const int max = word(i).lex_max_tokens;
    if (max == 0) continue;
    constexpr std::uint32_t kNotPlace = kLexMedia | kLexOrganisation;
    int best = 0;
    if (lexf(i) & kNotPlace) best = 1;
    for (int k = 1; k < max && i + k < n() && joined(i + k, true); ++k) {
      if (lex_.flags(key_of(i, i + k + 1)) & kNotPlace) best = k + 1;
    }
    // A single word is an outlet only when it is not also a place name in use: "Sky" or
    // "Time" alone stay open; agency names (all listed single words) are rarely places.
    for (int k = 0; k < best; ++k) blocked_[static_cast<std::size_t>(i + k)] = 1;
    if (best > 0) next = i + best;
  }
}

// Token k is a possessive clitic inside a name: "People's Republic of China", "Queen Anne's
// County" (the gazetteer folds "people's" to "peoples").
bool Run::clitic_in_name(int k) const {
  return k > 0 && k + 1 < n() && has(k, kPossessive) && joined(k + 1, false) &&
         capitalised(k + 1) && !has(k + 1, kAllCaps) && !blocked_[static_cast<std::size_t>(k + 1)];
}

// The gazetteer key of tokens [first, last), which may hold possessive clitics: their "s" is
// appended to the word before ("queen annes county"). Without clitics a view into the folded
// tokens; otherwise a view of a buffer that the next call overwrites.
std::string_view Run::span_key(int first, int last) {
  bool clitic = false;
  for (int k = first + 1; k < last && !clitic; ++k) clitic = has(k, kPossessive);
  if (!clitic) return key_of(first, last);
  std::string& key = scratch_.key;
  key.clear();
  for (int k = first; k < last; ++k) {
    if (has(k, kPossessive)) {
      key += 's';
      continue;
    }
    if (k > first) key += ' ';
    key += folded(k);
  }
  return key;
}

// Longest gazetteer key starting at token i, with capitalisation gating.
bool Run::try_gazetteer(int i, Candidate& c) {
  if (!capitalised(i) || blocked_[static_cast<std::size_t>(i)] || has(i, kPossessive)) {
    return false;
  }
  // "People's Republic": the first key word is "peoples", which the folded token is not.
  const bool clitic_first = clitic_in_name(i + 1);
  int max = name_max_tokens(i);
  if (clitic_first) max = std::max(max, names_.max_name_tokens(span_key(i, i + 2)));
  if (max == 0) return try_plural_demonym(i, c);
  // The run counts clitics as tokens of their own; the key does not.
  int clitics = 0;
  // The longest admissible token run: interior tokens capitalised or connectors.
  int len = 1;
  while (len < std::min(max + clitics, n() - i) && len < opt_.max_name_tokens) {
    const int k = i + len;
    if (clitic_in_name(k)) {
      ++clitics;
      ++len;
      continue;
    }
    if (!joined(k, true) || blocked_[static_cast<std::size_t>(k)] || has(k, kPossessive)) break;
    if (!capitalised(k) && !(lexf(k) & kLexConnector) && !has(k, kHasDigit)) break;
    ++len;
  }
  for (int l = len; l >= 1; --l) {
    const int last = i + l - 1;
    if (!capitalised(last) && !has(last, kHasDigit)) continue;  // names end capitalised
    const std::string_view k = clitics > 0 ? span_key(i, i + l) : key_of(i, i + l);
    const NameInfo info = l == 1 ? name_info(i) : names_.lookup(k);
    if (!info.known()) continue;
    // "Meigs County Court", "Superior Court": a feature named after an organisation is not
    // the place; a shorter name inside it may be.
    if (l > 1 && (lexf(last) & kLexOrgCue) && !info.prominent() &&
        !(info.kinds & (NameInfo::kPopulated | NameInfo::kAdmin | NameInfo::kDemonym))) {
      continue;
    }
    c.first = i;
    c.last = i + l;
    c.key = k;
    c.info = info;
    // "Queen Anne's County", "Jefferson Davis County": a known division named with its type
    // word is a place, whoever it is named after.
    c.strong_type =
        l > 1 && capitalised(last) && word_class(last, kNameTypeWord) && info.is(NameInfo::kAdmin);
    return true;
  }
  return try_plural_demonym(i, c);
}

// A hashtag that runs words together: "#SouthSudan", "#GazaUnderAttack" (the place opens the
// tag), "#ferguson" (all lower case). The mention covers the place's letters inside the token.
// ASCII tags only; a tag written like a name ("#Gaza") takes the ordinary path.
bool Run::try_hashtag(int i, Mention& m) {
  const Token& t = tok(i);
  const std::string_view w = text_.substr(t.begin, t.end - t.begin);
  if (w.size() < 3 || w.size() > 64) return false;
  // Word starts: lower-to-upper case changes ("South|Sudan"), or none at all when lower case.
  std::array<std::uint8_t, 8> starts{};
  int words = 1;
  bool lower_seen = false;
  bool upper_inside = false;
  for (std::size_t k = 0; k < w.size(); ++k) {
    const unsigned char ch = static_cast<unsigned char>(w[k]);
    if (ch >= 0x80 || !(std::isalpha(ch) != 0)) return false;
    const bool upper = ch >= 'A' && ch <= 'Z';
    if (upper && k > 0 && lower_seen && std::islower(static_cast<unsigned char>(w[k - 1]))) {
      upper_inside = true;
      if (words == static_cast<int>(starts.size())) break;
      starts[static_cast<std::size_t>(words++)] = static_cast<std::uint8_t>(k);
    }
    lower_seen = lower_seen || !upper;
  }
  const bool all_lower = !has(i, kCapitalised) && !upper_inside;
  if (!upper_inside && !all_lower) return false;
  std::string& key = scratch_.key;
  for (int k = words; k >= 1; --k) {
    const std::size_t end = k == words ? w.size() : starts[static_cast<std::size_t>(k)];
    key.clear();
    for (std::size_t p = 0; p < end; ++p) {
      if (p > 0 && k > 1 &&
          std::find(starts.begin() + 1, starts.begin() + k, static_cast<std::uint8_t>(p)) !=
              starts.begin() + k) {
        key += ' ';
      }
      key += static_cast<char>(std::tolower(static_cast<unsigned char>(w[p])));
    }
    if (end < 3) continue;
    const NameInfo info = names_.lookup(key);
    if (info.candidates == 0) continue;
    // One run-together word alone must be a well-known place and no common word or month
    // ("#love", "#MayDay").
    const std::uint32_t f = lex_.flags(key);
    const bool big =
        info.prominent() || info.is(NameInfo::kCapital) || info.max_population >= 10000;
    if (!big) continue;
    // A given name opens a tag only as a large place ("#SydneySiege", not "#ChelseaFans").
    if (k == 1 && ((f & (kLexCommonWord | kLexStopword | kLexCalendar | kLexTitle | kLexOrgCue |
                         kLexMedia | kLexOrganisation)) ||
                   ((f & kLexGivenName) && !info.prominent() && !info.is(NameInfo::kCapital) &&
                    info.max_population < 100000))) {
      continue;
    }
    m.begin = t.begin;
    m.end = t.begin + static_cast<std::uint32_t>(end);
    m.surface = std::string(w.substr(0, end));
    m.key = key;
    m.role = MentionRole::kLiteral;
    m.confidence = info.prominent() || info.is(NameInfo::kCapital) ? 0.8f : 0.7f;
    m.type_hint = 0;
    m.info = info;
    return true;
  }
  return false;
}

// A plural demonym: "Americans" when only "American" is listed.
bool Run::try_plural_demonym(int i, Candidate& c) {
  const std::string_view w = folded(i);
  if (w.size() <= 4 || w.back() != 's') return false;
  const NameInfo info = names_.lookup(w.substr(0, w.size() - 1));
  if (!info.is(NameInfo::kDemonym)) return false;
  c.first = i;
  c.last = i + 1;
  c.key = w;
  c.info = info;
  return true;
}

// Capitalised words that a place-type construction makes a place although the gazetteer does
// not hold them: "Kelleyland County", "the village of Xoxocotla", "Tacubaya state".
bool Run::try_type_construction(int i, Candidate& c) {
  if (!opt_.include_unknown_with_type) return false;
  if (!capitalised(i) || has(i, kAllCaps) || blocked_[static_cast<std::size_t>(i)] ||
      person_[static_cast<std::size_t>(i)] != 0 || !has(i, kHasLetter)) {
    return false;
  }
  const std::uint32_t f0 = lexf(i);
  if (f0 & (kLexCalendar | kLexTitle | kLexOrgCue | kLexAnyPlaceType)) return false;
  if ((f0 & kLexCommonWord) && weak_capital(i)) return false;
  // Name words: up to three capitalised words.
  int j = i + 1;
  while (j < n() && j - i < 3 && joined(j, true) && capitalised(j) && !has(j, kPossessive) &&
         !(lexf(j) & (kLexAnyPlaceType | kLexOrgCue | kLexCalendar))) {
    ++j;
  }
  // "X County": a capitalised name-type word.
  if (j < n() && joined(j, false) && capitalised(j) && word_class(j, kNameTypeWord)) {
    c.first = i;
    c.last = j + 1;
    c.key = key_of(i, j + 1);
    c.context_only = true;
    c.strong_type = true;
    c.type_hint = kLexTypeAdmin;
    return true;
  }
  // Natural features and streets: "Neches River", "Main Street", "Lake Tahoe", "Mount Kenya";
  // not when the type word opens a known name ("Top Sierra Leone doctor").
  if (j < n() && joined(j, false) && capitalised(j) && !has(j, kAllCaps) &&
      (lexf(j) & (kLexTypeNatural | kLexTypeStreet)) &&
      !(f0 & kLexCommonWord && j == i + 1 && weak_capital(i)) && !opens_known_name(j)) {
    const bool street = (lexf(j) & kLexTypeStreet) && !(lexf(j) & kLexTypeNatural);
    if (street && !opt_.include_streets) return false;
    c.first = i;
    c.last = j + 1;
    c.key = key_of(i, j + 1);
    c.context_only = true;
    c.strong_type = true;
    c.type_hint = street ? kLexTypeStreet : kLexTypeNatural;
    return true;
  }
  // "the state of X", "the village of X".
  if (i >= 2 && lower_word_is(i - 1, kWordOf) && has(i - 2, kLowerInitial) &&
      word_class(i - 2, kOfTypeWord)) {
    c.first = i;
    c.last = j;
    c.key = key_of(i, j);
    c.context_only = true;
    c.strong_type = true;
    c.type_hint = lexf(i - 2) & kLexAnyPlaceType;
    return true;
  }
  // "X state", "X province" (lower case type word after an unknown capitalised name).
  if (j < n() && joined(j, false) && has(j, kLowerInitial) && (lexf(j) & kLexTypeAdmin) &&
      !(f0 & kLexCommonWord)) {
    c.first = i;
    c.last = j;
    c.key = key_of(i, j);
    c.context_only = true;
    c.strong_type = true;
    c.type_hint = kLexTypeAdmin;
    return true;
  }
  return false;
}

bool Run::opens_known_name(int j) {
  return j + 1 < n() && name_max_tokens(j) >= 2 && joined(j + 1, true) && capitalised(j + 1) &&
         names_.lookup(key_of(j, j + 2)).known();
}

// Extends a gazetteer match over a capitalised name-type word ("Laurel County", when only
// "Laurel" is known) and records adjacent type words as hints.
void Run::attach_type_words(Candidate& c) {
  const int j = c.last;
  if (j < n() && joined(j, false) && capitalised(j) && !has(j, kAllCaps) &&
      word_class(j, kNameTypeWord)) {
    const std::string_view key = span_key(c.first, j + 1);
    const NameInfo info = names_.lookup(key);
    c.last = j + 1;
    c.key = key;
    if (info.known()) c.info = info;
    c.type_hint = kLexTypeAdmin;
    c.strong_type = true;
    return;
  }
  // "Neches River", "Main Street" when only "Neches" or "Main" is known.
  if (j < n() && joined(j, false) && capitalised(j) && !has(j, kAllCaps) &&
      (lexf(j) & (kLexTypeNatural | kLexTypeStreet)) && !opens_known_name(j)) {
    const bool street = (lexf(j) & kLexTypeStreet) && !(lexf(j) & kLexTypeNatural);
    // "Meigs County Court" is a court, not a street.
    const bool county_body =
        street && (lexf(j) & kLexOrgCue) && (c.strong_type || c.info.is(NameInfo::kAdmin2));
    if ((!street || opt_.include_streets) && !county_body) {
      const std::string_view key = span_key(c.first, j + 1);
      const NameInfo info = names_.lookup(key);
      c.last = j + 1;
      c.key = key;
      c.info = info;
      c.context_only = !info.known();
      c.type_hint = street ? kLexTypeStreet : kLexTypeNatural;
      c.strong_type = true;
      return;
    }
  }
  if (j < n() && joined(j, true) && has(j, kLowerInitial)) {
    const std::uint32_t f = lexf(j) & kLexAnyPlaceType;
    if (f != 0) {
      c.type_hint = f;
      return;
    }
  }
  // "the Altiplano maximum security federal prison": a facility word within a few
  // lower-case words.
  for (int k = j; k < n() && k < j + 4; ++k) {
    if (k > j && !joined(k, true)) break;
    if (!has(k, kLowerInitial)) break;
    if (lexf(k) & kLexTypeFacility) {
      c.type_hint = kLexTypeFacility;
      return;
    }
  }
  if (c.first >= 2 && lower_word_is(c.first - 1, kWordOf) && has(c.first - 2, kLowerInitial) &&
      word_class(c.first - 2, kOfTypeWord)) {
    c.type_hint = lexf(c.first - 2) & kLexAnyPlaceType;
    c.strong_type = true;
  }
}

// A dateline opens a line or the text: "CULIACAN, Mexico —", "MEXICO CITY (Reuters) -",
// "GAINESVILLE, Ga. --", "WASHINGTON, Jan. 5 (AP) —".
bool Run::detect_dateline(const Candidate& c) {
  const int i = c.first;
  if (i < dateline_end_) return true;
  if (!(i == 0 || has(i, kAfterNewline) || has(i, kSentenceInitial))) return false;
  for (int k = c.first; k < c.last; ++k) {
    if (!has(k, kAllCaps)) return false;
  }
  int j = c.last;
  // Optional ", Region" (one to three capitalised tokens).
  if (j < n() && gap_before(j).find(',') != std::string_view::npos) {
    int k = j;
    while (k < n() && k - j < 3 && capitalised(k) && (k == j || joined(k, true))) ++k;
    if (k > j) j = k;
    // Optional date: "Jan. 5".
    if (j < n() && (lexf(j) & kLexCalendar)) {
      ++j;
      if (j < n() && has(j, kHasDigit)) ++j;
    }
  }
  if (j >= n()) return false;
  std::string_view g = gap_before(j);
  // Optional "(Agency)".
  if (g.find('(') != std::string_view::npos) {
    int k = j;
    while (k < n() && gap_before(k).find(')') == std::string_view::npos && k - j < 4) ++k;
    if (k >= n() || k == j) return false;
    g = gap_before(k);
  }
  if (!is_dash_gap(g)) return false;
  dateline_end_ = j;
  return true;
}

bool Run::keep(Candidate& c) {
  const int i = c.first;
  const int l = c.last - c.first;
  const std::uint32_t f = lexf(i);
  const bool single = l == 1;

  if (single && tok(i).end - tok(i).begin < 2) return false;
  // An initial: "E. coli", "Merinda K. Robinson".
  if (single && tok(i).end - tok(i).begin == 2 && has(i, kFinalPeriod)) return false;
  // Months, weekdays, holidays; type, organisation and title words on their own ("Street",
  // "University", "Sgt."); direction words on their own ("the West").
  if (single && (f & kLexCalendar) && !c.strong_type) return false;
  // "October 6", "May 15": a date, whatever town the gazetteer names after one.
  if (!single && (f & kLexCalendar) && has(c.last - 1, kHasDigit) && !c.strong_type) {
    return false;
  }
  if (single && !c.context_only && (f & (kLexAnyPlaceType | kLexOrgCue | kLexTitle)) &&
      !c.info.prominent()) {
    return false;
  }
  if (single && word_class(i, kDirectionWord)) return false;
  if (single && (f & kLexStopword) && !has(i, kAllCaps)) return false;
  // Currencies ("US$5").
  if (tok(c.last - 1).end < text_.size() && text_[tok(c.last - 1).end] == '$') return false;
  // Twitter handles.
  if (inside_social_handle(text_, tok(i).begin)) return false;
  // Inside a person name.
  for (int k = c.first; k < c.last; ++k) {
    if (person_[static_cast<std::size_t>(k)] != 0 && !c.strong_type) return false;
  }
  c.dateline = detect_dateline(c);
  // All caps outside datelines and headlines: abbreviations and prominent names only.
  if (single && has(i, kAllCaps) && !c.dateline && !headline_[static_cast<std::size_t>(i)]) {
    if ((f & kLexCommonWord) && !c.info.is(NameInfo::kCountry)) return false;
    if (!(c.info.is(NameInfo::kAbbreviation) || c.info.prominent() ||
          c.info.is(NameInfo::kDemonym) || c.info.is(NameInfo::kCapital) ||
          c.info.max_population >= 100000)) {
      return false;
    }
  }
  // Abbreviations ("U.S.", "Ill.") are not common words whatever their letters.
  const bool abbreviation =
      has(i, kFinalPeriod) || (has(i, kAllCaps) && c.info.is(NameInfo::kCountry) &&
                               !((f & kLexStopword) && headline_[static_cast<std::size_t>(i)]));
  const bool strong = c.info.prominent() || c.info.is(NameInfo::kDemonym);
  const bool locative =
      (i > 0 && has(i - 1, kLowerInitial) && word_class(i - 1, kLocativePreposition)) ||
      has(i, kAfterHash);
  // "the Concord Police Department", "Ferguson City Council": a known place qualifying a
  // public body, whatever else its name could be (a common word, a surname).
  const bool public_body = !c.context_only && c.last < n() && joined(c.last, false) &&
                           (c.info.kinds & (NameInfo::kPopulated | NameInfo::kAdmin)) != 0 &&
                           public_body_at(c.last);
  // Evidence here or elsewhere in the text: "in Greer" makes "Greer's city limits" a place too.
  const bool supported =
      locative || public_body || (single && marked(i, WordInfo::kPlaceEvidence)) ||
      (c.last < n() && has(c.last, kLowerInitial) && (lexf(c.last) & kLexModifierNoun));
  // Common words opening a sentence or in a headline: "Many", "Police", "Buses".
  if (single && weak_capital(i) && !c.dateline && !c.strong_type && !abbreviation) {
    if (f & kLexCommonWord) return false;
    if (!strong && seen_lower(i)) return false;
    // "Plans are ready", "Farmers were told": the plural of a common word.
    const std::string_view w = folded(i);
    if (!strong && w.size() > 4 && w.back() == 's' &&
        lex_.has(w.substr(0, w.size() - 1), kLexCommonWord)) {
      return false;
    }
  }
  // "European Centre for Disease Prevention", "the Federal Emergency Management Agency": an
  // organisation word or common word inside a longer capitalised name, although a region is
  // called so (France's Centre). Not countries ("Turkey", "Chad"), whose names lead
  // organisation names as places ("Chad Red Cross").
  if (single && (f & (kLexOrgCue | kLexCommonWord)) && strong && !c.info.is(NameInfo::kCountry) &&
      !c.strong_type && !abbreviation && !c.dateline && !locative && !public_body &&
      !headline_[static_cast<std::size_t>(i)] && !has(i, kAllCaps) &&
      ((c.last < n() && joined(c.last, true) && capitalised(c.last) &&
        !(lexf(c.last) & (kLexStopword | kLexConnector))) ||
       (i > 0 && joined(i, true) && capitalised(i - 1) && !weak_capital(i - 1) &&
        !(lexf(i - 1) & (kLexStopword | kLexConnector))))) {
    return false;
  }
  if (single && (f & kLexCommonWord) && !strong && !c.strong_type && !abbreviation &&
      !public_body) {
    // "World Health Organization", "Memorial Day": a common word inside a longer name.
    if ((c.last < n() && joined(c.last, true) && capitalised(c.last)) ||
        (i > 0 && joined(i, true) && capitalised(i - 1))) {
      return false;
    }
    // A common word names a small place only with locative context ("in Tornado").
    if (seen_lower(i) || (!supported && c.info.max_population < 50000)) return false;
  }
  // The last word of a longer capitalised name that is not a place: "Desmond Demetrius Clark",
  // "Taco Bell". Remembered as a person word.
  if (single && !strong && !c.strong_type && !abbreviation && i > 0 && joined(i, false) &&
      capitalised(i - 1) && !has(i - 1, kAllCaps) && !headline_[static_cast<std::size_t>(i)] &&
      !(lexf(i - 1) & (kLexAnyPlaceType | kLexOrgCue | kLexConnector | kLexCalendar | kLexStopword |
                       kLexMedia)) &&
      !word_class(i - 1, kDirectionWord) && name_max_tokens(i - 1) == 0) {
    mark(i, WordInfo::kPersonWord);
    return false;
  }
  // "Venus Whitcombe", "Austin Reyes": a small place's name followed by one capitalised word
  // that is neither a known name nor a type, title or common word is a given name. Not a longer
  // name ("Springfield Performing Arts"), which names an organisation after the place.
  if (single && !strong && !c.strong_type && !abbreviation && !c.dateline && !public_body &&
      !c.info.is(NameInfo::kCapital) && !locative && c.last < n() && joined(c.last, false) &&
      !(c.last + 1 < n() && joined(c.last + 1, true) && capitalised(c.last + 1)) &&
      capitalised(c.last) && !has(c.last, kAllCaps) && !headline_[static_cast<std::size_t>(i)] &&
      !(lexf(c.last) &
        (kLexAnyPlaceType | kLexOrgCue | kLexConnector | kLexCalendar | kLexStopword | kLexMedia |
         kLexTitle | kLexModifierNoun | kLexCommonWord)) &&
      !word_class(c.last, kDirectionWord) && name_max_tokens(c.last) == 0) {
    return false;
  }
  // "American Red Cross": a demonym opening an organisation name (not "Georgian President").
  if (single && c.info.is(NameInfo::kDemonym) && !c.info.prominent() && c.last < n() &&
      joined(c.last, false) && capitalised(c.last) && !has(c.last, kAllCaps) &&
      !(lexf(c.last) & (kLexTitle | kLexModifierNoun)) && !name_info(c.last).known()) {
    return false;
  }
  // "Wal-Mart": half of a hyphenated name the gazetteer does not know.
  if (single && !strong && !c.strong_type) {
    const bool before = i > 0 && gap_before(i) == "-" && capitalised(i - 1) &&
                        folded(i - 1).size() >= 3 && !name_info(i - 1).known();
    const bool after = c.last < n() && gap_before(c.last) == "-" && capitalised(c.last) &&
                       folded(c.last).size() >= 3 && !name_info(c.last).known();
    if (before || after) return false;
  }
  // "St. Patrick's Day", "St. Luke Hospital": a saint the gazetteer has no "St. X" place for.
  if (single && !c.strong_type && i > 0 && joined(i, false) && capitalised(i - 1) &&
      word_is(i - 1, kWordSaint)) {
    return false;
  }
  // "Miss America", "Del Rio": a dotted abbreviation ("Miss.", "Del.") without its full stop,
  // when nothing is named so in full. Not a party label's state ("Nancy Pelosi, D-Calif").
  if (single && c.info.is(NameInfo::kAbbreviation) && !c.info.is(NameInfo::kPrimaryName) &&
      !has(i, kAllCaps) && !has(i, kFinalPeriod) && !c.dateline && gap_before(i) != "-") {
    return false;
  }
  // "AK-47", "F-16": a model designation, not an abbreviated place.
  if (single && has(i, kAllCaps) && c.last < n() && gap_before(c.last) == "-" &&
      has(c.last, kHasDigit)) {
    return false;
  }
  // "Marburg virus", "West Nile fever": a disease named after a place.
  if (!c.strong_type && c.last < n() && joined(c.last, false) && word_class(c.last, kDiseaseWord)) {
    return false;
  }
  // "the Indianapolis Star reported": a newspaper named after its town.
  if (!c.strong_type && !c.dateline && c.last < n() && joined(c.last, false) &&
      capitalised(c.last) && !has(c.last, kAllCaps) && word_class(c.last, kMastheadWord)) {
    return false;
  }
  // Common surnames alone name small places only with locative context ("Logan said").
  if (single && (f & kLexSurname) && !strong && !c.strong_type && !c.dateline && !supported &&
      !c.info.is(NameInfo::kCapital) && c.info.max_population < 100000) {
    return false;
  }
  // "Superior Court", "United Way": a multi-word feature ending in an organisation word.
  if (!single && (lexf(c.last - 1) & kLexOrgCue) && !strong &&
      !(c.info.kinds & (NameInfo::kPopulated | NameInfo::kAdmin))) {
    return false;
  }
  // A name seen earlier as part of a person's name ("Jordan Smith ... Jordan said"), or a
  // nickname seen inside one ("El Chapo" after `Joaquín "El Chapo" Guzmán`).
  bool all_person_words = true;
  for (int k = c.first; k < c.last && all_person_words; ++k)
    all_person_words = marked(k, WordInfo::kPersonWord) || (lexf(k) & kLexStopword);
  if (!single && all_person_words && marked(c.last - 1, WordInfo::kPersonWord) && !c.strong_type &&
      !c.dateline && !public_body && !locative) {
    return false;
  }
  if (single && marked(i, WordInfo::kPersonWord) && !c.strong_type && !c.dateline && !public_body) {
    // "led to Guzman's capture": "to" before a known person's name is no evidence of a place.
    if (!locative || word_is(i - 1, kWordOf) || word_is(i - 1, kWordTo)) return false;
  }
  // "said Holroyd", "according to Welch".
  if (single && !strong && !public_body && !c.info.is(NameInfo::kCapital) &&
      c.info.max_population < 1000000 && i > 0 && has(i - 1, kLowerInitial) &&
      (word_class(i - 1, kSpeechVerb) ||
       (word_is(i - 1, kWordTo) && i > 1 && word_is(i - 2, kWordAccording)))) {
    return false;
  }
  // "Smith said": a small place name as the subject of a speech verb is a person.
  const int next = c.last;
  // "Leyla Santiago contributed", "Maria Lopez said": an unknown capitalised word, the name, then
  // a speech verb: a person's full name, however large the namesake place.
  if (single && !c.strong_type && next < n() && joined(next, false) && has(next, kLowerInitial) &&
      word_class(next, kSpeechVerb) && i > 0 && joined(i, false) && capitalised(i - 1) &&
      !has(i - 1, kAllCaps) && !name_info(i - 1).known() &&
      !(lexf(i - 1) & (kLexTitle | kLexOrgCue | kLexMedia | kLexStopword | kLexCalendar))) {
    return false;
  }
  if (single && !c.strong_type && next < n() && joined(next, false) && has(next, kLowerInitial) &&
      word_class(next, kSpeechVerb) && !c.info.prominent() && !c.info.is(NameInfo::kCapital) &&
      c.info.max_population < 1000000 && !c.info.is(NameInfo::kDemonym)) {
    return false;
  }
  return true;
}

void Run::assign_role(Candidate& c) {
  if (c.dateline) {
    c.role = MentionRole::kDateline;
    return;
  }
  const int i = c.first;
  const int j = c.last;
  if (c.info.is(NameInfo::kDemonym) && !c.context_only) {
    // "German scientists", "British Defence Minister": a demonym before the noun it qualifies,
    // although a namesake place is prominent (the Isle of Man's parish German) or a capital.
    const bool adjective = j - i == 1 && j < n() && joined(j, false) &&
                           ((has(j, kLowerInitial) && has(j, kHasLetter) &&
                             !(lexf(j) & (kLexStopword | kLexConnector))) ||
                            (capitalised(j) && (lexf(j) & kLexTitle)));
    // "the British Heart Foundation": a prominent place that lists the demonym only among its
    // alternate names (the British Virgin Islands) is no namesake; one named so is.
    if (adjective || (!c.info.prominent() && !c.info.is(NameInfo::kCapital)) ||
        !c.info.is(NameInfo::kPrimaryName)) {
      c.role = MentionRole::kDemonym;
      return;
    }
  }
  // Reporting: "reporting from X", "contributed reporting from X", "Reporting by ... in X".
  if (in_reporting_credit_) {
    c.role = MentionRole::kReporting;
    return;
  }
  if (lower_word_is(i - 1, kWordFrom) || lower_word_is(i - 1, kWordIn)) {
    for (int back = 2; back <= 4 && i - back >= 0; ++back) {
      if (lex_.has(key_of(i - back, i), kLexReportingCue)) {
        c.role = MentionRole::kReporting;
        // A credit line goes on: "contributed from Washington, Maria Santana from New York".
        in_reporting_credit_ = true;
        return;
      }
    }
  }
  // Metonymy: a country or capital as the subject of a government verb, or owner of a
  // government noun.
  const bool polity = c.info.is(NameInfo::kCountry) || c.info.is(NameInfo::kCapital);
  if (polity && j < n()) {
    int k = j;
    if (has(k, kPossessive)) {
      ++k;
      if (k < n() && (lexf(k) & kLexMetonymyNoun)) {
        c.role = MentionRole::kMetonym;
        return;
      }
      if (k + 1 < n() && lex_.has(key_of(k, k + 2), kLexMetonymyNoun)) {
        c.role = MentionRole::kMetonym;
        return;
      }
    } else if (joined(k, false) && has(k, kLowerInitial) && (lexf(k) & kLexMetonymyVerb)) {
      if (word_class(k, kAuxiliary)) {
        if (k + 1 < n() && has(k + 1, kLowerInitial) && (lexf(k + 1) & kLexMetonymyVerb) &&
            !word_class(k + 1, kAuxiliary)) {
          c.role = MentionRole::kMetonym;
          return;
        }
      } else {
        c.role = MentionRole::kMetonym;
        return;
      }
    }
  }
  // Modifier: inside an organisation name or before a noun it modifies.
  if (j < n() && joined(j, false) && public_body_at(j)) {
    c.role = MentionRole::kModifier;
    return;
  }
  if (j < n() && joined(j, true)) {
    const std::uint32_t f = lexf(j);
    if (capitalised(j) && (f & kLexOrgCue) && c.type_hint == 0) {
      c.role = MentionRole::kModifier;
      return;
    }
    if (has(j, kLowerInitial) && (f & kLexModifierNoun) && c.type_hint == 0) {
      c.role = MentionRole::kModifier;
      return;
    }
  }
  // "University of X", "Bank of X"; but "the State of X", "the Department of X" name the
  // administrative area X itself when X is one.
  if (i >= 2 && lower_word_is(i - 1, kWordOf) && capitalised(i - 2) && (lexf(i - 2) & kLexOrgCue) &&
      !((lexf(i - 2) & kLexTypeAdmin) && c.info.is(NameInfo::kAdmin))) {
    c.role = MentionRole::kModifier;
    return;
  }
  c.role = MentionRole::kLiteral;
}

float Run::score(const Candidate& c) {
  const NameInfo& info = c.info;
  float s;
  if (c.context_only) {
    s = c.type_hint == kLexTypeStreet ? 0.55f : 0.65f;
  } else if (info.prominent() || info.is(NameInfo::kDemonym) || info.is(NameInfo::kAbbreviation)) {
    s = 0.9f;
  } else if (info.is(NameInfo::kCapital) || info.max_population >= 100000) {
    s = 0.85f;
  } else if (info.max_population >= 10000 || info.is(NameInfo::kAdmin2)) {
    s = 0.75f;
  } else if (info.max_population >= 1000) {
    s = 0.65f;
  } else {
    s = 0.6f;
  }
  const int i = c.first;
  if (c.last - c.first > 1) s += 0.1f;
  if (c.type_hint != 0) s += 0.15f;
  if (c.dateline) s += 0.3f;
  if (i > 0 && has(i - 1, kLowerInitial) && word_class(i - 1, kLocativePreposition)) {
    s += 0.1f;
  }
  // "Springfield, Illinois": followed by a comma and a prominent name.
  if (c.last < n() && gap_before(c.last).find(',') != std::string_view::npos &&
      capitalised(c.last)) {
    const NameInfo& next = name_info(c.last);
    if (next.is(NameInfo::kAdmin1) || next.is(NameInfo::kCountry)) s += 0.15f;
  }
  if (weak_capital(i) && c.last - c.first == 1) s -= 0.05f;
  return std::min(1.0f, s);
}

std::vector<Mention> Run::run() {
  std::vector<Mention> out;
  if (toks_.empty()) return out;
  index_words();
  compute_headlines();
  mark_people();
  mark_media();
  mark_place_evidence();
  int next = 0;  // tokens before this one are inside the last candidate
  for (const std::uint32_t start : starts()) {
    const auto i = static_cast<int>(start);
    if (i < next) continue;
    const std::uint16_t flags = tok_[i].flags;
    // Reporting credits: "Reporting by ... in Mexico City" until the sentence ends.
    if ((flags & (kSentenceInitial | kAfterNewline)) != 0) in_reporting_credit_ = false;
    if ((classes_[static_cast<std::size_t>(i)] & (kWordReporting | kWordWriting | kWordEditing)) &&
        i + 1 < n() && has(i + 1, kLowerInitial) && word_is(i + 1, kWordBy)) {
      in_reporting_credit_ = word_is(i, kWordReporting) || word_is(i, kWordWriting);
    }
    if ((flags & kHasLetter) == 0) continue;
    if ((flags & kAfterHash) != 0 && !blocked_[static_cast<std::size_t>(i)]) {
      Mention m;
      if (try_hashtag(i, m)) {
        out.push_back(std::move(m));
        continue;
      }
    }
    // Both ways to a candidate start at a capitalised token.
    if (!capitalised(i)) continue;
    Candidate c;
    bool found = try_gazetteer(i, c);
    if (found) {
      attach_type_words(c);
    } else {
      found = try_type_construction(i, c);
    }
    if (!found) continue;
    // "West Africa", "Southeast Asia": a capitalised direction word before a continent or
    // world region is part of the name (the key stays the continent's when the gazetteer
    // does not hold the whole phrase).
    int span_first = c.first;
    if (span_first > 0 && joined(span_first, true) && capitalised(span_first - 1) &&
        !has(span_first - 1, kAllCaps) && word_class(span_first - 1, kDirectionWord) &&
        (c.info.is(NameInfo::kContinent) || c.info.is(NameInfo::kRegion))) {
      span_first -= 1;
    }
    // "Dublin City Council": the city's own name, as annotators mark it, unless "X City" is
    // the larger place ("Kansas City Council").
    if (c.last - c.first >= 2 && word_is(c.last - 1, kWordCity) && c.last < n() &&
        capitalised(c.last) && (lexf(c.last) & (kLexOrgCue | kLexTitle))) {
      const std::string_view base = span_key(c.first, c.last - 1);
      const NameInfo b = names_.lookup(base);
      // "Boulder City" is a town of its own, smaller than Boulder: the whole name stays.
      const bool own_town =
          c.info.is(NameInfo::kPrimaryName) && c.info.max_population != b.max_population;
      if (b.is(NameInfo::kPopulated) && b.max_population >= c.info.max_population && !own_town) {
        c.last -= 1;
        c.key = base;
        c.info = b;
      }
    }
    next = c.last;
    if (!keep(c)) continue;
    assign_role(c);
    if (c.role == MentionRole::kModifier && !opt_.include_modifiers) continue;
    if (c.role == MentionRole::kDemonym && !opt_.include_demonyms) continue;
    c.confidence = score(c);
    if (c.confidence < opt_.min_confidence) continue;
    Mention m;
    m.begin = tok(span_first).begin;
    m.end = tok(c.last - 1).end;
    m.surface = std::string(text_.substr(m.begin, m.end - m.begin));
    m.key = std::string(c.key);
    m.role = c.role;
    m.confidence = c.confidence;
    m.type_hint = c.type_hint;
    m.info = c.info;
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace

Recognizer::Recognizer(const NameSource& names, RecognizerOptions options, const Lexicons& lexicons)
    : names_(names), options_(options), lex_(lexicons) {
  static std::atomic<std::uint64_t> next_id{1};
  id_ = next_id.fetch_add(1, std::memory_order_relaxed);
}

namespace {

// The thread's scratch, with its word cache emptied when it belongs to another recogniser.
Scratch& scratch_for(std::uint64_t owner) {
  Scratch& s = scratch();
  if (s.owner != owner) {
    s.owner = owner;
    s.forget_words();
  }
  return s;
}

}  // namespace

std::vector<Mention> Recognizer::recognize(std::string_view text) const {
  Scratch& s = scratch_for(id_);
  tokenize(text, s.tokens);
  return recognize(text, s.tokens);
}

std::vector<Mention> Recognizer::recognize(std::string_view text,
                                           const TokenizedText& tokens) const {
  Scratch& s = scratch_for(id_);
  s.cue_count = 0;
  Run run(names_, options_, lex_, text, tokens, s);
  std::vector<Mention> mentions = run.run();
  drop_disease_namesakes(text, tokens, lex_, mentions);
  if (options_.direction_words_in_names) widen_to_direction_words(text, tokens, mentions);
  if (options_.include_unknown_with_type) {
    add_context_names(text, tokens, {s.cues.data(), s.cue_count}, names_, lex_, mentions);
  }
  return mentions;
}

}  // namespace incidentmap
