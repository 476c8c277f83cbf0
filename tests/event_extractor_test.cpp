#include "src/events/event_extractor.h"

#include <gtest/gtest.h>

#include <string>

namespace incidentmap {
namespace {

const CivilDate kFriday{2019, 10, 18};

std::string describe(const std::string& text, const EventMention& e) {
  std::string out = e.trigger_text + " " + std::string(e.event_kind) + " | " +
                    std::string(e.acled_event_type) + " / " + std::string(e.acled_sub_event_type) +
                    " | " + e.actor1 + " -> " + e.actor2 + " | ";
  out += e.date_start ? format_iso_date(*e.date_start) : "-";
  out += ".." + (e.date_end ? format_iso_date(*e.date_end) : "-");
  out += " p" + std::to_string(e.date_precision) + " " + std::string(date_source_id(e.date_source));
  out += " | deaths " + (e.fatalities ? std::to_string(e.fatalities->best) : "-");
  (void)text;
  return out;
}

struct ExtractCase {
  const char* text;
  std::vector<const char*> expected;  // describe() of each event, in order
};

class ExtractEventsTest : public ::testing::TestWithParam<ExtractCase> {};

TEST_P(ExtractEventsTest, Extracts) {
  const std::string text = GetParam().text;
  const auto events = extract_events(text, kFriday);
  std::vector<std::string> got;
  for (const auto& e : events) got.push_back(describe(text, e));
  std::vector<std::string> want(GetParam().expected.begin(), GetParam().expected.end());
  EXPECT_EQ(got, want) << text;
}

INSTANTIATE_TEST_SUITE_P(
    Table, ExtractEventsTest,
    ::testing::Values(
        ExtractCase{"LA PAZ, Bolivia (Reuters) \u2014 Gunmen opened fire on a police patrol on "
                    "Thursday, killing three officers, authorities said.",
                    {"opened fire armed_clash | Battles / Armed clash | Gunmen -> police patrol | "
                     "2019-10-17..2019-10-17 p1 sentence | deaths 3"}},
        ExtractCase{"Armed men abducted a shopkeeper in the market.",
                    {"abducted abduction | Violence against civilians / Abduction/forced "
                     "disappearance | Armed men -> shopkeeper | 2019-10-17..2019-10-18 p2 "
                     "document | deaths -"}},
        ExtractCase{"Troops captured the town of Tal Afar last week. Fighting killed 40 people.",
                    {"captured territory_capture | Battles / Non-state actor overtakes territory "
                     "| Troops -> town of Tal Afar | 2019-10-07..2019-10-13 p3 sentence | deaths -",
                     "Fighting armed_clash | Battles / Armed clash |  ->  | "
                     "2019-10-07..2019-10-13 p3 earlier_sentence | deaths 40"}},
        ExtractCase{"Students marched in the capital on Monday; police detained 12 of them.",
                    {"marched protest | Protests / Peaceful protest | Students ->  | "
                     "2019-10-14..2019-10-14 p1 sentence | deaths -",
                     "detained arrest | Strategic developments / Arrests | police -> 12 of them | "
                     "2019-10-14..2019-10-14 p1 sentence | deaths -"}},
        ExtractCase{"The governor said the army would not attack the rebels.", {}},
        ExtractCase{"The weather was mild.", {}}));

TEST(ExtractEvents, NoDocumentDateLeavesUndatedEventsUndated) {
  const std::string text = "Rioters torched a bank.";
  const auto events = extract_events(text, std::nullopt);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].date_source, DateSource::kNone);
  EXPECT_FALSE(events[0].date_start.has_value());
  EXPECT_EQ(events[0].date_precision, 0);
}

TEST(ExtractEvents, FallbackWindowFollowsOptions) {
  EventExtractorOptions options;
  options.fallback_days_before = 6;
  const auto events = extract_events("Rioters torched a bank.", kFriday, options);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(format_iso_date(*events[0].date_start), "2019-10-12");
  EXPECT_EQ(events[0].date_precision, 3);
}

}  // namespace
}  // namespace incidentmap
