#pragma once
// The event kinds the extractor assigns, their stable string ids, and their mapping onto ACLED's
// event_type / sub_event_type taxonomy. docs/event-types.md documents the table and the choices.
// Kinds are finer than ACLED where the text says more (grenade vs IED, arrest vs capture) and
// also cover non-violent happenings ACLED does not code (press statements, legal action); those
// map to an empty ACLED type.

#include <optional>
#include <span>
#include <string_view>

namespace incidentmap {

// Order is not significant; ids are what files store. Add new kinds at the end.
enum class EventKind {
  kArmedClash,
  kAttack,
  kKilling,
  kWounding,
  kBodyFound,
  kAbduction,
  kDisappearance,
  kSexualViolence,
  kExplosion,
  kGrenade,
  kSuicideBombing,
  kAirStrike,
  kShelling,
  kChemicalAttack,
  kRiot,
  kMobViolence,
  kProtest,
  kRoadBlockade,
  kProtestIntervention,
  kArson,
  kLooting,
  kPropertyDestruction,
  kTerritoryCapture,
  kArrest,
  kCapture,
  kSeizure,
  kRaid,
  kRelease,
  kPrisonEscape,
  kDeployment,
  kAgreement,
  kExtradition,
  kLegalAction,
  kPressStatement,
};

struct EventKindInfo {
  EventKind kind;
  std::string_view id;                    // stable snake_case id, e.g. "armed_clash"
  std::string_view acled_event_type;      // "" when ACLED does not code this kind
  std::string_view acled_sub_event_type;  // "" when acled_event_type is ""
  bool violent;                           // physical violence or its direct result
  int priority;  // within one clause the trigger with the highest priority names the event
};

// Every kind, in enum order.
std::span<const EventKindInfo> event_kind_table();

// The row for `kind`. Never fails for a valid enumerator.
const EventKindInfo& event_kind_info(EventKind kind);

// The stable id, e.g. "road_blockade".
std::string_view event_kind_id(EventKind kind);

// Inverse of event_kind_id; nullopt for unknown ids.
std::optional<EventKind> event_kind_from_id(std::string_view id);

// ACLED's six event types and 25 sub-event types as (event_type, sub_event_type) pairs, in
// ACLED's codebook order; every non-empty mapping in the table is one of these.
std::span<const std::pair<std::string_view, std::string_view>> acled_categories();

// True when the target phrase (as written, e.g. "a police patrol") names state forces or armed
// men. ACLED codes attacks on armed actors as Battles / Armed clash, not Violence against
// civilians, so the extractor uses this to refine kAttack, kKilling and kWounding.
bool names_armed_actor(std::string_view phrase);

}  // namespace incidentmap
