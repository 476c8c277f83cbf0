#pragma once
// The word tokens that event extraction (triggers, dates, numbers, actors) works on. Unlike the
// gazetteer's fold_tokens, punctuation is kept as tokens (clause structure matters here) and
// hyphenated words, decimals, grouped digits and digit dates stay whole:
//   "a 25-year-old was shot at 10:30 p.m. on 17/10/2019; 1,200 fled" ->
//   a | 25-year-old | was | shot | at | 10:30 | p.m | . | on | 17/10/2019 | ; | 1,200 | fled

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "src/text/sentences.h"

namespace incidentmap {

struct EventToken {
  ByteSpan span;  // bytes of the token in the text it came from
  // ASCII letters lowercased; U+2019 and U+2018 become '. Points into the EventTokens that
  // tokenize_for_events returned: valid while that lives.
  std::string_view lower;
  bool is_word = false;      // starts with a letter or digit
  bool is_number = false;    // starts with a digit
  bool capitalized = false;  // starts with an uppercase letter (ASCII or Unicode Lu)
};

// The tokens of one sentence (or any run of tokens): a view into a token vector, so that a
// document is tokenised once and each sentence works on its slice. Indices passed along with
// a Tokens value are relative to its first token.
using Tokens = std::span<const EventToken>;

// The tokens tokenize_for_events returns, with the storage their `lower` forms point into:
// one allocation for all of them instead of a string per token. Movable (the views stay valid),
// not copyable; converts to Tokens for the functions that read tokens.
class EventTokens {
 public:
  EventTokens() = default;
  EventTokens(EventTokens&&) = default;
  EventTokens& operator=(EventTokens&&) = default;
  EventTokens(const EventTokens&) = delete;
  EventTokens& operator=(const EventTokens&) = delete;

  operator Tokens() const { return tokens_; }
  std::size_t size() const { return tokens_.size(); }
  bool empty() const { return tokens_.empty(); }
  const EventToken& operator[](std::size_t i) const { return tokens_[i]; }
  std::vector<EventToken>::const_iterator begin() const { return tokens_.begin(); }
  std::vector<EventToken>::const_iterator end() const { return tokens_.end(); }

 private:
  friend void tokenize_for_events(std::string_view text, ByteSpan span, EventTokens& out);
  std::vector<EventToken> tokens_;
  std::unique_ptr<char[]> chars_;   // the lower forms, back to back
  std::size_t chars_capacity_ = 0;  // bytes at chars_
};

// Tokenises bytes [span.begin, span.end) of `text` (valid UTF-8). A word is a run of letters,
// digits and non-ASCII letters, joined across a single ' ’ - or . between letters/digits, and
// across , : / between digits ("1,200", "10:30", "17/10/2019"). Every other non-space character
// is a one-character punctuation token. O(span size).
EventTokens tokenize_for_events(std::string_view text, ByteSpan span);

// The same into `out`, reusing its storage: a caller that tokenises one sentence after another
// (a thread's scratch EventTokens) allocates only when a sentence is longer than any before.
// The tokens `out` held before, and views of their lower forms, become invalid.
void tokenize_for_events(std::string_view text, ByteSpan span, EventTokens& out);

// Clause number of each token: clauses are separated by ; : ( ) dashes and quotation marks, by a
// comma followed by a conjunction or subordinator (and, but, while, after, as, who, which, ...)
// by bare "while", "whereas", "but", and by the first comma of a sentence that opens with a
// subordinator ("Since ..., ", "After ..., "); "since", "after" and "before" before a participle
// open one ("since launching"). The numbers start at 0 and increase.
std::vector<int> clause_ids(Tokens tokens);

// The same into `ids` (resized to tokens.size()), reusing its storage.
void clause_ids(Tokens tokens, std::vector<int>& ids);

// True for tokens that are punctuation (not words).
inline bool is_punct(const EventToken& t) { return !t.is_word; }

// The text of tokens [first, last) as written, from the first token's start to the last one's
// end; "" when first >= last.
std::string_view token_text(std::string_view text, Tokens tokens, std::size_t first,
                            std::size_t last);

// True when `word` is one of the words in `list`, a '|'-separated list of lowercase words.
// O(list size): for one-off tests; lists consulted per token are WordSets.
bool word_in(std::string_view word, std::string_view list);

// A fixed set of words (or any byte strings) for membership tests on every token: built once
// from a '|'-separated list such as word_in takes (empty items are ignored, duplicates kept
// once), then a lookup costs one hash of the word and usually one comparison. Each word gets
// an id, its position among the distinct words of the list, so that a WordSet can also index a
// table. The set owns copies of its words. Thread-safe for concurrent lookups.
class WordSet {
 public:
  WordSet() = default;
  explicit WordSet(std::string_view list);

  // Adds `word` unless present; returns its id.
  std::size_t insert(std::string_view word);

  // The id of `word`, or -1 when it is not in the set.
  std::ptrdiff_t find(std::string_view word) const {
    // Most words looked up are in no set: one bit test rules most of them out before hashing.
    const std::size_t f = filter_index(word);
    if (((filter_[f >> 6] >> (f & 63)) & 1) == 0) return -1;
    const std::uint32_t h = hash(word);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.id < 0) return -1;
      if (s.hash == h && s.length == word.size() && same(chars_.data() + s.offset, word))
        return s.id;
    }
  }
  bool contains(std::string_view word) const { return find(word) >= 0; }
  std::size_t size() const { return size_; }

  // Mixes the length with the first, second, middle and last bytes: constant time whatever the
  // length, and enough to tell the words of one set apart (a collision only costs a compare).
  static std::uint32_t hash(std::string_view word) {
    const std::size_t n = word.size();
    if (n == 0) return 0;
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(word[i]); };
    return hash(n, byte(0), byte(n > 1 ? 1 : 0), byte(n / 2), byte(n - 1));
  }
  // The same from the length (> 0) and the bytes it mixes, for callers that read them elsewhere.
  static std::uint32_t hash(std::size_t n, unsigned char first, unsigned char second,
                            unsigned char middle, unsigned char last) {
    std::uint32_t h = static_cast<std::uint32_t>(n) * 0x9E3779B1u;
    h ^= std::uint32_t{first} | std::uint32_t{second} << 8 | std::uint32_t{middle} << 16 |
         std::uint32_t{last} << 24;
    h *= 0x85EBCA6Bu;
    return h ^ (h >> 15);
  }

 private:
  struct Slot {
    std::uint32_t hash = 0;
    std::uint32_t offset = 0;  // into chars_
    std::uint32_t length = 0;
    std::int32_t id = -1;  // -1: empty slot
  };
  void grow();
  // A word's bit in filter_: the low five bits of its first byte (a letter's position in the
  // alphabet, whatever its case) with its length modulo 16, so that the words of a set share
  // few bits. 0 for "".
  static std::size_t filter_index(std::string_view word) {
    if (word.empty()) return 0;
    return (static_cast<std::size_t>(static_cast<unsigned char>(word[0]) & 31) << 4) |
           (word.size() & 15);
  }
  // Byte comparison of `word` with as many bytes at `p`; inline because words are short.
  static bool same(const char* p, std::string_view word) {
    for (std::size_t i = 0; i < word.size(); ++i)
      if (p[i] != word[i]) return false;
    return true;
  }

  std::string chars_;  // the words, back to back
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
  std::array<std::uint64_t, 8> filter_{};  // bit filter_index(w) of every word w of the set
};

// A set of stems to look for in text without tokenising it. A stem is a maximal run of word
// characters (ASCII letters and digits and the other letters and digits tokenize_for_events
// joins into words; no joiners) with ASCII letters lowercased. Every word token of
// tokenize_for_events starts with a stem: its `lower` up to the first joiner (' - . , : /) is the
// stem that begins at its first byte. So a span none of whose stems is in the set has no token
// whose `lower` starts with one: spans can be ruled out before they are tokenised. A scan costs a
// few instructions per byte and, for most stems, one bitmap test; it allocates nothing.
class StemSet {
 public:
  // Stems longer than this are never in a set.
  static constexpr std::size_t kMaxStemBytes = 48;

  // Adds `stem` (lowercase, at most kMaxStemBytes, no joiners) unless present; returns its id.
  std::size_t insert(std::string_view stem);

  // The id of the first stem in bytes [pos, end) of `text` (valid UTF-8; `pos` at a character
  // boundary) that is in the set, with `pos` moved past it; -1 with `pos` = `end` when none is.
  std::ptrdiff_t next_in(std::string_view text, std::size_t& pos, std::size_t end) const;

 private:
  WordSet words_;
  std::size_t longest_ = 0;  // the longest stem's length in bytes
  // Bit WordSet::hash % 16384 of each stem: most stems of a text are ruled out by one test.
  std::array<std::uint64_t, 256> hash_bits_{};
  // Cheaper still, tested first: per prefix_index of a stem's first two bytes, bit
  // (length % 16) of the lengths of the stems with those bytes.
  std::array<std::uint16_t, 1024> prefix_lengths_{};
  // The low five bits of two bytes: the letters' places in the alphabet, whatever their case.
  static std::size_t prefix_index(unsigned char first, unsigned char second) {
    return static_cast<std::size_t>(first & 31) << 5 | (second & 31);
  }
};

}  // namespace incidentmap
