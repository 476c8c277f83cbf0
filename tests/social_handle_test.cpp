#include "src/recognize/social_handle.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "tests/marked_text.h"

namespace incidentmap {
namespace {

struct HandleCase {
  std::string marked;  // the text with the name between "[[" and "]]"
  bool inside;
  friend void PrintTo(const HandleCase& c, std::ostream* os) { *os << c.marked; }
};

class SocialHandleTable : public ::testing::TestWithParam<HandleCase> {};

TEST_P(SocialHandleTable, FindsTheUserName) {
  const HandleCase& c = GetParam();
  const testing::MarkedText m = testing::parse_marked(c.marked);
  EXPECT_EQ(inside_social_handle(m.text, m.begin), c.inside);
}

INSTANTIATE_TEST_SUITE_P(
    Table, SocialHandleTable,
    ::testing::Values(HandleCase{"RT @[[Pella]]: rain again", true},
                      HandleCase{"RT @Lena_[[Dunmore]]: rain again", true},
                      HandleCase{"cc @News4_[[Pella]]_ tonight", true},
                      HandleCase{"thanks @the_club_in_[[Pella]]", true},
                      // An e-mail address's domain is no mention either.
                      HandleCase{"mail lena@[[Pella]].org", true},
                      // Not after "@": a plain name, a hashtag.
                      HandleCase{"Rain in [[Pella]] again", false},
                      HandleCase{"#Lena_[[Dunmore]] trends", false},
                      HandleCase{"Rain. [[Pella]] floods", false},
                      // Longer than any user name: text run together, not a handle.
                      HandleCase{"@abcdefghijklmnop_[[Pella]] said", false},
                      HandleCase{"[[Pella]]", false}));

}  // namespace
}  // namespace incidentmap
