#include "src/text/document.h"

#include <gtest/gtest.h>

namespace incidentmap {
namespace {

struct DateCase {
  const char* text;
  bool valid;
  CivilDate expected;
};

class ParseIsoDateTest : public ::testing::TestWithParam<DateCase> {};

TEST_P(ParseIsoDateTest, ParsesOrRejects) {
  const DateCase& c = GetParam();
  auto parsed = parse_iso_date(c.text);
  ASSERT_EQ(parsed.has_value(), c.valid) << c.text;
  if (c.valid) {
    EXPECT_EQ(*parsed, c.expected) << c.text;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, ParseIsoDateTest,
    ::testing::Values(DateCase{"2019-10-17", true, {2019, 10, 17}},
                      DateCase{"2019-10-17T08:00:00Z", true, {2019, 10, 17}},
                      DateCase{"2020-02-29", true, {2020, 2, 29}},
                      DateCase{"2019-02-29", false, {}}, DateCase{"2019-13-01", false, {}},
                      DateCase{"2019-1-01", false, {}}, DateCase{"17/10/2019", false, {}},
                      DateCase{"", false, {}}, DateCase{"2019-10-17junk", false, {}}));

TEST(CivilDays, RoundTripsAndKnowsWeekdays) {
  for (long d = -800000; d < 800000; d += 997) EXPECT_EQ(days_from_civil(civil_from_days(d)), d);
  EXPECT_EQ(days_from_civil({1970, 1, 1}), 0);
  EXPECT_EQ(weekday({2019, 10, 17}), 3);  // a Thursday
  EXPECT_EQ(weekday({2000, 1, 1}), 5);    // a Saturday
  EXPECT_EQ(format_iso_date({2019, 10, 7}), "2019-10-07");
}

}  // namespace
}  // namespace incidentmap
