#pragma once
// What the recogniser needs to know from a gazetteer, as a small abstract interface so that
// recognition can be written and tested without the index (the index implements it through an
// adapter; tests use an in-memory fake). Keys are folded names (gaz::fold_name): lower case,
// no accents, tokens joined by one space ("mexico city", "us", "culiacan").

#include <cstdint>
#include <string_view>

namespace incidentmap {

// A summary of every gazetteer entry whose name or alternate name folds to one key.
struct NameInfo {
  // Kinds of entries behind the key (bit set in `kinds`).
  enum Kind : std::uint32_t {
    kPopulated = 1u << 0,      // feature class P (city, town, village)
    kAdmin = 1u << 1,          // feature class A (any administrative division)
    kCountry = 1u << 2,        // independent country or dependency (PCLI, PCLD, TERR, ...)
    kAdmin1 = 1u << 3,         // first-level division (state, province): ADM1
    kAdmin2 = 1u << 4,         // second-level division (county, municipality): ADM2
    kContinent = 1u << 5,      // continent (CONT)
    kRegion = 1u << 6,         // world or national region (RGN, RGNE, AREA), sea, ocean
    kCapital = 1u << 7,        // national capital (PPLC)
    kWater = 1u << 8,          // feature class H (river, lake, sea)
    kTerrain = 1u << 9,        // feature class T (mountain, island, valley)
    kSpot = 1u << 10,          // feature class S (building, facility: prison, airport)
    kOther = 1u << 11,         // L, R, U, V classes
    kAbbreviation = 1u << 12,  // the key is a listed abbreviation of some entry ("us", "dc")
    kPrimaryName = 1u << 13,   // the key is the main name (not only an alternate) of an entry
    kDemonym = 1u << 14,       // the key is a demonym ("mexican", "americans")
  };

  std::uint32_t kinds = 0;
  std::uint32_t candidates = 0;         // number of entries with this key; 0 = unknown key
  std::int64_t max_population = 0;      // largest population among the entries (0 when unknown)
  char demonym_country[3] = {0, 0, 0};  // ISO 3166-1 alpha-2 for a demonym key, else ""

  bool known() const { return candidates > 0 || (kinds & kDemonym) != 0; }
  bool is(Kind k) const { return (kinds & k) != 0; }
  // A country, first-level division, continent or world region: names so prominent that
  // a capitalised mention is a place unless the context says otherwise.
  bool prominent() const { return (kinds & (kCountry | kAdmin1 | kContinent | kRegion)) != 0; }
};

class NameSource {
 public:
  virtual ~NameSource() = default;
  // The largest number of tokens of any known key whose first token is `first_folded`
  // (a single folded token); 0 when no key starts with it. Must be cheap: called per token.
  virtual int max_name_tokens(std::string_view first_folded) const = 0;
  // What the gazetteer knows about `folded_key`; candidates == 0 and kinds == 0 when nothing.
  virtual NameInfo lookup(std::string_view folded_key) const = 0;
};

}  // namespace incidentmap
