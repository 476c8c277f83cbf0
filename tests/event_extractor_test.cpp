#include "src/events/event_extractor.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
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
                     "disappearance | Armed men -> shopkeeper | 2019-10-16..2019-10-18 p2 "
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

// Whole paragraphs with every field of every event: pins the extractor's behaviour (the
// optimisations must not change it) and shows what a paragraph of news gives.
std::string describe_fully(const std::string& text, const EventMention& e) {
  auto cut = [&](const std::optional<ByteSpan>& s) {
    return s ? text.substr(s->begin, s->size()) : std::string("-");
  };
  char confidence[16];
  std::snprintf(confidence, sizeof confidence, "%.2f", e.confidence);
  std::string out = describe(text, e) + " | " + confidence + " " +
                    std::string(modality_id(e.modality)) + " | date \"" + cut(e.date_span) + "\"";
  if (e.fatalities)
    out += " | deaths " + std::to_string(e.fatalities->low) + ".." +
           std::to_string(e.fatalities->high) + " \"" + cut(e.fatalities->evidence) + "\"";
  return out;
}

struct ParagraphCase {
  const char* text;
  std::vector<const char*> expected;  // describe_fully() of each event, in order
};

class ExtractParagraphTest : public ::testing::TestWithParam<ParagraphCase> {};

TEST_P(ExtractParagraphTest, ExtractsEveryField) {
  const std::string text = GetParam().text;
  std::vector<std::string> got;
  for (const auto& e : extract_events(text, kFriday)) got.push_back(describe_fully(text, e));
  std::vector<std::string> want(GetParam().expected.begin(), GetParam().expected.end());
  EXPECT_EQ(got, want) << text;
  // PIN_DUMP=1 prints what was extracted as JSON, to update the table after an intended change.
  if (std::getenv("PIN_DUMP")) {
    std::string j = "[";
    for (const auto& g : got) j += nlohmann::json(g).dump() + ",";
    if (j.size() > 1) j.pop_back();
    std::printf("PIN %s]\n", j.c_str());
  }
}

INSTANTIATE_TEST_SUITE_P(
    Paragraphs, ExtractParagraphTest,
    ::testing::Values(
        ParagraphCase{
            "NORTHPORT, Valdoria (Wire) \u2014 Gunmen in two pickup trucks attacked a checkpoint "
            "on the coastal highway early on Tuesday, killing four soldiers and wounding six, the "
            "defence ministry said. Troops returned fire and the attackers fled toward the hills. "
            "Three police officers and two gunmen were killed in a separate shootout in Port Amsel "
            "on Monday night, officials said. The governor did not rule out further attacks. "
            "Prices at the fish market rose 12 percent in September.",
            {"attacked armed_clash | Battles / Armed clash | two pickup trucks -> checkpoint | "
             "2019-10-15..2019-10-15 p1 sentence | deaths 4 | 0.85 asserted | date \"Tuesday\" | "
             "deaths 4..4 \"four\"",
             "shootout armed_clash | Battles / Armed clash |  ->  | 2019-10-14..2019-10-14 p1 "
             "sentence | deaths 5 | 0.90 asserted | date \"Monday night\" | deaths 5..5 \"Three "
             "police officers and two\""}},
        ParagraphCase{
            "Hundreds of farmers blocked the main road into Cedar Falls on Oct. 14 to protest "
            "against water cuts. Police fired tear gas and arrested 23 people, among them two "
            "journalists. \"We will not leave until the dam is opened,\" said a 61-year-old "
            "grower. The protest ended peacefully on Wednesday, and no one was injured.",
            {"protest protest | Protests / Peaceful protest |  -> water cuts | "
             "2019-10-14..2019-10-14 p1 sentence | deaths - | 0.85 asserted | date \"Oct. 14\"",
             "tear gas protest_intervention | Protests / Protest with intervention | Police fired "
             "->  | 2019-10-14..2019-10-14 p1 earlier_sentence | deaths - | 0.75 asserted | date "
             "\"Oct. 14\"",
             "protest protest | Protests / Peaceful protest |  ->  | 2019-10-16..2019-10-16 p1 "
             "sentence | deaths - | 0.85 asserted | date \"Wednesday\""}},
        ParagraphCase{
            "A car bomb exploded outside a hotel in the old town last week, killing at least 17 "
            "people, including five children, and injuring more than 40 others. No group claimed "
            "responsibility. Two days later, militants ambushed a convoy near Tarsen and abducted "
            "three aid workers. The bodies of two men were found in a ditch on Sunday.",
            {"car bomb explosion | Explosions/Remote violence / Remote explosive/landmine/IED |  "
             "->  | 2019-10-07..2019-10-13 p3 sentence | deaths - | 0.90 asserted | date \"last "
             "week\"",
             "injuring wounding | Violence against civilians / Attack |  -> more | "
             "2019-10-07..2019-10-13 p3 sentence | deaths 17 | 0.70 asserted | date \"last week\" "
             "| deaths 17..-1 \"at least 17\"",
             "ambushed armed_clash | Battles / Armed clash | militants -> convoy | "
             "2019-10-07..2019-10-13 p3 earlier_sentence | deaths - | 0.90 asserted | date \"last "
             "week\"",
             "bodies body_found | Violence against civilians / Attack |  ->  | "
             "2019-10-13..2019-10-13 p1 sentence | deaths 2 | 0.60 asserted | date \"Sunday\" | "
             "deaths 2..2 \"two\""}},
        ParagraphCase{
            "Rebels said they had recaptured the town of Ibrel after heavy fighting with "
            "government forces, which lasted three days. The army denied the claim and said its "
            "aircraft bombed rebel positions on Saturday. At least 30 fighters died, according to "
            "a monitoring group, but the toll could not be verified.",
            {"fighting armed_clash | Battles / Armed clash |  ->  | 2019-10-16..2019-10-18 p2 "
             "document | deaths - | 0.60 asserted | date \"-\"",
             "bombed explosion | Explosions/Remote violence / Remote explosive/landmine/IED | its "
             "aircraft -> rebel positions | 2019-10-12..2019-10-12 p1 sentence | deaths - | 0.85 "
             "asserted | date \"Saturday\"",
             "died armed_clash | Battles / Armed clash |  -> least 30 fighters | "
             "2019-10-12..2019-10-12 p1 earlier_sentence | deaths 30 | 0.60 asserted | date "
             "\"Saturday\" | deaths 30..-1 \"At least 30\""}},
        ParagraphCase{
            "Armed men stormed a village school on Thursday and set fire to two classrooms. Nobody "
            "died. The education minister, speaking at a press conference in the capital, vowed to "
            "rebuild the school by January. Separately, a court sentenced a former mayor to 12 "
            "years in prison for corruption on 3 October 2019.",
            {"stormed attack | Violence against civilians / Attack | Armed men -> village school "
             "| 2019-10-17..2019-10-17 p1 sentence | deaths - | 0.80 asserted | date \"Thursday\"",
             "press conference press_statement |  /  |  ->  | 2019-01-01..2019-01-31 p4 sentence "
             "| deaths - | 0.80 asserted | date \"January\"",
             "sentenced legal_action |  /  | court -> former mayor | 2019-10-03..2019-10-03 p1 "
             "sentence | deaths - | 0.70 asserted | date \"3 October 2019\""}}));

TEST(ExtractEvents, NoDocumentDateLeavesUndatedEventsUndated) {
  const std::string text = "Rioters torched a bank.";
  const auto events = extract_events(text, std::nullopt);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].date_source, DateSource::kNone);
  EXPECT_FALSE(events[0].date_start.has_value());
  EXPECT_EQ(events[0].date_precision, 0);
}

// Found by the text_pipeline fuzz target: the fallback window reached before year 0.
TEST(ExtractEvents, NoFallbackWindowBeforeYearZero) {
  const auto events = extract_events("Rioters torched a bank.", CivilDate{0, 1, 1});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].date_source, DateSource::kNone);
  EXPECT_FALSE(events[0].date_start.has_value());
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
