#include "src/recognize/context_names.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "gazetteer/fold.h"
#include "src/text/tokenizer.h"

namespace incidentmap {
namespace {

// Made-up names with what a gazetteer might say about them.
class TinyNames final : public NameSource {
 public:
  TinyNames() {
    add("Vado Hondo", NameInfo::kPopulated, 60000);
    add("Santa Rita de Lomas", NameInfo::kPopulated, 70000);
    add("Rita Lomas", NameInfo::kPopulated, 200);  // too small to read a person's name as it
    add("Corral", NameInfo::kPopulated, 3000);
    add("Norland", NameInfo::kCountry | NameInfo::kAdmin, 5000000);
    NameInfo demonym;
    demonym.kinds = NameInfo::kDemonym;
    names_["norlish"] = demonym;
  }
  int max_name_tokens(std::string_view) const override { return 4; }
  NameInfo lookup(std::string_view key) const override {
    const auto it = names_.find(std::string(key));
    return it == names_.end() ? NameInfo{} : it->second;
  }

 private:
  void add(const std::string& name, std::uint32_t kinds, std::int64_t population) {
    NameInfo& info = names_[gaz::fold_name(name)];
    info.kinds = kinds;
    info.candidates = 1;
    info.max_population = population;
  }
  std::map<std::string, NameInfo> names_;
};

struct ContextCase {
  std::string text;
  std::vector<std::string> existing;  // surfaces the recogniser already found, in text order
  // Every mention afterwards, ", "-joined: "surface/recognised" for one of `existing`, else
  // "surface/known" or "surface/unknown" as the gazetteer holds the name or not.
  std::string expected;
};

class ContextNamesTest : public ::testing::TestWithParam<ContextCase> {};

// The recogniser's mentions of a case: `existing` found in order.
std::vector<Mention> existing_mentions(const ContextCase& c) {
  std::vector<Mention> mentions;
  std::size_t from = 0;
  for (const std::string& s : c.existing) {
    Mention m;
    m.begin = static_cast<std::uint32_t>(c.text.find(s, from));
    EXPECT_NE(m.begin, static_cast<std::uint32_t>(std::string::npos)) << s;
    m.end = m.begin + static_cast<std::uint32_t>(s.size());
    m.surface = s;
    m.info.candidates = 1;
    m.key = "recognised";
    mentions.push_back(m);
    from = m.end;
  }
  return mentions;
}

TEST_P(ContextNamesTest, AddsNamesTheWordsAroundShowToBePlaces) {
  const ContextCase& c = GetParam();
  std::vector<Mention> mentions = existing_mentions(c);
  const TinyNames names;
  add_context_names(c.text, names, Lexicons::builtin(), mentions);
  std::string got;
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    if (i > 0) {
      EXPECT_LE(mentions[i - 1].end, mentions[i].begin) << c.text;
      got += ", ";
    }
    EXPECT_EQ(mentions[i].surface,
              c.text.substr(mentions[i].begin, mentions[i].end - mentions[i].begin));
    got += mentions[i].surface + (mentions[i].key == "recognised" ? "/recognised"
                                  : mentions[i].info.known()      ? "/known"
                                                                  : "/unknown");
  }
  EXPECT_EQ(got, c.expected) << c.text;
}

// Listing more tokens than the cue tokens changes nothing: the rules open only at cue words.
TEST_P(ContextNamesTest, ListingEveryTokenGivesTheSameMentions) {
  const ContextCase& c = GetParam();
  const TinyNames names;
  std::vector<Mention> cues_only = existing_mentions(c);
  add_context_names(c.text, names, Lexicons::builtin(), cues_only);
  const TokenizedText tokens = tokenize(c.text);
  std::vector<std::uint32_t> every(tokens.tokens.size());
  for (std::size_t i = 0; i < every.size(); ++i) every[i] = static_cast<std::uint32_t>(i);
  std::vector<Mention> all = existing_mentions(c);
  add_context_names(c.text, tokens, every, names, Lexicons::builtin(), all);
  ASSERT_EQ(all.size(), cues_only.size()) << c.text;
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].begin, cues_only[i].begin) << c.text;
    EXPECT_EQ(all[i].end, cues_only[i].end) << c.text;
    EXPECT_EQ(all[i].key, cues_only[i].key) << c.text;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, ContextNamesTest,
    ::testing::Values(
        // "the <kind> of X", with a title or an article opening the name, and words between.
        ContextCase{
            "Shells fell on the village of Sheikh Tarfa at dawn.", {}, "Sheikh Tarfa/unknown"},
        ContextCase{"A bomb went off in the Vado Hondo neighbourhood of Al-Qadi.",
                    {"Vado Hondo"},
                    "Vado Hondo/recognised, Al-Qadi/unknown"},
        ContextCase{"Rebels entered the nearby town of Corral.", {}, "Corral/known"},
        // The recogniser's own mention of the same name stays as it is.
        ContextCase{"Rebels entered the nearby town of Corral.", {"Corral"}, "Corral/recognised"},
        // "of" without "the" before the kind, or a lower-case word: nothing.
        ContextCase{"A village of Sheikh Tarfa fame.", {}, ""},
        ContextCase{"He spoke of the town of hope.", {}, ""},
        // "the X area", "in X village"; not a demonym, a month or a name the gazetteer knows.
        ContextCase{"Clashes spread to the Markul area and in Tel Rima village.",
                    {},
                    "Markul/unknown, Tel Rima/unknown"},
        ContextCase{"Troops patrolled the Norlish area and the January area.", {}, ""},
        // A locative before a town's full name in the gazetteer takes it, over a shorter
        // mention inside; a small namesake or a single word does not.
        ContextCase{"Two men were shot in Santa Rita de Lomas on Sunday.",
                    {"Lomas"},
                    "Santa Rita de Lomas/known"},
        ContextCase{"She met Rita Lomas in Corral.", {}, ""},
        ContextCase{"She was seen in Rita Lomas yesterday.", {}, ""},
        ContextCase{"Fighting in Norland continued.", {}, ""},
        // A possessive ends the name; a lower-case part after a hyphen is no name's.
        ContextCase{"Rain fell in Vado Hondo's east and in the Markul area's north.",
                    {},
                    "Vado Hondo/known, Markul/unknown"},
        ContextCase{"Unrest in Norland-administered Vado Hondo grew.", {}, ""},
        // The recogniser's mention stands when the new name would only overlap it.
        ContextCase{"Fighting in the town of Vado Hondo Corral went on.",
                    {"Hondo Corral"},
                    "Hondo Corral/recognised"},
        // Words as the text's punctuation makes them, whatever the tokens: a full stop splits
        // words ("spread.in"), a hyphen joins them ("stay-in" is no locative), a full stop
        // before a clitic ends the kind ("area.'s").
        ContextCase{"Unrest spread.in Vado Hondo on Sunday.", {}, "Vado Hondo/known"},
        ContextCase{"A long stay-in Vado Hondo ended.", {}, ""},
        ContextCase{"Troops held the Markul area.'s edge.", {}, "Markul/unknown"},
        ContextCase{"Troops held the Markul area-wide.", {}, ""},
        // Two clitics: the kind is the word before both.
        ContextCase{"Troops held the Markul area\xE2\x80\x99s's edge.", {}, "Markul/unknown"}));

}  // namespace
}  // namespace incidentmap
