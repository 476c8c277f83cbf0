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

}  // namespace
}  // namespace incidentmap
