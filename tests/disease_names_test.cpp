#include "src/recognize/disease_names.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>

namespace incidentmap {
namespace {

struct DiseaseCase {
  // The text with its mentions marked: "[[X]]" a town's name, "<<X>>" a first-level division's,
  // "{{X}}" a town's with a place type word next to it.
  std::string marked;
  std::string kept;  // surfaces of the mentions left, joined by '|'
  friend void PrintTo(const DiseaseCase& c, std::ostream* os) { *os << c.marked; }
};

// The plain text and its mentions, in order.
std::vector<Mention> parse(const std::string& marked, std::string& text) {
  std::vector<Mention> mentions;
  for (std::size_t i = 0; i < marked.size();) {
    const std::string open = marked.substr(i, 2);
    const std::string close = open == "[[" ? "]]" : open == "<<" ? ">>" : open == "{{" ? "}}" : "";
    if (close.empty()) {
      text += marked[i++];
      continue;
    }
    const std::size_t end = marked.find(close, i + 2);
    if (end == std::string::npos) throw std::invalid_argument("unclosed mark in: " + marked);
    Mention m;
    m.begin = static_cast<std::uint32_t>(text.size());
    m.surface = marked.substr(i + 2, end - i - 2);
    text += m.surface;
    m.end = static_cast<std::uint32_t>(text.size());
    m.info.candidates = 1;
    m.info.kinds = open == "<<" ? NameInfo::kAdmin | NameInfo::kAdmin1 : NameInfo::kPopulated;
    if (open == "{{") m.type_hint = kLexTypeSettlement;
    mentions.push_back(m);
    i = end + 2;
  }
  return mentions;
}

class DiseaseNamesTable : public ::testing::TestWithParam<DiseaseCase> {};

TEST_P(DiseaseNamesTable, DropsTheNamesTheTextGivesADisease) {
  const DiseaseCase& c = GetParam();
  std::string text;
  std::vector<Mention> mentions = parse(c.marked, text);
  const TokenizedText tokens = tokenize(text);
  drop_disease_namesakes(text, tokens, Lexicons::builtin(), mentions);
  std::string kept;
  for (const Mention& m : mentions) kept += (kept.empty() ? "" : "|") + m.surface;
  EXPECT_EQ(kept, c.kept);
}

INSTANTIATE_TEST_SUITE_P(
    Table, DiseaseNamesTable,
    ::testing::Values(
        // No disease named after a place: nothing changes.
        DiseaseCase{"Crews left [[Dunmore]] for [[Kelby]] at dawn.", "Dunmore|Kelby"},
        // Named before a disease word, the name alone or before a noun is the disease.
        DiseaseCase{"Tests found Ostrava virus in bats. The [[Ostrava]] outbreak grew.", ""},
        DiseaseCase{"A case of Dunmore fever. Ten cases of [[Dunmore]] were seen.", ""},
        DiseaseCase{"The Dunmore-Kelby virus spread. [[Dunmore-Kelby]] kills one in ten.", ""},
        // A closed-class word opening the sentence is no part of the name.
        DiseaseCase{"The Ostrava virus spread. [[Ostrava]] has no cure.", ""},
        // Only the whole name: "Kelby" alone is not "Dunmore-Kelby".
        DiseaseCase{"The Dunmore-Kelby virus spread to [[Kelby]] and [[Pella]].", "Kelby|Pella"},
        // A place's context keeps the place: a locative word, a type word, the division after
        // a comma, a prominent name.
        DiseaseCase{"Ostrava virus was found in [[Ostrava]] and near [[Pella]].", "Ostrava|Pella"},
        DiseaseCase{"Ostrava fever broke out. The {{Ostrava}} town hall shut.", "Ostrava"},
        DiseaseCase{"Lab monkeys carried Ostrava virus. [[Ostrava]], <<Vandor>> is quiet.",
                    "Ostrava|Vandor"},
        DiseaseCase{"Vandor encephalitis is rare. <<Vandor>> has few cases.", "Vandor"},
        // "of" and "with" go with diseases.
        DiseaseCase{"Ostrava virus: patients with [[Ostrava]] need care.", ""},
        // Upper-case disease words are part of a name ("Dunmore Fever Hospital").
        DiseaseCase{"the Dunmore Fever Hospital in [[Pella]]. [[Dunmore]] staff left.",
                    "Pella|Dunmore"}));

// The scan's table of lengths holds every word of the list.
TEST(DiseaseWords, FitTheScansTable) {
  for (std::string_view w : kDiseaseWords) {
    EXPECT_LT(w.size(), 16u) << w;
    EXPECT_TRUE(w[0] >= 'a' && w[0] <= 'z') << w;
  }
}

TEST(DiseaseWords, ListsFoldedWords) {
  EXPECT_TRUE(is_disease_word("virus"));
  EXPECT_TRUE(is_disease_word("haemorrhagic"));
  EXPECT_FALSE(is_disease_word("flu"));
  EXPECT_FALSE(is_disease_word("Virus"));
}

}  // namespace
}  // namespace incidentmap
