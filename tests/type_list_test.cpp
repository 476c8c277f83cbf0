#include "src/recognize/type_list.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "tests/marked_text.h"

namespace incidentmap {
namespace {

struct ListCase {
  // The text with the name between "[[" and "]]".
  std::string marked;
  std::string expected;  // singular type word, "" when none
  friend void PrintTo(const ListCase& c, std::ostream* os) { *os << c.marked; }
};

class TypeListTable : public ::testing::TestWithParam<ListCase> {};

TEST_P(TypeListTable, FindsThePluralTypeThatClosesTheList) {
  const ListCase& c = GetParam();
  const testing::MarkedText m = testing::parse_marked(c.marked);
  EXPECT_EQ(type_closing_list(m.text, m.begin, m.end), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, TypeListTable,
    ::testing::Values(
        // Every name of a list, first, middle and last, with each kind of separator.
        ListCase{"Snow closed roads in [[Pardee]], Orlin and Waverly counties.", "county"},
        ListCase{"Snow closed roads in Pardee, [[Orlin]] and Waverly counties.", "county"},
        ListCase{"Snow closed roads in Pardee, Orlin and [[Waverly]] counties.", "county"},
        ListCase{"in [[Pardee]], Orlin, or Waverly counties", "county"},
        ListCase{"in Pardee or [[Glen Orlin]] parishes today", "parish"},
        ListCase{"in [[Pardee]] and Glen St. Orlin townships", "township"},
        ListCase{"in [[Pardee]] and Orlin districts", "district"},
        ListCase{"in [[Pardee]] and Orlin boroughs", "borough"},
        // A name alone before the plural: the areas inside it.
        ListCase{"the middle of [[Indiana]] counties", ""},
        // No plural type, a lower-case word in the list, or a longer word than the type.
        ListCase{"in [[Pardee]], Orlin and Waverly today.", ""},
        ListCase{"in [[Pardee]], the Orlin and Waverly counties", ""},
        ListCase{"in [[Pardee]] and Orlin countiesque", ""},
        ListCase{"in [[Pardee]] and Orlin counties", "county"},
        ListCase{"[[Pardee]] and Orlin Counties", ""},
        // A singular type word is read by the recogniser, not here.
        ListCase{"in [[Pardee]] County and Orlin County", ""}));

TEST(TypeList, RejectsOffsetsOutsideTheText) {
  EXPECT_EQ(type_closing_list("Pardee and Orlin counties", 0, 99), "");
  EXPECT_EQ(type_closing_list("Pardee and Orlin counties", 5, 2), "");
}

}  // namespace
}  // namespace incidentmap
