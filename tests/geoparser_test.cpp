#include "src/pipeline/geoparser.h"

#include <gtest/gtest.h>

#include <string>

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
                      HintCase{"[Brill] Penitentiar", PlaceTypeHint::kNone}),
    [](const auto& param_info) { return "case" + std::to_string(param_info.index); });

}  // namespace
}  // namespace incidentmap
