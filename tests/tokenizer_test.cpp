#include "src/text/tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "gazetteer/fold.h"

namespace incidentmap {
namespace {

// One row: a text, its tokens' surfaces joined by '|', their folded forms joined by '|', and
// the tokens (by index) expected to carry a flag.
struct TokenCase {
  std::string text;
  std::string surfaces;
  std::string folded;
};

std::string join_surfaces(const std::string& text, const TokenizedText& tt) {
  std::string out;
  for (const Token& t : tt.tokens) {
    if (!out.empty()) out += '|';
    out += text.substr(t.begin, t.end - t.begin);
  }
  return out;
}

std::string join_folded(const TokenizedText& tt) {
  std::string out;
  for (const Token& t : tt.tokens) {
    if (!out.empty()) out += '|';
    out += tt.folded_of(t);
  }
  return out;
}

class TokenizerTable : public ::testing::TestWithParam<TokenCase> {};

TEST_P(TokenizerTable, SurfacesAndFoldedForms) {
  const TokenCase& c = GetParam();
  const TokenizedText tt = tokenize(c.text);
  EXPECT_EQ(join_surfaces(c.text, tt), c.surfaces);
  EXPECT_EQ(join_folded(tt), c.folded);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, TokenizerTable,
    ::testing::Values(
        TokenCase{"Troops arrived in Mexico City.", "Troops|arrived|in|Mexico|City",
                  "troops|arrived|in|mexico|city"},
        TokenCase{"aid from the U.S. reached D.C. on Friday",
                  "aid|from|the|U.S.|reached|D.C.|on|Friday",
                  "aid|from|the|us|reached|dc|on|friday"},
        TokenCase{"He lives in the U.S.", "He|lives|in|the|U.S.", "he|lives|in|the|us"},
        TokenCase{"Topeka, Kan. -- Rain", "Topeka|Kan.|Rain", "topeka|kan|rain"},
        TokenCase{"J. Smith met Mr. Brown.", "J.|Smith|met|Mr.|Brown", "j|smith|met|mr|brown"},
        TokenCase{"Mexico's army", "Mexico|'s|army", "mexico||army"},
        TokenCase{"Mexico\xE2\x80\x99s army", "Mexico|\xE2\x80\x99s|army", "mexico||army"},
        TokenCase{"CULIAC\xC3\x81N, Sinaloa", "CULIAC\xC3\x81N|Sinaloa", "culiacan|sinaloa"},
        TokenCase{"Winston-Salem's O'Brien", "Winston|Salem|'s|O'Brien", "winston|salem||obrien"},
        TokenCase{"'Paris' ... end...", "Paris|end", "paris|end"},
        TokenCase{"W.Va. 61 and 3.5 km", "W.Va.|61|and|3.5|km", "wva|61|and|35|km"},
        TokenCase{"", "", ""}, TokenCase{" -- ", "", ""},
        // Tokens longer than eight bytes, and tokens near the end of the text, where the
        // tokenizer's 8-byte scanning hands over to byte-wise scanning.
        TokenCase{"Internationalization NORTHWESTERN abc123def456ghi Xy",
                  "Internationalization|NORTHWESTERN|abc123def456ghi|Xy",
                  "internationalization|northwestern|abc123def456ghi|xy"},
        TokenCase{"Plainfield12 Kirkcaldy's Springfieldi.",
                  "Plainfield12|Kirkcaldy|'s|Springfieldi", "plainfield12|kirkcaldy||springfieldi"},
        TokenCase{"Guadalajara\xC3\xA9x Z", "Guadalajara\xC3\xA9x|Z", "guadalajaraex|z"}));

TEST(Tokenizer, Flags) {
  const std::string text = "MEXICO CITY (Reuters) - Police said.\nMany buses in McAllen";
  const TokenizedText tt = tokenize(text);
  ASSERT_EQ(tt.tokens.size(), 9u);
  const auto& t = tt.tokens;
  EXPECT_TRUE(t[0].has(kAllCaps) && t[0].has(kCapitalised) && t[0].has(kSentenceInitial));
  EXPECT_FALSE(t[0].has(kTitleCase));
  EXPECT_FALSE(t[1].has(kSentenceInitial));
  EXPECT_TRUE(t[2].has(kTitleCase));                                   // Reuters
  EXPECT_FALSE(t[3].has(kSentenceInitial));                            // Police, after a dash
  EXPECT_TRUE(t[4].has(kLowerInitial));                                // said
  EXPECT_TRUE(t[5].has(kAfterNewline) && t[5].has(kSentenceInitial));  // Many
  EXPECT_FALSE(t[6].has(kSentenceInitial));                            // buses
  EXPECT_TRUE(t[8].has(kCapitalised) && !t[8].has(kTitleCase) && !t[8].has(kAllCaps));  // McAllen
  EXPECT_FALSE(t[8].has(kHasDigit));
}

TEST(Tokenizer, SentenceStartsAfterAbbreviations) {
  const std::string text = "It grew in the U.S. The Army left. Mr. Smith stayed with Gen. Lee.";
  const TokenizedText tt = tokenize(text);
  std::vector<std::string> initial;
  for (const Token& tok : tt.tokens) {
    if (tok.has(kSentenceInitial)) initial.push_back(text.substr(tok.begin, tok.end - tok.begin));
  }
  EXPECT_EQ(initial, (std::vector<std::string>{"It", "The", "Mr."}));
}

TEST(Tokenizer, PossessiveAndPeriodFlags) {
  const TokenizedText tt = tokenize("Kan. Mexico's");
  ASSERT_EQ(tt.tokens.size(), 3u);
  EXPECT_TRUE(tt.tokens[0].has(kFinalPeriod));
  EXPECT_TRUE(tt.tokens[2].has(kPossessive));
  EXPECT_EQ(tt.tokens[2].folded_size, 0u);
}

// Case flags of tokens scanned eight bytes at a time (longer than eight bytes) and of tokens
// at the end of the text, scanned byte by byte.
TEST(Tokenizer, FlagsOfLongTokens) {
  const TokenizedText tt = tokenize("WASHINGTONIAN Washingtonian washingtonian Route66ABCDEF A1");
  ASSERT_EQ(tt.tokens.size(), 5u);
  const auto& t = tt.tokens;
  EXPECT_TRUE(t[0].has(kAllCaps) && t[0].has(kCapitalised) && !t[0].has(kTitleCase));
  EXPECT_TRUE(t[1].has(kTitleCase) && !t[1].has(kAllCaps));
  EXPECT_TRUE(t[2].has(kLowerInitial) && !t[2].has(kCapitalised));
  EXPECT_TRUE(t[3].has(kHasDigit) && !t[3].has(kTitleCase) && !t[3].has(kAllCaps));
  EXPECT_TRUE(t[4].has(kHasDigit) && t[4].has(kTitleCase) && !t[4].has(kAllCaps));
}

TEST(Tokenizer, ReuseClearsBuffers) {
  TokenizedText tt;
  tokenize("one two three", tt);
  tokenize("four", tt);
  ASSERT_EQ(tt.tokens.size(), 1u);
  EXPECT_EQ(tt.folded_of(tt.tokens[0]), "four");
}

// The tokenizer folds two-byte code points (accented Latin, Greek, Cyrillic, ...) from a table
// of its own: its folded forms must be gaz::fold_name's, inside words and at their edges.
TEST(Tokenizer, FoldsTwoByteCodePointsLikeFoldName) {
  for (char32_t cp = 0x80; cp < 0x800; ++cp) {
    const std::string c{static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
    for (const std::string& text :
         {"x" + c + "y", c + "Y", "Z" + c, c, "D'" + c + "9", "\xC3\xA9" + c}) {
      const TokenizedText tt = tokenize(text);
      std::string joined;
      for (const Token& t : tt.tokens) {
        if (t.folded_size == 0) continue;
        if (!joined.empty()) joined += ' ';
        joined += tt.folded_of(t);
      }
      ASSERT_EQ(joined, gaz::fold_name(text)) << "U+" << std::hex << static_cast<unsigned>(cp);
    }
  }
}

}  // namespace
}  // namespace incidentmap
