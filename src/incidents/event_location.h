#pragma once
// Where did an event happen? Given the event's trigger and the document's resolved place
// mentions, choose the mention that names the event's location: a literal place in the trigger's
// sentence, introduced by a locative preposition and close to the trigger, the finer of a
// "town, state" pair; not a dateline, reporter's city, organisation modifier or demonym (the
// caller marks those ineligible), nor a name the syntax ties to someone rather than to the event:
// an agent ("bombed by X"), a neighbour ("the border with X"), an origin ("a man from a village
// near X", "The bomber, a man from X, detonated"), a name after the trigger that is neither its
// object nor in a phrase of place ("demonstrated against the company and X"). A headline's
// label ("X: five killed") places the event as a preposition would, and the place whose
// preposition follows the trigger at once ("demonstrated across X") is preferred. Without one,
// fall back to the document's focus place.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geo/lonlat.h"

namespace incidentmap {

struct PlaceMention {
  std::size_t begin = 0;  // byte offsets into the document text, end exclusive
  std::size_t end = 0;
  // A literal place: may be where something happened. False for datelines, reporters' cities,
  // name modifiers ("Sinaloa cartel"), demonyms and metonyms.
  bool eligible = true;
  std::int64_t geonameid = 0;
  char feature_class = 'P';
  std::string feature_code;
  std::string country_code;
  std::string admin1_code;
  geo::LonLat position;
  double confidence = 1.0;  // resolution confidence
  // False for a name the gazetteer does not know (a village, a neighbourhood, a street): the
  // fields above say nothing then. Such a name can still be where the event happened, located
  // through a place that stands in for it (LocationChoice::stand_in).
  bool resolved = true;
};

struct EventAnchor {
  std::size_t trigger_begin = 0;  // bytes
  std::size_t trigger_end = 0;
  std::size_t sentence_begin = 0;
  std::size_t sentence_end = 0;
};

enum class LocationSource : std::uint8_t {
  kSentence,  // a place named in the event's own sentence
  kFocus,     // the document's focus place
  kNone,      // nothing usable
};

struct LocationChoice {
  std::optional<std::size_t> mention;  // index into the mentions vector
  LocationSource source = LocationSource::kNone;
  bool near = false;        // "near", "outside", "on the outskirts of", "20 km from"
  double confidence = 0.0;  // in [0, 1]
  // Where the chosen name is not itself located (unresolved, or a neighbourhood whose
  // gazetteer namesake lies away from the document's city), the mention whose place gives the
  // event its coordinates: the place the text says contains or is near it, the document's
  // city, or its focus. `stand_in_home` instead when the caller's home place (the outlet's
  // city) does. Either way the location is coarse: `near` is set.
  std::optional<std::size_t> stand_in;
  bool stand_in_home = false;
};

struct EventLocationOptions {
  // Mentions further than this from the trigger, in bytes, lose most of their weight.
  std::size_t distance_scale_bytes = 120;
};

// The document's focus: the place most of its literal mentions point at, preferring specific
// places (towns, facilities, districts) named early and often. Returns an index into `mentions`
// or nullopt when no mention is eligible. With the document `text` the offsets refer to, a
// mention that is only part of a longer name ("the Otay Mesa crossing") or a modifier ("X
// police") does not count: it names no place of the document.
std::optional<std::size_t> document_focus(const std::vector<PlaceMention>& mentions,
                                          std::string_view text = {});

// Chooses the event's location. `text` is the document text the offsets refer to; `mentions`
// must be sorted by begin; `focus` is document_focus(mentions), passed in so a document with
// many events computes it once. `home`, when given, is where the document comes from (a local
// outlet's city, resolved; its offsets are ignored): the city its neighbourhoods lie in when the
// text names none.
LocationChoice choose_event_location(std::string_view text, const EventAnchor& event,
                                     const std::vector<PlaceMention>& mentions,
                                     std::optional<std::size_t> focus,
                                     const EventLocationOptions& options = {},
                                     const PlaceMention* home = nullptr);

// True when the text around the name [begin, end) calls it a part of a city: "the X
// neighborhood", "X subdivision", "the X colony", "colonia X", "fraccionamiento X", "barrio X"
// (capitalised words and particles of a longer name may stand between: "Portal del Roble
// neighborhood").
bool names_part_of_city(std::string_view text, std::size_t begin, std::size_t end);

}  // namespace incidentmap
