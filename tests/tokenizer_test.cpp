#include "src/text/tokenizer.h"

#include <gtest/gtest.h>

#include <span>
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

// Letters for token flags, as the tables below write them.
using FlagLetters = std::span<const std::pair<TokenFlag, char>>;
constexpr std::pair<TokenFlag, char> kCaseLetters[] = {
    {kCapitalised, 'C'}, {kAllCaps, 'A'},         {kTitleCase, 'T'},    {kHasDigit, 'D'},
    {kHasLetter, 'L'},   {kSentenceInitial, 'S'}, {kAfterNewline, 'N'}, {kFinalPeriod, 'P'},
    {kPossessive, '\''}, {kLowerInitial, 'l'}};
constexpr std::pair<TokenFlag, char> kGapLetters[] = {
    {kJoined, 'j'}, {kJoinedHyphen, 'h'}, {kAfterHash, '#'}};
constexpr std::pair<TokenFlag, char> kJoinerLetters[] = {{kInnerJoiner, 'J'}};

// "surface:letters" per token, joined by ' ', with the letters of the flags in `letters`.
std::string describe(const std::string& text, const TokenizedText& tt, FlagLetters letters) {
  std::string out;
  for (const Token& t : tt.tokens) {
    if (!out.empty()) out += ' ';
    out += text.substr(t.begin, t.end - t.begin) + ":";
    for (const auto& [flag, letter] : letters) {
      if (t.has(flag)) out += letter;
    }
  }
  return out;
}

// One row: a text and, per token, its surface and flags written as letters (`letters`): by
// default kCaseLetters, C capitalised, A all caps, T title case, D digit, L letter, S
// sentence-initial, N after a line break, P final period, ' possessive, l lower initial; or
// kGapLetters, for the flags that depend on the bytes before a token: j kJoined, h
// kJoinedHyphen, # kAfterHash; or kJoinerLetters: J kInnerJoiner.
struct FlagCase {
  std::string text;
  std::string tokens;  // "surface:flags" per token, joined by ' '
  FlagLetters letters = kCaseLetters;
};

class TokenizerFlagTable : public ::testing::TestWithParam<FlagCase> {};

TEST_P(TokenizerFlagTable, Flags) {
  const FlagCase& c = GetParam();
  EXPECT_EQ(describe(c.text, tokenize(c.text), c.letters), c.tokens);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, TokenizerFlagTable,
    ::testing::Values(
        // Tokens that open with a digit: case flags come from their first letter.
        FlagCase{"in 2020 the 15th 3M 4X4 9AB",
                 "in:LSl 2020:D the:Ll 15th:DLl 3M:CTDL 4X4:CTDL 9AB:CADL"},
        // A full stop after a word ends the sentence; after a short capitalised word it may
        // belong to an abbreviation ("Kan.") or not ("Obama").
        FlagCase{"rain fell. Then Obama. Later Kan. Rain 2020. Next",
                 "rain:LSl fell:Ll Then:CTLS Obama:CTL Later:CTLS Kan.:CTLP Rain:CTL 2020:D "
                 "Next:CTLS"},
        FlagCase{"Washington. Mr. Smith went home.\nThe end!  Yes? no",
                 "Washington:CTLS Mr.:CTLSP Smith:CTL went:Ll home:Ll The:CTLSN end:Ll Yes:CTLS "
                 "no:LSl"},
        // Full stops not followed by a separator take the general way.
        FlagCase{"3.5 km at U.S. sites.'", "3.5:DS km:Ll at:Ll U.S.:CALP sites:Ll"}));

INSTANTIATE_TEST_SUITE_P(
    Gaps, TokenizerFlagTable,
    ::testing::Values(
        // Spaces only (up to three) join; one hyphen joins names such as "Wal-Mart" only.
        FlagCase{"New York  City    Hall", "New: York:jh City:jh Hall:", kGapLetters},
        FlagCase{"Wal-Mart Winston - Salem a--b c -  d",
                 "Wal: Mart:h Winston:jh Salem:h a:jh b: c:jh d:", kGapLetters},
        // Punctuation between tokens joins nothing; a full stop kept by an abbreviation is
        // part of the token before the gap.
        FlagCase{"Culiacan, Sinaloa. Then U.S. Army", "Culiacan: Sinaloa: Then: U.S.:jh Army:jh",
                 kGapLetters},
        // The clitic "'s" follows its word without a gap but is not joined to it; the word
        // after it is.
        FlagCase{"Mexico's army", "Mexico: 's: army:jh", kGapLetters},
        // Tokens outside ASCII take the general way, with the same flags.
        FlagCase{"Culiacán Sinaloa \xE2\x80\x9CMexico\xE2\x80\x9D City",
                 "Culiacán: Sinaloa:jh Mexico: City:", kGapLetters},
        // Hashtags, at the start of the text and after other tokens.
        FlagCase{"#Gaza and #SouthSudan x#y", "Gaza:# and:jh SouthSudan:# x:jh y:#", kGapLetters},
        // A full stop or apostrophe inside the token, not at its end nor in a clitic.
        FlagCase{
            "U.S. O'Brien 3.5 Kan. Mexico's spread.in area.'s x",
            "U.S.:J O'Brien:J 3.5:J Kan.: Mexico: 's: spread.in:J area.: 's: x:", kJoinerLetters},
        FlagCase{
            "Ma\xE2\x80\x99rib town\xE2\x80\x99s's town\xE2\x80\x99s",
            "Ma\xE2\x80\x99rib:J town\xE2\x80\x99s:J 's: town: \xE2\x80\x99s:", kJoinerLetters}));

// The fast path classifies the text in windows of 64 bytes; tokens that cross a window's end,
// tokens of 63, 64 and 65 bytes, and tokens at the end of the text give the same tokens
// wherever the windows fall (shifting the text by leading spaces moves every boundary).
TEST(Tokenizer, SameTokensWhereverWindowsFall) {
  const std::string long63(63, 'q');
  const std::string long64 = "A" + std::string(63, 'b');
  const std::string long65 = std::string(60, 'Z') + "12345";
  const std::vector<std::string> texts = {
      "Troops arrived in Mexico City. Police said 15 people died in Culiacan, Sinaloa, on Friday.\n"
      "The MEXICO CITY office (Reuters) reported 2020 figures. Mr. Smith left! Why? Because.",
      long63 + " " + long64 + " " + long65 + ". end " + long63 + "." + long64,
      "a b c d e f g h i j k l m n o p q r s t u v w x y z A B C D E F G H I J K L M N O P Q"};
  for (const std::string& text : texts) {
    const TokenizedText base = tokenize(text);
    for (std::size_t shift = 1; shift <= 80; ++shift) {
      const std::string shifted = std::string(shift, ' ') + text;
      const TokenizedText tt = tokenize(shifted);
      ASSERT_EQ(tt.tokens.size(), base.tokens.size()) << "shift " << shift;
      for (std::size_t i = 0; i < tt.tokens.size(); ++i) {
        EXPECT_EQ(tt.tokens[i].begin, base.tokens[i].begin + shift) << "shift " << shift;
        EXPECT_EQ(tt.tokens[i].end, base.tokens[i].end + shift) << "shift " << shift;
        EXPECT_EQ(tt.tokens[i].flags, base.tokens[i].flags) << "shift " << shift << " token " << i;
        EXPECT_EQ(tt.folded_of(tt.tokens[i]), base.folded_of(base.tokens[i]));
      }
    }
  }
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
