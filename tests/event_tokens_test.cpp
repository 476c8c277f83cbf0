#include "src/events/event_tokens.h"

#include <gtest/gtest.h>

#include <string>

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
                                "culiac\u00e1n | \u2014 | u.s | . | - | led"}));

TEST(ClauseIds, SplitsAtConjunctionsAfterCommasAndSemicolons) {
  const std::string s = "Gunmen fired, and police fled; soldiers, however, stayed while rain fell";
  const auto tokens = tokenize_for_events(s, {0, s.size()});
  const auto ids = clause_ids(tokens);
  std::string out;
  for (std::size_t i = 0; i < tokens.size(); ++i) out += std::to_string(ids[i]);
  // Gunmen fired , | and police fled ; | soldiers , however , stayed | while rain fell
  EXPECT_EQ(out, "000111122222333");
}

TEST(WordIn, MatchesWholeWordsOnly) {
  EXPECT_TRUE(word_in("kill", "die|kill|shoot"));
  EXPECT_FALSE(word_in("kil", "die|kill|shoot"));
  EXPECT_FALSE(word_in("", "die|kill"));
}

}  // namespace
}  // namespace incidentmap
