#include "src/events/dates.h"

#include <gtest/gtest.h>

#include <string>

namespace incidentmap {
namespace {

// Documents dated Friday 2019-10-18 unless a case says otherwise. expected_span "" = no date.
struct DateCase {
  const char* sentence;
  const char* expected_span;
  const char* start;
  const char* end;
  int precision;
  const char* doc = "2019-10-18";
};

class FindDatesTest : public ::testing::TestWithParam<DateCase> {};

TEST_P(FindDatesTest, ResolvesAgainstTheDocumentDate) {
  const DateCase& c = GetParam();
  const std::string s = c.sentence;
  const auto found = find_dates(s, parse_iso_date(c.doc));
  if (std::string(c.expected_span).empty()) {
    for (const auto& d : found)
      ADD_FAILURE() << s << ": unexpected " << s.substr(d.span.begin, d.span.size());
    return;
  }
  ASSERT_FALSE(found.empty()) << s;
  const DateMention& d = found.front();
  EXPECT_EQ(s.substr(d.span.begin, d.span.size()), c.expected_span) << s;
  EXPECT_EQ(format_iso_date(d.start), c.start) << s;
  EXPECT_EQ(format_iso_date(d.end), c.end) << s;
  EXPECT_EQ(d.precision, c.precision) << s;
}

INSTANTIATE_TEST_SUITE_P(
    Table, FindDatesTest,
    ::testing::Values(
        // Weekdays: most recent on or before the document date.
        DateCase{"Gunmen attacked the bar on Thursday.", "Thursday", "2019-10-17", "2019-10-17", 1},
        DateCase{"The march took place on Friday.", "Friday", "2019-10-18", "2019-10-18", 1},
        DateCase{"Troops left after Thursday's raid.", "Thursday's", "2019-10-17", "2019-10-17",
                 1},
        DateCase{"Troops left after Thursday\u2019s raid.", "Thursday\u2019s", "2019-10-17",
                 "2019-10-17", 1},
        DateCase{"Troops arrived on Saturday.", "Saturday", "2019-10-12", "2019-10-12", 1},
        DateCase{"The bodies were found early Monday.", "Monday", "2019-10-14", "2019-10-14", 1},
        DateCase{"He was detained Tuesday night.", "Tuesday night", "2019-10-15", "2019-10-15", 1},
        DateCase{"The clash began last Friday.", "last Friday", "2019-10-11", "2019-10-11", 1},
        DateCase{"Talks resume next Monday.", "next Monday", "2019-10-21", "2019-10-21", 1},
        DateCase{"Police said on Thursday, Oct. 10, that two were held.", "Thursday, Oct. 10",
                 "2019-10-10", "2019-10-10", 1},
        // Relative days.
        DateCase{"Two men were shot yesterday.", "yesterday", "2019-10-17", "2019-10-17", 1},
        DateCase{"Residents heard blasts last night.", "last night", "2019-10-17", "2019-10-17", 1},
        DateCase{"The governor spoke this morning.", "this morning", "2019-10-18", "2019-10-18", 1},
        DateCase{"Shops stayed closed today.", "today", "2019-10-18", "2019-10-18", 1},
        DateCase{"The convoy was ambushed three days ago.", "three days ago", "2019-10-15",
                 "2019-10-15", 1},
        DateCase{"The mayor vanished two weeks ago.", "two weeks ago", "2019-09-30", "2019-10-06",
                 3},
        // Weeks, weekends, months, years.
        DateCase{"Four attacks were reported this week.", "this week", "2019-10-14", "2019-10-18",
                 3},
        DateCase{"Protests spread last week.", "last week", "2019-10-07", "2019-10-13", 3},
        DateCase{"Nine died over the weekend.", "over the weekend", "2019-10-12", "2019-10-13", 2},
        DateCase{"Arrests rose last month.", "last month", "2019-09-01", "2019-09-30", 4},
        DateCase{"The truce collapsed earlier this year.", "earlier this year", "2019-01-01",
                 "2019-10-18", 5},
        DateCase{"The plant was seized last year.", "last year", "2018-01-01", "2018-12-31", 5},
        DateCase{"Homicides fell in the past week.", "the past week", "2019-10-12", "2019-10-18",
                 3},
        // Calendar dates.
        DateCase{"The attack happened on October 17.", "October 17", "2019-10-17", "2019-10-17", 1},
        DateCase{"He was arrested on Oct. 3.", "Oct. 3", "2019-10-03", "2019-10-03", 1},
        DateCase{"The escape was on 17 October 2015.", "17 October 2015", "2015-10-17",
                 "2015-10-17", 1},
        DateCase{"The raid came on December 2, 2018, at dawn.", "December 2, 2018", "2018-12-02",
                 "2018-12-02", 1},
        DateCase{"Clashes were reported on Dec. 30.", "Dec. 30", "2018-12-30", "2018-12-30", 1,
                 "2019-01-04"},
        DateCase{"Fighting raged from October 8-12.", "October 8-12", "2019-10-08", "2019-10-12",
                 2},
        DateCase{"The prison riot broke out in July.", "July", "2019-07-01", "2019-07-31", 4},
        DateCase{"The prison riot broke out in November.", "November", "2018-11-01", "2018-11-30",
                 4},
        DateCase{"Kidnappings peaked in March 2016.", "March 2016", "2016-03-01", "2016-03-31", 4},
        DateCase{"The group was founded in 2015.", "2015", "2015-01-01", "2015-12-31", 5},
        DateCase{"Mid-July floods hit the coast.", "Mid-July", "2019-07-01", "2019-07-31", 4},
        DateCase{"Records dated 2019-10-02 show the transfer.", "2019-10-02", "2019-10-02",
                 "2019-10-02", 1},
        DateCase{"The warrant was signed on 25/09/2019.", "25/09/2019", "2019-09-25", "2019-09-25",
                 1},
        // Not dates, or ambiguous.
        DateCase{"The warrant was signed on 05/09/2019.", "", "", "", 0},
        DateCase{"Police may detain more suspects.", "", "", "", 0},
        DateCase{"Soldiers march through the town.", "", "", "", 0},
        DateCase{"Gunmen killed 2015 head of cattle.", "", "", "", 0}));

// Found by the text_pipeline fuzz target: "last year" in a document dated in year 0 gave year -1,
// which no ISO date can write (event records then failed to read back).
TEST(FindDates, RelativeDatesBeforeYearZeroAreDropped) {
  EXPECT_TRUE(find_dates("Last year and yesterday it rained.", CivilDate{0, 1, 1}).empty());
  const auto found = find_dates("Last year it rained.", CivilDate{1, 1, 1});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(format_iso_date(found[0].start), "0000-01-01");
}

TEST(FindDates, WithoutDocumentDateOnlyAbsoluteDatesResolve) {
  const std::string s = "On Thursday, a week after the 12 March 2018 raid, nothing happened.";
  const auto found = find_dates(s, std::nullopt);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(format_iso_date(found[0].start), "2018-03-12");
  EXPECT_FALSE(found[0].relative);
}

TEST(DaysInMonth, KnowsLeapYears) {
  EXPECT_EQ(days_in_month(2020, 2), 29);
  EXPECT_EQ(days_in_month(1900, 2), 28);
  EXPECT_EQ(days_in_month(2019, 12), 31);
  EXPECT_EQ(date_precision_for_span({2019, 1, 1}, {2019, 1, 7}), 3);
}

}  // namespace
}  // namespace incidentmap
