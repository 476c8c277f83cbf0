#include "src/recognize/recognizer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "gazetteer/fold.h"

namespace incidentmap {
namespace {

// A few dozen names with what a gazetteer would say about them, written for these tests.
class FakeNames final : public NameSource {
 public:
  FakeNames() {
    using K = NameInfo;
    add("Mexico", K::kCountry | K::kAdmin | K::kPrimaryName, 120000000);
    add("Mexico City", K::kPopulated | K::kCapital, 9000000);
    add("Culiacan", K::kPopulated | K::kAdmin2, 800000);
    add("Sinaloa", K::kAdmin | K::kAdmin1, 3000000);
    add("Oaxaca", K::kAdmin | K::kAdmin1 | K::kPopulated, 4000000);
    add("Paris", K::kPopulated | K::kCapital, 2100000);
    add("Jordan", K::kCountry | K::kAdmin, 10000000);
    add("Sydney", K::kPopulated, 4600000);
    add("Georgia", K::kCountry | K::kAdmin | K::kAdmin1, 10000000);
    add("Chelsea", K::kPopulated, 40000);
    add("Washington", K::kAdmin1 | K::kAdmin | K::kPopulated | K::kCapital, 700000);
    add("New York", K::kAdmin1 | K::kAdmin | K::kPopulated, 8000000);
    add("US", K::kCountry | K::kAdmin | K::kAbbreviation, 330000000);
    add("Kan", K::kAdmin1 | K::kAdmin | K::kAbbreviation, 2900000);
    add("Laurel", K::kPopulated, 400);
    add("Laurel County", K::kAdmin | K::kAdmin2, 60000);
    add("Gainesville", K::kPopulated, 130000);
    add("Police", K::kPopulated, 3000);
    add("Many", K::kPopulated, 500);
    add("Buses", K::kPopulated, 100);
    add("May", K::kPopulated, 2000);
    add("Altiplano", K::kTerrain, 0);
    add("Houston", K::kPopulated, 2300000);
    add("Smith", K::kPopulated, 300);
    add("Brown", K::kPopulated, 800);
    add("Hilton", K::kPopulated, 5000);
    add("Africa", K::kContinent, 1000000000);
    add("Logan", K::kPopulated, 50000);
    add("Lima", K::kPopulated | K::kCapital, 9000000);
    add("Atlanta", K::kPopulated, 500000);
    add("Marwick", K::kAdmin | K::kAdmin1, 2000000);
    add("E", K::kPopulated, 2000);
    add("Sierra Leone", K::kCountry | K::kAdmin | K::kPrimaryName, 8000000);
    add("AK", K::kAdmin1 | K::kAdmin | K::kAbbreviation, 700000);
    add("Farmers", K::kPopulated, 300);
    add("Dar es Salaam", K::kPopulated, 4000000);
    // Keys that fold a possessive ("people's" -> "peoples") and a date-named town.
    add("Farmer's Republic of Marwick", K::kCountry | K::kAdmin | K::kPrimaryName, 2000000);
    add("Republic of Marwick", K::kCountry | K::kAdmin, 50000);
    add("Lady Ellen's County", K::kAdmin | K::kAdmin2, 40000);
    add("October 9", K::kPopulated, 300000);
    add("Centre", K::kAdmin | K::kAdmin1, 2500000);  // a region named with an org word
    add("Dolores", K::kAdmin | K::kAdmin1, 0);       // a given name borne by a small division
    add("Port-au-Prince", K::kPopulated | K::kCapital, 1200000);
    NameInfo demonym;
    demonym.kinds = K::kDemonym;
    demonym.demonym_country[0] = 'M';
    demonym.demonym_country[1] = 'X';
    names_["mexican"] = demonym;
    max_["mexican"] = 1;
    // A demonym that is also the name of a prominent namesake (a first-level division).
    NameInfo both = demonym;
    both.kinds |= K::kAdmin | K::kAdmin1 | K::kPrimaryName;
    both.candidates = 1;
    names_["vandish"] = both;
    max_["vandish"] = 1;
    // A demonym that a prominent dependency lists only as an alternate name.
    NameInfo alias = demonym;
    alias.kinds |= K::kAdmin | K::kCountry;
    alias.candidates = 1;
    names_["norlish"] = alias;
    max_["norlish"] = 1;
  }

  int max_name_tokens(std::string_view first) const override {
    const auto it = max_.find(std::string(first));
    return it == max_.end() ? 0 : it->second;
  }
  NameInfo lookup(std::string_view key) const override {
    const auto it = names_.find(std::string(key));
    return it == names_.end() ? NameInfo{} : it->second;
  }

 private:
  void add(const std::string& name, std::uint32_t kinds, std::int64_t population) {
    const std::string key = gaz::fold_name(name);
    NameInfo& info = names_[key];
    info.kinds |= kinds;
    info.candidates += 1;
    info.max_population = std::max(info.max_population, population);
    const int tokens = static_cast<int>(std::count(key.begin(), key.end(), ' ')) + 1;
    int& m = max_[key.substr(0, key.find(' '))];
    m = std::max(m, tokens);
  }
  std::map<std::string, NameInfo> names_;
  std::map<std::string, int> max_;
};

// One row: a text and its expected mentions as "surface/role" joined by ", ".
struct RecognitionCase {
  std::string text;
  std::string expected;
};

std::string describe(const std::vector<Mention>& mentions) {
  std::string out;
  for (const Mention& m : mentions) {
    if (!out.empty()) out += ", ";
    out += m.surface + "/" + std::string(role_name(m.role));
  }
  return out;
}

class RecognizerTable : public ::testing::TestWithParam<RecognitionCase> {};

TEST_P(RecognizerTable, SpansAndRoles) {
  static const FakeNames names;
  const Recognizer rec(names);
  const RecognitionCase& c = GetParam();
  EXPECT_EQ(describe(rec.recognize(c.text)), c.expected) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, RecognizerTable,
    ::testing::Values(
        // Plain places, multi-word names, abbreviations.
        RecognitionCase{"Troops were sent to Culiacan, Sinaloa, on Monday.",
                        "Culiacan/literal, Sinaloa/literal"},
        RecognitionCase{"Flights from Mexico City to New York resumed.",
                        "Mexico City/literal, New York/literal"},
        RecognitionCase{"Aid from the US reached Topeka, Kan. on Friday.",
                        "US/literal, Kan./literal"},
        // Datelines.
        RecognitionCase{"CULIACAN, Mexico \xE2\x80\x94 Gunmen attacked a ranch.",
                        "CULIACAN/dateline, Mexico/dateline"},
        RecognitionCase{"MEXICO CITY (Reuters) - The talks ended.", "MEXICO CITY/dateline"},
        // People who share names with places.
        RecognitionCase{"Paris Hilton arrived in Sydney.", "Sydney/literal"},
        RecognitionCase{"Jordan Smith said the vote was close.", ""},
        RecognitionCase{"Sydney Johnson scored twice.", ""},
        RecognitionCase{"Georgia Brown sang in New York.", "New York/literal"},
        RecognitionCase{"Chelsea Manning was released.", ""},
        // A full name before a speech verb is a person, even with a capital's name.
        RecognitionCase{"Officials met. Our colleague Ximena Lima contributed.", ""},
        // A credit line: every place after the first reporting cue is where reporters were.
        RecognitionCase{"Ana Ruiz wrote in Atlanta, and Joe Kahn from New York.",
                        "Atlanta/reporting, New York/reporting"},
        // A quoted nickname inside a person's name is not a place, here or later.
        RecognitionCase{"Ana \"Sydney\" Ruiz arrived. Later Sydney left.", ""},
        RecognitionCase{"Jordan Smith won. Later Jordan thanked the fans.", ""},
        RecognitionCase{"Mr. Houston and Gen. Logan spoke.", ""},
        // A given name before a state's name is a person, and so is the surname alone later.
        RecognitionCase{"The film is by Kevin Marwick. Marwick likes risks.", ""},
        // A type word that opens a known name is no type word ("Sierra" before "Leone").
        RecognitionCase{"A Top Sierra Leone doctor died.", "Sierra Leone/literal"},
        // A surname-like town before an event noun names where it happened.
        RecognitionCase{"Crowds watched the Logan riot.", "Logan/modifier"},
        // A capital letter and a full stop is an initial, whatever place the letter names.
        RecognitionCase{"An E. coli outbreak hit Atlanta.", "Atlanta/literal"},
        // Capitalised common words, months, headlines.
        RecognitionCase{"Police said many buses were burned in May.", ""},
        RecognitionCase{"Many residents fled. Buses were burned.", ""},
        RecognitionCase{"POLICE FIND BUSES IN MAY", ""},
        // Type words and facilities.
        RecognitionCase{"Mexican troops patrolled Sinaloa state.",
                        "Mexican/demonym, Sinaloa/literal"},
        RecognitionCase{"Violence spread in the state of Oaxaca.", "Oaxaca/literal"},
        // "State of X" in title case names the state; "University of X" is an organisation.
        RecognitionCase{"Five Die in Shootout in the State of Georgia", "Georgia/literal"},
        RecognitionCase{"Students of the University of Georgia marched.", "Georgia/modifier"},
        RecognitionCase{"Officials in the village of Xochitepec said.", "Xochitepec/literal"},
        RecognitionCase{"The Sinaloa cartel operates in Laurel County.",
                        "Sinaloa/modifier, Laurel County/literal"},
        RecognitionCase{"He escaped from the Altiplano maximum security federal prison.",
                        "Altiplano/literal"},
        RecognitionCase{"Ebola spread across West Africa.", "West Africa/literal"},
        // Roles.
        RecognitionCase{"Washington said it would respond.", "Washington/metonym"},
        RecognitionCase{"Mexico's foreign ministry protested.", "Mexico/metonym"},
        RecognitionCase{"The US has requested extradition.", "US/metonym"},
        RecognitionCase{"Gainesville police arrested a man.", "Gainesville/modifier"},
        RecognitionCase{"Ana Lopez reported from Mexico City.", "Mexico City/reporting"},
        RecognitionCase{"Reporting by Ana Lopez in Culiacan; editing by Tom Hogue.",
                        "Culiacan/reporting"},
        // Public bodies: the place before them is a modifier, even when it looks like a
        // surname; a court named after a county is not a street.
        RecognitionCase{"Officers of the Logan Police Department arrived.", "Logan/modifier"},
        RecognitionCase{"He appeared in Laurel County Court on Friday.", "Laurel County/modifier"},
        // Evidence elsewhere in the text: a container makes a surname-like town a place in
        // its other mentions too.
        RecognitionCase{"Logan, Kan. has a new mayor. Logan voted on Tuesday.",
                        "Logan/literal, Kan./literal, Logan/literal"},
        RecognitionCase{"Logan voted on Tuesday.", ""},
        // Media and currencies.
        RecognitionCase{"A CNN crew filmed in Paris for US$5 million.", "Paris/literal"},
        // Lower-case particles inside names.
        RecognitionCase{"Ships docked at Dar es Salaam on Monday.", "Dar es Salaam/literal"},
        // A newspaper named after its town.
        RecognitionCase{"The Gainesville Herald reported a fire in Laurel County.",
                        "Laurel County/literal"},
        RecognitionCase{"Editors at the Houston Daily News met in Lima.", "Lima/literal"},
        // Diseases named after places; the places themselves stay.
        RecognitionCase{"The Houston virus and Logan disease reached Atlanta.", "Atlanta/literal"},
        RecognitionCase{"Doctors in Houston treated a fever.", "Houston/literal"},
        // A saint without a "St. X" place; a dotted abbreviation written without its dot.
        RecognitionCase{"The St. Logan parade filled Sydney.", "Sydney/literal"},
        RecognitionCase{"We drove through Kan and Lima.", "Lima/literal"},
        // A place name as a given name; a longer name after the place is an organisation.
        RecognitionCase{"Gainesville Tamsworth sang in Houston.", "Houston/literal"},
        RecognitionCase{"The Gainesville Performing Arts Society met in Houston.",
                        "Gainesville/literal, Houston/literal"},
        // The plural of a common word opening a sentence.
        RecognitionCase{"Farmers met in Houston.", "Houston/literal"},
        // Model designations are not abbreviated places.
        RecognitionCase{"Gunmen fired AK-47 rifles in Culiacan.", "Culiacan/literal"},
        // Possessives inside names: the whole name, not the part after "'s"; a possessive
        // after a place that opens no longer name still ends it.
        RecognitionCase{"Envoys of the Farmer's Republic of Marwick met.",
                        "Farmer's Republic of Marwick/literal"},
        RecognitionCase{"Envoys of the Farmer\xE2\x80\x99s Republic of Marwick met.",
                        "Farmer\xE2\x80\x99s Republic of Marwick/literal"},
        RecognitionCase{"Ducks died in Lady Ellen's County, Sinaloa.",
                        "Lady Ellen's County/literal, Sinaloa/literal"},
        RecognitionCase{"Flights to Mexico's Culiacan resumed.",
                        "Mexico/literal, Culiacan/literal"},
        // A month and a day are a date, whatever town is named after one.
        RecognitionCase{"She was treated in Lima on October 9 and left.", "Lima/literal"},
        // A demonym before the noun it qualifies, though a namesake division is prominent;
        // alone it stays the place.
        RecognitionCase{"Vandish scientists and Vandish Minister Ana Ruiz met in Lima.",
                        "Vandish/demonym, Vandish/demonym, Lima/literal"},
        RecognitionCase{"Troops were sent to Vandish.", "Vandish/literal"},
        // ... but not when the namesake only lists the word among its alternate names.
        RecognitionCase{"The Norlish Heart Fund met in Lima.", "Norlish/demonym, Lima/literal"},
        RecognitionCase{"Troops were sent to Norlish.", "Norlish/demonym"},
        // A given name that only a small division bears, before a state's name: a person.
        RecognitionCase{"Officials heard Dolores Marwick in Lima.", "Lima/literal"},
        // French articles inside hyphenated names.
        RecognitionCase{"Cholera reached Port-au-Prince on Monday.", "Port-au-Prince/literal"},
        // Hashtags that run words together: the place that opens the tag; lower-case tags
        // only for well-known places that are no common word.
        RecognitionCase{"Prayers for #SierraLeone tonight.", "SierraLeone/literal"},
        RecognitionCase{"Watch #HoustonFloodWatch live.", "Houston/literal"},
        RecognitionCase{"Off to #sydney and #lima, not #farmers or #many.",
                        "sydney/literal, lima/literal"},
        RecognitionCase{"Happy #MayDay from #ChelseaFans.", ""},
        // An organisation word inside a longer name, though a region is named so.
        RecognitionCase{"The Regional Disease Centre for Tropics reported cases in Lima.",
                        "Lima/literal"},
        RecognitionCase{"Fighting spread in Centre and Sinaloa.",
                        "Centre/literal, Sinaloa/literal"},
        RecognitionCase{"", ""}));

TEST(Recognizer, OffsetsKeysAndHints) {
  const FakeNames names;
  const Recognizer rec(names);
  const std::string text = "Gunmen in Culiac\xC3\xA1n and Sinaloa state.";
  const std::vector<Mention> m = rec.recognize(text);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].begin, 10u);
  EXPECT_EQ(m[0].end, 19u);
  EXPECT_EQ(m[0].surface, "Culiac\xC3\xA1n");
  EXPECT_EQ(m[0].key, "culiacan");
  EXPECT_EQ(m[0].type_hint, 0u);
  EXPECT_EQ(m[1].key, "sinaloa");
  EXPECT_EQ(m[1].type_hint, static_cast<std::uint32_t>(kLexTypeAdmin));
  EXPECT_GE(m[1].confidence, m[0].confidence);
}

TEST(Recognizer, HashtagMentionCoversThePlaceInsideTheToken) {
  const FakeNames names;
  const Recognizer rec(names);
  const std::string text = "Live: #NewYorkMarathon";
  const std::vector<Mention> m = rec.recognize(text);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].begin, 7u);
  EXPECT_EQ(m[0].end, 14u);
  EXPECT_EQ(m[0].surface, "NewYork");
  EXPECT_EQ(m[0].key, "new york");
}

TEST(Recognizer, OptionsDropDemonymsAndModifiers) {
  const FakeNames names;
  RecognizerOptions opt;
  opt.include_demonyms = false;
  opt.include_modifiers = false;
  const Recognizer rec(names, opt);
  EXPECT_EQ(describe(rec.recognize("Mexican troops and Gainesville police met in Sydney.")),
            "Sydney/literal");
}

TEST(Lexicons, BuiltinListsAreLoaded) {
  const Lexicons& lex = Lexicons::builtin();
  EXPECT_GE(lex.count(kLexGivenName), 1900u);
  EXPECT_TRUE(lex.has("maria", kLexGivenName));
  EXPECT_TRUE(lex.has("al jazeera", kLexMedia));
  EXPECT_EQ(lex.max_phrase_tokens("al"), 2);
  EXPECT_TRUE(lex.has("march", kLexCalendar));
  EXPECT_TRUE(lex.has("county", kLexTypeAdmin));
  EXPECT_FALSE(lex.has("mexico", kLexCommonWord));
  EXPECT_EQ(lex.flags("culiacan"), 0u);
}

}  // namespace
}  // namespace incidentmap
