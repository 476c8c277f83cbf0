#include "src/incidents/incident_merge.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace incidentmap {
namespace {

// A compact event: document, date, place (id, lon, lat, precision, admin1), type and toll.
EventRecord event(const std::string& doc, int index, const char* date, std::int64_t place_id,
                  geo::LonLat where, int geo_precision, const char* kind = "armed_clash",
                  std::optional<int> fatalities = std::nullopt, int date_precision = 1) {
  EventRecord e;
  e.doc_id = doc;
  e.event_index = index;
  e.source = "Outlet " + doc;
  e.doc_date = parse_iso_date(date);
  e.event_kind = kind;
  const std::string k = kind;
  // "press_statement" stands for the kinds ACLED does not code: no type at all.
  e.event_type = k == "armed_clash"       ? "Battles"
                 : k == "attack"          ? "Violence against civilians"
                 : k == "protest"         ? "Protests"
                 : k == "press_statement" ? ""
                                          : "Strategic developments";
  e.sub_event_type = k == "armed_clash"       ? "Armed clash"
                     : k == "attack"          ? "Attack"
                     : k == "protest"         ? "Peaceful protest"
                     : k == "press_statement" ? ""
                                              : "Other";
  e.date_start = parse_iso_date(date);
  e.date_end = e.date_start;
  e.date_precision = date_precision;
  if (date_precision == 5) {
    e.date_start = CivilDate{e.date_start->year, 1, 1};
    e.date_end = CivilDate{e.date_start->year, 12, 31};
  }
  e.geonameid = place_id;
  e.position = where;
  e.geo_precision = geo_precision;
  e.country_code = "MX";
  e.admin1 = "Sonora";
  e.fatalities = fatalities;
  e.confidence = 0.6;
  return e;
}

// `e` with the gazetteer name `name` for its place.
EventRecord named(EventRecord e, const char* name) {
  e.place_name = name;
  return e;
}

const geo::LonLat kHermosillo{-110.9613, 29.1026};
const geo::LonLat kHermosilloEast{-110.85, 29.08};  // 11 km away
const geo::LonLat kGuaymas{-110.8989, 27.9179};     // 130 km away
const geo::LonLat kSonoraLabel{-110.49, 29.53};

struct MergeCase {
  const char* name;
  std::vector<EventRecord> records;
  std::vector<std::size_t> expected_sizes;  // incident sizes, in output order
};

class MergeTableTest : public ::testing::TestWithParam<MergeCase> {};

TEST_P(MergeTableTest, GroupsAsExpectedWhateverTheOrder) {
  const MergeCase& c = GetParam();
  std::vector<EventRecord> shuffled = c.records;
  std::mt19937 rng(7);
  for (int round = 0; round < 5; ++round) {
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    const auto incidents = merge_events(shuffled);
    std::vector<std::size_t> sizes;
    for (const Incident& i : incidents) sizes.push_back(i.events.size());
    EXPECT_EQ(sizes, c.expected_sizes) << c.name << " round " << round;
    const auto again = merge_events(c.records);
    ASSERT_EQ(again.size(), incidents.size());
    for (std::size_t i = 0; i < again.size(); ++i)
      EXPECT_EQ(again[i].incident_id, incidents[i].incident_id) << c.name;
  }
}

// The case's records, again under another country with other place ids (a separate group),
// and again with no country but the same place ids (joined to the first group through them),
// merged on 1, 2 and 3 threads: the same incidents in the same order every time.
TEST_P(MergeTableTest, SameIncidentsOnAnyThreadCount) {
  const MergeCase& c = GetParam();
  std::vector<EventRecord> records;
  for (const char* country : {"MX", "GT", ""}) {
    for (EventRecord e : c.records) {
      e.doc_id += country;
      e.country_code = country;
      if (e.country_code == "GT" && e.geonameid != 0) e.geonameid += 1000;
      records.push_back(std::move(e));
    }
  }
  std::vector<std::string> expected;
  for (const int threads : {1, 2, 3}) {
    MergeOptions options;
    options.threads = threads;
    std::vector<std::string> ids;
    std::size_t separate = 0;
    for (const Incident& i : merge_events(records, options)) {
      ids.push_back(i.incident_id);
      if (i.place_event().country_code == "GT") ++separate;
    }
    EXPECT_EQ(separate, c.expected_sizes.size()) << c.name << " on " << threads << " threads";
    if (threads == 1) expected = ids;
    EXPECT_EQ(ids, expected) << c.name << " on " << threads << " threads";
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, MergeTableTest,
    ::testing::Values(
        MergeCase{"three outlets, one clash, dates a day apart",
                  {event("a", 0, "2021-06-03", 1, kHermosillo, 1),
                   event("b", 0, "2021-06-04", 1, kHermosillo, 1),
                   event("c", 0, "2021-06-03", 2, kHermosilloEast, 1)},
                  {3}},
        MergeCase{"same place, a week apart: two incidents",
                  {event("a", 0, "2021-06-03", 1, kHermosillo, 1),
                   event("b", 0, "2021-06-10", 1, kHermosillo, 1)},
                  {1, 1}},
        MergeCase{"same day, towns 130 km apart: two incidents",
                  {event("a", 0, "2021-06-03", 1, kHermosillo, 1),
                   event("b", 0, "2021-06-03", 3, kGuaymas, 1)},
                  {1, 1}},
        MergeCase{"a state-level report joins the town-level one in that state",
                  {event("a", 0, "2021-06-03", 1, kHermosillo, 1),
                   event("b", 0, "2021-06-03", 9, kSonoraLabel, 4)},
                  {2}},
        MergeCase{"different types at one place and day stay apart",
                  {event("a", 0, "2021-06-03", 1, kHermosillo, 1),
                   event("a", 1, "2021-06-03", 1, kHermosillo, 1, "protest")},
                  {1, 1}},
        MergeCase{"a year-precise event merges only at the very same place",
                  {event("a", 0, "2015-07-11", 5, kHermosillo, 1, "prison_escape", {}, 5),
                   event("b", 0, "2015-03-01", 5, kHermosillo, 1, "prison_escape", {}, 5),
                   event("c", 0, "2015-07-11", 6, kHermosilloEast, 1, "prison_escape", {}, 5)},
                  {2, 1}},
        MergeCase{"a battle and an attack at one place and day are one happening",
                  {event("a", 0, "2021-06-03", 1, kHermosillo, 1),
                   event("b", 0, "2021-06-03", 1, kHermosillo, 1, "attack")},
                  {2}},
        MergeCase{"one story naming its event twice gives one incident",
                  {event("a", 0, "2021-06-03", 1, kHermosillo, 1),
                   event("a", 1, "2021-06-03", 1, kHermosillo, 1)},
                  {2}},
        MergeCase{"a country-level report with the same toll joins the town-level one",
                  {event("a", 0, "2021-06-03", 1, kHermosillo, 1, "armed_clash", 13),
                   event("b", 0, "2021-06-03", 7, kSonoraLabel, 6, "armed_clash", 13)},
                  {2}},
        MergeCase{"a country-level report with another toll stays apart",
                  {event("a", 0, "2021-06-03", 1, kHermosillo, 1, "armed_clash", 13),
                   event("b", 0, "2021-06-03", 7, kSonoraLabel, 6, "armed_clash", 4)},
                  {1, 1}},
        MergeCase{"a shared toll of one or two dead is too common to merge on",
                  {event("a", 0, "2021-06-03", 1, kHermosillo, 1, "armed_clash", 2),
                   event("b", 0, "2021-06-03", 7, kSonoraLabel, 6, "armed_clash", 2)},
                  {1, 1}},
        MergeCase{"a story's arrest at its battle's place and day joins the battle",
                  {event("a", 0, "2021-06-03", 1, kHermosillo, 1),
                   event("a", 1, "2021-06-03", 2, kHermosilloEast, 1, "arrest")},
                  {2}},
        MergeCase{"a statement the next day about the same place joins the story's battle",
                  {event("a", 0, "2021-06-03", 1, kHermosillo, 1),
                   event("a", 1, "2021-06-04", 1, kHermosillo, 1, "press_statement")},
                  {2}},
        MergeCase{"a story's arrest in a town 130 km away stays apart",
                  {event("a", 0, "2021-06-03", 1, kHermosillo, 1),
                   event("a", 1, "2021-06-03", 3, kGuaymas, 1, "arrest")},
                  {1, 1}},
        MergeCase{"a story's statement a week later stays apart",
                  {event("a", 0, "2021-06-03", 1, kHermosillo, 1),
                   event("a", 1, "2021-06-10", 1, kHermosillo, 1, "press_statement")},
                  {1, 1}},
        MergeCase{"another document's arrest does not join the battle",
                  {event("a", 0, "2021-06-03", 1, kHermosillo, 1),
                   event("b", 0, "2021-06-03", 1, kHermosillo, 1, "arrest")},
                  {1, 1}},
        MergeCase{"a satellite comes along when its battle merges with another outlet's",
                  {event("a", 0, "2021-06-03", 1, kHermosillo, 1),
                   event("a", 1, "2021-06-03", 1, kHermosillo, 1, "arrest"),
                   event("b", 0, "2021-06-03", 1, kHermosillo, 1)},
                  {3}},
        MergeCase{"a story's release and statement at one place and day are one incident",
                  {event("a", 0, "2021-06-03", 1, kHermosillo, 1, "release"),
                   event("a", 1, "2021-06-03", 1, kHermosillo, 1, "press_statement")},
                  {2}},
        MergeCase{"a state-level report joins the town-level incident with its toll",
                  {event("a", 0, "2021-06-03", 1, kHermosillo, 1, "attack", 2),
                   event("b", 0, "2021-06-03", 3, kGuaymas, 1, "attack", 6),
                   event("c", 0, "2021-06-03", 9, kSonoraLabel, 4, "attack", 6)},
                  {1, 2}},
        MergeCase{"a state-level report joins the town-level incident with the closest toll",
                  {event("a", 0, "2021-06-03", 1, kHermosillo, 1, "attack", 3),
                   event("b", 0, "2021-06-03", 3, kGuaymas, 1, "attack", 11),
                   event("c", 0, "2021-06-03", 9, kSonoraLabel, 4, "attack", 12)},
                  {1, 2}},
        MergeCase{"a town named like its state may be the state's report",
                  {event("a", 0, "2021-06-03", 3, kGuaymas, 1),
                   named(event("b", 0, "2021-06-03", 4, kHermosillo, 1), "Sonora")},
                  {2}},
        MergeCase{"a country-level toll within a quarter of the town's joins it",
                  {event("a", 0, "2021-06-03", 1, kHermosillo, 1, "armed_clash", 10),
                   event("b", 0, "2021-06-04", 7, kSonoraLabel, 6, "armed_clash", 12)},
                  {2}},
        MergeCase{"a country-level toll a third higher stays apart",
                  {event("a", 0, "2021-06-03", 1, kHermosillo, 1, "armed_clash", 9),
                   event("b", 0, "2021-06-03", 7, kSonoraLabel, 6, "armed_clash", 12)},
                  {1, 1}},
        MergeCase{"the same record read twice counts once",
                  {event("a", 0, "2021-06-03", 1, kHermosillo, 1),
                   event("a", 0, "2021-06-03", 1, kHermosillo, 1)},
                  {1}}),
    [](const auto& param_info) { return "case" + std::to_string(param_info.index); });

TEST(MergeEvents, KeepsEachSourceFigureAndTheRange) {
  auto a = event("a", 0, "2021-06-03", 1, kHermosillo, 1, "armed_clash", 7);
  auto b = event("b", 0, "2021-06-03", 1, kHermosillo, 1, "armed_clash", 8);
  b.fatalities_min = 8;  // "at least eight"
  auto c = event("c", 0, "2021-06-04", 2, kHermosilloEast, 2, "armed_clash", 13);
  auto d = event("c", 1, "2021-06-04", 1, kHermosillo, 1, "armed_clash", 5);
  const auto incidents = merge_events({a, b, c, d});
  ASSERT_EQ(incidents.size(), 1u);
  const Incident& i = incidents[0];
  ASSERT_EQ(i.sources.size(), 3u);
  EXPECT_EQ(i.sources[0].doc_id, "a");
  EXPECT_EQ(i.sources[0].fatalities, 7);
  EXPECT_EQ(i.sources[2].fatalities, 13);  // a source's own highest figure
  EXPECT_EQ(i.fatalities, 13);
  EXPECT_EQ(i.fatalities_min, 7);  // the lowest source figure, not a superseded one
  EXPECT_EQ(i.fatalities_max, 13);
  EXPECT_EQ(i.place_event().geo_precision, 1);
  EXPECT_NEAR(i.confidence, 1.0 - 0.4 * 0.4 * 0.4, 1e-12);
  EXPECT_EQ(i.incident_id.size(), 20u);
  EXPECT_EQ(i.incident_id.rfind("inc-", 0), 0u);
}

TEST(MergeEvents, ViolenceTakesTheHighestRankedType) {
  const auto incidents = merge_events({event("a", 0, "2021-06-03", 1, kHermosillo, 1, "attack", 7),
                                       event("b", 0, "2021-06-03", 1, kHermosillo, 1)});
  ASSERT_EQ(incidents.size(), 1u);
  EXPECT_EQ(incidents[0].event_type, "Battles");
  EXPECT_EQ(incidents[0].sub_event_type, "Armed clash");
  EXPECT_EQ(incidents[0].event_kind, "armed_clash");
  EXPECT_EQ(incidents[0].fatalities, 7);
}

TEST(MergeEvents, SatellitesLeaveTheTypeToTheMostSevereMember) {
  auto arrest = event("a", 0, "2021-06-03", 1, kHermosillo, 1, "arrest");
  arrest.confidence = 0.9;
  const auto battle =
      merge_events({arrest, event("a", 1, "2021-06-03", 1, kHermosillo, 1),
                    event("a", 2, "2021-06-03", 1, kHermosillo, 1, "press_statement")});
  ASSERT_EQ(battle.size(), 1u);
  EXPECT_EQ(battle[0].event_type, "Battles");
  EXPECT_EQ(battle[0].event_kind, "armed_clash");
  EXPECT_EQ(battle[0].events.size(), 3u);
  const auto strategic =
      merge_events({event("a", 0, "2021-06-03", 1, kHermosillo, 1, "press_statement"),
                    event("a", 1, "2021-06-03", 1, kHermosillo, 1, "release")});
  ASSERT_EQ(strategic.size(), 1u);
  EXPECT_EQ(strategic[0].event_type, "Strategic developments");
  EXPECT_EQ(strategic[0].event_kind, "release");
}

TEST(MergeEvents, UndatedEventsMergeOnlyWithinTheirDocument) {
  auto a = event("a", 0, "2021-06-03", 1, kHermosillo, 1);
  auto b = event("b", 0, "2021-06-03", 1, kHermosillo, 1);
  a.date_start = a.date_end = b.date_start = b.date_end = std::nullopt;
  EXPECT_FALSE(events_compatible(a, b, {}));
  auto a2 = a;
  a2.event_index = 1;
  EXPECT_TRUE(events_compatible(a, a2, {}));
}

}  // namespace
}  // namespace incidentmap
