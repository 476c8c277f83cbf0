#include "src/events/actors.h"

#include <gtest/gtest.h>

#include <string>

#include "src/events/dates.h"

namespace incidentmap {
namespace {

// The actors of the trigger whose text is `trigger`.
struct ActorCase {
  const char* sentence;
  const char* trigger;
  const char* actor1;  // "" = none
  const char* actor2;
};

class FindActorsTest : public ::testing::TestWithParam<ActorCase> {};

TEST_P(FindActorsTest, FindsBothSides) {
  const ActorCase& c = GetParam();
  const std::string s = c.sentence;
  const auto tokens = tokenize_for_events(s, {0, s.size()});
  const auto triggers = find_triggers(s, tokens);
  std::size_t index = triggers.size();
  for (std::size_t i = 0; i < triggers.size(); ++i)
    if (s.substr(triggers[i].span.begin, triggers[i].span.size()) == c.trigger) index = i;
  ASSERT_LT(index, triggers.size()) << s;
  // Date expressions are neither actors nor part of them.
  std::vector<ByteSpan> dates;
  for (const DateMention& d : find_dates(s, tokens, CivilDate{2019, 10, 18}))
    dates.push_back(d.span);
  const Actors a = find_actors(tokens, triggers, index, dates);
  auto text = [&](const std::optional<ByteSpan>& span) {
    return span ? s.substr(span->begin, span->size()) : std::string();
  };
  EXPECT_EQ(text(a.actor1), c.actor1) << s;
  EXPECT_EQ(text(a.actor2), c.actor2) << s;
}

INSTANTIATE_TEST_SUITE_P(
    Table, FindActorsTest,
    ::testing::Values(ActorCase{"Armed men attacked a police patrol in the hills.", "attacked",
                                "Armed men", "police patrol"},
                      ActorCase{"Police said the gunmen opened fire on a family.", "opened fire",
                                "gunmen", "family"},
                      ActorCase{"Three farmers were killed by soldiers near the river.", "killed",
                                "soldiers", "Three farmers"},
                      ActorCase{"A shootout between marines and cartel gunmen left two dead.",
                                "shootout", "marines", "cartel gunmen"},
                      ActorCase{"Rival gangs clashed with federal police.", "clashed",
                                "Rival gangs", "federal police"},
                      ActorCase{"Five killed in attack on a bar.", "attack", "", "bar"},
                      ActorCase{"The army on Tuesday arrested the town's mayor.", "arrested",
                                "army", "town's mayor"},
                      ActorCase{"They kidnapped two engineers.", "kidnapped", "",
                                "two engineers"}));

}  // namespace
}  // namespace incidentmap
