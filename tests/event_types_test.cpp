#include "src/events/event_types.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace incidentmap {
namespace {

TEST(EventKindTable, IsInEnumOrderWithUniqueIdsAndValidAcledPairs) {
  std::set<std::string_view> ids;
  std::size_t i = 0;
  for (const EventKindInfo& row : event_kind_table()) {
    EXPECT_EQ(static_cast<std::size_t>(row.kind), i++) << row.id;
    EXPECT_TRUE(ids.insert(row.id).second) << row.id;
    EXPECT_EQ(event_kind_from_id(row.id), row.kind);
    if (row.acled_event_type.empty()) {
      EXPECT_TRUE(row.acled_sub_event_type.empty()) << row.id;
      continue;
    }
    bool known = false;
    for (const auto& [type, sub] : acled_categories())
      known = known || (type == row.acled_event_type && sub == row.acled_sub_event_type);
    EXPECT_TRUE(known) << row.id;
  }
  EXPECT_EQ(acled_categories().size(), 25u);
  EXPECT_FALSE(event_kind_from_id("no_such_kind").has_value());
}

struct MappingCase {
  EventKind kind;
  const char* id;
  const char* type;
  const char* sub;
};

class AcledMappingTest : public ::testing::TestWithParam<MappingCase> {};

TEST_P(AcledMappingTest, Maps) {
  const auto& info = event_kind_info(GetParam().kind);
  EXPECT_EQ(info.id, GetParam().id);
  EXPECT_EQ(info.acled_event_type, GetParam().type);
  EXPECT_EQ(info.acled_sub_event_type, GetParam().sub);
}

INSTANTIATE_TEST_SUITE_P(
    Table, AcledMappingTest,
    ::testing::Values(
        MappingCase{EventKind::kArmedClash, "armed_clash", "Battles", "Armed clash"},
        MappingCase{EventKind::kAbduction, "abduction", "Violence against civilians",
                    "Abduction/forced disappearance"},
        MappingCase{EventKind::kGrenade, "grenade_attack", "Explosions/Remote violence", "Grenade"},
        MappingCase{EventKind::kRoadBlockade, "road_blockade", "Protests", "Peaceful protest"},
        MappingCase{EventKind::kArson, "arson", "Strategic developments",
                    "Looting/property destruction"},
        MappingCase{EventKind::kArrest, "arrest", "Strategic developments", "Arrests"},
        MappingCase{EventKind::kPrisonEscape, "prison_escape", "Strategic developments", "Other"},
        MappingCase{EventKind::kPressStatement, "press_statement", "", ""}));

TEST(NamesArmedActor, RecognisesForcesAndGunmen) {
  EXPECT_TRUE(names_armed_actor("a police patrol"));
  EXPECT_TRUE(names_armed_actor("Navy Marines"));
  EXPECT_FALSE(names_armed_actor("a family of four"));
  EXPECT_FALSE(names_armed_actor(""));
}

}  // namespace
}  // namespace incidentmap
