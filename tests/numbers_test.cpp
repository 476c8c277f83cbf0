#include "src/events/numbers.h"

#include <gtest/gtest.h>

#include <string>

namespace incidentmap {
namespace {

// found = false: the sentence reports no fatality count. high -1 = no upper bound.
struct FatalityCase {
  const char* sentence;
  bool found;
  long best = 0;
  long low = 0;
  long high = 0;
  bool explicit_zero = false;
};

class FindFatalitiesTest : public ::testing::TestWithParam<FatalityCase> {};

TEST_P(FindFatalitiesTest, ReadsTheCount) {
  const FatalityCase& c = GetParam();
  const auto f = find_fatalities(c.sentence);
  ASSERT_EQ(f.has_value(), c.found) << c.sentence << (f ? " -> " + std::to_string(f->best) : "");
  if (!f) return;
  EXPECT_EQ(f->best, c.best) << c.sentence;
  EXPECT_EQ(f->low, c.low) << c.sentence;
  EXPECT_EQ(f->high, c.high) << c.sentence;
  EXPECT_EQ(f->explicit_zero, c.explicit_zero) << c.sentence;
}

INSTANTIATE_TEST_SUITE_P(
    Table, FindFatalitiesTest,
    ::testing::Values(
        FatalityCase{"The shooting left seven people dead.", true, 7, 7, 7},
        FatalityCase{"At least eight people were killed in the raid.", true, 8, 8, -1},
        FatalityCase{"Gunmen killed 12 soldiers near the border.", true, 12, 12, 12},
        FatalityCase{"The explosion killed at least 30 people and injured 50.", true, 30, 30, -1},
        FatalityCase{"Five killed in highway ambush.", true, 5, 5, 5},
        FatalityCase{"Two dead and four injured after a bar fight.", true, 2, 2, 2},
        FatalityCase{"The death toll rose to 15 on Monday.", true, 15, 15, 15},
        FatalityCase{"More than 20 miners died in the collapse.", true, 20, 20, -1},
        FatalityCase{"Up to 40 villagers may have been killed.", true, 40, 1, 40},
        FatalityCase{"Between 10 and 15 people were killed.", true, 10, 10, 15},
        FatalityCase{"Dozens of protesters were killed by troops.", true, 24, 24, -1},
        FatalityCase{"Hundreds died in the siege.", true, 200, 200, -1},
        FatalityCase{"Two police officers and three civilians were killed.", true, 5, 5, 5},
        FatalityCase{"The attack killed nine people, including four children.", true, 9, 9, 9},
        // Several counts for one event: coordinated victims add up ("a" counts one), counts
        // marked as additional add to the earlier one, a breakdown of a total is not added to
        // it, and injuries never count.
        FatalityCase{"Gunmen raided the base, killing four soldiers and wounding six.", true, 4, 4,
                     4},
        FatalityCase{"Three soldiers and a police officer were killed in the ambush.", true, 4, 4,
                     4},
        FatalityCase{"The blast killed two soldiers and a child.", true, 3, 3, 3},
        FatalityCase{"A farmer and two of his sons were shot dead.", true, 3, 3, 3},
        FatalityCase{"The raid killed seven people, four guards and three cooks.", true, 7, 7, 7},
        FatalityCase{"Four people were killed and two others died later in hospital.", true, 6, 6,
                     6},
        FatalityCase{"Two guards were killed on Monday and three more died on Tuesday.", true, 5, 5,
                     5},
        FatalityCase{"Six people were killed in Tarsen and four in Ibrel.", true, 10, 10, 10},
        FatalityCase{"Eight fighters were killed and 3 trucks destroyed.", true, 8, 8, 8},
        FatalityCase{"At least 20 people were killed and 40 others, among them a judge, were hurt.",
                     true, 20, 20, -1},
        FatalityCase{"Twenty-three bodies were recovered from the river.", true, 23, 23, 23},
        FatalityCase{"Police found the bodies of three men in a ravine.", true, 3, 3, 3},
        FatalityCase{"A dozen fighters were killed in the clash.", true, 12, 12, 12},
        FatalityCase{"The blast claimed the lives of 11 workers.", true, 11, 11, 11},
        FatalityCase{"About 60 people died in the fighting.", true, 60, 60, 60},
        FatalityCase{"Two or three guards were killed.", true, 2, 2, 3},
        FatalityCase{"Gunmen killed 1,200 people over the decade.", true, 1200, 1200, 1200},
        FatalityCase{"A woman was killed in the crossfire.", true, 1, 1, 1},
        FatalityCase{"A taxi driver shot dead in the city centre.", true, 1, 1, 1},
        FatalityCase{"No deaths were reported after the blast.", true, 0, 0, 0, true},
        FatalityCase{"No one was killed in the fire.", true, 0, 0, 0, true},
        FatalityCase{"The convoy was attacked, but nobody died.", true, 0, 0, 0, true},
        // Counts of other things, ages, times, years, dates, injuries.
        FatalityCase{"Twelve people were wounded in the attack.", false},
        FatalityCase{"A 25-year-old was killed at 10:30 on Friday.", true, 1, 1, 1},
        FatalityCase{"Soldiers killed in 2015 were honoured.", false},
        FatalityCase{"He was killed on October 17 near the market.", true, 1, 1, 1},
        FatalityCase{"Police arrested 14 suspects after the killing.", false},
        FatalityCase{"The attack killed 3 km from the border crossing.", false},
        FatalityCase{"Troops seized 300 rifles and 2 tons of cocaine.", false},
        FatalityCase{"Thirty people were evacuated; the fire killed no one.", false},
        FatalityCase{"Three men were kidnapped in Durango.", false}));

struct QuantityCase {
  const char* text;
  const char* span;
  long best;
  long low;
  long high;
};

class FindQuantitiesTest : public ::testing::TestWithParam<QuantityCase> {};

TEST_P(FindQuantitiesTest, ParsesTheFirstQuantity) {
  const QuantityCase& c = GetParam();
  const std::string s = c.text;
  const auto tokens = tokenize_for_events(s, {0, s.size()});
  const auto found = find_quantities(s, tokens);
  if (std::string(c.span).empty()) {
    EXPECT_TRUE(found.empty()) << s;
    return;
  }
  ASSERT_FALSE(found.empty()) << s;
  EXPECT_EQ(s.substr(found[0].span.begin, found[0].span.size()), c.span) << s;
  EXPECT_EQ(found[0].best, c.best) << s;
  EXPECT_EQ(found[0].low, c.low) << s;
  EXPECT_EQ(found[0].high, c.high) << s;
}

INSTANTIATE_TEST_SUITE_P(
    Table, FindQuantitiesTest,
    ::testing::Values(QuantityCase{"two hundred and fifty families", "two hundred and fifty", 250,
                                   250, 250},
                      QuantityCase{"1.5 million people", "1.5 million", 1500000, 1500000, 1500000},
                      QuantityCase{"half a dozen trucks", "half a dozen", 6, 6, 6},
                      QuantityCase{"a few villagers", "a few", 2, 2, -1},
                      QuantityCase{"nearly 90 agents", "nearly 90", 90, 90, 90},
                      QuantityCase{"10-15 gunmen", "10-15", 10, 10, 15},
                      QuantityCase{"no fewer than 6 guards", "no fewer than 6", 6, 6, -1},
                      QuantityCase{"a 25-year-old driver", "", 0, 0, 0},
                      QuantityCase{"at 10 p.m. on Friday", "", 0, 0, 0},
                      QuantityCase{"a 40 percent rise", "", 0, 0, 0},
                      QuantityCase{"on Highway 15 near town", "", 0, 0, 0},
                      QuantityCase{"no one was there", "", 0, 0, 0}));

TEST(ParseNumberWord, WordsAndDigits) {
  EXPECT_EQ(parse_number_word("seventeen"), 17);
  EXPECT_EQ(parse_number_word("forty-two"), 42);
  EXPECT_EQ(parse_number_word("2,500"), 2500);
  EXPECT_EQ(parse_number_word("thousand"), 1000);
  EXPECT_FALSE(parse_number_word("forty-two-three").has_value());
  EXPECT_FALSE(parse_number_word("seventh").has_value());
}

}  // namespace
}  // namespace incidentmap
