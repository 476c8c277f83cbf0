#include "src/recognize/direction_words.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "tests/marked_text.h"

namespace incidentmap {
namespace {

struct DirectionCase {
  std::string marked;  // the text with the recogniser's mentions between "[[" and "]]"
  std::string spans;   // the mentions' surfaces after widening, joined by '|'
  friend void PrintTo(const DirectionCase& c, std::ostream* os) { *os << c.marked; }
};

class DirectionWordsTable : public ::testing::TestWithParam<DirectionCase> {};

TEST_P(DirectionWordsTable, StartsTheSpanAtTheDirectionWord) {
  const DirectionCase& c = GetParam();
  const testing::MarkedSpans marked = testing::parse_all_marked(c.marked);
  std::vector<Mention> mentions;
  for (const auto& [begin, end] : marked.spans) {
    Mention m;
    m.begin = begin;
    m.end = end;
    m.surface = marked.text.substr(begin, end - begin);
    m.key = "key";
    mentions.push_back(m);
  }
  widen_to_direction_words(marked.text, tokenize(marked.text), mentions);
  std::string spans;
  for (const Mention& m : mentions) {
    EXPECT_EQ(m.surface, marked.text.substr(m.begin, m.end - m.begin));
    EXPECT_EQ(m.key, "key");
    spans += (spans.empty() ? "" : "|") + m.surface;
  }
  EXPECT_EQ(spans, c.spans);
}

INSTANTIATE_TEST_SUITE_P(
    Table, DirectionWordsTable,
    ::testing::Values(
        DirectionCase{"floods in Southern [[Vandor]] and [[Pella]].", "Southern Vandor|Pella"},
        DirectionCase{"floods in West [[Vandor]] today.", "West Vandor"},
        DirectionCase{"Upper [[Vandor]] votes.", "Upper Vandor"},
        // Two direction words joined by a hyphen; a mention of the direction word alone merges.
        DirectionCase{"in North-Western [[Pella]] today.", "North-Western Pella"},
        DirectionCase{"in [[North-Western]] [[Pella]] today.", "North-Western Pella"},
        DirectionCase{"in [[Western]] [[Pella]] today.", "Western Pella"},
        // Lower case, all capitals, other words, punctuation between: nothing changes.
        DirectionCase{"in southern [[Vandor]] today.", "Vandor"},
        DirectionCase{"WEST [[Vandor]] today.", "Vandor"},
        DirectionCase{"in Old [[Vandor]] today.", "Vandor"},
        DirectionCase{"back East. [[Vandor]] said no.", "Vandor"},
        DirectionCase{"from [[Kelby]] West [[Vandor]] came.", "Kelby|West Vandor"},
        // A longer mention that ends in the direction word keeps its span.
        DirectionCase{"in [[Kelby West]] [[Vandor]] today.", "Kelby West|Vandor"}));

TEST(DirectionWords, KnowsHyphenatedPairs) {
  EXPECT_TRUE(is_direction_word("north"));
  EXPECT_TRUE(is_direction_word("south-east"));
  EXPECT_FALSE(is_direction_word("north-korea"));
  EXPECT_FALSE(is_direction_word("greater"));
}

}  // namespace
}  // namespace incidentmap
