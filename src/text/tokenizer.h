#pragma once
// Word tokens with byte spans over valid UTF-8, the unit the recogniser matches gazetteer names
// on. A token is a maximal run of gaz::is_token_char code points, trimmed so that it starts and
// ends with a letter or digit, except:
//   * an abbreviation keeps its final full stop: "U.S.", "D.C.", "W.Va.", single initials
//     ("J."), and short capitalised abbreviations such as "Kan.", "Mr.", "St." (a fixed list of
//     titles, US state and calendar abbreviations). Any other final full stop ends the sentence
//     and is not part of the token;
//   * an English possessive clitic ("'s", "’s") becomes a token of its own with kPossessive, so
//     "Mexico's" gives "Mexico" + "'s".
// Each token carries its folded form (gaz::append_folded_token), so joining the folded forms
// of adjacent tokens with one space gives the same key as gaz::fold_name on the phrase. The
// folded forms are stored in that way, each followed by one space, so the key of a run of
// tokens is a view into one buffer (TokenizedText::folded_span), not a string to build.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace incidentmap {

// Token flags (bit set in Token::flags).
enum TokenFlag : std::uint16_t {
  kCapitalised = 1u << 0,  // first letter is upper or title case ("Mexico", "MEXICO", "McAllen")
  kAllCaps = 1u << 1,      // at least two letters, none lower case ("MEXICO", "U.S.", "NSW")
  kTitleCase = 1u << 2,    // capitalised and every later letter lower case ("Mexico")
  kHasDigit = 1u << 3,     // contains a decimal digit
  kHasLetter = 1u << 4,    // contains a letter
  kSentenceInitial = 1u << 5,  // first token of the text or after . ! ? (simple rule, see .cpp)
  kAfterNewline = 1u << 6,     // a line break lies between the previous token and this one
  kFinalPeriod = 1u << 7,      // the token keeps a final full stop (abbreviation, initial)
  kPossessive = 1u << 8,       // the clitic token "'s" / "’s"
  kLowerInitial = 1u << 9,     // first letter is lower case ("de", "cartel", "iPhone")
  // The gap from the previous token is empty (but the token is not "'s") or one to three
  // spaces: the two may be words of one name ("New York"). Never on the first token.
  kJoined = 1u << 10,
  // As kJoined, or a gap of at most three bytes that are spaces and one hyphen ("Wal-Mart",
  // "Winston - Salem"). Set whenever kJoined is.
  kJoinedHyphen = 1u << 11,
  kAfterHash = 1u << 12,  // the byte before the token is '#' ("#Mexico")
  // A full stop or apostrophe (' or U+2019) lies inside the token, before its last byte
  // ("U.S.", "O'Brien", "3.5", "town’s" before a clitic "'s"): the token joins words that
  // other splitters may keep apart. Never on the clitic "'s".
  kInnerJoiner = 1u << 13,
};

struct Token {
  std::uint32_t begin = 0;         // byte offset of the first byte in the text
  std::uint32_t end = 0;           // byte offset one past the last byte
  std::uint32_t folded_begin = 0;  // offset of the folded form in TokenizedText::folded
  std::uint32_t folded_size = 0;   // byte length of the folded form (0 for "'s")
  std::uint16_t flags = 0;

  bool has(TokenFlag f) const { return (flags & f) != 0; }
};

// The tokens of one text. `folded` holds every token's folded form followed by one space.
struct TokenizedText {
  std::vector<Token> tokens;
  std::string folded;

  std::string_view folded_of(const Token& t) const {
    return std::string_view(folded).substr(t.folded_begin, t.folded_size);
  }
  // The folded forms of tokens [first, last) joined by one space: the gazetteer key of the
  // phrase when none of them is a possessive clitic (whose empty form would leave two
  // spaces). Precondition: first < last <= tokens.size().
  std::string_view folded_span(std::size_t first, std::size_t last) const {
    const Token& a = tokens[first];
    const Token& b = tokens[last - 1];
    return std::string_view(folded).substr(a.folded_begin,
                                           b.folded_begin + b.folded_size - a.folded_begin);
  }
};

// Tokenises valid UTF-8 `text` (precondition; utf8::repair first otherwise). Offsets are bytes,
// so texts must be below 4 GiB. Never throws on content. Throughput is above 100 MB/s on ASCII
// news text: ASCII tokens are folded inline, other tokens through utf8proc.
TokenizedText tokenize(std::string_view text);

// Same, reusing `out`'s buffers (cleared first); for streaming many documents.
void tokenize(std::string_view text, TokenizedText& out);

// The bytes between two tokens (or text start / end); used to test what separates tokens.
// Precondition: a.end <= b.begin.
inline std::string_view gap_between(std::string_view text, const Token& a, const Token& b) {
  return text.substr(a.end, b.begin - a.end);
}

}  // namespace incidentmap
