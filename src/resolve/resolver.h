#pragma once
// Toponym resolution: for every recognised mention of a document, choose one gazetteer candidate
// using the document as context. Evidence, strongest first:
//   1. an explicit container: "Culiacán, Sinaloa", "Paris, Texas", "Moscow, Idaho", "X is a
//      town in Y County" (a county holds what lies within 80 km of its point in its state);
//   2. a type word: "Sinaloa state", "the state of Oaxaca", "Laurel County", "Jordan River";
//   3. the countries and first-level areas of the document's other, confidently resolved places,
//      a first-level area named among the next few mentions, and the votes of all the
//      document's names for the areas their candidates lie in (a cluster of small towns in one
//      state pulls each of them there);
//   4. distance to those places (stories are about places near each other);
//   5. priors: feature type (countries and states before namesake villages), population and
//      how the name matched (official name before historic alternate);
//   6. one sense per discourse: mentions of one name lean on each other's evidence.
// Input is independent of the gazetteer: the pipeline turns index lookups into Candidates.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "geo/lonlat.h"

namespace incidentmap {

// What a type word next to the name says about the place.
enum class PlaceTypeHint : std::uint8_t {
  kNone,
  kCountry,
  kFirstLevel,   // state, province, region (of a country), department
  kSecondLevel,  // county, municipality, district, parish
  kPopulated,    // city, town, village
  kWater,        // river, lake, sea, gulf, bay
  kFacility,     // prison, airport, base, border crossing
  kTerrain,      // mountain(s), valley, plateau, desert, island
};

// How the mention's text matched the candidate's name.
enum class NameMatchKind : std::uint8_t {
  kPrimary,
  kAlternate,
  kAbbreviation,
  kDemonym,
  kHistoric,
  kColloquial,
};

// The codes are views, not copies: they must outlive resolve_mentions (the pipeline points them
// into the mapped gazetteer, tests at string literals), so building candidates never allocates.
struct PlaceCandidate {
  std::uint32_t place = 0;  // opaque id of the place in the gazetteer
  std::int64_t geonameid = 0;
  char feature_class = 'P';
  std::string_view feature_code;  // "PPLA", "ADM1", "PCLI"; "" when unknown
  std::string_view country_code;  // ISO2; "" when none
  std::string_view admin1_code;   // "" when none
  std::int64_t population = 0;
  geo::LonLat position;
  NameMatchKind match = NameMatchKind::kPrimary;
  // The gazetteer's own prior for this (name, place) pair when it has one; otherwise the
  // resolver derives one from the fields above (candidate_prior).
  std::optional<double> prior;
};

struct MentionToResolve {
  std::vector<PlaceCandidate> candidates;
  PlaceTypeHint type_hint = PlaceTypeHint::kNone;
  // Index of the mention that names this one's container ("Sinaloa" in "Culiacán, Sinaloa").
  std::optional<std::size_t> container;
  // Demonyms resolve to their country only; set for mentions recognised as demonyms.
  bool is_demonym = false;
};

struct ResolverOptions {
  // Countries the user says the documents are about (ISO2, upper case): a mild preference.
  std::vector<std::string> country_hints;
  // A mention joins the document context when its confidence reaches this.
  double anchor_confidence = 0.75;
};

struct Resolution {
  std::optional<std::size_t> candidate;  // index into the mention's candidates; none if empty
  double confidence = 0.0;               // in [0, 1]: how far the choice stands above the rest
  // Set when the mention's container (an administrative area) says where the place is but no
  // candidate lies inside it, as for a hamlet too small for the gazetteer ("Elk Ridge is a
  // village in Piute County, Utah"): the index of the container mention, whose place stands
  // in for this one at coarser precision. `candidate` then still names the best namesake.
  std::optional<std::size_t> stand_in;
};

// Resolves every mention of one document. Deterministic: ties go to the lower geonameid.
std::vector<Resolution> resolve_mentions(const std::vector<MentionToResolve>& mentions,
                                         const ResolverOptions& options = {});
// The same over a span, so that a caller may keep one buffer of inputs across documents.
std::vector<Resolution> resolve_mentions(std::span<const MentionToResolve> mentions,
                                         const ResolverOptions& options = {});

// The prior score of a candidate alone (no context): `prior` when set, else the gazetteer's
// own ranking (gazetteer/ranking.h) of its feature type, population and name kind.
double candidate_prior(const PlaceCandidate& candidate);

}  // namespace incidentmap
