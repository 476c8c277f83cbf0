#include "src/text/sentences.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace incidentmap {
namespace {

// Sentences are written joined by " | " in `expected`.
struct SplitCase {
  const char* text;
  const char* expected;
};

std::string joined(const std::string& text) {
  std::string out;
  for (const ByteSpan& s : split_sentences(text).sentences) {
    if (!out.empty()) out += " | ";
    out += text.substr(s.begin, s.size());
  }
  return out;
}

class SplitSentencesTest : public ::testing::TestWithParam<SplitCase> {};

TEST_P(SplitSentencesTest, Splits) { EXPECT_EQ(joined(GetParam().text), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(
    Table, SplitSentencesTest,
    ::testing::Values(
        SplitCase{"Troops arrived. Shops closed.", "Troops arrived. | Shops closed."},
        SplitCase{"Mr. Ortiz met Gen. Salas and Sen. Ruiz.",
                  "Mr. Ortiz met Gen. Salas and Sen. Ruiz."},
        SplitCase{"Dr. Vega spoke. St. Mary's church burned.",
                  "Dr. Vega spoke. | St. Mary's church burned."},
        SplitCase{"U.S. officials and U.N. monitors left.",
                  "U.S. officials and U.N. monitors left."},
        SplitCase{"Aid came from the U.S. The army stayed.",
                  "Aid came from the U.S. | The army stayed."},
        SplitCase{"The U.S. Embassy closed.", "The U.S. Embassy closed."},
        SplitCase{"It began on Oct. 17 at dawn. No. 5 road shut.",
                  "It began on Oct. 17 at dawn. | No. 5 road shut."},
        SplitCase{"George W. Bush spoke in Mt. Vernon.", "George W. Bush spoke in Mt. Vernon."},
        SplitCase{"Prices rose 3.5 percent. Fuel ran out.",
                  "Prices rose 3.5 percent. | Fuel ran out."},
        SplitCase{"\"We are afraid.\" The mayor left.", "\"We are afraid.\" | The mayor left."},
        SplitCase{"He said \u201cthey fled.\u201d Then it rained.",
                  "He said \u201cthey fled.\u201d | Then it rained."},
        SplitCase{"Who fired? Nobody knows! Police left.",
                  "Who fired? | Nobody knows! | Police left."},
        SplitCase{"\"Where are they?\" he asked.", "\"Where are they?\" he asked."},
        SplitCase{"Wait... Then silence.", "Wait... | Then silence."},
        SplitCase{"Gunmen kill five in bar attack\nThe attack began at night.",
                  "Gunmen kill five in bar attack | The attack began at night."},
        SplitCase{"First paragraph ends\n\n  Second one starts",
                  "First paragraph ends | Second one starts"},
        SplitCase{"CULIACAN, Mexico (Reuters) \u2014 Gunmen attacked. Two died.",
                  "CULIACAN, Mexico (Reuters) \u2014 Gunmen attacked. | Two died."},
        SplitCase{"The soldiers who were sent to the\nborder town said the attack was over\nand "
                  "that the roads were open. Traffic resumed.",
                  "The soldiers who were sent to the\nborder town said the attack was over\nand "
                  "that the roads were open. | Traffic resumed."},
        SplitCase{"e.g. lowercase after. the end.", "e.g. lowercase after. the end."},
        SplitCase{"   ", ""}, SplitCase{"", ""}));

struct DatelineCase {
  const char* text;
  long dateline_end;  // -1: no dateline
};

class DatelineTest : public ::testing::TestWithParam<DatelineCase> {};

TEST_P(DatelineTest, FindsTheEnd) {
  const auto end = split_sentences(GetParam().text).dateline_end;
  if (GetParam().dateline_end < 0) {
    EXPECT_FALSE(end.has_value()) << GetParam().text;
  } else {
    ASSERT_TRUE(end.has_value()) << GetParam().text;
    EXPECT_EQ(static_cast<long>(*end), GetParam().dateline_end) << GetParam().text;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, DatelineTest,
    ::testing::Values(DatelineCase{"CULIACAN, Mexico (Reuters) \u2014 Gunmen fired.", 31},
                      DatelineCase{"MEXICO CITY (AP) - Police said.", 19},
                      DatelineCase{"MEXICO CITY, Oct 17 (Reuters) - Police said.", 32},
                      DatelineCase{"SAN PEDRO GARZA GARC\u00cdA, Nuevo Le\u00f3n \u2013 Ten men.",
                                   41},
                      DatelineCase{"  TIJUANA\u2014Two died.", 12},
                      DatelineCase{"Culiacan, Mexico - Gunmen fired.", -1},
                      DatelineCase{"NATO-led troops left.", -1}, DatelineCase{"THE END", -1}));

TEST(FindDatelineEnd, WorksAtAnyOffset) {
  const std::string text = "Headline here\nLOS MOCHIS, Sinaloa -- Rain fell.";
  EXPECT_EQ(find_dateline_end(text, 14), 37u);
  EXPECT_FALSE(find_dateline_end(text, 0).has_value());
}

TEST(SplitSentences, InvalidUtf8DoesNotCrash) {
  const std::string text = "Bad \xC3 byte. Next \xFF one.";
  EXPECT_EQ(split_sentences(text).sentences.size(), 2u);
}

}  // namespace
}  // namespace incidentmap
