#include "src/resolve/fine_place.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "tests/marked_text.h"

namespace incidentmap {
namespace {

struct FineCase {
  std::string marked;        // the text with the mention between "[[" and "]]"
  char feature_class;        // of the resolved place; 0 when unresolved
  std::string feature_code;  // of the resolved place
  bool fine;
  friend void PrintTo(const FineCase& c, std::ostream* os) { *os << c.marked; }
};

class FinePlaceTable : public ::testing::TestWithParam<FineCase> {};

TEST_P(FinePlaceTable, TellsStreetsBuildingsAndRiversFromSettlements) {
  const FineCase& c = GetParam();
  const testing::MarkedText m = testing::parse_marked(c.marked);
  EXPECT_EQ(is_fine_place(m.text, m.begin, m.end, c.feature_class, c.feature_code), c.fine);
}

INSTANTIATE_TEST_SUITE_P(
    Table, FinePlaceTable,
    ::testing::Values(
        // By the resolved entry's class or code.
        FineCase{"he landed at [[Kestrel]] yesterday.", 'S', "AIRP", true},
        FineCase{"the [[Varna Highway]] was shut.", 'R', "RD", true},
        FineCase{"floods along the [[Tarn]] yesterday.", 'H', "STM", true},
        FineCase{"a boat on [[Lake Ohrid]] sank.", 'H', "LK", false},
        FineCase{"the [[Panama Canal]] was shut.", 'H', "CNL", false},
        // By the type word at the end of the name, when it is unresolved or no settlement.
        FineCase{"a stall on [[Camac Street]] sold it.", 0, "", true},
        FineCase{"residents flocked to [[Mahim Creek]] at dawn.", 0, "", true},
        FineCase{"residents flocked to [[Mahim Creek]] at dawn.", 'T', "HLL", true},
        FineCase{"a suburb, [[Eastern Creek]], voted.", 'P', "PPLX", false},
        FineCase{"a company in [[Oak Brook]] said.", 'P', "PPL", false},
        // A lower-case river word after the name; other type words after it name the town's.
        FineCase{"the bank of the [[Tarn]] river flooded.", 0, "", true},
        FineCase{"she died in a [[Lyon]] hospital.", 'P', "PPLA", false},
        FineCase{"caught at [[Bali]] airport on Monday.", 'T', "ISL", false},
        FineCase{"Clashes broke out in [[Culiacan]] on Thursday.", 'P', "PPLA", false}));

}  // namespace
}  // namespace incidentmap
