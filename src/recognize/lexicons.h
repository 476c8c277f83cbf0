#pragma once
// The word lists recognition uses besides the gazetteer: given names, titles, organisation and
// media names, calendar words, common words, place type words and role cues. Built in (the
// lists are compiled from src/recognize/data/*.inc); every entry is stored folded
// (gaz::fold_name), so lookups take folded tokens or folded multi-word keys.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "src/text/string_index.h"

namespace incidentmap {

// Categories of a folded word or phrase (bit set). A word may be in several.
enum LexFlag : std::uint32_t {
  kLexGivenName = 1u << 0,        // "maria", "jordan", "paris" (the latter with person context)
  kLexSurnameParticle = 1u << 1,  // "van", "de", "bin", "al"
  kLexConnector = 1u << 2,        // lower-case words allowed inside names: "of", "de", "upon"
  kLexTitle = 1u << 3,            // honorifics and office titles: "mr", "gen", "sheriff"
  kLexOrgCue = 1u << 4,           // words that end organisation names: "university", "police"
  kLexMedia = 1u << 5,            // media outlets and platforms: "reuters", "al jazeera"
  kLexCalendar = 1u << 6,         // months, weekdays, holidays
  kLexCommonWord = 1u << 7,       // common English words ("many", "police", "buses")
  kLexTypeAdmin = 1u << 8,        // "state", "province", "county", "municipality"
  kLexTypeSettlement = 1u << 9,   // "city", "town", "village"
  kLexTypeNatural = 1u << 10,     // "river", "lake", "mountain", "island"
  kLexTypeFacility = 1u << 11,    // "prison", "airport", "dam", "base"
  kLexTypeStreet = 1u << 12,      // "street", "road", "avenue", "highway"
  kLexReportingCue = 1u << 13,    // phrases before a reporter's place: "reporting from"
  kLexMetonymyVerb = 1u << 14,    // verbs that take a government as subject: "said", "urged"
  kLexMetonymyNoun = 1u << 15,    // "X's government", "X's foreign ministry"
  kLexModifierNoun = 1u << 16,    // nouns a place name modifies: "police", "cartel", "residents"
  kLexStopword = 1u << 17,        // closed-class words, never a name alone: "the", "in", "we"
  kLexSurname = 1u << 18,         // common surnames: "Brown", "King", "Clark", "Logan"
  kLexOrganisation = 1u << 19,    // organisations and companies: "Hamas", "CDC", "NATO"
};

inline constexpr std::uint32_t kLexAnyPlaceType =
    kLexTypeAdmin | kLexTypeSettlement | kLexTypeNatural | kLexTypeFacility | kLexTypeStreet;

class Lexicons {
 public:
  // The built-in lists, parsed once on first use (thread-safe).
  static const Lexicons& builtin();

  // What the lists say about one folded key.
  struct Entry {
    std::uint32_t flags = 0;  // LexFlag bits; 0 when unlisted
    int max_tokens = 0;       // as max_phrase_tokens() for the key taken as a first token
  };

  // Flags of a folded word or multi-word phrase ("al jazeera"); 0 when unlisted.
  std::uint32_t flags(std::string_view folded) const {
    return entry(folded, StringIndex::hash(folded)).flags;
  }
  bool has(std::string_view folded, LexFlag f) const { return (flags(folded) & f) != 0; }

  // Largest number of tokens of a listed multi-word phrase starting with `first_folded`
  // (1 when only single words start with it; 0 when nothing does).
  int max_phrase_tokens(std::string_view first_folded) const {
    return entry(first_folded, StringIndex::hash(first_folded)).max_tokens;
  }

  // Both of the above in one probe; `hash` must be StringIndex::hash(folded). For callers
  // that hash each token once.
  Entry entry(std::string_view folded, std::uint64_t hash) const {
    const Entry* e = entries_.find(folded, hash);
    return e == nullptr ? Entry{} : *e;
  }

  // Number of entries with flag `f` (for tests and reports).
  std::size_t count(LexFlag f) const;

  // Parses a list in the data format (see data/lexicon.inc): "[section]" lines, entries
  // separated by white space, '_' joining the words of a phrase, "//" comment lines before the
  // data. `section_flags` maps section names to flags; entries of unknown sections are ignored.
  // A list without sections takes `default_flag`.
  void add_list(std::string_view data, std::uint32_t default_flag,
                const std::unordered_map<std::string, std::uint32_t>& section_flags = {});

 private:
  static bool fold_simple_entry(std::string_view entry, std::string& key);

  StringMap<Entry> entries_;
};

}  // namespace incidentmap
