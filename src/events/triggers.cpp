#include "src/events/triggers.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>

namespace incidentmap {

namespace {

using K = EventKind;

// One lexicon entry. `pattern` is a space-separated sequence of elements; an element is a
// '|'-separated list of lowercase alternatives, where "kill+" stands for the regular verb forms
// (kill kills killed killing) and "stab++" for forms with a doubled final consonant (stabbed).
// "~N" before an element allows up to N intervening words (not punctuation) before it.
// `prev_veto` / `next_veto` list words that, right before or right after the match, show a
// non-event sense; "#" in `next_veto` stands for a number of one to three digits (an age:
// "dead at 79"). `lowercase_only` entries do not match a capitalised first word ("March").
// `needs_light_verb` entries are nouns too vague alone ("violence") that name an event only as
// the subject or object of a light verb ("violence erupted", "continued the hostilities").
struct Entry {
  std::string_view pattern;
  EventKind kind;
  double confidence;
  std::string_view prev_veto = "";
  std::string_view next_veto = "";
  bool lowercase_only = false;
  bool needs_light_verb = false;
};

constexpr std::string_view kKillVeto = "time|switch|bill|deal|proposal|plan|fields|field|app";
constexpr std::string_view kAttackPrevVeto =
    "heart|panic|anxiety|asthma|verbal|personal|cyber|political|blistering|scathing|ad";
constexpr std::string_view kAttackNextVeto =
    "ad|ads|dog|dogs|helicopter|helicopters|submarine|submarines|aircraft|jet|jets|line|mode";
constexpr std::string_view kReleaseNextVeto =
    "a|an|statement|statements|video|videos|report|reports|figures|data|details|footage|images|"
    "photos|list|results|funds|information|album|film|song|plan|guidelines|its|their|his|her|"
    "new|the";

// The lexicon. Longer patterns win over shorter ones at the same token, so phrases such as
// "shot dead" or "riot police" override their single-word parts.
const Entry kEntries[] = {
    // Battles.
    {"clash+|clashes", K::kArmedClash, 0.9},
    {"shootout|shootouts|shoot-out|shoot-outs|gunfight|gunfights|gunbattle|gunbattles|"
     "firefight|firefights",
     K::kArmedClash, 0.9, "penalty"},
    {"gun battle|battles", K::kArmedClash, 0.9},
    {"battle|battles|battled|battling", K::kArmedClash, 0.7,
     "legal|court|custody|political|election|budget|uphill|ratings|courtroom|bidding|verbal",
     "cancer|illness|disease|addiction|obesity|over|for|of"},
    {"fight|fights|fought|fighting", K::kArmedClash, 0.6,
     "legal|political|budget|custody|title|prize|food|pillow",
     "corruption|crime|poverty|inflation|fires|fire|cancer|disease|back|off|over|for"},
    {"skirmish|skirmishes|skirmished", K::kArmedClash, 0.85},
    {"exchange+ fire|gunfire|shots", K::kArmedClash, 0.9},
    {"exchange of fire|gunfire", K::kArmedClash, 0.9},
    {"confrontation|confrontations", K::kArmedClash, 0.6, "verbal|diplomatic|political"},
    {"violence|hostilities", K::kArmedClash, 0.6, "domestic|sexual|gender|verbal|political", "",
     false, true},
    {"unrest", K::kRiot, 0.6, "economic|financial|market|political", "", false, true},
    {"combat", K::kArmedClash, 0.5, "", "troops|units|boots|aircraft|training|gear|vehicles"},
    {"offensive|offensives", K::kArmedClash, 0.6, "charm|diplomatic|media|legal|ground",
     "remarks|language|comments|content|tweet|tweets|words|statement|lineman|line|coordinator"},
    // Territory.
    {"recapture+|retake|retakes|retook|retaken|retaking", K::kTerritoryCapture, 0.85},
    {"take|takes|took|taken|taking control of", K::kTerritoryCapture, 0.85},
    {"seize+ control of", K::kTerritoryCapture, 0.9},
    {"overrun|overran|overrunning", K::kTerritoryCapture, 0.85},
    {"liberate+", K::kTerritoryCapture, 0.6},
    {"occupied|occupying", K::kTerritoryCapture, 0.4, "", "territories|territory|palestinian"},
    // Attacks and their results.
    {"attack+", K::kAttack, 0.85, kAttackPrevVeto, kAttackNextVeto},
    {"assault|assaults|assaulted|assaulting", K::kAttack, 0.8, "",
     "rifle|rifles|weapon|weapons|charges|charge|course"},
    {"ambush+", K::kAttack, 0.9},
    {"stormed|storming", K::kAttack, 0.8, "", "off|out|offstage"},
    {"open+ fire", K::kAttack, 0.9},
    {"fire+ on|at|upon", K::kAttack, 0.8},
    {"shoot|shoots|shooting|shootings", K::kAttack, 0.75, "film|movie|photo|photo-|video|fashion",
     "range|star|script|guard|film|video|photos|hoops|pool|down"},
    {"shot", K::kAttack, 0.75, "a|flu|booster|vaccine|mug|big|long|parting|warning|first|best|good",
     "put|glass|glasses|clock|caller|callers"},
    {"shoot|shoots|shot|shooting down", K::kAttack, 0.8},
    {"gunfire|gunshots", K::kAttack, 0.6},
    {"stab++|stabbings", K::kAttack, 0.8},
    {"torture+", K::kAttack, 0.8},
    {"raid+", K::kRaid, 0.7, "", ""},
    {"invade+", K::kAttack, 0.6},
    {"target+", K::kAttack, 0.5, "",
     "audience|audiences|date|market|markets|group|price|rate|"
     "inflation|areas|practice|advertising|ads"},
    {"strike|strikes|struck|striking", K::kAttack, 0.5,
     "hunger|general|labor|labour|national|teachers|workers|transport|lucky|first|rail|bowling",
     "deal|deals|agreement|accord|balance|chord|note|pose|down|out|gold|oil|a|fear|up|back|"
     "workers|action|over|against"},
    {"launch+", K::kAttack, 0.4, "",
     "campaign|campaigns|website|app|product|investigation|probe|inquiry|program|programme|"
     "appeal|bid|book|platform|initiative|service|plan|satellite|satellites"},
    {"launch+ ~3 attack|attacks|offensive|offensives|assault|assaults|raid|raids|strike|strikes|"
     "airstrikes|operation|operations|rockets|missiles|mortars|ambush|incursion",
     K::kAttack, 0.8},
    {"hit", K::kAttack, 0.35, "", "list|song|record|single|man|men|squad|squads|back|out|home"},
    {"lynch+", K::kMobViolence, 0.9},
    {"mob|mobs", K::kMobViolence, 0.6, "flash", "boss|bosses|mentality"},
    {"kill+|killings", K::kKilling, 0.9, "serial|mercy", kKillVeto},
    // "charged with murder", "murder conspiracy": the charge, not a killing.
    {"murder+", K::kKilling, 0.9, "with",
     "mystery|mysteries|novel|trial|charge|charges|case|cases|conspiracy|suspect|suspects"},
    {"execute+|execution|executions", K::kKilling, 0.6, "",
     "order|orders|warrant|warrants|contract|contracts|plan|plans|search|trade|trades|strategy|"
     "program|programme|budget|project|style"},
    {"execution-style", K::kKilling, 0.9},
    {"assassinate+|assassination|assassinations", K::kKilling, 0.9, "character"},
    {"massacre+", K::kKilling, 0.95},
    {"slay|slays|slew|slain|slaying|slayings", K::kKilling, 0.9},
    {"homicide|homicides", K::kKilling, 0.7, "with",
     "rate|rates|unit|detective|detectives|division|charge|charges|conspiracy|suspect|suspects"},
    {"die|dies|died|dying", K::kKilling, 0.6, "", "down|out|hard"},
    {"shot dead", K::kKilling, 0.95},
    {"shot and killed", K::kKilling, 0.95},
    {"shot to death", K::kKilling, 0.95},
    {"beaten|beat|stabbed|burned|burnt|hacked|stoned to death", K::kKilling, 0.95},
    {"burned|burnt alive", K::kKilling, 0.95},
    {"gun|guns|gunned|gunning down", K::kKilling, 0.95},
    {"leave|leaves|left|leaving ~4 dead", K::kKilling, 0.85},
    // Translated Spanish press: "privar de la vida" is "deprive of life".
    {"deprive+ ~3 of ~2 life|lives", K::kKilling, 0.85},
    {"behead+|decapitate+|dismember+|strangle+", K::kKilling, 0.85},
    {"slaughter+", K::kKilling, 0.8, "", "house|houses|cattle"},
    {"perish+", K::kKilling, 0.7},
    {"lose|loses|lost|losing their|his|her lives|life", K::kKilling, 0.8},
    {"claim+ ~2 lives|life", K::kKilling, 0.85},
    {"death toll|tolls", K::kKilling, 0.6},
    {"casualties", K::kKilling, 0.5},
    {"wounded|wounding", K::kWounding, 0.8},
    {"injure+", K::kWounding, 0.7},
    {"gunshot wound|wounds", K::kWounding, 0.7},
    {"hurt", K::kWounding, 0.5},
    {"find|finds|found|finding|discover+|locate+ ~3 body|bodies|corpse|corpses|remains|bones",
     K::kBodyFound, 0.85},
    {"find|finds|found|finding ~3 dead", K::kBodyFound, 0.85},
    {"bodies|corpses|corpse", K::kBodyFound, 0.6},
    // Headline order: "Body found in car trunk", "Body of woman dumped on highway".
    {"body|bodies|corpse|corpses|cadaver|cadavers|skeleton ~3 found|discovered|located|dumped|"
     "abandoned|recovered",
     K::kBodyFound, 0.85,
     "governing|student|advisory|ruling|legislative|whole|main|regulatory|"
     "oversight|electoral|sovereign|international|professional"},
    {"body of", K::kBodyFound, 0.6, "governing|student|advisory|ruling|legislative|whole|main"},
    {"lifeless", K::kBodyFound, 0.6},
    {"mass|clandestine|unmarked grave|graves", K::kBodyFound, 0.8},
    {"human remains", K::kBodyFound, 0.8},
    {"human head|heads|skull|skulls|limbs", K::kBodyFound, 0.8},
    {"leave|leaves|left|leaving|dump+|abandon+ ~3 body|bodies|corpse|corpses|remains",
     K::kBodyFound, 0.85},
    // Abductions.
    {"kidnap++|kidnaps|kidnaped|kidnaping|kidnappings", K::kAbduction, 0.9},
    {"abduct+|abduction|abductions", K::kAbduction, 0.9},
    {"take|takes|took|taken|taking ~2 hostage|hostages|captive", K::kAbduction, 0.9},
    {"hold|holds|held|holding ~2 hostage|captive", K::kAbduction, 0.8},
    {"deprive+ of ~2 liberty|freedom", K::kAbduction, 0.8},
    {"disappear+", K::kDisappearance, 0.6},
    {"forced|enforced disappearance|disappearances", K::kDisappearance, 0.9},
    {"go|goes|went|gone missing", K::kDisappearance, 0.7},
    {"rape|rapes|raped|raping", K::kSexualViolence, 0.9},
    {"sexual|sexually assault|assaults|assaulted|abuse|abused|violence", K::kSexualViolence, 0.9},
    // Explosions and remote violence.
    {"explode+|explosion|explosions", K::kExplosion, 0.85},
    {"blast|blasts", K::kExplosion, 0.7, "", "furnace|radius"},
    {"bomb+|bombings", K::kExplosion, 0.85, "",
     "threat|threats|squad|squads|scare|scares|shelter|shelters|disposal|hoax|sniffing"},
    {"detonate+|detonation|detonations", K::kExplosion, 0.85},
    {"ied|ieds", K::kExplosion, 0.8},
    {"car|truck|roadside bomb|bombs|bombing|bombings", K::kExplosion, 0.9},
    {"blow|blows|blew|blown|blowing up", K::kExplosion, 0.8},
    {"explosive device|devices", K::kExplosion, 0.85},
    {"landmine|landmines", K::kExplosion, 0.8},
    {"land mine|mines", K::kExplosion, 0.8},
    {"grenade|grenades", K::kGrenade, 0.85},
    {"suicide bomber|bombers|bombing|bombings|attack|attacks|blast|blasts|bomb", K::kSuicideBombing,
     0.95},
    {"blew|blown|blow himself|herself|themselves up", K::kSuicideBombing, 0.9},
    {"airstrike|airstrikes|air-strike|air-strikes", K::kAirStrike, 0.95},
    {"air|drone|missile strike|strikes|raid|raids|attack|attacks", K::kAirStrike, 0.95},
    {"shelled|shelling", K::kShelling, 0.85},
    {"bombard+|bombardment|bombardments", K::kShelling, 0.85},
    {"artillery|mortar|mortars|rocket|rockets|missile|missiles", K::kShelling, 0.5, "",
     "scientist|scientists|science|launch|launches|test|tests|defence|defense|program|programme"},
    {"chemical|gas|chlorine attack|attacks|weapon|weapons", K::kChemicalAttack, 0.85},
    // Riots and protests.
    {"riot|riots|rioted|rioting|rioters", K::kRiot, 0.85, "",
     "police|gear|shield|shields|squad|squads|act|control|helmets|unit|units|officers"},
    {"violent protest|protests|demonstration|demonstrations", K::kRiot, 0.9},
    {"protest+|protesters|protestors", K::kProtest, 0.85, "", "vote|votes|song|songs"},
    {"demonstrated|demonstrating", K::kProtest, 0.6, "",
     "that|how|support|ability|capability|its|his|her|their"},
    {"demonstration|demonstrations|demonstrators", K::kProtest, 0.8, "product|cooking|live"},
    {"march|marches|marched|marching|marchers", K::kProtest, 0.6, "", "madness", true},
    {"rally|rallies|rallied|rallying", K::kProtest, 0.6, "", "behind|around|support|point|cry"},
    {"sit-in|sit-ins", K::kProtest, 0.8},
    {"hunger|general strike|strikes", K::kProtest, 0.8},
    {"go|goes|went|gone|going on strike", K::kProtest, 0.8},
    {"take|takes|took|taken|taking to the streets", K::kProtest, 0.85},
    {"picket+|picketers", K::kProtest, 0.7},
    {"block+ ~2 road|roads|highway|highways|street|streets|access|traffic|bridge|bridges|route|"
     "routes|freeway|freeways|motorway|motorways|entrance|entrances|roadway|roadways",
     K::kRoadBlockade, 0.85},
    {"roadblock|roadblocks|blockade|blockades|blockaded", K::kRoadBlockade, 0.7},
    {"disperse+ ~2 protesters|protestors|demonstrators|crowd|crowds|march|marchers|rally|"
     "protest|protests",
     K::kProtestIntervention, 0.85},
    {"tear gas", K::kProtestIntervention, 0.75},
    {"teargas|tear-gas", K::kProtestIntervention, 0.75},
    // Property.
    {"set|sets|setting fire to", K::kArson, 0.9},
    {"set|sets|setting ~3 on fire", K::kArson, 0.9},
    {"set|sets|setting ~3 ablaze|alight", K::kArson, 0.9},
    {"torched|torching|firebomb+|arson|arsons", K::kArson, 0.9},
    {"burned|burnt|burning|burn|burns", K::kArson, 0.5, "",
     "calories|fuel|bridges|money|cash|out|injuries|wounds|victim|victims|unit"},
    {"loot+|looters|pillage+|ransack+", K::kLooting, 0.85},
    {"vandalize+|vandalise+|vandalism", K::kPropertyDestruction, 0.8},
    {"destroy+", K::kPropertyDestruction, 0.5, "", "evidence|documents|records|files"},
    {"demolish+|raze+", K::kPropertyDestruction, 0.6},
    // Arrests, captures, seizures.
    {"arrest+", K::kArrest, 0.9, "cardiac|respiratory|heart", ""},
    {"arrest warrant|warrants", K::kLegalAction, 0.8},
    {"detain+|detention|detentions", K::kArrest, 0.85, "",
     "center|centre|centers|centres|"
     "facility|facilities|camp|camps"},
    {"apprehend+|apprehension", K::kArrest, 0.85},
    {"nab++", K::kArrest, 0.8},
    {"take|takes|took|taken|taking ~2 into custody", K::kArrest, 0.9},
    {"round|rounds|rounded|rounding up", K::kArrest, 0.8},
    // Cameras, contests and moods capture too: "footage captured", "captured pole position".
    {"capture+|captures", K::kCapture, 0.8,
     "footage|video|videos|camera|cameras|images|photos|pictures|photographs|photographer|cctv",
     "rate|rates|technology|device|devices|pole|title|titles|gold|silver|bronze|medal|medals|"
     "crown|trophy|championship|imagination|attention|hearts|mood|spirit|essence|votes|seats|"
     "market|images|pictures|photos|footage"},
    {"seize+|seizure|seizures", K::kSeizure, 0.7},
    {"confiscate+|confiscation", K::kSeizure, 0.8},
    {"dismantle+ ~2 lab|labs|laboratory|laboratories|drug", K::kSeizure, 0.8},
    {"released|releasing|releases|release", K::kRelease, 0.6, "press|news|early|tax|data",
     kReleaseNextVeto},
    {"freed", K::kRelease, 0.7},
    {"set|sets free", K::kRelease, 0.7},
    {"rescue+", K::kRelease, 0.7, "", "package|packages|plan|plans|deal|deals|fund|funds"},
    {"escape+", K::kPrisonEscape, 0.6, "",
     "unhurt|unharmed|injury|injuries|death|uninjured|unscathed|with|the|punishment|justice|"
     "notice|attention|poverty|violence|route|routes|room|hatch|key"},
    {"escape+ ~2 from ~3 prison|jail|prisons|jails|penitentiary|custody", K::kPrisonEscape, 0.95},
    {"jailbreak|jailbreaks|breakout|breakouts", K::kPrisonEscape, 0.85},
    {"prison|jail break|breaks|escape|escapes|breakout|breakouts", K::kPrisonEscape, 0.95},
    {"break|breaks|broke|broken out of ~2 prison|jail|penitentiary", K::kPrisonEscape, 0.95},
    {"flee|flees|fled|fleeing ~2 prison|jail|penitentiary", K::kPrisonEscape, 0.9},
    // Spanish: the verbs and nouns of Mexican and Latin American crime and conflict reporting
    // (headlines are often in the historic present: "asesinan a ...", "hallan ...").
    {"asesinan|asesinaron|asesinó|asesinado|asesinada|asesinados|asesinadas|asesinato|asesinatos",
     K::kKilling, 0.9},
    {"matan|mataron|mató", K::kKilling, 0.9},
    {"ejecutan|ejecutaron|ejecutó|ejecutado|ejecutada|ejecutados|ejecutadas", K::kKilling, 0.85},
    {"masacre|masacres|multihomicidio|multihomicidios", K::kKilling, 0.95},
    {"homicidio|homicidios", K::kKilling, 0.7},
    {"muere|mueren|murió|murieron", K::kKilling, 0.6},
    {"muerto|muertos|muerta|muertas", K::kKilling, 0.6},
    {"deja|dejan|dejó|dejaron ~4 muerto|muertos|muerta|muertas", K::kKilling, 0.85},
    {"priva|privan|privó|privaron de la vida", K::kKilling, 0.9},
    {"decapitado|decapitados|decapitada|decapitadas|desmembrado|desmembrados|desmembrada|"
     "desmembradas|descuartizado|descuartizados|calcinado|calcinados|calcinada",
     K::kKilling, 0.8},
    {"hallan|halla|hallaron|encuentran|encontraron|localizan|localizaron|ubican ~3 cuerpo|cuerpos|"
     "cadáver|cadáveres|restos|osamenta|osamentas|muerto|muertos|muerta|muertas",
     K::kBodyFound, 0.85},
    {"cuerpo|cuerpos|cadáver|cadáveres", K::kBodyFound, 0.6},
    {"sin vida", K::kBodyFound, 0.7},
    {"fosa|fosas clandestina|clandestinas", K::kBodyFound, 0.85},
    {"enfrentamiento|enfrentamientos|enfrentan|enfrentaron", K::kArmedClash, 0.85},
    {"balacera|balaceras|tiroteo|tiroteos|balacean", K::kAttack, 0.85},
    {"ataque|ataques|atacan|atacaron|atacó|atacado|atacada|atacados", K::kAttack, 0.8},
    {"balean|balearon|baleó|baleado|baleada|baleados|baleadas", K::kAttack, 0.9},
    {"disparan|dispararon|disparos", K::kAttack, 0.7},
    {"herido|heridos|herida|heridas|lesionado|lesionados|lesionada|lesionadas", K::kWounding, 0.7},
    {"secuestran|secuestraron|secuestró|secuestrado|secuestrada|secuestrados|secuestradas|"
     "secuestro|secuestros|plagian|plagio",
     K::kAbduction, 0.9},
    {"desaparecido|desaparecidos|desaparecida|desaparecidas|desaparición", K::kDisappearance, 0.6},
    {"explosión|explosiones|explota|explotan|estalla", K::kExplosion, 0.8},
    {"coche|carro bomba", K::kExplosion, 0.9},
    {"granada|granadas", K::kGrenade, 0.85, "", "", true},
    {"detienen|detuvieron|detuvo|detenido|detenidos|detenida|detenidas|arrestan|arrestaron|"
     "aprehenden|aprehendieron|aprehendido|aprehendidos|capturan|capturaron|capturado|capturados",
     K::kArrest, 0.85},
    {"incendian|incendiaron|queman|quemaron", K::kArson, 0.8},
    {"riña|riñas|motín|motines", K::kRiot, 0.85},
    {"rescatan|rescataron|liberan|liberaron", K::kRelease, 0.7},
    {"fuga|fugan|fugaron|evaden|evadieron ~3 reos|penal|cárcel|penitenciaría|prisión",
     K::kPrisonEscape, 0.9},
    // Movements and agreements.
    {"patrol++|patroled|patroling", K::kDeployment, 0.7, "border|coast|highway", "car|cars"},
    {"deploy+|deployment|deployments", K::kDeployment, 0.7},
    {"enter+", K::kDeployment, 0.4, "",
     "into|office|force|the race|politics|a plea|plea|talks|negotiations|data|service|market"},
    {"ceasefire|ceasefires|cease-fire|cease-fires|truce|truces", K::kAgreement, 0.7},
    {"peace agreement|agreements|deal|deals|accord|accords|treaty", K::kAgreement, 0.8},
    {"sign+ ~3 agreement|accord|deal|treaty|ceasefire|truce", K::kAgreement, 0.8},
    // Legal action, extradition and statements.
    {"extradite+|extradition|extraditions", K::kExtradition, 0.85},
    {"request+|seek|seeks|sought|seeking ~2 extradition|extraditions", K::kExtradition, 0.9},
    {"extradition request|requests", K::kExtradition, 0.9},
    {"sentence|sentenced|sentencing", K::kLegalAction, 0.7, "", "structure|structures"},
    {"charged|charging", K::kLegalAction, 0.7, "", "phone|phones|battery|batteries|particles"},
    {"charges against", K::kLegalAction, 0.75},
    {"convict+|conviction|convictions", K::kLegalAction, 0.8},
    {"indict+|indictment|indictments", K::kLegalAction, 0.85},
    {"prosecute+|prosecution", K::kLegalAction, 0.6},
    {"file|files|filed|filing ~3 complaint|complaints|lawsuit|lawsuits|charges|suit|suits",
     K::kLegalAction, 0.8},
    {"sue|sues|sued|suing", K::kLegalAction, 0.6},
    {"acquit++", K::kLegalAction, 0.8},
    {"plead|pleads|pleaded|pled|pleading guilty", K::kLegalAction, 0.9},
    {"jail+|imprison+", K::kLegalAction, 0.6, "", "cell|cells|guard|guards|time|break|breaks"},
    {"press|news briefing|briefings|conference|conferences", K::kPressStatement, 0.8},
    {"in a statement", K::kPressStatement, 0.6},
    {"claim+ responsibility|credit", K::kPressStatement, 0.7},
    {"announce+", K::kPressStatement, 0.5},
    {"say|says|said|told|report+|confirm+", K::kPressStatement, 0.3},
    // Headline forms: a toll without a verb ("Seven dead in ..."), bodies and remains named by
    // their state ("Calcined torso found", "Three dead found"), and the nouns and participles of
    // translated Spanish crime reporting ("multihomicide", "without life", "skinned alive").
    // "Dead" alone is also an adjective ("a dead swan", "pronounced dead at the hospital"):
    // only the headline toll, "dead" followed by where or when.
    {"dead in|after|as|during|at|on", K::kKilling, 0.5,
     "pronounced|declared|presumed|brain|drop|stone|walking|grateful|living|half|play|playing|"
     "the|undead|for|of|their|our|its|honored|honoured",
     "the water|the head|the scene|arrival|age|the age|#"},
    {"dead|deceased found|discovered|located|dumped|abandoned|recovered", K::kBodyFound, 0.85},
    {"hanged", K::kKilling, 0.8},
    {"hung|hanging|hanged from ~2 bridge|bridges|overpass|overpasses|tree|trees|pole|poles",
     K::kKilling, 0.85},
    {"riddle+ ~3 bullets|gunfire|shots", K::kKilling, 0.85},
    {"bullet-riddled", K::kBodyFound, 0.8},
    {"calcined|charred|mutilated|dismembered|headless|severed|decapitated torso|torsos|body|bodies|"
     "corpse|corpses|remains|head|heads|limbs",
     K::kBodyFound, 0.85},
    {"throw|throws|threw|thrown|throwing ~3 body|bodies|corpse|corpses|remains", K::kBodyFound,
     0.85},
    {"locate+ ~3 skeleton|skeletons|skull|skulls|torso|torsos", K::kBodyFound, 0.85},
    {"without life", K::kBodyFound, 0.75},
    {"skin|skins|skinned alive", K::kKilling, 0.9},
    {"armed engagement|engagements", K::kArmedClash, 0.85},
    // Singular only: the plurals of crime categories ("Feminicides advance", "Dismemberments
    // carry on") head stories about trends, not about one happening.
    {"multihomicide|multi-homicide", K::kKilling, 0.9},
    {"multiple homicide|murder|killing", K::kKilling, 0.9},
    {"decapitation|dismemberment", K::kKilling, 0.85},
    {"feminicide|femicide", K::kKilling, 0.85},
    {"acribillan|acribillaron|acribillado|acribillada|acribillados|acribilladas", K::kKilling, 0.9},
    {"descuartizan|descuartizaron", K::kKilling, 0.85},
    {"ejecuta", K::kKilling, 0.85},
    {"mata a", K::kKilling, 0.85},
    {"hiere|hieren|hirieron", K::kWounding, 0.7},
    {"tiran|tiraron|arrojan|arrojaron|abandonan|abandonaron|dejan|dejaron ~3 cuerpo|cuerpos|"
     "cadáver|cadáveres|restos|cabeza|cabezas",
     K::kBodyFound, 0.85},
    {"restos humanos", K::kBodyFound, 0.85},
    {"cabeza|cabezas humana|humanas", K::kBodyFound, 0.85},
    {"encobijado|encobijados|encobijada|encobijadas|embolsado|embolsados|embolsada|embolsadas",
     K::kBodyFound, 0.85},
    {"hallado|hallada|hallados|halladas", K::kBodyFound, 0.6, "",
     "culpable|culpables|responsable|responsables"},
};

std::string verb_forms(std::string base, bool doubled) {
  auto is_vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; };
  const char last = base.back();
  const bool consonant_y = last == 'y' && base.size() > 1 && !is_vowel(base[base.size() - 2]);
  std::string s3, past, ing;
  if (base.ends_with("s") || base.ends_with("x") || base.ends_with("z") || base.ends_with("ch") ||
      base.ends_with("sh"))
    s3 = base + "es";
  else if (consonant_y)
    s3 = base.substr(0, base.size() - 1) + "ies";
  else
    s3 = base + "s";
  if (doubled) {
    past = base + last + "ed";
    ing = base + last + "ing";
  } else if (last == 'e') {
    past = base + "d";
    const bool keep_e = base.ends_with("ee") || base.ends_with("ye") || base.ends_with("oe");
    ing = keep_e ? base + "ing" : base.substr(0, base.size() - 1) + "ing";
  } else if (consonant_y) {
    past = base.substr(0, base.size() - 1) + "ied";
    ing = base + "ing";
  } else {
    past = base + "ed";
    ing = base + "ing";
  }
  if (base.ends_with("ie")) ing = base.substr(0, base.size() - 2) + "ying";
  return base + "|" + s3 + "|" + past + "|" + ing;
}

struct Element {
  std::vector<std::string> list;  // the alternatives, in lexicon order
  WordSet words;                  // the same, for lookups
  int gap_before = 0;             // words that may be skipped before this element
};

struct Pattern {
  std::vector<Element> elements;
  const Entry* entry;
  WordSet prev_veto, next_veto;
  bool two_word_veto = false;  // next_veto holds "word word" items
  bool number_veto = false;    // next_veto holds "#": a short number after the match vetoes it
};

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= s.size()) {
    std::size_t e = s.find(sep, pos);
    if (e == std::string_view::npos) e = s.size();
    if (e > pos) out.emplace_back(s.substr(pos, e - pos));
    pos = e + 1;
  }
  return out;
}

Pattern compile(const Entry& entry) {
  Pattern p{{},
            &entry,
            WordSet(entry.prev_veto),
            WordSet(entry.next_veto),
            entry.next_veto.find(' ') != std::string_view::npos};
  p.number_veto = p.next_veto.contains("#");
  int gap = 0;
  for (const std::string& element : split(entry.pattern, ' ')) {
    if (element[0] == '~') {
      gap = element.size() > 1 ? element[1] - '0' : 2;
      continue;
    }
    Element e;
    e.gap_before = gap;
    gap = 0;
    for (const std::string& alt : split(element, '|')) {
      if (alt.ends_with("++")) {
        for (auto& f : split(verb_forms(alt.substr(0, alt.size() - 2), true), '|'))
          e.list.push_back(f);
      } else if (alt.ends_with("+")) {
        for (auto& f : split(verb_forms(alt.substr(0, alt.size() - 1), false), '|'))
          e.list.push_back(f);
      } else {
        e.list.push_back(alt);
      }
    }
    for (const std::string& w : e.list) e.words.insert(w);
    p.elements.push_back(std::move(e));
  }
  return p;
}

// Patterns indexed by the words their first element accepts: first_words gives a word's id,
// by_first_word[id] the patterns (in lexicon order, which breaks ties) that start with it.
// Key stems (for may_hold_trigger): per entry the stems of one element's words, which every
// match of the entry has among its tokens' stems; key_confidence[id] is the highest base
// confidence of the entries keyed by stem `id`. strong_stems and strong_confidence are the same
// for the stems of confidence kStrongConfidence or more: the thresholds callers use are at least
// that, and the frequent weak stems ("said", "told", "report") then cost no lookups.
constexpr double kStrongConfidence = 0.35;  // EventExtractorOptions::min_confidence by default

struct Lexicon {
  std::vector<Pattern> patterns;
  WordSet first_words;
  std::vector<std::vector<std::size_t>> by_first_word;
  StemSet key_stems;
  std::vector<double> key_confidence;
  std::vector<std::string> key_stem_text;  // by id
  StemSet strong_stems;
  std::vector<double> strong_confidence;
  double unkeyed_confidence = -1;  // highest of entries with no usable key: always candidates
  // For may_hold_trigger's second test, which rules out spans where a key stem's entries miss
  // another of their elements ("fire" without "on", "at" or "open"): the patterns each key
  // stem keys (by key stem id), the key stem id of each strong stem, and the stems of the other
  // elements (of patterns with several), each with the elements, numbered across the lexicon,
  // among whose words' stems it is. Only elements worth_testing are numbered.
  static constexpr std::size_t kMaxElements = 512;
  std::vector<std::vector<std::size_t>> keyed;
  std::vector<std::size_t> strong_key;
  StemSet element_stems;
  std::vector<std::vector<std::uint16_t>> stem_elements;  // by element_stems id
  struct Needs {
    std::vector<std::uint16_t> elements;  // numbered elements besides the key
    bool key_first = false;               // the key element is the pattern's first
  };
  std::vector<Needs> needs;  // by pattern index
  std::size_t element_count = 0;

  Lexicon() {
    for (const Entry& entry : kEntries) patterns.push_back(compile(entry));
    for (std::size_t i = 0; i < patterns.size(); ++i)
      for (const std::string& w : patterns[i].elements.front().list) {
        const std::size_t id = first_words.insert(w);
        if (id == by_first_word.size()) by_first_word.emplace_back();
        auto& list = by_first_word[id];
        if (std::find(list.begin(), list.end(), i) == list.end()) list.push_back(i);
      }
    needs.resize(patterns.size());
    for (std::size_t i = 0; i < patterns.size(); ++i) add_key(i);
    for (std::size_t id = 0; id < key_confidence.size(); ++id) {
      if (key_confidence[id] < kStrongConfidence) continue;
      if (strong_stems.insert(key_stem_text[id]) == strong_confidence.size()) {
        strong_confidence.push_back(key_confidence[id]);
        strong_key.push_back(id);
      }
    }
  }

  // A word's stem: the word up to its first joiner, as a token's lower holds it; "" when that
  // holds an ASCII byte other than a lowercase letter or digit, which no stem has.
  static std::string_view stem_of(std::string_view word) {
    for (std::size_t k = 0; k < word.size(); ++k) {
      const char c = word[k];
      if (c == '\'' || c == '-' || c == '.' || c == ',' || c == ':' || c == '/')
        return word.substr(0, k);
      if (static_cast<unsigned char>(c) < 0x80 && !(c >= 'a' && c <= 'z') &&
          !(c >= '0' && c <= '9'))
        return {};
    }
    return word;
  }

  // Whether `e` is worth a test in may_hold_trigger: every word of it has a stem a StemSet
  // holds, and none is so common ("on", "the", "his") that most sentences have it anyway,
  // which would only make the scan for it slow (each of its words passes the StemSet's
  // filters and costs a lookup).
  static bool worth_testing(const Element& e) {
    static const WordSet kCommon("the|his|her|its|out|off|and|for|their");
    for (const std::string& w : e.list) {
      const std::string_view stem = stem_of(w);
      if (stem.size() <= 2 || stem.size() > StemSet::kMaxStemBytes || kCommon.contains(stem))
        return false;
    }
    return true;
  }

  // Keys pattern `i` by the element whose shortest stem is longest (the later one on ties:
  // objects such as "dead" in "shot dead" are rarer than verbs): rare words rule out the most
  // sentences. Its other elements with usable stems are numbered for may_hold_trigger.
  void add_key(std::size_t i) {
    const Pattern& p = patterns[i];
    const Element* key = nullptr;
    std::size_t key_length = 0;
    for (const Element& e : p.elements) {
      std::size_t shortest = StemSet::kMaxStemBytes, longest = 0;
      for (const std::string& w : e.list) {
        shortest = std::min(shortest, stem_of(w).size());
        longest = std::max(longest, stem_of(w).size());
      }
      // An empty stem or one a StemSet cannot hold would be missed.
      const bool usable = shortest > 0 && longest <= StemSet::kMaxStemBytes;
      if (usable && shortest >= key_length) {
        key = &e;
        key_length = shortest;
      }
    }
    const double confidence = p.entry->confidence;
    if (key == nullptr) {
      unkeyed_confidence = std::max(unkeyed_confidence, confidence);
      return;
    }
    for (const std::string& w : key->list) {
      const std::size_t id = key_stems.insert(stem_of(w));
      if (id == key_confidence.size()) {
        key_confidence.push_back(confidence);
        key_stem_text.emplace_back(stem_of(w));
        keyed.emplace_back();
      }
      key_confidence[id] = std::max(key_confidence[id], confidence);
      if (keyed[id].empty() || keyed[id].back() != i) keyed[id].push_back(i);
    }
    needs[i].key_first = key == &p.elements.front();
    for (const Element& e : p.elements) {
      if (&e == key || !worth_testing(e) || element_count == kMaxElements) continue;
      const auto number = static_cast<std::uint16_t>(element_count++);
      needs[i].elements.push_back(number);
      for (const std::string& w : e.list) {
        const std::size_t id = element_stems.insert(stem_of(w));
        if (id == stem_elements.size()) stem_elements.emplace_back();
        if (stem_elements[id].empty() || stem_elements[id].back() != number)
          stem_elements[id].push_back(number);
      }
    }
  }
};

const Lexicon& lexicon() {
  static const Lexicon lex;
  return lex;
}

// Matches elements [k, end) of `p` with element k starting at or after token `pos` (within its
// allowed gap); returns the end token of the match or 0 when there is none.
std::size_t match_from(const Pattern& p, std::size_t k, Tokens tokens, std::size_t pos) {
  if (k == p.elements.size()) return pos;
  const Element& e = p.elements[k];
  for (int skip = 0; skip <= e.gap_before; ++skip) {
    const std::size_t at = pos + static_cast<std::size_t>(skip);
    if (at >= tokens.size()) return 0;
    if (e.words.contains(tokens[at].lower)) {
      const std::size_t end = match_from(p, k + 1, tokens, at + 1);
      if (end != 0) return end;
    }
    if (!tokens[at].is_word) return 0;  // gaps never cross punctuation
  }
  return 0;
}

bool vetoed(const Pattern& p, Tokens tokens, std::size_t first, std::size_t last) {
  if (first > 0 && p.prev_veto.contains(tokens[first - 1].lower)) return true;
  if (last < tokens.size() && p.next_veto.size() > 0) {
    if (p.next_veto.contains(tokens[last].lower)) return true;
    const std::string_view next = tokens[last].lower;
    if (p.number_veto && !next.empty() && next.size() <= 3 &&
        std::all_of(next.begin(), next.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return true;
    // Two-word vetoes ("the race") are written with a space.
    if (p.two_word_veto && last + 1 < tokens.size() &&
        p.next_veto.contains(std::string(tokens[last].lower) + " " +
                             std::string(tokens[last + 1].lower)))
      return true;
  }
  return false;
}

const WordSet kIrregularParticiples(
    "shot|slain|taken|held|hit|beaten|blown|burnt|set|struck|found|fought|left|hurt|seen|caught|"
    "known");
// Adverbs and auxiliaries that may stand between "were" and the participle, or between a
// modal/negation and the trigger.
const WordSet kFillers(
    "also|later|all|both|then|being|been|be|have|has|had|soon|just|still|allegedly|reportedly|"
    "apparently|subsequently|eventually|once|again|immediately|first|ever|even|each|to|get|got|"
    "either");
const WordSet kBe("was|were|is|are|be|been|being|got|get|gets|getting|'s|am");
const WordSet kNegators("not|never|no|nobody|no-one|without|deny|denies|denied|denying|cannot");
const WordSet kFail("fail|fails|failed|failing");
const WordSet kModals(
    "could|would|might|may|should|must|can|will|shall|'ll|if|unless|urged|urge|urges|demanded|"
    "demand|demands|plotting|planning|threatening");
// Before "to": "threatened to kill".
const WordSet kIntentions(
    "threaten|threatens|threatened|plan|plans|planned|vow|vows|vowed|intend|intends|intended|"
    "want|wants|wanted|expected|going|about|plot|plotted|plots|seek|seeks|sought|promised|"
    "promise|promises|set|scheduled|prepared|preparing");
const WordSet kCall("call|calls|called|calling");
const WordSet kNot("not|never");

bool is_participle(std::string_view w) {
  return w.ends_with("ed") || kIrregularParticiples.contains(w);
}

bool is_filler(std::string_view w) { return w.ends_with("ly") || kFillers.contains(w); }

Modality modality_before(Tokens tokens, const std::vector<int>& clauses, std::size_t first) {
  const int clause = clauses[first];
  for (std::size_t back = 1; back <= 4 && back <= first; ++back) {
    const std::size_t i = first - back;
    if (clauses[i] != clause || !tokens[i].is_word) break;
    const std::string_view w = tokens[i].lower;
    // Both branches string_view: with `: ""` the result would be a temporary std::string copy
    // that dies at the end of this line.
    const std::string_view next =
        i + 1 < tokens.size() ? std::string_view(tokens[i + 1].lower) : std::string_view();
    // "May 5", "Will Smith": capitalised inside a sentence, these are names, not modals.
    if (tokens[i].capitalized && i > 0) continue;
    if (kNegators.contains(w) || w.ends_with("n't") || (kFail.contains(w) && next == "to"))
      return Modality::kNegated;
    if (kModals.contains(w)) return Modality::kHypothetical;
    if (next == "to" && kIntentions.contains(w)) return Modality::kHypothetical;
    if (next == "for" && kCall.contains(w)) return Modality::kHypothetical;
  }
  return Modality::kAsserted;
}

bool passive_before(Tokens tokens, std::size_t first) {
  if (!is_participle(tokens[first].lower)) return false;
  for (std::size_t back = 1; back <= 4 && back <= first; ++back) {
    const std::string_view w = tokens[first - back].lower;
    if (kBe.contains(w)) return true;
    if (!is_filler(w) && !kNot.contains(w) && !w.ends_with("n't")) return false;
  }
  return false;
}

}  // namespace

std::string_view modality_id(Modality m) {
  switch (m) {
    case Modality::kAsserted:
      return "asserted";
    case Modality::kNegated:
      return "negated";
    case Modality::kHypothetical:
      return "hypothetical";
  }
  return "asserted";
}

std::vector<TriggerMatch> find_triggers(std::string_view text, Tokens tokens) {
  return find_triggers(text, tokens, clause_ids(tokens));
}

namespace {

// Light verbs after an event noun, which report that the event took place: "clashes erupted",
// "a shootout occurred", "fighting broke out", "a bomb went off", "the attack took place".
const WordSet kLightVerbsAfter(
    "occur|occurs|occurred|occurring|erupt|erupts|erupted|erupting|happen|happens|happened|"
    "happening|continue|continues|continued|continuing|begin|begins|began|begun|beginning|start|"
    "starts|started|starting|rage|rages|raged|raging|ensue|ensues|ensued|ensuing|resume|resumes|"
    "resumed|resuming|escalate|escalates|escalated|escalating|intensify|intensifies|intensified|"
    "intensifying|flare|flares|flared|flaring|break|breaks|broke|broken|breaking|go|goes|went|"
    "gone|going|take|takes|took|taken|taking|unfold|unfolds|unfolded|unfolding");
// The particle some of them need: "broke out", "went off", "took place".
const WordSet kNeedOut("break|breaks|broke|broken|breaking");
const WordSet kNeedOff("go|goes|went|gone|going");
const WordSet kNeedPlace("take|takes|took|taken|taking");
// Light verbs before an event noun, its object: "began their assault", "carried out raids".
const WordSet kLightVerbsBefore(
    "began|begin|begins|begun|beginning|launched|launch|launches|launching|conducted|conduct|"
    "conducts|conducting|staged|stage|stages|staging|continued|continue|continues|continuing|"
    "resumed|resume|resumes|resuming|mounted|mount|mounts|mounting|waged|wage|wages|waging|"
    "started|start|starts|starting|intensified|intensify|intensifies|intensifying");
const WordSet kCarry("carried|carry|carries|carrying");
// Words that end the search for a light verb after the noun: another clause or speaker.
const WordSet kLightVerbStops(
    "said|says|say|told|reported|when|after|before|while|as|because|if|since|until|where|who|"
    "whom|whose|but|or|than|so|killing|leaving|wounding|injuring");
const WordSet kGapPrepositions(
    "between|in|at|near|on|of|outside|inside|across|along|around|against|by|with|from|into");
const WordSet kDeterminers("a|an|the|this|that|these|those|their|its|his|her");

bool particle_ok(Tokens tokens, std::size_t verb) {
  const std::string_view v = tokens[verb].lower;
  const std::string_view next =
      verb + 1 < tokens.size() ? std::string_view(tokens[verb + 1].lower) : std::string_view();
  if (kNeedOut.contains(v)) return next == "out";
  if (kNeedOff.contains(v)) return next == "off";
  if (kNeedPlace.contains(v)) return next == "place";
  return true;
}

// The light verb of the event noun [first, last), with the modality the words between them
// give, or nullopt. Nouns only: a participle or a noun after "be" is no subject.
struct LightVerb {
  std::size_t token = 0;
  Modality modality = Modality::kAsserted;
};

std::optional<LightVerb> light_verb_of(Tokens tokens, const std::vector<int>& clauses,
                                       const Lexicon& lex, std::size_t first, std::size_t last) {
  const std::string_view head = tokens[last - 1].lower;
  if (head.ends_with("ed") || passive_before(tokens, first)) return std::nullopt;
  // After the noun: "clashes erupted", "fighting between X and Y broke out", "the attack,
  // which occurred ...", "violence could erupt".
  Modality modality = Modality::kAsserted;
  bool in_phrase = false;
  int words = 0;
  for (std::size_t j = last; j < tokens.size() && words <= 6; ++j) {
    const EventToken& t = tokens[j];
    if (t.lower == "," && j + 1 < tokens.size() &&
        (tokens[j + 1].lower == "which" || tokens[j + 1].lower == "that"))
      continue;
    if (!t.is_word) break;
    if (kLightVerbsAfter.contains(t.lower)) {
      if (!particle_ok(tokens, j)) break;
      return LightVerb{j, modality};
    }
    if (kLightVerbStops.contains(t.lower) || lex.first_words.contains(t.lower)) break;
    if (kDeterminers.contains(t.lower) && !in_phrase) break;  // an object: the noun was a verb
    if (kGapPrepositions.contains(t.lower)) in_phrase = true;
    if (kNegators.contains(t.lower) || t.lower.ends_with("n't")) modality = Modality::kNegated;
    if (kModals.contains(t.lower) && modality == Modality::kAsserted)
      modality = Modality::kHypothetical;
    ++words;
  }
  // Before the noun: "began their assault", "carried out an attack", "staged protests".
  for (std::size_t back = 1; back <= 4 && back <= first; ++back) {
    const std::size_t j = first - back;
    const EventToken& t = tokens[j];
    if (!t.is_word || clauses[j] != clauses[first]) break;
    if (kLightVerbsBefore.contains(t.lower))
      return LightVerb{j, modality_before(tokens, clauses, j)};
    if (t.lower == "out" && j > 0 && kCarry.contains(tokens[j - 1].lower))
      return LightVerb{j - 1, modality_before(tokens, clauses, j - 1)};
    if (kLightVerbStops.contains(t.lower) || lex.first_words.contains(t.lower)) break;
  }
  return std::nullopt;
}

}  // namespace

std::vector<TriggerMatch> find_triggers(std::string_view text, Tokens tokens,
                                        const std::vector<int>& clauses) {
  std::vector<TriggerMatch> out;
  find_triggers(text, tokens, clauses, out);
  return out;
}

void find_triggers(std::string_view text, Tokens tokens, const std::vector<int>& clauses,
                   std::vector<TriggerMatch>& out) {
  (void)text;
  const Lexicon& lex = lexicon();
  out.clear();
  std::size_t i = 0;
  while (i < tokens.size()) {
    const std::ptrdiff_t id = lex.first_words.find(tokens[i].lower);
    std::size_t best_end = 0;
    const Entry* best = nullptr;
    if (id >= 0) {
      for (std::size_t idx : lex.by_first_word[static_cast<std::size_t>(id)]) {
        const Pattern& p = lex.patterns[idx];
        if (p.entry->lowercase_only && tokens[i].capitalized) continue;
        const std::size_t end = match_from(p, 0, tokens, i);
        if (end == 0 || vetoed(p, tokens, i, end)) continue;
        if (p.entry->needs_light_verb && !light_verb_of(tokens, clauses, lex, i, end)) continue;
        if (end > best_end || (end == best_end && p.entry->confidence > best->confidence)) {
          best_end = end;
          best = p.entry;
        }
      }
    }
    if (best == nullptr) {
      ++i;
      continue;
    }
    TriggerMatch m;
    m.first_token = i;
    m.last_token = best_end;
    m.span = {tokens[i].span.begin, tokens[best_end - 1].span.end};
    m.kind = best->kind;
    m.modality = modality_before(tokens, clauses, i);
    m.confidence = best->confidence * (m.modality == Modality::kNegated        ? 0.2
                                       : m.modality == Modality::kHypothetical ? 0.4
                                                                               : 1.0);
    m.passive = passive_before(tokens, i);
    m.clause = clauses[i];
    if (const auto light = light_verb_of(tokens, clauses, lex, i, best_end)) {
      m.light_verb = tokens[light->token].span;
      // "clashes could erupt", "no attack took place", "would launch an offensive".
      if (m.modality == Modality::kAsserted && light->modality != Modality::kAsserted) {
        m.modality = light->modality;
        m.confidence *= m.modality == Modality::kNegated ? 0.2 : 0.4;
      }
    }
    out.push_back(m);
    i = best_end;
  }
}

std::optional<std::size_t> first_trigger_stem(std::string_view text, ByteSpan span,
                                              double min_confidence) {
  const Lexicon& lex = lexicon();
  if (lex.unkeyed_confidence >= min_confidence) return span.begin;
  const bool strong = min_confidence >= kStrongConfidence;
  const StemSet& stems = strong ? lex.strong_stems : lex.key_stems;
  const std::vector<double>& confidence = strong ? lex.strong_confidence : lex.key_confidence;
  std::size_t pos = span.begin;
  for (std::ptrdiff_t id; (id = stems.next_in(text, pos, span.end)) >= 0;) {
    const auto k = static_cast<std::size_t>(id);
    // Stems are the text's bytes with ASCII letters lowercased: as long as the text's.
    if (confidence[k] >= min_confidence)
      return pos - lex.key_stem_text[strong ? lex.strong_key[k] : k].size();
  }
  return std::nullopt;
}

bool may_hold_trigger(std::string_view text, ByteSpan span, double min_confidence) {
  return may_hold_trigger(text, span, min_confidence, span.begin);
}

bool may_hold_trigger(std::string_view text, ByteSpan span, double min_confidence,
                      std::size_t key_from) {
  const Lexicon& lex = lexicon();
  if (lex.unkeyed_confidence >= min_confidence) return true;
  const bool strong = min_confidence >= kStrongConfidence;
  const StemSet& stems = strong ? lex.strong_stems : lex.key_stems;
  const std::vector<double>& confidence = strong ? lex.strong_confidence : lex.key_confidence;
  // Bit n: element n has a stem in the span; filled on the first key stem that needs it.
  std::array<std::uint64_t, Lexicon::kMaxElements / 64> present{};
  bool scanned = false;
  std::size_t pos = std::max(key_from, span.begin);
  for (std::ptrdiff_t id; (id = stems.next_in(text, pos, span.end)) >= 0;) {
    if (confidence[static_cast<std::size_t>(id)] < min_confidence) continue;
    const std::size_t key =
        strong ? lex.strong_key[static_cast<std::size_t>(id)] : static_cast<std::size_t>(id);
    // Stems are the text's bytes with ASCII letters lowercased: as long as the text's.
    const char first = text[pos - lex.key_stem_text[key].size()];
    const bool capitalised = first >= 'A' && first <= 'Z';
    for (const std::size_t i : lex.keyed[key]) {
      const Pattern& p = lex.patterns[i];
      if (p.entry->confidence < min_confidence) continue;
      const Lexicon::Needs& needs = lex.needs[i];
      // A capitalised first word ("March") is no match of a lowercase-only entry; the stem
      // starts the token that would be matched, or the token holds a joiner before it and is
      // no word of the entry.
      if (p.entry->lowercase_only && needs.key_first && capitalised) continue;
      if (needs.elements.empty()) return true;
      if (!scanned) {
        scanned = true;
        std::size_t at = span.begin;
        for (std::ptrdiff_t e; (e = lex.element_stems.next_in(text, at, span.end)) >= 0;)
          for (const std::uint16_t n : lex.stem_elements[static_cast<std::size_t>(e)])
            present[n >> 6] |= std::uint64_t{1} << (n & 63);
      }
      if (std::all_of(needs.elements.begin(), needs.elements.end(),
                      [&](std::uint16_t n) { return ((present[n >> 6] >> (n & 63)) & 1) != 0; }))
        return true;
    }
  }
  return false;
}

std::vector<TriggerMatch> find_triggers(std::string_view sentence) {
  return find_triggers(sentence, tokenize_for_events(sentence, {0, sentence.size()}));
}

std::vector<TriggerMatch> select_event_triggers(const std::vector<TriggerMatch>& all,
                                                double min_confidence, bool keep_negated) {
  std::vector<TriggerMatch> out;
  select_event_triggers(all, min_confidence, keep_negated, out);
  return out;
}

void select_event_triggers(const std::vector<TriggerMatch>& all, double min_confidence,
                           bool keep_negated, std::vector<TriggerMatch>& out) {
  out.clear();
  auto better = [](const TriggerMatch& a, const TriggerMatch& b) {
    const auto& ia = event_kind_info(a.kind);
    const auto& ib = event_kind_info(b.kind);
    if (ia.violent != ib.violent) return ia.violent;
    if (ia.priority != ib.priority) return ia.priority > ib.priority;
    return a.confidence > b.confidence;
  };
  for (const TriggerMatch& m : all) {
    if (m.confidence < min_confidence) continue;
    if (m.modality == Modality::kNegated && !keep_negated) continue;
    if (!out.empty() && out.back().clause == m.clause) {
      if (better(m, out.back())) out.back() = m;
    } else {
      out.push_back(m);
    }
  }
}

}  // namespace incidentmap
