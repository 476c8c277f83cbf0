#include "src/recognize/organisation_name.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "tests/marked_text.h"

namespace incidentmap {
namespace {

struct OrganisationCase {
  std::string marked;  // the text with the mention between "[[" and "]]"
  bool inside;
  friend void PrintTo(const OrganisationCase& c, std::ostream* os) { *os << c.marked; }
};

class OrganisationNameTable : public ::testing::TestWithParam<OrganisationCase> {};

TEST_P(OrganisationNameTable, FindsTheOrganisationAroundTheName) {
  const OrganisationCase& c = GetParam();
  const testing::MarkedText m = testing::parse_marked(c.marked);
  EXPECT_EQ(inside_organisation_name(m.text, m.begin, m.end), c.inside);
}

INSTANTIATE_TEST_SUITE_P(
    Table, OrganisationNameTable,
    ::testing::Values(
        // Organisation words after the name, capitalised words and joiners between.
        OrganisationCase{"crews of the [[Tarrant]] Fire and Rescue Service arrived.", true},
        OrganisationCase{"a study at [[Kenmore]] State University found.", true},
        OrganisationCase{"the [[Dorval]] Town Council voted on Monday.", true},
        OrganisationCase{"she told the [[Brantford]] Star on Monday.", true},
        OrganisationCase{"taken to [[Barnet]] General Hospital, north of the city.", true},
        // An area type word that names a body, then "of" and a name: a government department.
        OrganisationCase{"a study by the [[Vandor]] Department of Fisheries found.", true},
        OrganisationCase{"the [[Pella]] Department of Natural Resources tested.", true},
        OrganisationCase{"the [[Pella]] Department said.", false},
        // Before the name: "<Organisation> of", a direction word allowed between.
        OrganisationCase{"researchers at the University of [[Lisbon]] said.", true},
        OrganisationCase{"at the University of Northern [[Lisbon]] said.", true},
        OrganisationCase{"broadcast on Radio [[Tirana]] said.", true},
        // A government is the place as a metonym; "State of" and "Department" are area types.
        OrganisationCase{"the Health Ministry of [[Peru]] said.", false},
        OrganisationCase{"the [[Peru]] Health Ministry said.", false},
        OrganisationCase{"troops in the State of [[Oaxaca]] said.", false},
        // Abbreviations stand for the country.
        OrganisationCase{"the [[U.S.]] Army said.", false},
        OrganisationCase{"the [[UK]] Border Force said.", false},
        // No organisation word, a lower-case word, a sentence end or a possessive between.
        OrganisationCase{"fans of the [[Toronto]] Blue Jays cheered.", false},
        OrganisationCase{"[[Denver]] police said.", false},
        OrganisationCase{"He lives in [[Denver]]. Police said so.", false},
        OrganisationCase{"He landed at [[Moscow]]'s Central Airport.", false},
        OrganisationCase{"the [[Dorval]] Town Mayor Ann Lee said.", false},
        // In a title-case headline capitals mark no names.
        OrganisationCase{"Storm Hits [[Kenmore]] State University Campus\nText.", false},
        OrganisationCase{"Clashes broke out in [[Culiacan]] on Thursday.", false}));

}  // namespace
}  // namespace incidentmap
