#include "src/events/triggers.h"

#include <gtest/gtest.h>

#include <string>

namespace incidentmap {
namespace {

// expected: "" = no trigger at all; otherwise the text of a trigger, which must have kind
// `kind`, modality `modality` and passive flag `passive`.
struct TriggerCase {
  const char* sentence;
  const char* expected;
  const char* kind;
  Modality modality = Modality::kAsserted;
  bool passive = false;
};

class FindTriggersTest : public ::testing::TestWithParam<TriggerCase> {};

TEST_P(FindTriggersTest, FindsTheTrigger) {
  const TriggerCase& c = GetParam();
  const std::string s = c.sentence;
  const auto found = find_triggers(s);
  // The pre-tokenisation filter never rules out a sentence with a trigger of that confidence.
  for (const auto& t : found)
    EXPECT_TRUE(may_hold_trigger(s, {0, s.size()}, t.confidence))
        << s << ": " << s.substr(t.span.begin, t.span.size());
  if (std::string(c.expected).empty()) {
    for (const auto& t : found)
      ADD_FAILURE() << s << ": unexpected " << s.substr(t.span.begin, t.span.size()) << " ("
                    << event_kind_id(t.kind) << ")";
    return;
  }
  const TriggerMatch* hit = nullptr;
  for (const auto& t : found)
    if (s.substr(t.span.begin, t.span.size()) == c.expected) hit = &t;
  ASSERT_NE(hit, nullptr) << s << ": no trigger \"" << c.expected << "\"";
  EXPECT_EQ(event_kind_id(hit->kind), c.kind) << s;
  EXPECT_EQ(modality_id(hit->modality), modality_id(c.modality)) << s;
  EXPECT_EQ(hit->passive, c.passive) << s;
}

using M = Modality;

INSTANTIATE_TEST_SUITE_P(
    Table, FindTriggersTest,
    ::testing::Values(
        // Battles.
        TriggerCase{"Soldiers clashed with armed men near the dam.", "clashed", "armed_clash"},
        TriggerCase{"A two-hour shootout left the street full of bullet casings.", "shootout",
                    "armed_clash"},
        TriggerCase{"The gun battle lasted until dawn.", "gun battle", "armed_clash"},
        TriggerCase{"Marines exchanged fire with the gang for an hour.", "exchanged fire",
                    "armed_clash"},
        TriggerCase{"Rebels fought government troops along the river.", "fought", "armed_clash"},
        TriggerCase{"Militia fighters recaptured the hilltop village.", "recaptured",
                    "territory_capture"},
        // Attacks and killings.
        TriggerCase{"Gunmen opened fire on diners at a seafood stand.", "opened fire", "attack"},
        TriggerCase{"Masked men stormed the clinic before dawn.", "stormed", "attack"},
        TriggerCase{"An armed group ambushed a convoy on the highway.", "ambushed", "attack"},
        TriggerCase{"Four farmers were killed on their way to market.", "killed", "killing",
                    M::kAsserted, true},
        TriggerCase{"The mayor was shot dead outside his home.", "shot dead", "killing",
                    M::kAsserted, true},
        TriggerCase{"Two brothers were gunned down in a parking lot.", "gunned down", "killing",
                    M::kAsserted, true},
        TriggerCase{"The blast left at least nine people dead.", "left at least nine people dead",
                    "killing"},
        TriggerCase{"A teacher was beaten to death by a mob.", "beaten to death", "killing",
                    M::kAsserted, true},
        TriggerCase{"The death toll rose to 14 on Sunday.", "death toll", "killing"},
        TriggerCase{"Three guards were wounded in the assault.", "wounded", "wounding",
                    M::kAsserted, true},
        TriggerCase{"Residents found two bodies beside the canal.", "found two bodies",
                    "body_found"},
        // Headline order, and the phrasing of translated Spanish-language press.
        TriggerCase{"Body found in the trunk of a car", "Body found", "body_found"},
        TriggerCase{"Body of a woman dumped on the highway", "Body of a woman dumped",
                    "body_found"},
        TriggerCase{"They left a body inside a taxi", "left a body", "body_found"},
        TriggerCase{"A human head was left in a cooler", "human head", "body_found"},
        TriggerCase{"They deprive a man of his life in the market", "deprive a man of his life",
                    "killing"},
        TriggerCase{"The governing body found no fault with the audit.", "", ""},
        TriggerCase{"A journalist was kidnapped from his office.", "kidnapped", "abduction",
                    M::kAsserted, true},
        TriggerCase{"The engineers were taken hostage at the mine.", "taken hostage", "abduction",
                    M::kAsserted, true},
        // Explosions.
        TriggerCase{"A car bomb exploded outside the police station.", "car bomb", "explosion"},
        TriggerCase{"Attackers hurled a grenade into the bar.", "grenade", "grenade_attack"},
        TriggerCase{"A suicide bomber struck a wedding party.", "suicide bomber",
                    "suicide_bombing"},
        TriggerCase{"Overnight air strikes hit the market.", "air strikes", "air_strike"},
        TriggerCase{"Artillery shelled the outskirts for a week.", "shelled", "shelling"},
        // Riots, protests, property.
        TriggerCase{"Teachers protested outside the education ministry.", "protested", "protest"},
        TriggerCase{"Farmers blocked several highways with tractors.", "blocked several highways",
                    "road_blockade"},
        TriggerCase{"Police used tear gas against the students.", "tear gas",
                    "protest_intervention"},
        TriggerCase{"Rioters looted shops in the old town.", "looted", "looting"},
        TriggerCase{"The crowd set fire to two patrol cars.", "set fire to", "arson"},
        TriggerCase{"Villagers lynched a suspected thief.", "lynched", "mob_violence"},
        // Strategic developments and non-violent kinds.
        TriggerCase{"Federal agents arrested the former mayor.", "arrested", "arrest"},
        TriggerCase{"Two suspects were detained at a checkpoint.", "detained", "arrest",
                    M::kAsserted, true},
        TriggerCase{"Troops seized 40 rifles in a warehouse.", "seized", "seizure"},
        TriggerCase{"Eleven inmates escaped from the state prison.",
                    "escaped from the state prison", "prison_escape"},
        TriggerCase{"The hostages were freed unharmed.", "freed", "release", M::kAsserted, true},
        TriggerCase{"A judge sentenced him to 40 years.", "sentenced", "legal_action"},
        TriggerCase{"Washington requested his extradition last year.", "requested his extradition",
                    "extradition"},
        TriggerCase{"The minister said at a press conference that the road was open.",
                    "press conference", "press_statement"},
        // Modality.
        TriggerCase{"The army did not attack the town.", "attack", "attack", M::kNegated},
        TriggerCase{"The gang threatened to kill the witnesses.", "kill", "killing",
                    M::kHypothetical},
        TriggerCase{"The leaders could be arrested next week.", "arrested", "arrest",
                    M::kHypothetical, true},
        TriggerCase{"No one was injured in the fire.", "injured", "wounding", M::kNegated, true},
        // Spanish headlines and reports.
        TriggerCase{"Asesinan a un taxista en la colonia Las Palmas.", "Asesinan", "killing"},
        TriggerCase{"Matan a balazos a dos jóvenes frente a una tienda.", "Matan", "killing"},
        TriggerCase{"Hallan tres cuerpos junto a la carretera.", "Hallan tres cuerpos",
                    "body_found"},
        TriggerCase{"Un enfrentamiento entre militares y civiles armados duró dos horas.",
                    "enfrentamiento", "armed_clash"},
        TriggerCase{"La balacera deja cuatro muertos en un bar.", "deja cuatro muertos", "killing"},
        TriggerCase{"Secuestran al hijo de un comerciante.", "Secuestran", "abduction"},
        TriggerCase{"Detienen a cinco hombres con armas largas.", "Detienen", "arrest"},
        TriggerCase{"Una riña en el penal dejó dos heridos.", "riña", "riot"},
        TriggerCase{"No asesinan a nadie en la fiesta.", "asesinan", "killing", M::kNegated},
        TriggerCase{"Granada celebra su feria de primavera.", "", ""},
        // Idioms and other senses: no trigger.
        TriggerCase{"He suffered a heart attack at the airport.", "", ""},
        TriggerCase{"The campaign spent millions on attack ads.", "", ""},
        TriggerCase{"Riot police lined the avenue.", "", ""},
        TriggerCase{"The film is a murder mystery set in Lisbon.", "", ""},
        TriggerCase{"The company issued a press release on Monday.", "", ""},
        TriggerCase{"Both teams went to a penalty shootout.", "", ""},
        TriggerCase{"Returns on the fund improved in March.", "", ""},
        TriggerCase{"Nurses got a flu shot at the clinic.", "", ""},
        TriggerCase{"The young driver captured pole position for the race.", "", ""},
        TriggerCase{"The photographer captured images of the parade.", "", ""},
        TriggerCase{"Security camera footage captured the moment the truck left.", "", ""},
        TriggerCase{"Rebels captured the regional airport on Sunday.", "captured", "capture"},
        TriggerCase{"Prosecutors charged the two men with homicide.", "charged", "legal_action"},
        TriggerCase{"A jury heard the murder conspiracy case.", "", ""},
        // Headline forms: tolls without a verb, remains named by their state, and the nouns
        // and participles of translated Spanish crime reporting.
        TriggerCase{"Seven dead in a border town", "dead in", "killing"},
        TriggerCase{"Three dead found near the orchards", "dead found", "body_found"},
        TriggerCase{"Two men hanged from a bridge in the old quarter", "hanged from a bridge",
                    "killing"},
        TriggerCase{"Calcined torso found in a vacant lot", "Calcined torso", "body_found"},
        TriggerCase{"They locate a man without life on the highway", "without life", "body_found"},
        TriggerCase{"They throw a body near the canal", "throw a body", "body_found"},
        TriggerCase{"Farmers skinned alive by a gang", "skinned alive", "killing"},
        TriggerCase{"A multihomicide shook the neighbourhood", "multihomicide", "killing"},
        TriggerCase{"Gunmen riddled the car with bullets", "riddled the car with bullets",
                    "killing"},
        TriggerCase{"Acribillan a un hombre en la colonia", "Acribillan", "killing"},
        TriggerCase{"Tiran dos cuerpos en un canal", "Tiran dos cuerpos", "body_found"},
        TriggerCase{"The road is a dead end for the talks.", "", ""},
        TriggerCase{"Tourists float in the Dead Sea.", "", ""},
        TriggerCase{"A dead swan was found in the harbour.", "", ""},
        TriggerCase{"The villagers bury their dead in the hills.", "", ""},
        TriggerCase{"Veteran stage actor dead at 79", "", ""},
        TriggerCase{"Jazz pianist dead at age 91", "", ""},
        TriggerCase{"Four dead at a checkpoint near the border", "dead at", "killing"},
        TriggerCase{"The farm is located at the head of the valley.", "", ""},
        TriggerCase{"Un hombre fue hallado culpable de fraude.", "", ""}));

// A charge names a crime; it reports no killing of its own.
TEST(FindTriggers, ChargesNameNoKilling) {
  for (const std::string s : {"Prosecutors charged the two men with homicide.",
                              "The guard was charged with murder in May."}) {
    for (const auto& t : find_triggers(s)) EXPECT_NE(event_kind_id(t.kind), "killing") << s;
  }
}

// expected_verb "" = the trigger has no light verb.
struct LightVerbCase {
  const char* sentence;
  const char* trigger;
  const char* expected_verb;
  const char* kind;
  Modality modality = Modality::kAsserted;
};

class LightVerbTest : public ::testing::TestWithParam<LightVerbCase> {};

TEST_P(LightVerbTest, RecordsTheLightVerb) {
  const LightVerbCase& c = GetParam();
  const std::string s = c.sentence;
  const TriggerMatch* hit = nullptr;
  const auto found = find_triggers(s);
  for (const auto& t : found)
    if (s.substr(t.span.begin, t.span.size()) == c.trigger) hit = &t;
  if (std::string(c.kind).empty()) {
    EXPECT_EQ(hit, nullptr) << s;
    return;
  }
  ASSERT_NE(hit, nullptr) << s << ": no trigger \"" << c.trigger << "\"";
  EXPECT_EQ(event_kind_id(hit->kind), c.kind) << s;
  EXPECT_EQ(modality_id(hit->modality), modality_id(c.modality)) << s;
  const std::string verb =
      hit->light_verb ? s.substr(hit->light_verb->begin, hit->light_verb->size()) : "";
  EXPECT_EQ(verb, c.expected_verb) << s;
}

INSTANTIATE_TEST_SUITE_P(
    Table, LightVerbTest,
    ::testing::Values(
        LightVerbCase{"Clashes erupted near the border crossing.", "Clashes", "erupted",
                      "armed_clash"},
        LightVerbCase{"A shootout occurred outside the bank on Friday.", "shootout", "occurred",
                      "armed_clash"},
        LightVerbCase{"Fighting between militia units and the army broke out at dawn.", "Fighting",
                      "broke", "armed_clash"},
        LightVerbCase{"A car bomb went off near the market.", "car bomb", "went", "explosion"},
        LightVerbCase{"The attack, which took place at night, was not claimed.", "attack", "took",
                      "attack"},
        LightVerbCase{"The army began its assault on the town at dawn.", "assault", "began",
                      "attack"},
        LightVerbCase{"Rebels carried out an ambush on the road.", "ambush", "carried", "attack"},
        LightVerbCase{"Clashes could erupt again next week.", "Clashes", "erupt", "armed_clash",
                      Modality::kHypothetical},
        // Nouns that need a light verb: with one they name an event, without one they do not.
        LightVerbCase{"Violence continued in the northern districts.", "Violence", "continued",
                      "armed_clash"},
        LightVerbCase{"Unrest erupted after the vote.", "Unrest", "erupted", "riot"},
        LightVerbCase{"The report studied violence in schools.", "violence", "", ""},
        LightVerbCase{"Domestic violence continued to rise.", "violence", "", ""},
        // Verbs and participles have no light verb; "went" needs "off".
        LightVerbCase{"Gunmen attacked a bus that broke down.", "attacked", "", "attack"},
        LightVerbCase{"The bomb went through customs unnoticed.", "bomb", "", "explosion"}));

TEST(SelectEventTriggers, PrefersViolentKindsPerClause) {
  const std::string s =
      "Police said gunmen killed five people in a shootout; soldiers later arrested two men.";
  const auto all = find_triggers(s);
  const auto chosen = select_event_triggers(all, 0.35, false);
  ASSERT_EQ(chosen.size(), 2u);
  EXPECT_EQ(event_kind_id(chosen[0].kind), "armed_clash");
  EXPECT_EQ(event_kind_id(chosen[1].kind), "arrest");
}

TEST(SelectEventTriggers, DropsNegatedAndWeakTriggers) {
  const std::string s = "Officials said the soldiers did not fire on the crowd.";
  EXPECT_TRUE(select_event_triggers(find_triggers(s), 0.35, false).empty());
  EXPECT_EQ(select_event_triggers(find_triggers(s), 0.1, true).size(), 1u);
}

struct MayHoldCase {
  const char* sentence;
  double min_confidence;
  bool expected;
};

class MayHoldTriggerTest : public ::testing::TestWithParam<MayHoldCase> {};

TEST_P(MayHoldTriggerTest, RulesOutSentencesWithoutKeyWords) {
  const std::string s = GetParam().sentence;
  EXPECT_EQ(may_hold_trigger(s, {0, s.size()}, GetParam().min_confidence), GetParam().expected)
      << s;
}

INSTANTIATE_TEST_SUITE_P(
    Table, MayHoldTriggerTest,
    ::testing::Values(
        // No word of any entry.
        MayHoldCase{"The council met on Monday to discuss the budget.", 0.35, false},
        // "in a statement" is keyed by "statement", so "in" alone does not pass.
        MayHoldCase{"Prices rose in the north.", 0.35, false},
        MayHoldCase{"The ministry said in a statement that talks resume.", 0.35, true},
        // Bare reporting verbs (0.3) pass only below their confidence.
        MayHoldCase{"The mayor said so.", 0.35, false},
        MayHoldCase{"The mayor said so.", 0.3, true},
        // Capitals, hyphenated and accented words.
        MayHoldCase{"GUNMEN KILLED TWO", 0.35, true},
        MayHoldCase{"A shoot-out near the port.", 0.35, true},
        MayHoldCase{"Asesinó a dos hombres.", 0.35, true},
        // A key word inside a longer word is no key: "killjoy", "skilled".
        MayHoldCase{"A skilled killjoy.", 0.35, false},
        // Thresholds above the usual one: the entry's own confidence decides ("hurt" is 0.5).
        MayHoldCase{"The storm hurt crops.", 0.5, true},
        MayHoldCase{"The storm hurt crops.", 0.6, false},
        // Sentences longer than a 64-byte scan block, the key word past the first block.
        MayHoldCase{"The ministry said on Monday that the council had met in the capital, and "
                    "troops were deployed.",
                    0.35, true},
        MayHoldCase{"The ministry said on Monday that the council had met in the capital, and "
                    "the talks went on.",
                    0.35, false},
        // A key word whose entries all need another word the sentence lacks: "found" keys
        // "body ... found" only. Common words ("on" in "fire on") are not required.
        MayHoldCase{"The inquiry found no evidence of fraud.", 0.35, false},
        MayHoldCase{"A body was found in a car.", 0.35, true},
        MayHoldCase{"Troops opened fire on the crowd.", 0.35, true},
        MayHoldCase{"The fire spread through the hills.", 0.35, true},
        // A lowercase-only entry ("march") and its word capitalised: the month.
        MayHoldCase{"On March 5 the talks ended.", 0.35, false},
        MayHoldCase{"Thousands march in the capital.", 0.35, true},
        MayHoldCase{"In March thousands march in the capital.", 0.35, true}));

struct FirstStemCase {
  const char* text;
  std::size_t begin;  // the span scanned: [begin, end of text)
  double min_confidence;
  long expected;  // where the first key stem begins, -1 for none
};

class FirstTriggerStemTest : public ::testing::TestWithParam<FirstStemCase> {};

TEST_P(FirstTriggerStemTest, FindsTheFirstKeyStem) {
  const std::string s = GetParam().text;
  const std::optional<std::size_t> at =
      first_trigger_stem(s, {GetParam().begin, s.size()}, GetParam().min_confidence);
  EXPECT_EQ(at ? static_cast<long>(*at) : -1L, GetParam().expected) << s;
  EXPECT_EQ(may_hold_trigger(s, {GetParam().begin, s.size()}, GetParam().min_confidence),
            at.has_value());
}

INSTANTIATE_TEST_SUITE_P(
    Table, FirstTriggerStemTest,
    ::testing::Values(
        // "said" (0.3) is no key at 0.35.
        FirstStemCase{"Police said gunmen killed two. Troops were deployed.", 0, 0.35, 19},
        FirstStemCase{"Police said gunmen killed two. Troops were deployed.", 0, 0.3, 7},
        // From the second sentence on.
        FirstStemCase{"Police said gunmen killed two. Troops were deployed.", 31, 0.35, 43},
        FirstStemCase{"POLICE SAID GUNMEN KILLED TWO.", 0, 0.35, 19},
        FirstStemCase{"The council met on Monday.", 0, 0.35, -1}, FirstStemCase{"", 0, 0.35, -1}));

// With key_from, key stems before it are not looked for; the other elements are, in the whole
// sentence: "found" keys "body ... found" only.
TEST(MayHoldTrigger, LooksForKeyStemsFromKeyFrom) {
  const std::string s = "Gunmen killed two and the inquiry found nothing.";
  EXPECT_TRUE(may_hold_trigger(s, {0, s.size()}, 0.35, 7));
  EXPECT_FALSE(may_hold_trigger(s, {0, s.size()}, 0.35, 14));
  const std::string t = "The body lay there and was found at dawn.";
  EXPECT_TRUE(may_hold_trigger(t, {0, t.size()}, 0.35, 9));
}

// The overloads that reuse their output vectors give what the returning ones give.
TEST(FindTriggers, ReusedOutputsMatch) {
  const std::string s = "Gunmen attacked a convoy, and police arrested two, officials said";
  const EventTokens tokens = tokenize_for_events(s, {0, s.size()});
  const std::vector<int> clauses = clause_ids(tokens);
  const std::vector<TriggerMatch> all = find_triggers(s, tokens, clauses);
  std::vector<TriggerMatch> reused(5);
  find_triggers(s, tokens, clauses, reused);
  ASSERT_EQ(reused.size(), all.size());
  ASSERT_EQ(all.size(), 3u);
  for (std::size_t k = 0; k < all.size(); ++k) EXPECT_EQ(reused[k].span, all[k].span);
  const std::vector<TriggerMatch> chosen = select_event_triggers(all, 0.35, false);
  std::vector<TriggerMatch> chosen_reused(7);
  select_event_triggers(all, 0.35, false, chosen_reused);
  ASSERT_EQ(chosen.size(), 2u);
  ASSERT_EQ(chosen_reused.size(), chosen.size());
  for (std::size_t k = 0; k < chosen.size(); ++k) EXPECT_EQ(chosen_reused[k].span, chosen[k].span);
}

}  // namespace
}  // namespace incidentmap
