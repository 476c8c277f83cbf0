#include "src/recognize/name_context.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <ostream>
#include <string>

#include "tests/marked_text.h"

namespace incidentmap {
namespace {

struct ContextCase {
  // The text with the mention between "[[" and "]]".
  std::string marked;
  bool after_place;
  NameContext expected;
  friend void PrintTo(const ContextCase& c, std::ostream* os) { *os << c.marked; }
};

class NameContextTable : public ::testing::TestWithParam<ContextCase> {};

TEST_P(NameContextTable, ReadsTheWordsAroundTheMention) {
  const ContextCase& c = GetParam();
  const testing::MarkedText m = testing::parse_marked(c.marked);
  EXPECT_EQ(name_context(m.text, m.begin, m.end, c.after_place), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, NameContextTable,
    ::testing::Values(
        // Relatives named after a kinship noun.
        ContextCase{"She lived with her husband [[Denver]] and two dogs.", false,
                    NameContext::kKinName},
        ContextCase{"He is survived by his daughter [[Florence]], 12.", false,
                    NameContext::kKinName},
        // ... not when the noun is capitalised, the name longer, or a word comes between.
        ContextCase{"The Sister [[Lakes]] festival opened.", false, NameContext::kNone},
        ContextCase{"His son [[New Haven]] resident Tom spoke.", false, NameContext::kNone},
        ContextCase{"A son of [[Dallas]] came home.", false, NameContext::kNone},
        // A title or occupation, the name, then a surname.
        ContextCase{"said Dr [[Lincoln]] Abernathy on Monday.", false, NameContext::kTitledName},
        ContextCase{"said Dr. [[Lincoln]] Abernathy on Monday.", false, NameContext::kTitledName},
        ContextCase{"a statement from economist [[Tyler]] Quarrington said.", false,
                    NameContext::kTitledName},
        // ... not when no surname follows, or the next word is a type or organisation word.
        ContextCase{"said economist [[Tyler]] on Monday.", false, NameContext::kNone},
        // An initial makes a person's name: middle initial and surname, or first initial.
        ContextCase{"survived by [[Dunmore]] K. Vasek; a daughter.", false,
                    NameContext::kInitialledName},
        ContextCase{"the driver, [[Pella]] T. Orcutt, 41, fled.", false,
                    NameContext::kInitialledName},
        ContextCase{"the son of R. [[Dunmore]] and his wife.", false, NameContext::kInitialledName},
        ContextCase{"(J. [[Pella]]) wrote the note.", false, NameContext::kInitialledName},
        // Abbreviated places: a short dotted word after the initial, a direction initial before,
        // a dotted name.
        ContextCase{"a man from [[Kelby]] W. Va. was held.", false, NameContext::kNone},
        ContextCase{"flights to S. [[Carolina]] resumed.", false, NameContext::kNone},
        ContextCase{"in Wood County, W. [[Va.]], on Monday.", false, NameContext::kNone},
        ContextCase{"the officer [[Dallas]] Police sent.", false, NameContext::kNone},
        ContextCase{"Governor [[Texas]] County voters.", false, NameContext::kNone},
        ContextCase{"a farmer from [[Fresno]] Valley.", false, NameContext::kNone},
        // A place inside an organisation's name.
        ContextCase{"was taken to the Royal [[Carlisle]] Hospital on Friday.", false,
                    NameContext::kInsideOrganisation},
        ContextCase{"funds, Heritage [[Salem]] Foundation said.", false,
                    NameContext::kInsideOrganisation},
        // ... not after a place, a direction word, a sentence end, or at a sentence start.
        ContextCase{"officers of the Boone [[Tulsa]] Police came.", true, NameContext::kNone},
        ContextCase{"arrested by South [[Bristol]] Police on Sunday.", false, NameContext::kNone},
        ContextCase{"taken to Northeast [[Vermont]] Medical Center for care.", false,
                    NameContext::kNone},
        ContextCase{"a meeting at Story. [[Salem]] School District said.", false,
                    NameContext::kNone},
        ContextCase{"Heritage [[Salem]] Foundation said it would help.", false, NameContext::kNone},
        // ... nor in a headline in title case.
        ContextCase{"Voters Back New Levy in Rural [[Salem]] School District\nText follows.", false,
                    NameContext::kNone},
        // Ordinary mentions.
        ContextCase{"Clashes broke out in [[Culiacan]] on Thursday.", false, NameContext::kNone},
        ContextCase{"[[Denver]] police said.", false, NameContext::kNone}));

}  // namespace
}  // namespace incidentmap
