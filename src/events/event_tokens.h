#pragma once
// The word tokens that event extraction (triggers, dates, numbers, actors) works on. Unlike the
// gazetteer's fold_tokens, punctuation is kept as tokens (clause structure matters here) and
// hyphenated words, decimals, grouped digits and digit dates stay whole:
//   "a 25-year-old was shot at 10:30 p.m. on 17/10/2019; 1,200 fled" ->
//   a | 25-year-old | was | shot | at | 10:30 | p.m | . | on | 17/10/2019 | ; | 1,200 | fled

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "src/text/sentences.h"

namespace incidentmap {

struct EventToken {
  ByteSpan span;             // bytes of the token in the text it came from
  std::string lower;         // ASCII letters lowercased; U+2019 and U+2018 become '
  bool is_word = false;      // starts with a letter or digit
  bool is_number = false;    // starts with a digit
  bool capitalized = false;  // starts with an uppercase letter (ASCII or Unicode Lu)
};

// Tokenises bytes [span.begin, span.end) of `text` (valid UTF-8). A word is a run of letters,
// digits and non-ASCII letters, joined across a single ' ’ - or . between letters/digits, and
// across , : / between digits ("1,200", "10:30", "17/10/2019"). Every other non-space character
// is a one-character punctuation token. O(span size).
std::vector<EventToken> tokenize_for_events(std::string_view text, ByteSpan span);

// Clause number of each token: clauses are separated by ; : ( ) dashes and quotation marks, by a
// comma followed by a conjunction or subordinator (and, but, while, after, as, who, which, ...)
// and by bare "while", "whereas", "but". The numbers start at 0 and increase.
std::vector<int> clause_ids(const std::vector<EventToken>& tokens);

// True for tokens that are punctuation (not words).
inline bool is_punct(const EventToken& t) { return !t.is_word; }

// The text of tokens [first, last) as written, from the first token's start to the last one's
// end; "" when first >= last.
std::string_view token_text(std::string_view text, const std::vector<EventToken>& tokens,
                            std::size_t first, std::size_t last);

// True when `word` is one of the words in `list`, a '|'-separated list of lowercase words.
bool word_in(std::string_view word, std::string_view list);

}  // namespace incidentmap
