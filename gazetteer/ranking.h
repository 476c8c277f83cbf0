#pragma once
// The prior of a gazetteer candidate before any context is known: how likely a bare mention of
// a name means this place. prior = importance(place) + name_kind_bonus(kind), where
//   importance = feature-type weight + 0.5 * log10(1 + population).
// Feature-type weights, highest first: independent countries (PCLI 10), dependencies (PCLD ... 9.5)
// > continents (9), oceans, seas and world regions (8) > first-level divisions (ADM1 7) > capitals
// (PPLC 6.5) > second-level divisions (ADM2 5) > seats of divisions (PPLA 4.5, PPLA2 4 ...) > other
// populated places (3) > facilities and natural features (2-2.5) > historical or abandoned places
// (1). So "Sinaloa" the state (ADM1, 7 + 1) ranks above the town "Sinaloa de Leyva" whose alternate
// name is "Sinaloa" (PPLA2 with ~6000 people: 4 + 1.9 + 0.6).

#include <cstdint>
#include <string_view>

#include "gazetteer/index_format.h"

namespace incidentmap::gaz {

// Added to the prior of a name the curated supplement gives a place: the project chose it
// ("Kan." for Kansas), where the same folded key may come from an airport code in the dump.
inline constexpr float kCuratedBonus = 1.0f;

// Weight of a GeoNames feature type; `feature_code` may be "" (then the class decides).
float feature_weight(char feature_class, std::string_view feature_code);

// importance as above; population < 0 counts as 0.
float place_importance(char feature_class, std::string_view feature_code, std::int64_t population);

// Bonus for how the name matched: primary/ASCII 1.0, official 0.9, abbreviation 0.8, demonym
// 0.7, alternate 0.6, colloquial 0.4, historic 0.2.
float name_kind_bonus(format::NameKind kind);

// Order in which duplicate names of one place are kept (lower is kept): primary, ascii,
// official, abbreviation, alternate, demonym, colloquial, historic.
int name_kind_rank(format::NameKind kind);

// Lower-case English label of a kind: "primary", "ascii", "alternate", "abbreviation",
// "demonym", "historic", "colloquial", "official".
std::string_view name_kind_label(format::NameKind kind);

}  // namespace incidentmap::gaz
