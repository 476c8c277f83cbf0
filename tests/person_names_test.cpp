#include "src/recognize/person_names.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "tests/marked_text.h"

namespace incidentmap {
namespace {

struct PersonCase {
  // The text with the mention between "[[" and "]]"; the only mention the rule is given.
  std::string marked;
  std::uint32_t kinds;      // NameInfo kinds of the mention's name
  std::uint32_t type_hint;  // Mention::type_hint
  bool person;              // expected: part of a person's name (no place)
  friend void PrintTo(const PersonCase& c, std::ostream* os) { *os << c.marked; }
};

class PersonNamesTable : public ::testing::TestWithParam<PersonCase> {};

TEST_P(PersonNamesTable, JudgesTheMentionFromTheWholeDocument) {
  const PersonCase& c = GetParam();
  const testing::MarkedText m = testing::parse_marked(c.marked);
  Mention mention;
  mention.begin = m.begin;
  mention.end = m.end;
  mention.surface = m.text.substr(m.begin, m.end - m.begin);
  mention.info.kinds = c.kinds;
  mention.info.candidates = 1;
  mention.type_hint = c.type_hint;
  std::vector<Mention> mentions{mention};
  EXPECT_EQ(person_name_mentions(m.text, mentions), std::vector<bool>{c.person});
  drop_document_person_names(m.text, mentions);
  EXPECT_EQ(mentions.size(), c.person ? 0u : 1u);
}

constexpr std::uint32_t kVillage = NameInfo::kPopulated;

INSTANTIATE_TEST_SUITE_P(
    Table, PersonNamesTable,
    ::testing::Values(
        // A nickname the document quotes inside a person's name, wherever it stands again.
        PersonCase{"Police hunt Rafael \xE2\x80\x9C"
                   "El Tigre\xE2\x80\x9D Ochoa. A nephew of "
                   "[[El Tigre]] was held.",
                   kVillage, 0, true},
        PersonCase{"Police hunt Rafael \"El Tigre\" Ochoa. Troops searched [[El Tigre]] today.",
                   kVillage, 0, true},
        PersonCase{"Police hunt Rafael 'El Tigre' Ochoa. The nephew of [[El Tigre]] fled.",
                   kVillage, 0, true},
        // Quotes that are no part of a name: a lower-case word before them.
        PersonCase{"He called it \"El Tigre\" in jest. Troops searched [[El Tigre]] today.",
                   kVillage, 0, false},
        // A word before the surname of a person the document names (after a given name, a
        // title, or a quoted nickname).
        PersonCase{"Marta Ochoa testified. The son of [[El Tigre]] Ochoa was held.", kVillage, 0,
                   true},
        PersonCase{"Gen. Ochoa testified. The son of [[El Tigre]] Ochoa was held.", kVillage, 0,
                   true},
        PersonCase{
            "The trial of Luis \"Flaco\" Ochoa began. Then the son of [[El Tigre]] Ochoa spoke.",
            kVillage, 0, true},
        // ... not when the document names nobody so, or the word after is a type word.
        PersonCase{"Troops searched the [[El Tigre]] Ochoa ranch.", kVillage, 0, false},
        PersonCase{"Marta Ochoa testified. The [[El Tigre]] County jail is full.", kVillage, 0,
                   false},
        // The surname alone, once a person carries it.
        PersonCase{"Marta Ochoa testified. Later [[Ochoa]] said the talks failed.", kVillage, 0,
                   true},
        PersonCase{"Marta Ochoa testified. Later [[Ochoa]]'s lawyer spoke.", kVillage, 0, true},
        // ... but a place after a locative preposition, before its container, or with a type
        // word; a name never seen after a given name or title; a country or a state.
        PersonCase{"Marta Ochoa testified. Troops arrived in [[Ochoa]] on Monday.", kVillage, 0,
                   false},
        PersonCase{"Marta Ochoa testified. [[Ochoa]], Durango was quiet.", kVillage, 0, false},
        PersonCase{"Marta Ochoa testified. Floods hit homes throughout [[Ochoa]] today.", kVillage,
                   0, false},
        PersonCase{"Marta Ochoa testified. The road from [[Ochoa]] to Tepic is shut.", kVillage, 0,
                   false},
        PersonCase{"Marta Ochoa testified. Later [[Ochoa County]] Ochoa spoke.", kVillage, 0,
                   false},
        // A given name before a word that does not end the name: no surname.
        PersonCase{"Marta Ochoa Foods grew. Later [[Ochoa]] said the talks failed.", kVillage, 0,
                   false},
        // A line of capitalised names (a headline, a list of villages).
        PersonCase{"Marta Ochoa testified.\nVillages: Tepic Nayar [[Ochoa]] Ures Bavispe Huasabas",
                   kVillage, 0, false},
        PersonCase{"Marta Ochoa testified. The [[Ochoa]] municipality voted.", kVillage,
                   kLexTypeAdmin, false},
        PersonCase{"Ochoa testified. Later [[Ochoa]] said the talks failed.", kVillage, 0, false},
        PersonCase{"Marta Jordan testified. Later [[Jordan]] said the talks failed.",
                   NameInfo::kCountry, 0, false},
        PersonCase{"Marta Tabasco testified. Later [[Tabasco]] said the talks failed.",
                   NameInfo::kAdmin | NameInfo::kAdmin1, 0, false},
        // A sentence that ends with an abbreviation: the next word starts another sentence.
        PersonCase{"Marta Ochoa testified in Harrisburg, [[Pa.]] Ochoa said so.", kVillage, 0,
                   false},
        // Words are matched as written and whole: "Ochoas" names no Ochoa.
        PersonCase{"Marta Ochoas testified. Later [[Ochoa]] said the talks failed.", kVillage, 0,
                   false},
        // A given name and a surname after a one-word name: the person's first given name.
        PersonCase{"The victim was [[Ochoa]] Marta Quevedo, a farmer.", kVillage, 0, true},
        PersonCase{"She studied at the [[Ochoa]] Christian School for years.", kVillage, 0, false},
        // Ordinary places.
        PersonCase{"Clashes broke out in [[Culiacan]] on Thursday.", kVillage, 0, false},
        PersonCase{"[[Culiacan]] was calm.", kVillage, 0, false}));

// Past 16 judged words the surnames come from one pass over the text: the same answers.
TEST(PersonNames, ManyJudgedWordsGiveTheSameAnswers) {
  std::string text = "Marta Ochoa testified. ";
  std::vector<Mention> mentions;
  const auto add = [&](const std::string& name) {
    Mention m;
    m.begin = static_cast<std::uint32_t>(text.size());
    m.end = m.begin + static_cast<std::uint32_t>(name.size());
    m.surface = name;
    m.info.kinds = kVillage;
    m.info.candidates = 1;
    mentions.push_back(m);
    text += name + " was calm. ";
  };
  for (const char* name : {"Zarvek", "Quolby", "Vendrix", "Plimsar", "Kovrat", "Drezmin", "Yarbolt",
                           "Fenwic", "Trolvak", "Umbrist", "Jaskel", "Hormut", "Wexmor", "Gildrup",
                           "Barnaq", "Crespik", "Nolvent", "Ostrava"})
    add(name);
  add("Ochoa");    // the surname of Marta Ochoa
  add("Zarvekk");  // a word that is no surname
  std::vector<bool> expected(mentions.size(), false);
  expected[mentions.size() - 2] = true;
  EXPECT_EQ(person_name_mentions(text, mentions), expected);
}

}  // namespace
}  // namespace incidentmap
