#include "src/events/event_types.h"

#include <array>
#include <string>

#include "gazetteer/fold.h"

namespace incidentmap {

namespace {

constexpr std::string_view kBattles = "Battles";
constexpr std::string_view kExplosions = "Explosions/Remote violence";
constexpr std::string_view kVac = "Violence against civilians";
constexpr std::string_view kProtests = "Protests";
constexpr std::string_view kRiots = "Riots";
constexpr std::string_view kStrategic = "Strategic developments";

// Priorities: explosive and armed-clash kinds name an incident better than its consequences
// (killed, wounded), which rank above the non-violent kinds.
constexpr std::array<EventKindInfo, 34> kTable = {{
    {EventKind::kArmedClash, "armed_clash", kBattles, "Armed clash", true, 90},
    {EventKind::kAttack, "attack", kVac, "Attack", true, 80},
    {EventKind::kKilling, "killing", kVac, "Attack", true, 70},
    {EventKind::kWounding, "wounding", kVac, "Attack", true, 60},
    {EventKind::kBodyFound, "body_found", kVac, "Attack", true, 65},
    {EventKind::kAbduction, "abduction", kVac, "Abduction/forced disappearance", true, 78},
    {EventKind::kDisappearance, "disappearance", kVac, "Abduction/forced disappearance", true, 76},
    {EventKind::kSexualViolence, "sexual_violence", kVac, "Sexual violence", true, 77},
    {EventKind::kExplosion, "explosion", kExplosions, "Remote explosive/landmine/IED", true, 94},
    {EventKind::kGrenade, "grenade_attack", kExplosions, "Grenade", true, 95},
    {EventKind::kSuicideBombing, "suicide_bombing", kExplosions, "Suicide bomb", true, 99},
    {EventKind::kAirStrike, "air_strike", kExplosions, "Air/drone strike", true, 98},
    {EventKind::kShelling, "shelling", kExplosions, "Shelling/artillery/missile attack", true, 96},
    {EventKind::kChemicalAttack, "chemical_attack", kExplosions, "Chemical weapon", true, 97},
    {EventKind::kRiot, "riot", kRiots, "Violent demonstration", true, 85},
    {EventKind::kMobViolence, "mob_violence", kRiots, "Mob violence", true, 86},
    {EventKind::kProtest, "protest", kProtests, "Peaceful protest", false, 40},
    {EventKind::kRoadBlockade, "road_blockade", kProtests, "Peaceful protest", false, 39},
    {EventKind::kProtestIntervention, "protest_intervention", kProtests,
     "Protest with intervention", false, 42},
    {EventKind::kArson, "arson", kStrategic, "Looting/property destruction", true, 55},
    {EventKind::kLooting, "looting", kStrategic, "Looting/property destruction", true, 54},
    {EventKind::kPropertyDestruction, "property_destruction", kStrategic,
     "Looting/property destruction", true, 52},
    {EventKind::kTerritoryCapture, "territory_capture", kBattles,
     "Non-state actor overtakes territory", true, 88},
    {EventKind::kArrest, "arrest", kStrategic, "Arrests", false, 38},
    {EventKind::kCapture, "capture", kStrategic, "Arrests", false, 37},
    {EventKind::kSeizure, "seizure", kStrategic, "Disrupted weapons use", false, 34},
    {EventKind::kRaid, "raid", kStrategic, "Other", false, 35},
    {EventKind::kRelease, "release", kStrategic, "Other", false, 30},
    {EventKind::kPrisonEscape, "prison_escape", kStrategic, "Other", false, 36},
    {EventKind::kDeployment, "deployment", kStrategic, "Other", false, 20},
    {EventKind::kAgreement, "agreement", kStrategic, "Agreement", false, 25},
    {EventKind::kExtradition, "extradition", "", "", false, 15},
    {EventKind::kLegalAction, "legal_action", "", "", false, 12},
    {EventKind::kPressStatement, "press_statement", "", "", false, 5},
}};

constexpr std::array<std::pair<std::string_view, std::string_view>, 25> kAcled = {{
    {kBattles, "Armed clash"},
    {kBattles, "Government regains territory"},
    {kBattles, "Non-state actor overtakes territory"},
    {kExplosions, "Chemical weapon"},
    {kExplosions, "Air/drone strike"},
    {kExplosions, "Suicide bomb"},
    {kExplosions, "Shelling/artillery/missile attack"},
    {kExplosions, "Remote explosive/landmine/IED"},
    {kExplosions, "Grenade"},
    {kVac, "Sexual violence"},
    {kVac, "Attack"},
    {kVac, "Abduction/forced disappearance"},
    {kProtests, "Peaceful protest"},
    {kProtests, "Protest with intervention"},
    {kProtests, "Excessive force against protesters"},
    {kRiots, "Violent demonstration"},
    {kRiots, "Mob violence"},
    {kStrategic, "Agreement"},
    {kStrategic, "Arrests"},
    {kStrategic, "Change to group/activity"},
    {kStrategic, "Disrupted weapons use"},
    {kStrategic, "Headquarters or base established"},
    {kStrategic, "Looting/property destruction"},
    {kStrategic, "Non-violent transfer of territory"},
    {kStrategic, "Other"},
}};

}  // namespace

std::span<const EventKindInfo> event_kind_table() { return kTable; }

const EventKindInfo& event_kind_info(EventKind kind) {
  return kTable[static_cast<std::size_t>(kind)];
}

std::string_view event_kind_id(EventKind kind) { return event_kind_info(kind).id; }

std::optional<EventKind> event_kind_from_id(std::string_view id) {
  for (const auto& row : kTable)
    if (row.id == id) return row.kind;
  return std::nullopt;
}

std::span<const std::pair<std::string_view, std::string_view>> acled_categories() { return kAcled; }

bool names_armed_actor(std::string_view phrase) {
  static constexpr std::string_view kArmed[] = {
      "police",         "policeman",    "policemen",  "policewoman", "officer",   "officers",
      "agent",          "agents",       "patrol",     "patrols",     "soldier",   "soldiers",
      "troops",         "army",         "military",   "marines",     "marine",    "navy",
      "guard",          "guards",       "guardsmen",  "convoy",      "forces",    "militia",
      "militiamen",     "gunmen",       "gunman",     "hitmen",      "rebels",    "rebel",
      "militants",      "militant",     "insurgents", "fighters",    "cartel",    "gang",
      "checkpoint",     "base",         "barracks",   "battalion",   "commander", "sicarios",
      "paramilitaries", "paramilitary", "cops",       "cop",         "sheriff",   "deputies",
      "troopers"};
  for (const std::string& token : gaz::fold_tokens(phrase))
    for (std::string_view armed : kArmed)
      if (token == armed) return true;
  return false;
}

}  // namespace incidentmap
