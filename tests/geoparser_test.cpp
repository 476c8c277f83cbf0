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
                      GapCase{" is a town near ", false}, GapCase{"", false}),
    [](const auto& param_info) { return "case" + std::to_string(param_info.index); });

}  // namespace
}  // namespace incidentmap
