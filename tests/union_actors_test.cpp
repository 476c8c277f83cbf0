#include "src/pipeline/union_actors.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "tests/marked_text.h"

namespace incidentmap {
namespace {

struct UnionCase {
  std::string marked;  // the text with the union's name between "[[" and "]]"
  bool inside;         // expected inside_union_context
  friend void PrintTo(const UnionCase& c, std::ostream* os) { *os << c.marked; }
};

class UnionContextTable : public ::testing::TestWithParam<UnionCase> {};

TEST_P(UnionContextTable, TellsTheTerritoryFromTheActor) {
  const UnionCase& c = GetParam();
  const testing::MarkedText m = testing::parse_marked(c.marked);
  EXPECT_EQ(inside_union_context(m.text, m.begin, m.end), c.inside);
}

INSTANTIATE_TEST_SUITE_P(
    Table, UnionContextTable,
    ::testing::Values(
        // The territory: something is in it, comes from or goes to it, joins or leaves it.
        UnionCase{"the fifth state in the [[Andean Pact]] to ban it.", true},
        UnionCase{"farms across [[Nordlund]] were closed.", true},
        UnionCase{"imports from the [[Nordlund Union]] fell.", true},
        UnionCase{"exports to [[Nordlund]] doubled.", true},
        UnionCase{"the members of the [[Nordlund Union]] met.", true},
        UnionCase{"Vandor joined the [[Nordlund Union]] in 1995.", true},
        UnionCase{"since leaving the [[Nordlund Union]] last year.", true},
        // The institutions: a subject, an owner, one of a list of organisations.
        UnionCase{"On Monday the [[Nordlund Union]] confirmed a case.", false},
        UnionCase{"[[Nordlund]] officials said so.", false},
        UnionCase{"the FAO and the [[Nordlund Union]] agreed to help.", false},
        UnionCase{"the [[Nordlund]] Monitoring Mission reported.", false},
        // "The" alone before the name, or nothing at all.
        UnionCase{"The [[Nordlund Union]] said no.", false},
        UnionCase{"[[Nordlund]] said no.", false},
        // Upper-case words are names, not prepositions.
        UnionCase{"Made In [[Nordlund]] is a label.", false}));

TEST(UnionContext, RejectsSpansOutsideTheText) {
  EXPECT_FALSE(inside_union_context("in EU", 3, 9));
  EXPECT_FALSE(inside_union_context("in EU", 5, 3));
}

}  // namespace
}  // namespace incidentmap
