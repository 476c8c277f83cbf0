#include "src/events/event_tokens.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace incidentmap {
namespace {

struct TokenCase {
  const char* text;
  const char* expected;  // lowercased tokens joined by " | "
};

class TokenizeForEventsTest : public ::testing::TestWithParam<TokenCase> {};

TEST_P(TokenizeForEventsTest, Tokenises) {
  const std::string s = GetParam().text;
  std::string out;
  for (const auto& t : tokenize_for_events(s, {0, s.size()})) {
    if (!out.empty()) out += " | ";
    out += t.lower;
  }
  EXPECT_EQ(out, GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, TokenizeForEventsTest,
    ::testing::Values(TokenCase{"A 25-year-old was shot at 10:30 p.m.",
                                "a | 25-year-old | was | shot | at | 10:30 | p.m | ."},
                      TokenCase{"On 17/10/2019; 1,200 fled", "on | 17/10/2019 | ; | 1,200 | fled"},
                      TokenCase{"5,Culiacan", "5 | , | culiacan"},
                      TokenCase{"They didn\u2019t go", "they | didn't | go"},
                      TokenCase{"Culiac\u00e1n \u2014 U.S.-led",
                                "culiac\u00e1n | \u2014 | u.s | . | - | led"},
                      // Words longer than the sixteen bytes lowered at a time, one at the end of
                      // the text, one with a curly apostrophe.
                      TokenCase{"ANTI-GOVERNMENT-PROTESTERS MARCHED IN NORTHERN-CHIHUAHUA",
                                "anti-government-protesters | marched | in | northern-chihuahua"},
                      TokenCase{"The COUNTERINSURGENCY\u2019S-OPERATIONS ended",
                                "the | counterinsurgency's-operations | ended"},
                      TokenCase{"", ""}));

TEST(EventTokens, LowerFormsSurviveAMove) {
  const std::string s = "Gunmen KILLED two, police said";
  EventTokens tokens = tokenize_for_events(s, {0, s.size()});
  const EventTokens moved = std::move(tokens);
  ASSERT_EQ(moved.size(), 6u);
  EXPECT_EQ(moved[1].lower, "killed");
  EXPECT_EQ(moved[3].lower, ",");
  const Tokens view = moved;
  EXPECT_EQ(view.back().lower, "said");
}

// A reused EventTokens holds exactly the new span's tokens, shorter or longer than before.
TEST(EventTokens, ReuseKeepsOnlyTheNewTokens) {
  const std::string s = "Gunmen KILLED two. A much longer sentence follows it here, and ends.";
  EventTokens tokens;
  tokenize_for_events(s, {19, s.size()}, tokens);
  ASSERT_EQ(tokens.size(), 11u);
  EXPECT_EQ(tokens[0].lower, "a");
  tokenize_for_events(s, {0, 18}, tokens);
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[1].lower, "killed");
  EXPECT_EQ(tokens[3].lower, ".");
  tokenize_for_events(s, {0, s.size()}, tokens);
  ASSERT_EQ(tokens.size(), 15u);
  EXPECT_EQ(tokens[1].lower, "killed");
  EXPECT_EQ(tokens[14].lower, ".");
  tokenize_for_events(s, {5, 5}, tokens);
  EXPECT_TRUE(tokens.empty());
}

struct WordSetCase {
  const char* word;
  std::ptrdiff_t expected;  // id in the set below, -1 when absent
};

class WordSetTest : public ::testing::TestWithParam<WordSetCase> {};

// Words sharing a first letter and a length modulo 16 with a member share its filter bit: the
// lookup must still tell them apart.
TEST_P(WordSetTest, Finds) {
  const WordSet set("attack|a|killed|abcdefghijklmnopq|");
  EXPECT_EQ(set.find(GetParam().word), GetParam().expected) << GetParam().word;
}

INSTANTIATE_TEST_SUITE_P(
    Table, WordSetTest,
    ::testing::Values(WordSetCase{"attack", 0}, WordSetCase{"a", 1}, WordSetCase{"killed", 2},
                      WordSetCase{"abcdefghijklmnopq", 3}, WordSetCase{"Attack", -1},
                      WordSetCase{"attach", -1}, WordSetCase{"abcdefghijklmnopr", -1},
                      WordSetCase{"A", -1}, WordSetCase{"", -1}, WordSetCase{"kill", -1}));

// The clause number of each token of `s`, as digits.
std::string clause_digits(const std::string& s) {
  const auto tokens = tokenize_for_events(s, {0, s.size()});
  const auto ids = clause_ids(tokens);
  std::string out;
  for (std::size_t i = 0; i < tokens.size(); ++i) out += std::to_string(ids[i]);
  return out;
}

TEST(ClauseIds, SplitsAtConjunctionsAfterCommasAndSemicolons) {
  // Gunmen fired , | and police fled ; | soldiers , however , stayed | while rain fell
  EXPECT_EQ(
      clause_digits("Gunmen fired, and police fled; soldiers, however, stayed while rain fell"),
      "000111122222333");
}

TEST(ClauseIds, FillsAReusedVectorWithTheSameIds) {
  const std::string s = "Gunmen fired, and police fled; soldiers, however, stayed while rain fell";
  const auto tokens = tokenize_for_events(s, {0, s.size()});
  // Into a vector that held a longer sentence's ids: resized, same values.
  std::vector<int> reused(40, 7);
  clause_ids(tokens, reused);
  EXPECT_EQ(reused, clause_ids(tokens));
}

TEST(ClauseIds, ClosesAnOpeningSubordinateClauseAndParticipleClauses) {
  // Since launching the raid , | rebels took Lomas | after seizing the road
  EXPECT_EQ(clause_digits("Since launching the raid, rebels took Lomas after seizing the road"),
            "000001112222");
  // Only a sentence's first word opens such a clause: "as" inside leaves the comma alone.
  EXPECT_EQ(clause_digits("Rebels took Lomas as planned, officials said"), "00000000");
}

TEST(WordIn, MatchesWholeWordsOnly) {
  EXPECT_TRUE(word_in("kill", "die|kill|shoot"));
  EXPECT_FALSE(word_in("kil", "die|kill|shoot"));
  EXPECT_FALSE(word_in("", "die|kill"));
}

TEST(StemSet, FindsStemsAsTokensStartWithThem) {
  StemSet set;
  const std::size_t us = set.insert("u");
  const std::size_t led = set.insert("led");
  const std::size_t culiacan = set.insert("culiac\u00e1n");
  const std::size_t year = set.insert("25");
  const std::string s =
      "In U.S.-led raids near CULIAC\u00c1N, Culiac\u00e1n\u2019s 25-year-old fled";
  std::vector<std::ptrdiff_t> found;
  std::size_t pos = 0;
  for (std::ptrdiff_t id; (id = set.next_in(s, pos, s.size())) >= 0;) found.push_back(id);
  // "CULIACÁN" keeps its capital Á (only ASCII is lowercased, as tokens do); "fled" is no "led".
  const std::vector<std::ptrdiff_t> expected = {
      static_cast<std::ptrdiff_t>(us), static_cast<std::ptrdiff_t>(led),
      static_cast<std::ptrdiff_t>(culiacan), static_cast<std::ptrdiff_t>(year)};
  EXPECT_EQ(found, expected);
  EXPECT_EQ(pos, s.size());
  // A span ends the scan: nothing in "In U.S".
  pos = 0;
  EXPECT_EQ(set.next_in(s, pos, 2), -1);
  EXPECT_EQ(pos, 2u);
}

struct StemScanCase {
  std::size_t indent;  // spaces before the sentence: moves its words across 64-byte blocks
};

class StemScanTest : public ::testing::TestWithParam<StemScanCase> {};

// The same stems wherever the words fall in the blocks the scan reads: inside one, across two,
// next to other characters (accents, curly quotes, dashes), at the end of the text.
TEST_P(StemScanTest, FindsTheSameStemsAtAnyOffset) {
  StemSet set;
  const std::ptrdiff_t clash = static_cast<std::ptrdiff_t>(set.insert("clash"));
  const std::ptrdiff_t culiacan = static_cast<std::ptrdiff_t>(set.insert("culiac\u00e1n"));
  const std::ptrdiff_t us = static_cast<std::ptrdiff_t>(set.insert("u"));
  const std::ptrdiff_t kill = static_cast<std::ptrdiff_t>(set.insert("kill"));
  const std::string s = std::string(GetParam().indent, ' ') +
                        "Gunmen clash in Culiac\u00e1n\u2019s centre; a U.S.-made kill switch "
                        "\u2014 \u201cclash\u201d again, clashes, killjoy, skill, KILL";
  std::vector<std::ptrdiff_t> found;
  std::size_t pos = 0;
  for (std::ptrdiff_t id; (id = set.next_in(s, pos, s.size())) >= 0;) found.push_back(id);
  const std::vector<std::ptrdiff_t> expected = {clash, culiacan, us, kill, clash, kill};
  EXPECT_EQ(found, expected);
  EXPECT_EQ(pos, s.size());
  // A span that ends inside a word cuts it there, as tokenising the span would: "Gunmen cla".
  pos = 0;
  EXPECT_EQ(set.next_in(s, pos, GetParam().indent + 10), -1);
  EXPECT_EQ(pos, GetParam().indent + 10);
  // ... and one that ends after "kill" of "killjoy" finds it.
  const std::size_t killjoy = s.find("killjoy");
  pos = killjoy;
  EXPECT_EQ(set.next_in(s, pos, killjoy + 4), kill);
  EXPECT_EQ(pos, killjoy + 4);
}

INSTANTIATE_TEST_SUITE_P(Table, StemScanTest,
                         ::testing::Values(StemScanCase{0}, StemScanCase{1}, StemScanCase{7},
                                           StemScanCase{40}, StemScanCase{49}, StemScanCase{57},
                                           StemScanCase{60}, StemScanCase{63}, StemScanCase{64},
                                           StemScanCase{100}));

}  // namespace
}  // namespace incidentmap
