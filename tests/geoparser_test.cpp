#include "src/pipeline/geoparser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace incidentmap {
namespace {

// The text between two place mentions, and whether it makes the second the first's container.
struct GapCase {
  std::string gap;
  bool container;
};

class ContainerGapTest : public ::testing::TestWithParam<GapCase> {};

TEST_P(ContainerGapTest, SaysWhetherTheNextPlaceHoldsThisOne) {
  EXPECT_EQ(container_gap(GetParam().gap), GetParam().container) << "'" << GetParam().gap << "'";
}

INSTANTIATE_TEST_SUITE_P(
    Table, ContainerGapTest,
    ::testing::Values(GapCase{", ", true}, GapCase{",", true}, GapCase{" is a town in ", true},
                      GapCase{" is an unincorporated community in western ", true},
                      GapCase{", a fishing village in the ", true},
                      GapCase{" was a small mining settlement of ", true},
                      GapCase{" is the capital of ", true},
                      GapCase{" is a census-designated place (CDP) in ", true},
                      // No kind of place is said, or the sentence ends between them.
                      GapCase{" is a friend of ", false}, GapCase{" is a town. In ", false},
                      GapCase{" and ", false}, GapCase{" to ", false},
                      GapCase{" is a town near ", false}, GapCase{"", false},
                      // Case does not matter; a sentence end after the opening still does.
                      GapCase{" IS A Town In ", true}, GapCase{", a town. In the ", false}),
    [](const auto& param_info) { return "case" + std::to_string(param_info.index); });

// A text with its place name in [brackets], and the type the words around it give that place.
struct HintCase {
  std::string text;
  PlaceTypeHint hint;
};

class TypeHintTest : public ::testing::TestWithParam<HintCase> {};

TEST_P(TypeHintTest, ReadsTheTypeWordNextToTheName) {
  std::string text = GetParam().text;
  const std::size_t begin = text.find('[');
  text.erase(begin, 1);
  const std::size_t end = text.find(']');
  text.erase(end, 1);
  EXPECT_EQ(
      type_hint_near(text, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)),
      GetParam().hint)
      << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Table, TypeHintTest,
    ::testing::Values(HintCase{"troops in [Norland] state", PlaceTypeHint::kFirstLevel},
                      HintCase{"the state of [Norland] said", PlaceTypeHint::kFirstLevel},
                      HintCase{"the town of [Brill] voted", PlaceTypeHint::kPopulated},
                      // The type word belongs to the name after "of", not to this one.
                      HintCase{"the [Norland] town of Brill voted", PlaceTypeHint::kNone},
                      HintCase{"the [Norland] city council", PlaceTypeHint::kPopulated},
                      HintCase{"rain in [Brill] today", PlaceTypeHint::kNone},
                      HintCase{"troops in [Norland] STATE", PlaceTypeHint::kFirstLevel},
                      HintCase{"inmates of [Brill] Penitentiary", PlaceTypeHint::kFacility},
                      // Longer than any type word, or a type word's stem only.
                      HintCase{"the [Norland] Governorates", PlaceTypeHint::kNone},
                      HintCase{"[Brill] Penitentiar", PlaceTypeHint::kNone},
                      // A word of a type word's length and first letter that is none, digits,
                      // and the shortest type words.
                      HintCase{"[Brill] sex", PlaceTypeHint::kNone},
                      HintCase{"[Brill] 2024", PlaceTypeHint::kNone},
                      HintCase{"the [Norland] Sea", PlaceTypeHint::kWater},
                      HintCase{"[Brill] bay", PlaceTypeHint::kWater}),
    [](const auto& param_info) { return "case" + std::to_string(param_info.index); });

// A document's mentions as "name" or "name/d" (a demonym), and for each the index of the first
// mention with the same name and flag.
struct FirstCase {
  std::vector<std::string> mentions;
  std::vector<std::uint32_t> first;
};

class FirstOccurrenceTest : public ::testing::TestWithParam<FirstCase> {};

TEST_P(FirstOccurrenceTest, FindsTheFirstMentionOfEachName) {
  FirstOccurrence table;
  // Twice, so that the second document reuses the table of the first.
  for (int round = 0; round < 2; ++round) {
    table.reset(GetParam().mentions.size());
    std::vector<std::string> keys;
    std::vector<bool> flags;
    for (const std::string& m : GetParam().mentions) {
      flags.push_back(m.ends_with("/d"));
      keys.push_back(flags.back() ? m.substr(0, m.size() - 2) : m);
    }
    std::vector<std::uint32_t> first;
    for (std::size_t i = 0; i < keys.size(); ++i)
      first.push_back(table.first(keys[i], flags[i], static_cast<std::uint32_t>(i)));
    EXPECT_EQ(first, GetParam().first);
  }
}

FirstCase many_names() {
  // More names than reset() was told of: the table grows and keeps what it had.
  FirstCase c;
  for (int i = 0; i < 40; ++i) {
    c.mentions.push_back("place" + std::to_string(i % 25));
    c.first.push_back(static_cast<std::uint32_t>(i % 25));
  }
  return c;
}

INSTANTIATE_TEST_SUITE_P(
    Table, FirstOccurrenceTest,
    ::testing::Values(FirstCase{{}, {}}, FirstCase{{"brill"}, {0}},
                      FirstCase{{"brill", "norland", "brill", "brill"}, {0, 1, 0, 0}},
                      // A demonym and a place of one spelling are different names.
                      FirstCase{{"norland/d", "norland", "norland/d", "norland"}, {0, 1, 0, 1}},
                      // The empty name is a name; case and spaces count.
                      FirstCase{{"", "a b", "", "ab", "A b", "a b"}, {0, 1, 0, 3, 4, 1}},
                      many_names()),
    [](const auto& param_info) { return "case" + std::to_string(param_info.index); });

}  // namespace
}  // namespace incidentmap
