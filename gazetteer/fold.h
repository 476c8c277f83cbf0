#pragma once
// Name folding: the one normal form in which gazetteer names are indexed and text is matched,
// so that lookup is insensitive to case, accents and punctuation:
//   "Culiacán" -> "culiacan", "U.S." -> "us", "Winston-Salem" -> "winston salem",
//   "Côte d'Ivoire" -> "cote divoire", "São Paulo" -> "sao paulo", "Straße" -> "strasse".
// Rules, in order:
//   1. Unicode compatibility decomposition, marks stripped, case folded, punctuation lumped
//      to ASCII (utf8proc NFKD + STRIPMARK + CASEFOLD + LUMP).
//   2. Apostrophes and full stops are dropped (they join: "U.S." is one token "us").
//   3. Every other character that is not a letter or digit separates tokens.
//   4. Tokens are joined by one space; no leading or trailing space.
// The recogniser splits text into tokens with is_token_char(); folding each token alone and
// joining with spaces gives the same key as fold_name() on the whole phrase.

#include <string>
#include <string_view>
#include <vector>

namespace incidentmap::gaz {

// The folded key of a name or phrase; "" when it has no letter or digit. Input must be valid
// UTF-8 (invalid bytes are dropped).
std::string fold_name(std::string_view utf8);

// The folded tokens of a name, in order.
std::vector<std::string> fold_tokens(std::string_view utf8);

// Appends the folded form of one token (a run of token characters) to `out`. Pure ASCII is
// handled without utf8proc (the fast path the recogniser relies on).
void append_folded_token(std::string_view utf8_token, std::string& out);

// True for code points that belong inside a token: letters, digits, combining marks,
// apostrophes (' and U+2019) and full stops. Everything else separates tokens.
bool is_token_char(char32_t cp);

}  // namespace incidentmap::gaz
