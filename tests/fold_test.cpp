#include "gazetteer/fold.h"

#include <gtest/gtest.h>

namespace incidentmap::gaz {
namespace {

struct FoldCase {
  const char* input;
  const char* folded;
};

class FoldNameTest : public ::testing::TestWithParam<FoldCase> {};

TEST_P(FoldNameTest, Folds) { EXPECT_EQ(fold_name(GetParam().input), GetParam().folded); }

INSTANTIATE_TEST_SUITE_P(
    Table, FoldNameTest,
    ::testing::Values(
        FoldCase{"Culiacán", "culiacan"}, FoldCase{"CULIACAN", "culiacan"}, FoldCase{"U.S.", "us"},
        FoldCase{"US", "us"}, FoldCase{"D.C.", "dc"}, FoldCase{"Winston-Salem", "winston salem"},
        FoldCase{"Côte d'Ivoire", "cote divoire"}, FoldCase{"Côte d’Ivoire", "cote divoire"},
        FoldCase{"  São   Paulo ", "sao paulo"}, FoldCase{"Straße", "strasse"},
        FoldCase{"Ciudad de México", "ciudad de mexico"}, FoldCase{"Nuevo León", "nuevo leon"},
        FoldCase{"Łódź", "lodz"}, FoldCase{"Tromsø", "tromso"}, FoldCase{"Ａｂｃ", "abc"},
        FoldCase{"Москва", "москва"}, FoldCase{"(Sinaloa)", "sinaloa"}, FoldCase{"—", ""},
        FoldCase{"", ""}));

TEST(FoldTokens, MatchesWholeNameFolding) {
  const std::vector<std::string> tokens = fold_tokens("Ciudad de México, D.F.");
  EXPECT_EQ(tokens, (std::vector<std::string>{"ciudad", "de", "mexico", "df"}));
  std::string joined;
  for (const char* t : {"Ciudad", "de", "México"}) {
    if (!joined.empty()) joined += ' ';
    append_folded_token(t, joined);
  }
  EXPECT_EQ(joined, fold_name("Ciudad de México"));
}

TEST(TokenChars, SeparateOnPunctuationButNotJoiners) {
  EXPECT_TRUE(is_token_char(U'a'));
  EXPECT_TRUE(is_token_char(U'é'));
  EXPECT_TRUE(is_token_char(U'.'));
  EXPECT_TRUE(is_token_char(U'’'));
  EXPECT_FALSE(is_token_char(U'-'));
  EXPECT_FALSE(is_token_char(U','));
  EXPECT_FALSE(is_token_char(U' '));
  EXPECT_FALSE(is_token_char(U'—'));
}

}  // namespace
}  // namespace incidentmap::gaz
