#include "src/incidents/event_location.h"

#include <gtest/gtest.h>

namespace incidentmap {
namespace {

// A place the test text names: where it stands in the text, and what the gazetteer says.
struct Named {
  const char* surface;
  char feature_class;
  const char* feature_code;
  const char* admin1;
  bool eligible = true;
};

struct LocationCase {
  const char* text;
  const char* trigger;
  std::vector<Named> places;  // in text order; each surface found after the previous one
  const char* expected;       // surface of the chosen place, "" for none
  bool expected_near;
};

std::vector<PlaceMention> mentions_of(const std::string& text, const std::vector<Named>& places) {
  std::vector<PlaceMention> out;
  std::size_t from = 0;
  std::int64_t id = 100;
  for (const Named& n : places) {
    const std::size_t at = text.find(n.surface, from);
    EXPECT_NE(at, std::string::npos) << n.surface;
    PlaceMention m;
    m.begin = at;
    m.end = at + std::string(n.surface).size();
    m.eligible = n.eligible;
    m.geonameid = id++;
    m.feature_class = n.feature_class;
    m.feature_code = n.feature_code;
    m.country_code = "XX";
    m.admin1_code = n.admin1;
    out.push_back(m);
    from = m.end;
  }
  return out;
}

class EventLocationTest : public ::testing::TestWithParam<LocationCase> {};

TEST_P(EventLocationTest, ChoosesWhereTheEventHappened) {
  const LocationCase& c = GetParam();
  const std::string text = c.text;
  const auto mentions = mentions_of(text, c.places);
  EventAnchor event;
  event.trigger_begin = text.find(c.trigger);
  ASSERT_NE(event.trigger_begin, std::string::npos);
  event.trigger_end = event.trigger_begin + std::string(c.trigger).size();
  event.sentence_begin = 0;
  event.sentence_end = text.size();
  const LocationChoice got = choose_event_location(text, event, mentions, std::nullopt);
  const std::string chosen =
      got.mention ? text.substr(mentions[*got.mention].begin,
                                mentions[*got.mention].end - mentions[*got.mention].begin)
                  : "";
  EXPECT_EQ(chosen, c.expected) << c.text;
  EXPECT_EQ(got.near, c.expected_near) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Table, EventLocationTest,
    ::testing::Values(
        LocationCase{"The rebels, who hold Lomas and its hills, captured the airport on Monday.",
                     "captured",
                     {{"Lomas", 'P', "PPL", "05"}},
                     "",
                     false},
        // The preposition that places the container places the place it contains.
        LocationCase{"Soldiers patrolled Plaza Mayor in nearby Vado Hondo, where people gathered "
                     "after the vote.",
                     "patrolled",
                     {{"Plaza Mayor", 'S', "SQR", "05"}, {"Vado Hondo", 'P', "PPL", "05"}},
                     "Plaza Mayor",
                     false},
        LocationCase{"The rebels, who hold Lomas, captured the airport in Vado Hondo.",
                     "captured",
                     {{"Lomas", 'P', "PPL", "05"}, {"Vado Hondo", 'P', "PPL", "05"}},
                     "Vado Hondo",
                     false},
        // A feed that turned an apostrophe into three spaces: "Shi   ite" is no place "Shi",
        // while "Lomas   s" is still Lomas's.
        LocationCase{"Five Shi   ite pilgrims were killed on Friday.",
                     "killed",
                     {{"Shi", 'P', "PPL", "05"}},
                     "",
                     false},
        LocationCase{"Five pilgrims were killed in Lomas   s old town.",
                     "killed",
                     {{"Lomas", 'P', "PPL", "05"}},
                     "Lomas",
                     false},
        LocationCase{"The deputy mayor of Corrales was shot dead on Friday.",
                     "shot dead",
                     {{"Corrales", 'P', "PPL", "05"}},
                     "",
                     false},
        LocationCase{"A rebel commander of Lomas was killed in Vado Hondo.",
                     "killed",
                     {{"Lomas", 'P', "PPL", "05"}, {"Vado Hondo", 'P', "PPL", "05"}},
                     "Vado Hondo",
                     false},
        LocationCase{"Two guards were wounded in the ambush, according to a statement from the "
                     "ministry in Puerto Alto.",
                     "wounded",
                     {{"Puerto Alto", 'P', "PPLC", "01"}},
                     "",
                     false},
        LocationCase{"Two guards were wounded in Ribera, according to officials in Puerto Alto.",
                     "wounded",
                     {{"Ribera", 'P', "PPL", "02"}, {"Puerto Alto", 'P', "PPLC", "01"}},
                     "Ribera",
                     false},
        LocationCase{"Gunmen clashed with soldiers in Hermosillo, Sonora, on Monday.",
                     "clashed",
                     {{"Hermosillo", 'P', "PPLA", "26"}, {"Sonora", 'A', "ADM1", "26"}},
                     "Hermosillo",
                     false},
        LocationCase{"The governor of Sonora said three people were killed in Guaymas.",
                     "killed",
                     {{"Sonora", 'A', "ADM1", "26"}, {"Guaymas", 'P', "PPL", "26"}},
                     "Guaymas",
                     false},
        LocationCase{"Police detained two men near Nogales on Friday.",
                     "detained",
                     {{"Nogales", 'P', "PPL", "26"}},
                     "Nogales",
                     true},
        LocationCase{"A bomb exploded on the outskirts of Kandahar.",
                     "exploded",
                     {{"Kandahar", 'P', "PPLA", "23"}},
                     "Kandahar",
                     true},
        LocationCase{"The Texas-based company said its plant in Monterrey was attacked.",
                     "attacked",
                     {{"Texas", 'A', "ADM1", "TX", false}, {"Monterrey", 'P', "PPLA", "19"}},
                     "Monterrey",
                     false},
        LocationCase{"Troops fought gunmen in the northern city of Culiacan for hours.",
                     "fought",
                     {{"Culiacan", 'P', "PPLA", "25"}},
                     "Culiacan",
                     false},
        LocationCase{"Protesters marched through Lagos.", "marched", {}, "", false},
        LocationCase{"Reporters in Lima said the army shelled villages in Ayacucho province.",
                     "shelled",
                     {{"Lima", 'P', "PPLC", "15", false}, {"Ayacucho", 'A', "ADM1", "05"}},
                     "Ayacucho",
                     false},
        // A place named as where someone comes from is not where the event happened.
        LocationCase{"A taxi driver from Tampico was shot twice.",
                     "shot",
                     {{"Tampico", 'P', "PPL", "28"}},
                     "",
                     false},
        // A place that modifies a noun names who, not where.
        LocationCase{"Two Durango police were wounded by gunfire.",
                     "wounded",
                     {{"Durango", 'A', "ADM1", "10"}},
                     "",
                     false},
        LocationCase{"Rebels attacked a convoy under the Lusaka accord terms.",
                     "attacked",
                     {{"Lusaka", 'P', "PPLC", "09"}},
                     "",
                     false},
        // Possessives: the possessed place is the location; alone, the possessor is not.
        LocationCase{"A grenade exploded in Jalisco's Tlaquepaque district.",
                     "exploded",
                     {{"Jalisco", 'A', "ADM1", "14"}, {"Tlaquepaque", 'A', "ADM2", "14"}},
                     "Tlaquepaque",
                     false},
        LocationCase{"Thousands have been killed since Peru's conflict began.",
                     "killed",
                     {{"Peru", 'A', "PCLI", "00"}},
                     "",
                     false},
        // Hyphen compounds: "X-led", "al-X".
        LocationCase{"Militants were killed in a Kenya-led raid.",
                     "killed",
                     {{"Kenya", 'A', "PCLI", "00"}},
                     "",
                     false},
        // Syntactic containment: "Y in eastern X", "Y near X", "Y, X", "Y (X province)".
        LocationCase{"A car bomb killed four in Tepito in central Mexico City on Friday.",
                     "killed",
                     {{"Tepito", 'P', "PPLX", "09"}, {"Mexico City", 'P', "PPLC", "09"}},
                     "Tepito",
                     false},
        LocationCase{"In the village of Ocotlan near Tepatitlan, troops captured two men.",
                     "captured",
                     {{"Ocotlan", 'P', "PPL", "14"}, {"Tepatitlan", 'P', "PPL", "14"}},
                     "Ocotlan",
                     false},
        LocationCase{"Gunmen shelled Paracho (Michoacan state) and Cheran.",
                     "shelled",
                     {{"Paracho", 'P', "PPL", "16"},
                      {"Michoacan", 'A', "ADM1", "16"},
                      {"Cheran", 'P', "PPL", "16"}},
                     "Paracho",
                     false},
        LocationCase{"A bomb went off on the road at Caborca, some 80 km south of Nogales.",
                     "bomb",
                     {{"Caborca", 'P', "PPL", "26"}, {"Nogales", 'P', "PPL", "26"}},
                     "Caborca",
                     false},
        // Only a distance and direction: near the reference point.
        LocationCase{"Two soldiers died in an ambush 30 km north of Zamora.",
                     "ambush",
                     {{"Zamora", 'P', "PPL", "16"}},
                     "Zamora",
                     true},
        // One adjective may stand between preposition and name.
        LocationCase{"After Morelia, gunmen attacked a bar in restive Uruapan.",
                     "attacked",
                     {{"Morelia", 'P', "PPLA", "16"}, {"Uruapan", 'P', "PPL", "16"}},
                     "Uruapan",
                     false},
        // A capitalised word before the name shows the gazetteer matched part of a longer one.
        LocationCase{"A Team Colombia rider was shot.",
                     "shot",
                     {{"Colombia", 'A', "PCLI", "00"}},
                     "",
                     false},
        // Spanish prepositions.
        LocationCase{"Asesinan a dos hombres en la colonia Centro de Celaya.",
                     "Asesinan",
                     {{"Celaya", 'P', "PPL", "11"}},
                     "Celaya",
                     false},
        LocationCase{"Hallan tres cuerpos cerca de Salamanca.",
                     "Hallan",
                     {{"Salamanca", 'P', "PPL", "11"}},
                     "Salamanca",
                     true},
        // The agent of a passive verb acted; it is not where.
        LocationCase{"The depot was bombed by Varania on Monday.",
                     "bombed",
                     {{"Varania", 'A', "PCLI", "00"}},
                     "",
                     false},
        LocationCase{"The depot was bombed by the Varania air force in Lomas.",
                     "bombed",
                     {{"Varania", 'A', "PCLI", "00"}, {"Lomas", 'P', "PPL", "05"}},
                     "Lomas",
                     false},
        // The neighbour across a border.
        LocationCase{"Rebels captured a post on the border with Varania.",
                     "captured",
                     {{"Varania", 'A', "PCLI", "00"}},
                     "",
                     false},
        LocationCase{"Rebels seized the valley bordering Varania.",
                     "seized",
                     {{"Varania", 'A', "PCLI", "00"}},
                     "",
                     false},
        // Names listed after a rejected one share the words that rejected it.
        LocationCase{"Rebels seized the valley bordering Varania, Lomas and Ribera.",
                     "seized",
                     {{"Varania", 'A', "PCLI", "00"},
                      {"Lomas", 'A', "ADM1", "01"},
                      {"Ribera", 'A', "ADM1", "02"}},
                     "",
                     false},
        LocationCase{"The depot in Vado Hondo was shelled by Lomas and Ribera.",
                     "shelled",
                     {{"Vado Hondo", 'P', "PPL", "03"},
                      {"Lomas", 'P', "PPL", "01"},
                      {"Ribera", 'P', "PPL", "02"}},
                     "Vado Hondo",
                     false},
        // An apposition to the subject says who it is; a title does not count as one.
        LocationCase{"The gunman, a farmer from a town in Lomas, opened fire on the crowd.",
                     "opened fire",
                     {{"Lomas", 'P', "PPL", "05"}},
                     "",
                     false},
        LocationCase{"Rojo, Top Dealer in Lomas, Shot Dead",
                     "Shot",
                     {{"Lomas", 'P', "PPL", "05"}},
                     "Lomas",
                     false},
        // Where someone comes from, past the "near" of "a village near X"; after a verb of
        // motion it is a place of the event.
        LocationCase{"A man from a village near Lomas was shot on Monday.",
                     "shot",
                     {{"Lomas", 'P', "PPL", "05"}},
                     "",
                     false},
        LocationCase{"Families who fled from a village near Lomas were shelled.",
                     "shelled",
                     {{"Lomas", 'P', "PPL", "05"}},
                     "Lomas",
                     true},
        // After the trigger, a name neither its object nor in a phrase of place.
        LocationCase{"Thousands demonstrated against the company and Varania.",
                     "demonstrated",
                     {{"Varania", 'A', "PCLI", "00"}},
                     "",
                     false},
        LocationCase{"Soldiers killed dozens who tried to escape the town of Lomas.",
                     "killed",
                     {{"Lomas", 'P', "PPL", "05"}},
                     "",
                     false},
        LocationCase{"Troops captured six major towns of Lomas.",
                     "captured",
                     {{"Lomas", 'A', "ADM1", "05"}},
                     "Lomas",
                     false},
        LocationCase{"Two guards were killed while defending Lomas army base.",
                     "killed",
                     {{"Lomas", 'P', "PPL", "05"}},
                     "Lomas",
                     false},
        LocationCase{"Protesters marched through the old centre of Lomas.",
                     "marched",
                     {{"Lomas", 'P', "PPL", "05"}},
                     "Lomas",
                     false},
        LocationCase{"Ejecutan a hombre frente a Lomas.",
                     "Ejecutan",
                     {{"Lomas", 'S', "SCH", "05"}},
                     "Lomas",
                     false},
        // Such a name does not make a state that contains it a mere locator.
        LocationCase{"In Varania, residents of Ribera demonstrated for the release of Lomas.",
                     "demonstrated",
                     {{"Varania", 'A', "ADM1", "01"},
                      {"Ribera", 'P', "PPL", "02"},
                      {"Lomas", 'P', "PPL", "01"}},
                     "Varania",
                     false},
        // The place whose preposition follows the trigger at once is this verb's.
        LocationCase{"Activists demonstrated across Varania as leaders gathered in Lomas.",
                     "demonstrated",
                     {{"Varania", 'A', "ADM1", "01"}, {"Lomas", 'P', "PPL", "02"}},
                     "Varania",
                     false},
        // A headline's label says where, as a preposition would.
        LocationCase{"Lomas: Man and his son shot and set on fire",
                     "shot",
                     {{"Lomas", 'P', "PPL", "05"}, {"Man", 'P', "PPLA", "07"}},
                     "Lomas",
                     false},
        LocationCase{"Lomas, Ribera: Man killed was a suspected gang member",
                     "killed",
                     {{"Lomas", 'P', "PPL", "05"},
                      {"Ribera", 'A', "ADM1", "05"},
                      {"Man", 'P', "PPLA", "07"}},
                     "Lomas",
                     false},
        LocationCase{"Officials said: Man killed in Lomas",
                     "killed",
                     {{"Man", 'P', "PPLA", "07"}, {"Lomas", 'P', "PPL", "05"}},
                     "Lomas",
                     false},
        // A comma locates the next name only through words that locate: here Ribera is a
        // place of its own, not where the bomber comes from.
        LocationCase{"The bomber, from Lomas, detonated a device at Ribera.",
                     "detonated",
                     {{"Lomas", 'P', "PPL", "05"}, {"Ribera", 'P', "PPL", "05"}},
                     "Ribera",
                     false},
        LocationCase{"A driver from Lomas, the main town in Ribera, was shot.",
                     "shot",
                     {{"Lomas", 'P', "PPL", "05"}, {"Ribera", 'A', "ADM2", "05"}},
                     "",
                     false},
        // The preposition heads the whole phrase "the ... village of X", adjectives and all.
        LocationCase{"Two men were killed in the Andean mountain village of Pueblo Nuevo during "
                     "clashes with troops based in Lomas Altas.",
                     "killed",
                     {{"Pueblo Nuevo", 'P', "PPL", "05"}, {"Lomas Altas", 'P', "PPL", "05"}},
                     "Pueblo Nuevo",
                     false},
        LocationCase{"Two men were killed in the outskirts of Pueblo Nuevo during clashes with "
                     "troops based in Lomas Altas.",
                     "killed",
                     {{"Pueblo Nuevo", 'P', "PPL", "05"}, {"Lomas Altas", 'P', "PPL", "05"}},
                     "Pueblo Nuevo",
                     true},
        // A complex preposition ("in the wake of") names no place; a phrase broken by a
        // clause ("an attack that hit the town of X") does not reach the name either.
        LocationCase{"Two men were killed in the wake of Pueblo Nuevo during clashes with troops "
                     "based in Lomas Altas.",
                     "killed",
                     {{"Pueblo Nuevo", 'P', "PPL", "05"}, {"Lomas Altas", 'P', "PPL", "05"}},
                     "Lomas Altas",
                     false},
        // The active subject of the trigger did it; a passive one is where it happened.
        LocationCase{"Santa Rosa, a club from the north, captured the cup on Sunday.",
                     "captured",
                     {{"Santa Rosa", 'P', "PPL", "05"}},
                     "",
                     false},
        LocationCase{"Santa Rosa has finally bombed the bridge.",
                     "bombed",
                     {{"Santa Rosa", 'P', "PPL", "05"}},
                     "",
                     false},
        LocationCase{"Santa Rosa was shelled on Sunday.",
                     "shelled",
                     {{"Santa Rosa", 'P', "PPL", "05"}},
                     "Santa Rosa",
                     false},
        // A name before the trigger places it only as its passive subject or its noun's
        // modifier; a speaker or topic does not.
        LocationCase{"Lomas, a rival of the mayor, said that 30 people had died.",
                     "died",
                     {{"Lomas", 'P', "PPL", "05"}},
                     "",
                     false},
        LocationCase{"The Lomas car bombing left five dead.",
                     "bombing",
                     {{"Lomas", 'P', "PPL", "05"}},
                     "Lomas",
                     false},
        LocationCase{"Lomas has been captured by the rebels.",
                     "captured",
                     {{"Lomas", 'P', "PPL", "05"}},
                     "Lomas",
                     false},
        // The subject of a later clause ("as X weighed") and the names listed with it are not
        // where the trigger's event happened; "such as X" lists, it opens no clause.
        LocationCase{"Five people were killed on Sunday as the Norland and Vesta weighed new "
                     "talks.",
                     "killed",
                     {{"Norland", 'A', "PCLI", ""}, {"Vesta", 'A', "PCLI", ""}},
                     "",
                     false},
        LocationCase{"Five people were killed in small towns such as Vado Hondo.",
                     "killed",
                     {{"Vado Hondo", 'P', "PPL", "05"}},
                     "Vado Hondo",
                     false},
        // ", or" opens a clause of its own, as ", and" does.
        LocationCase{"Most of the gang were captured last year, or are hiding outside Norland.",
                     "captured",
                     {{"Norland", 'A', "PCLI", ""}},
                     "",
                     false},
        // Prepositions of a route place the event along it.
        LocationCase{"Thousands marched through downtown Port Ash on Saturday to protest "
                     "the war.",
                     "marched",
                     {{"Port Ash", 'P', "PPL", "05"}},
                     "Port Ash",
                     false},
        LocationCase{"A convoy was ambushed along the Rio Seco on its way back to the base in "
                     "Port Ash.",
                     "ambushed",
                     {{"Rio Seco", 'H', "STM", "05"}, {"Port Ash", 'P', "PPL", "05"}},
                     "Rio Seco",
                     false},
        // The trigger's own place phrase is kept over a town it contains that a later clause
        // names.
        LocationCase{"Activists demonstrated across Norland on Thursday as ministers met in "
                     "Port Ash to plan talks.",
                     "demonstrated",
                     {{"Norland", 'A', "PCLI", ""}, {"Port Ash", 'P', "PPL", "05"}},
                     "Norland",
                     false}));

TEST(DocumentFocus, PrefersSpecificPlacesNamedOftenAndEarly) {
  std::vector<PlaceMention> m(5);
  const auto set = [&](std::size_t i, std::int64_t id, char cls, const char* code, bool ok) {
    m[i].geonameid = id;
    m[i].feature_class = cls;
    m[i].feature_code = code;
    m[i].eligible = ok;
    m[i].begin = i * 10;
    m[i].end = i * 10 + 5;
  };
  set(0, 1, 'P', "PPLC", false);  // dateline city
  set(1, 2, 'A', "PCLI", true);   // the country
  set(2, 3, 'P', "PPLA", true);   // the town where things happen
  set(3, 2, 'A', "PCLI", true);
  set(4, 3, 'P', "PPLA", true);
  EXPECT_EQ(document_focus(m), 2u);
  for (auto& x : m) x.eligible = false;
  EXPECT_EQ(document_focus(m), std::nullopt);
}

TEST(DocumentFocus, IgnoresPartsOfLongerNamesAndModifiers) {
  const std::string text =
      "Shots were fired in Lomas. A truck stopped near the Puerto Alto crossing. Alto police "
      "came. Alto police left.";
  std::vector<PlaceMention> m(4);
  const auto set = [&](std::size_t i, const std::string& surface, std::size_t from, std::int64_t id,
                       const char* code) {
    m[i].begin = text.find(surface, from);
    m[i].end = m[i].begin + surface.size();
    m[i].geonameid = id;
    m[i].feature_class = 'P';
    m[i].feature_code = code;
    m[i].eligible = true;
  };
  set(0, "Lomas", 0, 1, "PPL");
  set(1, "Alto", 0, 2, "PPLA");         // part of "Puerto Alto"
  set(2, "Alto", m[1].end, 2, "PPLA");  // "Alto police": a modifier
  set(3, "Alto", m[2].end, 2, "PPLA");
  EXPECT_EQ(document_focus(m), 1u);  // without the text, every mention counts
  EXPECT_EQ(document_focus(m, text), 0u);
}

TEST(EventLocation, FallsBackToTheFocus) {
  const std::string text = "The battle lasted hours.";
  PlaceMention elsewhere;
  elsewhere.begin = 100;
  elsewhere.end = 105;
  EventAnchor event{4, 10, 0, text.size()};
  const LocationChoice got = choose_event_location(text, event, {elsewhere}, 0);
  ASSERT_TRUE(got.mention);
  EXPECT_EQ(*got.mention, 0u);
  EXPECT_EQ(got.source, LocationSource::kFocus);
  EXPECT_LT(got.confidence, 0.5);
}

TEST(EventLocation, FallsBackToAFocusItsSentenceOnlyNamesAsATopic) {
  // "Leon" before the trigger is the sentence's topic, not the place of the killing: alone it
  // places nothing, but when another sentence names it too it is still the document's focus.
  const std::string text = "Leon, the council said, had seen two men killed. Leon is calm.";
  const std::size_t second = text.rfind("Leon");
  PlaceMention first_leon, second_leon;
  first_leon.begin = 0;
  first_leon.end = 4;
  second_leon.begin = second;
  second_leon.end = second + 4;
  const std::size_t trigger = text.find("killed");
  EventAnchor event{trigger, trigger + 6, 0, text.find('.') + 1};
  EXPECT_FALSE(choose_event_location(text, event, {first_leon}, 0).mention);
  const LocationChoice got = choose_event_location(text, event, {first_leon, second_leon}, 0);
  ASSERT_TRUE(got.mention);
  EXPECT_EQ(*got.mention, 0u);
  EXPECT_EQ(got.source, LocationSource::kFocus);
}

TEST(EventLocation, DoesNotFallBackToAPlaceItsOwnSentenceRuledOut) {
  // The document's only place is where the victim came from: the focus must not bring it back.
  const std::string text = "A nurse from Leon was stabbed.";
  PlaceMention leon;
  leon.begin = text.find("Leon");
  leon.end = leon.begin + 4;
  EventAnchor event{text.find("stabbed"), text.find("stabbed") + 7, 0, text.size()};
  const LocationChoice got = choose_event_location(text, event, {leon}, 0);
  EXPECT_FALSE(got.mention);
  EXPECT_EQ(got.source, LocationSource::kNone);
}

// Names the gazetteer does not know, and parts of a city whose namesake lies elsewhere: the
// event is put at the name, located through a place that stands in for it.
struct StandInPlace {
  const char* surface;
  bool resolved;
  char feature_class;
  double lon_deg;  // where the gazetteer puts it (ignored when not resolved)
};

struct StandInCase {
  const char* text;
  const char* trigger;
  std::vector<StandInPlace> places;  // in text order
  bool has_home;                     // an outlet city at (10, 10)
  const char* expected;              // surface of the chosen mention, "" for none
  const char* expected_stand_in;     // surface of the stand-in, "home", or "" for none
};

class StandInTest : public ::testing::TestWithParam<StandInCase> {};

TEST_P(StandInTest, PlacesTheEventThroughAStandIn) {
  const StandInCase& c = GetParam();
  const std::string text = c.text;
  std::vector<PlaceMention> mentions;
  std::size_t from = 0;
  std::int64_t id = 100;
  for (const StandInPlace& p : c.places) {
    PlaceMention m;
    m.begin = text.find(p.surface, from);
    ASSERT_NE(m.begin, std::string::npos) << p.surface;
    m.end = m.begin + std::string(p.surface).size();
    m.resolved = p.resolved;
    if (p.resolved) {
      m.geonameid = id++;
      m.feature_class = p.feature_class;
      m.feature_code = p.feature_class == 'A' ? "ADM1" : "PPL";
      m.country_code = "XX";
      m.admin1_code = "01";
      m.position = geo::LonLat{p.lon_deg, 10.0};
    }
    mentions.push_back(m);
    from = m.end;
  }
  PlaceMention home;
  home.geonameid = 1;
  home.country_code = "XX";
  home.admin1_code = "01";
  home.position = geo::LonLat{10.0, 10.0};
  EventAnchor event;
  event.trigger_begin = text.find(c.trigger);
  ASSERT_NE(event.trigger_begin, std::string::npos);
  event.trigger_end = event.trigger_begin + std::string(c.trigger).size();
  event.sentence_end = text.size();
  std::optional<std::size_t> focus = document_focus(mentions, text);
  const LocationChoice got =
      choose_event_location(text, event, mentions, focus, {}, c.has_home ? &home : nullptr);
  const auto surface = [&](std::optional<std::size_t> i) {
    return i ? text.substr(mentions[*i].begin, mentions[*i].end - mentions[*i].begin)
             : std::string();
  };
  EXPECT_EQ(surface(got.mention), c.expected) << c.text;
  EXPECT_EQ(got.stand_in_home ? std::string("home") : surface(got.stand_in), c.expected_stand_in)
      << c.text;
  if (got.stand_in || got.stand_in_home) {
    EXPECT_TRUE(got.near) << c.text;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, StandInTest,
    ::testing::Values(
        // An unknown village located by a known town: the village, at the town's point.
        StandInCase{"A bomb exploded in the village of Kafr Tal, some 30 km south of Ruma.",
                    "exploded",
                    {{"Kafr Tal", false, 'P', 0}, {"Ruma", true, 'P', 10.0}},
                    false,
                    "Kafr Tal",
                    "Ruma"},
        StandInCase{"Gunmen shot two men in the Oru district of Belta province.",
                    "shot",
                    {{"Oru", false, 'P', 0}, {"Belta", true, 'A', 10.0}},
                    false,
                    "Oru",
                    "Belta"},
        // "the X neighbourhood of Y": Y lies in X, and the preposition before X places Y.
        StandInCase{"A bomb killed two in the south Belta neighbourhood of Al-Oru.",
                    "killed",
                    {{"Belta", true, 'P', 10.0}, {"Al-Oru", false, 'P', 0}},
                    false,
                    "Al-Oru",
                    "Belta"},
        // Unknown, and nothing to locate it by: the known place, as before.
        StandInCase{"Gunmen shot two men in Oru after a meeting in Belta.",
                    "shot",
                    {{"Oru", false, 'P', 0}, {"Belta", true, 'P', 10.0}},
                    false,
                    "Oru",
                    "Belta"},
        StandInCase{"Two men were shot in Oru.", "shot", {{"Oru", false, 'P', 0}}, false, "", ""},
        StandInCase{
            "Two men were shot in Oru.", "shot", {{"Oru", false, 'P', 0}}, true, "Oru", "home"},
        // An unknown name with no preposition, not located by anything: not a place of the event.
        StandInCase{"Villagers said Oru fighters shot two men in Belta.",
                    "shot",
                    {{"Oru", false, 'P', 0}, {"Belta", true, 'P', 10.0}},
                    false,
                    "Belta",
                    ""},
        // A neighbourhood whose namesake lies 500 km away: the city the document names.
        StandInCase{"A man was shot in the Las Palmas neighborhood of Ruma.",
                    "shot",
                    {{"Las Palmas", true, 'P', 15.0}, {"Ruma", true, 'P', 10.0}},
                    false,
                    "Las Palmas",
                    "Ruma"},
        StandInCase{"A man was shot in the Las Palmas neighborhood.",
                    "shot",
                    {{"Las Palmas", true, 'P', 15.0}},
                    true,
                    "Las Palmas",
                    "home"},
        // ... a namesake inside the city is the neighbourhood itself.
        StandInCase{"A man was shot in the Las Palmas neighborhood.",
                    "shot",
                    {{"Las Palmas", true, 'P', 10.1}},
                    true,
                    "Las Palmas",
                    ""},
        // ... and with no city to put it in, the namesake stays.
        StandInCase{"A man was shot in colonia Las Palmas.",
                    "shot",
                    {{"Las Palmas", true, 'P', 15.0}},
                    false,
                    "Las Palmas",
                    ""}));

struct CityPartCase {
  const char* text;
  const char* name;
  bool expected;
};

class CityPartTest : public ::testing::TestWithParam<CityPartCase> {};

TEST_P(CityPartTest, RecognisesPartsOfACity) {
  const CityPartCase& c = GetParam();
  const std::string text = c.text;
  const std::size_t at = text.find(c.name);
  ASSERT_NE(at, std::string::npos);
  EXPECT_EQ(names_part_of_city(text, at, at + std::string(c.name).size()), c.expected) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Table, CityPartTest,
    ::testing::Values(CityPartCase{"shot in the Centro neighborhood", "Centro", true},
                      CityPartCase{"shot in the Portal del Roble neighbourhood", "Portal", true},
                      CityPartCase{"found in Lomas Verdes subdivision", "Lomas", true},
                      CityPartCase{"killed in the Obrera colony", "Obrera", true},
                      CityPartCase{"killed in colonia Obrera", "Obrera", true},
                      CityPartCase{"killed in Colonia Obrera", "Colonia Obrera", true},
                      CityPartCase{"found in fraccionamiento Las Palmas", "Las", true},
                      CityPartCase{"shot in Ruma, a city of the north", "Ruma", false},
                      CityPartCase{"shot in Ruma near the neighborhood market", "Ruma", false},
                      CityPartCase{"Ruma neighborhoods", "Ruma", false},
                      CityPartCase{"the neighborhood of Ruma", "Ruma", false}));

}  // namespace
}  // namespace incidentmap
