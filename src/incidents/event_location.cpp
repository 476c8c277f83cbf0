#include "src/incidents/event_location.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <map>

namespace incidentmap {

namespace {

using namespace std::string_view_literals;

// Specificity of a place as an event location: a town or facility says more than a state.
double specificity(const PlaceMention& m) {
  switch (m.feature_class) {
    case 'P':
    case 'S':
      return 1.0;
    case 'A':
      if (m.feature_code.starts_with("PCL")) return 0.0;
      if (m.feature_code == "ADM1") return 0.3;
      return 0.6;
    default:
      return 0.2;
  }
}

bool is_area(const PlaceMention& m) { return m.feature_class == 'A'; }

bool contains(const PlaceMention& outer, const PlaceMention& inner) {
  if (!is_area(outer) || outer.geonameid == inner.geonameid) return false;
  if (outer.feature_code.starts_with("PCL")) return outer.country_code == inner.country_code;
  if (outer.feature_code == "ADM1")
    return outer.country_code == inner.country_code && outer.admin1_code == inner.admin1_code &&
           inner.feature_code != "ADM1";
  return false;
}

// <cctype> in the "C" locale the program runs in, without its calls: these run on every byte.
constexpr bool ascii_isupper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool ascii_islower(unsigned char c) { return c >= 'a' && c <= 'z'; }
constexpr bool ascii_isdigit(unsigned char c) { return c >= '0' && c <= '9'; }
constexpr unsigned char ascii_tolower(unsigned char c) {
  return ascii_isupper(c) ? static_cast<unsigned char>(c - 'A' + 'a') : c;
}

constexpr std::array<bool, 256> make_word_bytes() {
  std::array<bool, 256> t{};
  // Bytes of non-ASCII code points belong to words: "Culiacán", "según".
  for (int c = 0; c < 256; ++c) {
    const auto b = static_cast<unsigned char>(c);
    t[b] = ascii_isupper(b) || ascii_islower(b) || ascii_isdigit(b) || b >= 0x80;
  }
  return t;
}
constexpr std::array<bool, 256> kWordByte = make_word_bytes();

bool is_word_byte(char c) { return kWordByte[static_cast<unsigned char>(c)]; }

constexpr std::array<char, 256> make_lower_bytes() {
  std::array<char, 256> t{};
  for (int c = 0; c < 256; ++c)
    t[static_cast<std::size_t>(c)] =
        static_cast<char>(ascii_tolower(static_cast<unsigned char>(c)));
  return t;
}
constexpr std::array<char, 256> kLowerByte = make_lower_bytes();

// Through a table: this runs on the words around every place mention of every event.
std::string lower(std::string_view w) {
  std::string out(w.size(), '\0');
  for (std::size_t i = 0; i < w.size(); ++i) out[i] = kLowerByte[static_cast<unsigned char>(w[i])];
  return out;
}

constexpr std::array<bool, 256> make_clause_breaks() {
  std::array<bool, 256> t{};
  for (const char c : {'.', ';', '\n', '!', '?'}) t[static_cast<unsigned char>(c)] = true;
  return t;
}
constexpr std::array<bool, 256> kClauseBreak = make_clause_breaks();

// A table, not five compares: the scans for clause ends test every byte they pass.
bool is_clause_break(char c) { return kClauseBreak[static_cast<unsigned char>(c)]; }

// The words just before `pos`, nearest first (at most `n`), as written. A sentence or clause
// break ends the look-back.
std::vector<std::string_view> words_before(std::string_view text, std::size_t pos, std::size_t n) {
  std::vector<std::string_view> words;
  words.reserve(n);  // one allocation, not one per doubling
  std::size_t i = std::min(pos, text.size());
  while (words.size() < n && i > 0) {
    while (i > 0 && !is_word_byte(text[i - 1])) {
      if (is_clause_break(text[i - 1])) return words;
      --i;
    }
    const std::size_t end = i;
    while (i > 0 && (is_word_byte(text[i - 1]) || text[i - 1] == '-')) --i;
    if (end == i) break;
    words.push_back(text.substr(i, end - i));
  }
  return words;
}

// The first word at or after `pos` (after spaces only), lower-cased; "" when punctuation comes
// first.
std::string word_after(std::string_view text, std::size_t pos) {
  std::size_t i = pos;
  while (i < text.size() && text[i] == ' ') ++i;
  std::size_t end = i;
  while (end < text.size() && is_word_byte(text[end])) ++end;
  return lower(text.substr(i, end - i));
}

// Most items differ from `w` in length or first byte: those are ruled out without a compare call
// (this runs on the words around every place mention of every event).
template <std::size_t N>
bool one_of(std::string_view w, const std::string_view (&list)[N]) {
  for (const std::string_view x : list)
    if (x.size() == w.size() && (x.empty() || x[0] == w[0]) && x == w) return true;
  return false;
}

// Prepositions that put an event at a place (English and Spanish).
constexpr std::string_view kLocative[] = {
    "in",     "at",   "inside",  "into", "within", "through", "throughout", "along", "across",
    "around", "near", "outside", "on",   "off",    "over",    "en",         "cerca"};
constexpr std::string_view kNearCue[] = {
    "near",      "outside",   "outskirts", "north", "south", "east", "west",  "northeast",
    "northwest", "southeast", "southwest", "from",  "close", "edge", "cerca", "afueras"};
constexpr std::string_view kDirection[] = {"north",     "south",     "east",      "west",
                                           "northeast", "northwest", "southeast", "southwest"};
constexpr std::string_view kDistanceUnit[] = {"km",         "kms",        "miles", "mile",
                                              "kilometres", "kilometers", "metres"};
// Words that may stand between a preposition and the name: "in the northern city of X",
// "en la colonia X".
constexpr std::string_view kFiller[] = {
    "the",          "a",         "of",           "city",         "town",
    "village",      "state",     "province",     "region",       "district",
    "municipality", "county",    "capital",      "port",         "northern",
    "southern",     "eastern",   "western",      "central",      "outskirts",
    "streets",      "nearby",    "neighbouring", "neighboring",  "downtown",
    "rural",        "its",       "area",         "neighborhood", "neighbourhood",
    "community",    "suburb",    "el",           "la",           "los",
    "las",          "de",        "del",          "colonia",      "municipio",
    "ciudad",       "estado",    "comunidad",    "poblado",      "fraccionamiento",
    "barrio",       "localidad", "sindicatura",  "ranchería",    "ejido",
    "afueras"};
// Kinds of place a name may be followed by before "of" and its container: "the X district of
// Y", "the X neighbourhood of Y".
constexpr std::string_view kPlaceKind[] = {"village",   "town",          "district", "province",
                                           "region",    "municipality",  "county",   "neighborhood",
                                           "community", "suburb",        "area",     "municipio",
                                           "colonia",   "neighbourhood", "barrio",   "localidad"};
// Words that call a name a part of a city: after it ("the X neighborhood", "X subdivision",
// "the X colony") or before it ("colonia X", "fraccionamiento X").
constexpr std::string_view kCityPartAfter[] = {"neighborhood",   "neighbourhood", "subdivision",
                                               "colony",         "colonia",       "barrio",
                                               "fraccionamiento"};
constexpr std::string_view kCityPartBefore[] = {"colonia", "fraccionamiento", "fracc", "barrio"};
// Lower-case words inside a longer name: "Portal del Roble", "Villas de la Loma".
constexpr std::string_view kNameParticles[] = {"de", "del", "la", "las", "los",
                                               "el", "y",   "of", "the"};

// Nouns a place name modifies when it names who or what rather than where: "Kurdish-held
// YPG fighters", "the Abidjan accord", "a Kosovo war crimes suspect", "Sinaloa police".
constexpr std::string_view kModifiedNouns[] = {
    "fighters",    "forces",     "troops",    "soldiers",  "gunmen",     "militants",
    "militia",     "militias",   "rebels",    "police",    "officials",  "official",
    "authorities", "government", "ministry",  "statement", "war",        "wars",
    "conflict",    "conflicts",  "accord",    "accords",   "agreement",  "uprising",
    "uprisings",   "crisis",     "newspaper", "media",     "embassy",    "consulate",
    "president",   "leader",     "leaders",   "airstrike", "airstrikes", "bombardment",
    "shelling",    "offensive",  "title",     "team",      "nationals",  "citizens",
    "cartel",      "native",     "planes",    "jets",      "warplanes",  "aircraft",
    "helicopters"};

// Offices a place names when it follows them with "of": "the governor of X", "the mayor of X".
// The place says whose office it is, not where the event befell its holder.
constexpr std::string_view kOffices[] = {
    "governor", "mayor",   "emir",       "commander",  "chief",      "head",
    "leader",   "prefect", "bishop",     "archbishop", "ambassador", "consul",
    "senator",  "deputy",  "gobernador", "alcalde",    "presidente"};

struct Cue {
  bool office = false;     // "the governor of X": whose office, not where
  bool locative = false;   // "in X", "near X", "en X"
  bool near = false;       // "near", "outside", "20 km from", "north of"
  bool origin = false;     // "a driver from X", "speaking from X": not where it happened
  bool reference = false;  // "30 km south of X", "north of X": the point distances start at
};

// Nouns of complex prepositions, whose "of" names no place: "in the wake of X", "on behalf of
// X", "in support of X".
constexpr std::string_view kComplexPrepositionNouns[] = {
    "wake",      "behalf",   "name",  "support", "protest", "favour",  "favor",   "face",
    "absence",   "presence", "hands", "charge",  "control", "memory",  "honour",  "honor",
    "aftermath", "event",    "case",  "spite",   "lieu",    "defence", "defense", "solidarity"};

// Words that end the noun phrase a preposition heads: a clause, an agent or another phrase
// begins ("in an attack that hit the town of X", "by fighters of X").
constexpr std::string_view kPhraseBreaks[] = {
    "that", "which", "who",     "by",    "for",    "with",   "to", "and",
    "or",   "from",  "against", "after", "before", "during", "as", "while",
    "when", "where", "than",    "is",    "was",    "were",   "are"};

// The name is the object of "of" in a noun phrase a locative preposition heads: "in the Shiite
// holy city of X", "on the radical slum of X", "in the heart of X". The preposition places the
// phrase, so the name. `words` are the words before the name, nearest first, the first being
// "of". Up to three lower-case words and any capitalised ones (demonyms, names) may stand
// between; a complex preposition ("in the wake of") or a word that ends the phrase rules out.
// Sets `cue` and returns true when a preposition is found.
bool of_phrase_placed(const std::vector<std::string_view>& words, Cue& cue) {
  constexpr int kMaxOtherWords = 3;
  if (words.size() < 3 || one_of(lower(words[1]), kComplexPrepositionNouns)) return false;
  int other_words = 0;
  bool near = false;
  for (std::size_t j = 1; j < words.size(); ++j) {
    const std::string lw = lower(words[j]);
    if (one_of(lw, kLocative)) {
      cue.locative = true;
      cue.near = near || lw == "near" || lw == "outside" || lw == "cerca";
      return true;
    }
    if (one_of(lw, kPhraseBreaks) || lw == "of") return false;
    near = near || one_of(lw, kNearCue);
    if (!ascii_islower(static_cast<unsigned char>(words[j][0])) || one_of(lw, kFiller)) continue;
    if (++other_words > kMaxOtherWords) return false;
  }
  return false;
}

Cue cue_before(std::string_view text, std::size_t begin) {
  Cue cue;
  const auto words = words_before(text, begin, 7);
  bool adjective_skipped = false;
  for (std::size_t k = 0; k < words.size(); ++k) {
    // Views, so that comparisons with literals test the length before any bytes.
    const std::string lowered = lower(words[k]);
    const std::string_view w = lowered;
    const bool distance_follows =
        k + 1 < words.size() && one_of(lower(words[k + 1]), kDistanceUnit);
    if (w == "from" && k + 2 < words.size()) {
      // "30 km from X": the distance may sit one word before the unit ("30 km (19 miles) from").
      const bool distance = distance_follows || one_of(lower(words[k + 2]), kDistanceUnit) ||
                            one_of(lower(words[k + 1]), kDirection);
      if (distance) {
        cue.near = cue.reference = true;
        break;
      }
    }
    if (w == "from") {
      // "a driver from X", "speaking from X": where someone comes from. After a verb of
      // motion or a route noun ("withdrew from X", "the road from X") it is a place of the event.
      const std::string prev_lowered = k + 1 < words.size() ? lower(words[k + 1]) : "";
      const std::string_view prev = prev_lowered;
      const bool motion = prev.ends_with("ing") || prev.ends_with("ed") || prev == "road" ||
                          prev == "highway" || prev == "route" || prev == "way";
      cue.origin = !distance_follows && !motion;
      cue.near = cue.reference = distance_follows;
      break;
    }
    if (w == "of" && k + 1 < words.size() && one_of(lower(words[k + 1]), kDirection)) {
      cue.near = cue.reference = true;
      break;
    }
    const bool of = w == "of" || w == "de";
    if (of && k + 1 < words.size() && one_of(lower(words[k + 1]), kOffices)) {
      cue.office = true;
      break;
    }
    if (of && k == 0 && of_phrase_placed(words, cue)) break;
    if (one_of(w, kNearCue)) cue.near = true;
    if (one_of(w, kLocative)) {
      cue.locative = true;
      if (w == "near" || w == "outside" || w == "cerca") cue.near = true;
      break;
    }
    if (one_of(w, kFiller) || one_of(w, kNearCue) || one_of(w, kDistanceUnit) ||
        ascii_isdigit(static_cast<unsigned char>(lowered[0])))
      continue;
    // One adjective may stand between: "in the restive X", "in biblical X"; not a noun with
    // its "of" ("on behalf of the X").
    const bool lowercase = ascii_islower(static_cast<unsigned char>(words[k][0]));
    const bool after_of = std::any_of(words.begin(), words.begin() + static_cast<long>(k),
                                      [](std::string_view x) { return lower(x) == "of"sv; });
    if (lowercase && !adjective_skipped && !after_of) {
      adjective_skipped = true;
      continue;
    }
    break;
  }
  return cue;
}

// What follows the name shows it does not name the event's place: a possessive ("X's
// governor"), a hyphen compound ("X-based", "X-led", "X-21") or a modified noun ("X fighters").
struct After {
  bool possessive = false;
  bool modifier = false;
};

After cue_after(std::string_view text, std::size_t begin, std::size_t end) {
  After a;
  const std::string_view rest = text.substr(std::min(end, text.size()));
  // Some feeds lose the apostrophe and leave "X   s".
  if (rest.starts_with("'s") || rest.starts_with("\xE2\x80\x99s") || rest.starts_with("' ") ||
      (rest.starts_with(" ") && word_after(rest, 0) == "s"))
    a.possessive = true;
  // "Tijuana-Tecate" names a road between two places; "X-led", "X-21" do not name a place.
  // A two-letter name before a hyphen is an article or prefix of a longer one ("Al-X").
  const bool hyphen_after = rest.size() >= 2 && rest[0] == '-' &&
                            (ascii_islower(static_cast<unsigned char>(rest[1])) ||
                             ascii_isdigit(static_cast<unsigned char>(rest[1])) ||
                             (end - begin <= 2 && is_word_byte(rest[1])));
  // Such feeds turn the three bytes of a curly apostrophe into three spaces: a lower-case
  // fragment after them other than the possessive "s" ends the word the name only began
  // ("Shi   ite").
  const bool broken_word = rest.starts_with("   ") && rest.size() > 3 &&
                           ascii_islower(static_cast<unsigned char>(rest[3])) &&
                           word_after(rest, 3) != "s"sv;
  a.modifier = hyphen_after || broken_word || one_of(word_after(text, end), kModifiedNouns);
  return a;
}

// The words of text[from, to) in order, as written: runs of word bytes and inner hyphens.
std::vector<std::string_view> words_between(std::string_view text, std::size_t from,
                                            std::size_t to) {
  std::vector<std::string_view> words;
  to = std::min(to, text.size());
  for (std::size_t i = from; i < to;) {
    if (!is_word_byte(text[i])) {
      ++i;
      continue;
    }
    std::size_t e = i;
    while (e < to && (is_word_byte(text[e]) || text[e] == '-')) ++e;
    words.push_back(text.substr(i, e - i));
    i = e;
  }
  return words;
}

// Whether the words between a comma after a name and the next name only say how the second
// locates the first: "X, Y", "X, central Y", "X, 80 km northeast of the town of Y", with one
// adjective at most ("X, the main town in Y"). More ("X, detonated his device at Y") make Y a
// place of its own.
bool only_locating_words(std::string_view rest) {
  int other_words = 0;
  for (std::string_view word : words_between(rest, 0, rest.size())) {
    const std::string w = lower(word);
    if (!one_of(w, kFiller) && !one_of(w, kNearCue) && !one_of(w, kDistanceUnit) &&
        !one_of(w, kLocative) && !ascii_isdigit(static_cast<unsigned char>(w[0])) && w != "some" &&
        w != "about" && w != "just" && ascii_islower(static_cast<unsigned char>(word[0])) &&
        ++other_words > 1)
      return false;
  }
  return true;
}

// "the south X neighbourhood of Y", "X district of Y": only kind words and fillers, then "of",
// lie between the two names, so Y is a part of X and X only says where Y is. The words read
// the other way too ("the Y neighbourhood of X", see follows_as_container): the gazetteer
// decides, taking Y for the part when it does not know Y, or when X is an area and Y is not.
bool part_named_after(std::string_view text, const PlaceMention& outer, const PlaceMention& inner) {
  constexpr std::size_t kMaxGapBytes = 40;
  if (inner.resolved && !(is_area(outer) && !is_area(inner))) return false;
  if (inner.begin < outer.end || inner.begin - outer.end > kMaxGapBytes) return false;
  const auto words = words_between(text, outer.end, inner.begin);
  if (words.size() < 2 || lower(words.back()) != "of"sv) return false;
  if (text.substr(outer.end, inner.begin - outer.end).find_first_of(",;:.()\"") !=
      std::string_view::npos)
    return false;
  bool kind = false;
  for (std::size_t k = 0; k + 1 < words.size(); ++k) {
    const std::string w = lower(words[k]);
    if (!one_of(w, kFiller) || w == "of") return false;
    kind = kind || one_of(w, kPlaceKind);
  }
  return kind;
}

// The words a name follows when another name lies before it in a "place, container" or
// "place near reference" relation: "Sadr City in eastern Baghdad", "Jdeideh near Jenin",
// "Hermosillo, Sonora", "Maharda (Hama province)", "Todee, northeast of Monrovia".
bool follows_as_container(std::string_view text, const PlaceMention& inner,
                          const PlaceMention& outer) {
  constexpr std::size_t kMaxGapBytes = 60;
  if (outer.begin < inner.end || outer.begin - inner.end > kMaxGapBytes) return false;
  const std::string_view gap = text.substr(inner.end, outer.begin - inner.end);
  if (gap.find_first_of(".;:!?\n") != std::string_view::npos) return false;
  // A list or a new clause separates places of equal standing.
  for (std::size_t i = 0; i < gap.size();) {
    while (i < gap.size() && !is_word_byte(gap[i])) ++i;
    std::size_t e = i;
    while (e < gap.size() && is_word_byte(gap[e])) ++e;
    const std::string w = lower(gap.substr(i, e - i));
    if (w == "and" || w == "or" || w == "y" || w == "while" || w == "but" || w == "where" ||
        w == "when" || w == "which" || w == "who" || w == "after" || w == "before")
      return false;
    i = e;
  }
  // Skip the kind of place the first name is: "X district in", "X neighbourhood, Y"; after
  // one, "of" names the container too ("the X district of Y province").
  bool kind_skipped = false;
  for (std::size_t i = 0;;) {
    while (i < gap.size() && gap[i] == ' ') ++i;
    if (i >= gap.size()) return false;
    if (gap[i] == '(') return true;
    if (gap[i] == ',') return only_locating_words(gap.substr(i + 1));
    std::size_t e = i;
    while (e < gap.size() && is_word_byte(gap[e])) ++e;
    if (e == i) return false;
    const std::string w = lower(gap.substr(i, e - i));
    if ((w == "of" || w == "de") && kind_skipped) return true;
    if (one_of(w, kFiller) && w != "of" && w != "de") {
      kind_skipped = kind_skipped || one_of(w, kPlaceKind);
      i = e;
      continue;
    }
    return w == "in" || w == "near" || w == "outside" || w == "en" || w == "cerca" ||
           one_of(w, kDirection) || w == "some" || w == "about" || w == "just" ||
           ascii_isdigit(static_cast<unsigned char>(w[0]));
  }
}

// True when a new clause starts between bytes `from` and `to`: a semicolon, a comma followed
// by a conjunction ("..., and", "..., or", "..., as"), or "while", "although", "whereas"
// opening a clause of their own, "since" before anything but a date, and "according to".
// "while" before a participle ("killed while defending X") and relative "who" clauses ("soldiers,
// who returned fire in X") go on telling the same happening, so they do not count. A place in
// another clause belongs to that clause's happening.
bool clause_break_between(std::string_view text, std::size_t from, std::size_t to) {
  constexpr std::string_view kAfterComma[] = {"and", "but",   "as",       "y",
                                              "or",  "while", "although", "whereas"};
  constexpr std::string_view kAlone[] = {"while", "although", "whereas"};
  bool comma = false;
  for (std::size_t i = from; i < to && i < text.size();) {
    const char c = text[i];
    if (c == ';') return true;
    if (!is_word_byte(c)) {
      if (c == ',') comma = true;
      ++i;
      continue;
    }
    std::size_t e = i;
    while (e < to && e < text.size() && is_word_byte(text[e])) ++e;
    const std::string lowered = lower(text.substr(i, e - i));
    const std::string_view w = lowered;  // comparisons test the length before any bytes
    if (one_of(w, kAlone) || (comma && one_of(w, kAfterComma))) {
      const bool participle = w == "while" && word_after(text, e).ends_with("ing");
      if (!participle) return true;
    }
    // "according to a statement from the ministry in X": X is where the source spoke.
    if (w == "according" && word_after(text, e) == "to"sv) return true;
    // "since the ceasefire went into effect": a background clause; "since Monday" is a date.
    if (w == "since") {
      const std::string next_lowered = word_after(text, e);
      const std::string_view next = next_lowered;
      const bool date = next.empty() || ascii_isdigit(static_cast<unsigned char>(next[0])) ||
                        ascii_isupper(static_cast<unsigned char>(
                            text[std::min(text.size() - 1, text.find_first_not_of(' ', e))])) ||
                        next == "then" || next == "last" || next == "early" || next == "late" ||
                        next == "mid";
      if (!date) return true;
    }
    comma = false;
    i = e;
  }
  return false;
}

// The name is the subject of an active verb: it stands at the start of its clause (after an
// optional "the") and an active verb or auxiliary follows: "Israel captured", "the United
// States has captured", ", while the X lost". A country or group that acts is an actor, not a
// place; a passive subject ("X was shelled", "X has been captured") is where it happened.
bool acting_subject(std::string_view text, std::size_t begin, std::size_t end) {
  constexpr std::string_view kActiveVerbs[] = {
      "has",       "have",   "had",    "said",  "says", "lost",  "took",     "captured", "accused",
      "announced", "denied", "blamed", "wants", "will", "would", "launched", "sent",     "claimed"};
  const std::string next = word_after(text, end);
  if (!one_of(next, kActiveVerbs)) return false;
  std::size_t after = text.find_first_not_of(' ', end);
  after = after == std::string_view::npos ? text.size() : after + next.size();
  if (word_after(text, after) == "been") return false;
  const auto before = words_before(text, begin, 2);
  std::size_t k = 0;
  if (k < before.size() && lower(before[k]) == "the") ++k;
  if (k == before.size()) return true;  // only "the" back to the sentence or clause start
  const std::string w = lower(before[k]);
  const std::size_t at = static_cast<std::size_t>(before[k].data() - text.data());
  const bool comma_after_word =
      text.substr(at + before[k].size(), begin - at - before[k].size()).find(',') !=
      std::string_view::npos;
  return comma_after_word || w == "and" || w == "while" || w == "but" || w == "as";
}

// The name stands before the trigger with no preposition of place, yet in neither of the two
// roles that make such a name the event's place: the trigger's passive subject ("X was
// shelled", "X has been captured": a form of "be" among the three words before the trigger) or
// a modifier of the trigger's noun ("the X bombing", "X car bomb kills"; at most two words and
// no punctuation between, and the trigger no past verb: "X captured" is an actor). What is left
// is a topic, a speaker or an actor: "X, ... said that 300 people had died".
bool unplaced_before_trigger(std::string_view text, std::size_t end, std::size_t trigger_begin,
                             std::size_t trigger_end) {
  constexpr std::size_t kMaxModifierWords = 2;
  if (end > trigger_begin) return false;
  for (std::string_view w : words_before(text, trigger_begin, 3)) {
    const std::string lw = lower(w);
    if (lw == "was" || lw == "were" || lw == "been" || lw == "is" || lw == "are" || lw == "being" ||
        lw == "be")
      return false;
  }
  const std::string trigger = lower(text.substr(trigger_begin, trigger_end - trigger_begin));
  const bool modifier =
      !trigger.ends_with("ed") &&
      words_between(text, end, trigger_begin).size() <= kMaxModifierWords &&
      text.substr(end, trigger_begin - end).find_first_of(",;:()\"") == std::string_view::npos;
  return !modifier;
}

// The name opens a clause of its own after the trigger, as the subject a subordinating
// conjunction introduces: "killed on Sunday as the X weighed plans", "... when X announced".
// Not "such as X" or "known as X", where "as" lists or names.
bool subject_of_later_clause(std::string_view text, std::size_t begin, std::size_t trigger_end) {
  constexpr std::string_view kConjunctions[] = {"as",     "when",    "while", "because", "although",
                                                "though", "whereas", "until", "unless",  "if"};
  constexpr std::string_view kNotClause[] = {"such", "known", "well", "same", "far", "just", "so"};
  if (begin < trigger_end) return false;
  const auto before = words_before(text, begin, 3);
  std::size_t k = 0;
  if (k < before.size() && lower(before[k]) == "the"sv) ++k;
  if (k >= before.size() || !one_of(lower(before[k]), kConjunctions)) return false;
  const std::size_t at = static_cast<std::size_t>(before[k].data() - text.data());
  if (at < trigger_end) return false;
  return k + 1 >= before.size() || !one_of(lower(before[k + 1]), kNotClause);
}

// The name lies in a relative clause that closes before the trigger: "The rebels, who hold X,
// captured the airport". The clause describes someone; its places are not where the event was.
bool in_closed_relative_clause(std::string_view text, std::size_t sentence_begin, std::size_t begin,
                               std::size_t end, std::size_t trigger_begin) {
  if (end > trigger_begin) return false;
  const std::size_t comma = text.rfind(',', begin);
  if (comma == std::string_view::npos || comma < sentence_begin) return false;
  const std::string w = word_after(text, comma + 1);
  if (w != "which" && w != "who" && w != "whose") return false;
  return text.substr(end, trigger_begin - end).find(',') != std::string_view::npos;
}

// Whether the gazetteer agrees that `inner` lies in or near `outer`: same country, same
// first-level area when `outer` is one, within kNearbyKm otherwise.
bool consistent(const PlaceMention& inner, const PlaceMention& outer) {
  constexpr double kNearbyKm = 60.0;
  // A name the gazetteer does not know contradicts nothing: the syntax is all there is.
  if (!inner.resolved || !outer.resolved) return true;
  if (!inner.country_code.empty() && !outer.country_code.empty() &&
      inner.country_code != outer.country_code)
    return false;
  if (outer.feature_code.starts_with("PCL")) return true;
  if (outer.feature_code == "ADM1") return inner.admin1_code == outer.admin1_code;
  return geo::haversine_distance_km(inner.position, outer.position) <= kNearbyKm;
}

// How much more confidently a container must be resolved than the place it contains, when the
// two disagree, before the contained place is taken for a wrongly resolved namesake.
constexpr double kConfidenceMargin = 0.2;

// True for headline-style text where most words of four letters or more are capitalised
// ("Seven Killed Within X And Y"): capitals there say nothing about names.
bool is_title_case(std::string_view sentence) {
  int long_words = 0;
  int capitalised = 0;
  for (std::size_t i = 0; i < sentence.size();) {
    if (!is_word_byte(sentence[i])) {
      ++i;
      continue;
    }
    std::size_t e = i;
    while (e < sentence.size() && is_word_byte(sentence[e])) ++e;
    if (e - i >= 4) {
      ++long_words;
      capitalised += ascii_isupper(static_cast<unsigned char>(sentence[i])) ? 1 : 0;
    }
    i = e;
  }
  return long_words >= 3 && 10 * capitalised >= 6 * long_words;
}

// The name is preceded by a capitalised word that belongs to it, so the gazetteer matched only
// part of a longer name: "Team X", "Sub-Lt. X", "Reforma X". Sentence-initial words, cue words,
// short all-capital abbreviations ("Cd.", "BC") and title-case text do not count.
// `title_case()` tells whether the clause is in title case; it is asked last, as it reads the
// whole clause.
template <typename TitleCase>
bool inside_longer_name(std::string_view text, std::size_t sentence_begin, std::size_t begin,
                        const std::vector<PlaceMention>& mentions, TitleCase&& title_case) {
  if (begin < 2 || text[begin - 1] != ' ') return false;
  std::size_t i = begin - 1;
  const std::size_t end = i;
  while (i > sentence_begin && is_word_byte(text[i - 1])) --i;
  if (i == end || i <= sentence_begin) return false;
  const std::string_view w = text.substr(i, end - i);
  if (!ascii_isupper(static_cast<unsigned char>(w[0]))) return false;
  std::size_t before = i;
  while (before > sentence_begin && text[before - 1] == ' ') --before;
  if (before == sentence_begin || is_clause_break(text[before - 1]) || text[before - 1] == ':' ||
      text[before - 1] == '"' || text[before - 1] == '(')
    return false;
  const bool all_caps = std::all_of(w.begin(), w.end(), [](char c) {
    return ascii_isupper(static_cast<unsigned char>(c)) ||
           ascii_isdigit(static_cast<unsigned char>(c));
  });
  if (all_caps && w.size() <= 3) return false;
  const std::string lw = lower(w);
  if (one_of(lw, kLocative) || one_of(lw, kFiller) || one_of(lw, kNearCue)) return false;
  if (title_case()) return false;
  return std::none_of(mentions.begin(), mentions.end(),
                      [&](const PlaceMention& m) { return m.begin <= i && i < m.end; });
}

// How much less sure an event is of its place when another place stands in for the name.
constexpr double kStandInConfidence = 0.7;

// Whether `part`, a place named as a part of a city, lies in `city`: within kCityReachKm of
// its point, or inside it when it is an area.
bool inside_or_near(const PlaceMention& part, const PlaceMention& city) {
  constexpr double kCityReachKm = 30.0;
  if (city.feature_class == 'A') return consistent(part, city);
  return part.country_code == city.country_code &&
         geo::haversine_distance_km(part.position, city.position) <= kCityReachKm;
}

// The city a document's part-of-city name (mention `part`) lies in: a resolved town the event's
// sentence names, else the focus when it is a town, else the first town the document names;
// never another part of a city. nullopt when there is none.
std::optional<std::size_t> document_city(std::string_view text, const EventAnchor& event,
                                         const std::vector<PlaceMention>& mentions,
                                         std::size_t part, std::optional<std::size_t> focus) {
  const auto is_city = [&](std::size_t i) {
    const PlaceMention& p = mentions[i];
    return i != part && p.eligible && p.resolved && p.feature_class == 'P' &&
           p.geonameid != mentions[part].geonameid && !names_part_of_city(text, p.begin, p.end);
  };
  for (std::size_t i = 0; i < mentions.size(); ++i)
    if (mentions[i].begin >= event.sentence_begin && mentions[i].end <= event.sentence_end &&
        is_city(i))
      return i;
  if (focus && is_city(*focus)) return focus;
  for (std::size_t i = 0; i < mentions.size(); ++i)
    if (is_city(i)) return i;
  return std::nullopt;
}

// --- Syntax that says a sentence's place is not where its event happened, or surely is. ---

// The name follows "by" (and perhaps "the"): the agent of a passive verb ("bombed by X jets",
// "were killed by the X army") is who acted, not where.
bool names_agent(std::string_view text, std::size_t begin) {
  const auto words = words_before(text, begin, 2);
  std::size_t k = 0;
  if (k < words.size() && lower(words[k]) == "the") ++k;
  return k < words.size() && lower(words[k]) == "by";
}

// The name is the neighbour a border is shared with: "bordering X", "the border with X",
// "borders X". The event happened on this side of it, at some other place.
bool names_neighbour(std::string_view text, std::size_t begin) {
  const auto words = words_before(text, begin, 3);
  std::size_t k = 0;
  if (k < words.size() && lower(words[k]) == "the") ++k;
  if (k >= words.size()) return false;
  const std::string w = lower(words[k]);
  if (w == "bordering" || w == "borders") return true;
  if (w != "with" || k + 1 >= words.size()) return false;
  const std::string noun = lower(words[k + 1]);
  return noun == "border" || noun == "borders" || noun == "frontier" || noun == "boundary";
}

// The name [begin, end) lies in an apposition to the subject, set off by commas just before
// the trigger: "The bomber, a man from a village near X, detonated ...". It says who the
// subject is: only one that opens with "from" or an article ("X, a resident of Y, was shot")
// is meant, not a title ("X, Top Dealer in Y, Shot Dead") nor a name right after the opening
// comma ("in Y, X, killed").
bool in_subject_apposition(std::string_view text, std::size_t sentence_begin, std::size_t begin,
                           std::size_t end, std::size_t trigger_begin) {
  constexpr std::size_t kMaxWordsToTrigger = 3;  // auxiliaries, adverbs: "has since been"
  if (end > trigger_begin) return false;
  const std::size_t close = text.rfind(',', trigger_begin);
  if (close == std::string_view::npos || close < end) return false;
  for (std::string_view w : words_between(text, close + 1, trigger_begin))
    if (!ascii_islower(static_cast<unsigned char>(w[0]))) return false;
  if (words_between(text, close + 1, trigger_begin).size() > kMaxWordsToTrigger) return false;
  if (text.substr(end, close - end).find(',') != std::string_view::npos) return false;
  const std::size_t open = text.rfind(',', begin);
  if (open == std::string_view::npos || open < sentence_begin) return false;
  const auto opening = words_between(text, open + 1, begin);
  if (opening.empty()) return false;
  const std::string first = lower(opening.front());
  return first == "from" || first == "a" || first == "an" || first == "the";
}

// A name after the trigger with no preposition of place before it, that is not the trigger's
// object either: more than one word of other kinds stands between ("demonstrated against the
// company and X", "killed people who tried to escape the city of X"). Only the words of the
// trigger's object may: articles and kinds of place ("the villages of"), counts ("six major
// towns"), "and" between listed names, capitalised words of names, and one adjective ("the
// strategic town of X"). Any preposition of place or of a route between ("hiding in a hole on a
// farm in X", "10 miles from X", "flew through X") places the name by its own phrase; so does a
// "while" clause going on with the same happening ("killed while defending X").
bool unattached_after_trigger(std::string_view text, std::size_t trigger_end, std::size_t begin) {
  constexpr std::string_view kRoute[] = {"through", "throughout", "along", "toward", "towards",
                                         "between", "while",      "next",  "beside", "behind",
                                         "front",   "opposite",   "under", "frente", "junto",
                                         "sobre",   "entre",      "hacia"};
  constexpr std::string_view kCounts[] = {"two",    "three", "four",   "five",     "six",
                                          "seven",  "eight", "nine",   "ten",      "eleven",
                                          "twelve", "dozen", "dozens", "hundreds", "several",
                                          "many",   "some",  "all",    "both",     "thousands"};
  if (begin < trigger_end) return false;
  const auto words = words_between(text, trigger_end, begin);
  const auto placing = [&](std::string_view w) {
    const std::string lw = lower(w);
    return one_of(lw, kLocative) || one_of(lw, kNearCue) || one_of(lw, kRoute);
  };
  if (std::any_of(words.begin(), words.end(), placing)) return false;
  const auto place_kind = [](std::string_view w) {
    if (one_of(w, kPlaceKind)) return true;
    if (w.ends_with("ies")) return one_of(std::string(w.substr(0, w.size() - 3)) + "y", kPlaceKind);
    return w.ends_with("s") && one_of(w.substr(0, w.size() - 1), kPlaceKind);
  };
  int other_words = 0;
  for (std::string_view w : words) {
    const std::string lw = lower(w);
    if (!ascii_islower(static_cast<unsigned char>(w[0])) || one_of(lw, kFiller) || place_kind(lw) ||
        one_of(lw, kCounts) || lw == "and" || lw == "or")
      continue;
    if (++other_words > 1) return true;
  }
  return false;
}

// The name locates where someone comes from: "a man from a village near X", "from the town
// outside X". cue_before stops at the nearest preposition of place ("near"); this looks past it
// for the "from" of an origin. After a verb of motion ("fled from a village near X") the
// village, near X, is a place of the event all the same.
bool origin_beyond_near(std::string_view text, std::size_t begin) {
  const auto words = words_before(text, begin, 10);
  std::size_t k = 0;
  while (k < words.size() && lower(words[k]) != "near" && lower(words[k]) != "outside") {
    const std::string lw = lower(words[k]);
    if (!one_of(lw, kFiller) && ascii_islower(static_cast<unsigned char>(words[k][0])))
      return false;
    ++k;
  }
  // "near" [then a kind of place, perhaps with its article] then "from".
  for (std::size_t j = k + 1; j < words.size() && j <= k + 3; ++j) {
    const std::string lw = lower(words[j]);
    if (lw == "from") {
      const std::string prev = j + 1 < words.size() ? lower(words[j + 1]) : "";
      return !prev.ends_with("ed") && !prev.ends_with("ing");
    }
    if (!one_of(lw, kFiller) && !one_of(lw, kPlaceKind)) return false;
  }
  return false;
}

// `next` follows `prev` in a list: only a comma, "and" or "or" (or Spanish "y", "o") stand
// between ("bordering X, Y and Z").
bool listed_after(std::string_view text, const PlaceMention& prev, const PlaceMention& next) {
  if (next.begin < prev.end) return false;
  const auto words = words_between(text, prev.end, next.begin);
  if (words.size() > 1) return false;
  const std::string_view gap = text.substr(prev.end, next.begin - prev.end);
  if (words.empty()) return gap.find_first_not_of(" ,") == std::string_view::npos;
  const std::string w = lower(words.front());
  return (w == "and" || w == "or" || w == "y" || w == "o") &&
         gap.find_first_not_of(" ,", 0) ==
             static_cast<std::size_t>(words.front().data() - gap.data());
}

// The name is in a headline's label, the places before its colon: "X: Five killed in bar",
// "X, Y: ...", "X/Y: ...", "Saturday, June 3 X: ...". Such a label says where the story
// happened as a preposition would. Only capitalised words, numbers, commas and slashes may
// stand between the clause start and the colon.
bool in_headline_label(std::string_view text, std::size_t sentence_begin, std::size_t begin,
                       std::size_t end) {
  constexpr std::size_t kMaxLabelBytes = 60;
  const std::size_t colon = text.find(':', end);
  if (colon == std::string_view::npos || colon - sentence_begin > kMaxLabelBytes) return false;
  const auto label_word = [](std::string_view w) {
    return ascii_isupper(static_cast<unsigned char>(w[0])) ||
           ascii_isdigit(static_cast<unsigned char>(w[0]));
  };
  const auto only_label = [&](std::size_t from, std::size_t to) {
    const std::string_view part = text.substr(from, to - from);
    if (part.find_first_not_of(" ,/-'\"") != std::string_view::npos) {
      const auto words = words_between(text, from, to);
      if (!std::all_of(words.begin(), words.end(), label_word)) return false;
      for (char ch : part)
        if (!is_word_byte(ch) && ch != ' ' && ch != ',' && ch != '/' && ch != '-' && ch != '\'' &&
            ch != '"' && ch != '.')
          return false;
    }
    return true;
  };
  return only_label(sentence_begin, begin) && only_label(end, colon);
}

// How much a place whose preposition follows the trigger at once gains over the others.
constexpr double kAdjunctBonus = 1.0;

// The name's preposition follows the trigger at once ("demonstrated across X", "were killed in
// the town of X"): the place of this verb, whatever else the sentence names.

bool adjunct_of_trigger(std::string_view text, std::size_t trigger_end, std::size_t begin) {
  if (begin < trigger_end) return false;
  const std::string_view gap = text.substr(trigger_end, begin - trigger_end);
  if (gap.find_first_of(",;:.()\"") != std::string_view::npos) return false;
  const auto words = words_between(text, trigger_end, begin);
  if (words.empty() || !one_of(lower(words.front()), kLocative)) return false;
  return std::all_of(words.begin(), words.end(), [](std::string_view w) {
    const std::string lw = lower(w);
    return one_of(lw, kLocative) || one_of(lw, kFiller) || one_of(lw, kNearCue) ||
           !ascii_islower(static_cast<unsigned char>(w[0]));
  });
}
}  // namespace

bool names_part_of_city(std::string_view text, std::size_t begin, std::size_t end) {
  const auto name_word = [](std::string_view w) {
    return ascii_isupper(static_cast<unsigned char>(w[0])) ||
           ascii_isdigit(static_cast<unsigned char>(w[0])) || one_of(lower(w), kNameParticles);
  };
  // The name's own first word ("Colonia Centro") or the words before it.
  std::size_t first_end = begin;
  while (first_end < end && is_word_byte(text[first_end])) ++first_end;
  if (first_end < end && one_of(lower(text.substr(begin, first_end - begin)), kCityPartBefore))
    return true;
  for (std::string_view w : words_before(text, begin, 4)) {
    if (one_of(lower(w), kCityPartBefore)) return true;
    if (!name_word(w)) break;
  }
  // The words after it, across the rest of a longer name ("Portal del Roble neighborhood").
  std::size_t i = std::min(end, text.size());
  for (int k = 0; k < 5; ++k) {
    while (i < text.size() && text[i] == ' ') ++i;
    std::size_t e = i;
    while (e < text.size() && is_word_byte(text[e])) ++e;
    if (e == i) return false;
    const std::string_view w = text.substr(i, e - i);
    if (one_of(lower(w), kCityPartAfter)) return true;
    if (!name_word(w)) return false;
    i = e;
  }
  return false;
}

std::optional<std::size_t> document_focus(const std::vector<PlaceMention>& mentions,
                                          std::string_view text) {
  std::map<std::int64_t, double> weight;
  std::map<std::int64_t, std::size_t> first_index;
  // Mentions come in text order and many share a clause: its bounds are found from the last
  // mention's where they can be, and its title case is decided once. From a mention at `begin`
  // back to the clause start (after the last break before `begin`); from `end` forward to the
  // first break at or after `end`.
  std::size_t last_begin = 0, last_clause_begin = 0;
  std::size_t last_end = std::string_view::npos, last_clause_end = 0;
  std::size_t title_begin = std::string_view::npos, title_end = 0;
  int title_case = -1;  // of the clause [title_begin, title_end) once asked: 0 or 1; -1 before
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    const PlaceMention& m = mentions[i];
    if (!m.eligible || !m.resolved) continue;
    if (!text.empty() && m.end <= text.size()) {
      std::size_t sentence_begin = m.begin;
      const std::size_t floor = m.begin >= last_begin ? last_begin : 0;
      while (sentence_begin > floor && !is_clause_break(text[sentence_begin - 1])) --sentence_begin;
      if (sentence_begin == floor && floor > 0) sentence_begin = last_clause_begin;
      last_begin = m.begin;
      last_clause_begin = sentence_begin;
      std::size_t sentence_end = m.end;
      if (last_end <= m.end && m.end <= last_clause_end) {
        sentence_end = last_clause_end;
      } else {
        while (sentence_end < text.size() && !is_clause_break(text[sentence_end])) ++sentence_end;
      }
      last_end = m.end;
      last_clause_end = sentence_end;
      if (sentence_begin != title_begin || sentence_end != title_end) {
        title_begin = sentence_begin;
        title_end = sentence_end;
        title_case = -1;
      }
      const auto clause_title_case = [&] {
        if (title_case < 0)
          title_case = is_title_case(text.substr(title_begin, title_end - title_begin)) ? 1 : 0;
        return title_case == 1;
      };
      if (inside_longer_name(text, sentence_begin, m.begin, mentions, clause_title_case) ||
          cue_after(text, m.begin, m.end).modifier)
        continue;
    }
    // Early mentions (headline, lead) carry more; countries carry little.
    const double early = 1.0 + 1.0 / (1.0 + 0.25 * static_cast<double>(i));
    weight[m.geonameid] += early * (0.25 + specificity(m)) * (0.5 + 0.5 * m.confidence);
    first_index.emplace(m.geonameid, i);
  }
  std::optional<std::size_t> best;
  double best_weight = -1.0;
  for (const auto& [id, w] : weight) {
    const std::size_t idx = first_index[id];
    if (w > best_weight || (w == best_weight && best && idx < *best)) {
      best_weight = w;
      best = idx;
    }
  }
  return best;
}

LocationChoice choose_event_location(std::string_view text, const EventAnchor& event,
                                     const std::vector<PlaceMention>& mentions,
                                     std::optional<std::size_t> focus,
                                     const EventLocationOptions& options,
                                     const PlaceMention* home) {
  LocationChoice choice;
  const auto first =
      std::lower_bound(mentions.begin(), mentions.end(), event.sentence_begin,
                       [](const PlaceMention& m, std::size_t pos) { return m.begin < pos; });
  // The sentence's eligible places, in text order, with what surrounds each.
  struct Candidate {
    std::size_t index;
    Cue cue;
    After after;
    bool rejected = false;
    // Not the trigger's object and in no phrase of place (unattached_after_trigger): never
    // the event's place, but unlike a rejected one it still locates the names it contains.
    bool unattached = false;
    // Rejected for the words before it ("from X", "by X", "governor of X", "bordering X"),
    // which govern the names listed after it too ("by X and Y").
    bool rejected_by_cue = false;
    // Rejected only as a name before the trigger in no role of place (unplaced_before_trigger):
    // a topic of the sentence, which says nothing against the document's focus.
    bool only_topic = false;
    double score = 0;
  };
  std::vector<Candidate> candidates;
  int title_case = -1;  // of the sentence once asked: 0 or 1; -1 before
  const auto sentence_title_case = [&] {
    if (title_case < 0)
      title_case = is_title_case(
                       text.substr(event.sentence_begin, event.sentence_end - event.sentence_begin))
                       ? 1
                       : 0;
    return title_case == 1;
  };
  for (auto it = first; it != mentions.end() && it->begin < event.sentence_end; ++it) {
    if (!it->eligible || it->end > event.sentence_end) continue;
    Candidate c{static_cast<std::size_t>(it - mentions.begin()), cue_before(text, it->begin),
                cue_after(text, it->begin, it->end)};
    const bool other_clause = it->begin >= event.trigger_end
                                  ? clause_break_between(text, event.trigger_end, it->begin)
                                  : clause_break_between(text, it->end, event.trigger_begin);
    c.rejected_by_cue =
        c.cue.origin || c.cue.office || names_agent(text, it->begin) ||
        (!c.cue.locative && subject_of_later_clause(text, it->begin, event.trigger_end)) ||
        names_neighbour(text, it->begin) || origin_beyond_near(text, it->begin) ||
        (!candidates.empty() && candidates.back().rejected_by_cue &&
         listed_after(text, mentions[candidates.back().index], *it));
    c.rejected =
        c.rejected_by_cue || c.after.modifier || other_clause ||
        (!c.cue.locative && acting_subject(text, it->begin, it->end)) ||
        in_closed_relative_clause(text, event.sentence_begin, it->begin, it->end,
                                  event.trigger_begin) ||
        inside_longer_name(text, event.sentence_begin, it->begin, mentions, sentence_title_case) ||
        in_subject_apposition(text, event.sentence_begin, it->begin, it->end, event.trigger_begin);
    if (in_headline_label(text, event.sentence_begin, it->begin, it->end)) c.cue.locative = true;
    c.unattached = !c.cue.locative && !c.cue.near &&
                   unattached_after_trigger(text, event.trigger_end, it->begin);
    // Headline capitals and dropped auxiliaries ("X Attacked By Gunmen") hide both roles.
    if (!c.rejected && !c.cue.locative && !c.cue.near && !sentence_title_case() &&
        unplaced_before_trigger(text, it->end, event.trigger_begin, event.trigger_end))
      c.rejected = c.only_topic = true;
    candidates.push_back(c);
  }
  for (std::size_t k = 0; k < candidates.size(); ++k) {
    Candidate& c = candidates[k];
    const PlaceMention& m = mentions[c.index];
    // "in X's Y district": X locates Y and its preposition governs Y too.
    if (k > 0 && candidates[k - 1].after.possessive && !c.cue.locative &&
        m.begin - mentions[candidates[k - 1].index].end <= 40)
      c.cue.locative = candidates[k - 1].cue.locative;
    // "in the X neighbourhood of Y": the preposition that places X places Y, a part of it.
    if (k > 0 && !c.cue.locative && part_named_after(text, mentions[candidates[k - 1].index], m))
      c.cue.locative = candidates[k - 1].cue.locative;
    // "patrolled X in nearby Y": the preposition that places Y in the event places X, which it
    // contains, too. Not in headline capitals, where any capitalised word may look like a name.
    if (!c.cue.locative && !c.rejected && !sentence_title_case())
      for (std::size_t j = k + 1; j < candidates.size(); ++j)
        if (candidates[j].cue.locative && !candidates[j].rejected &&
            (m.end > event.trigger_begin ||
             mentions[candidates[j].index].begin < event.trigger_end) &&
            follows_as_container(text, m, mentions[candidates[j].index])) {
          c.cue.locative = true;
          break;
        }
    if (c.cue.locative) c.unattached = false;
    double score = 1.0 + specificity(m) + 0.5 * m.confidence;
    if (c.cue.locative) score += 2.0;
    const bool adjunct = c.cue.locative && adjunct_of_trigger(text, event.trigger_end, m.begin);
    if (adjunct) score += kAdjunctBonus;
    if (c.cue.reference) score -= 1.0;
    // A possessive names whose something is: only with a preposition ("in X's north") can
    // it still be where the event happened.
    if (c.after.possessive) {
      score -= 2.0;
      if (!c.cue.locative) c.rejected = true;
    }
    const std::size_t distance = m.begin >= event.trigger_end   ? m.begin - event.trigger_end
                                 : event.trigger_begin >= m.end ? event.trigger_begin - m.end
                                                                : 0;
    score -= 1.5 * std::min(2.0, static_cast<double>(distance) /
                                     static_cast<double>(options.distance_scale_bytes));
    for (const Candidate& other : candidates) {
      if (&other == &c) continue;
      const PlaceMention& o = mentions[other.index];
      const bool trigger_between = o.end <= event.trigger_begin && event.trigger_end <= m.begin;
      const bool describes_other = !trigger_between && follows_as_container(text, o, m) &&
                                   !(other.index < c.index && part_named_after(text, o, m));
      // "a driver from X, Y": Y only says where X is.
      if (other.rejected) {
        c.rejected = c.rejected || describes_other;
        continue;
      }
      // In "Culiacán, Sinaloa" the state only locates the town: take the town. The same holds
      // for what the syntax says contains or anchors another place ("Y in eastern X"), as long
      // as the gazetteer agrees; when it does not, the inner name was resolved to a namesake
      // elsewhere (or the container was), and the more confidently resolved one is the better
      // guess.
      // The trigger's own place phrase ("demonstrated across X") is not given up for a place
      // in it that only the gazetteer, not the syntax, ties to the event ("as ministers met in
      // Y"); "in X, in the town of Y" ties Y to X.
      const bool only_gazetteer_ties = adjunct &&
                                       !adjunct_of_trigger(text, event.trigger_end, o.begin) &&
                                       !describes_other && !follows_as_container(text, m, o);
      if ((contains(m, o) && !other.unattached && !only_gazetteer_ties) ||
          (describes_other && consistent(o, m))) {
        score -= 1.5;
        break;
      }
      if (other.index > c.index && part_named_after(text, m, o)) {
        score -= 1.5;
        break;
      }
      const bool described = other.index > c.index && follows_as_container(text, m, o);
      if (described && !consistent(m, o) && m.confidence + kConfidenceMargin < o.confidence) {
        score -= 1.5;
        break;
      }
    }
    c.score = score;
  }
  // Best first; ties keep text order.
  std::vector<const Candidate*> ranked;
  for (const Candidate& c : candidates)
    if (!c.rejected && !c.unattached) ranked.push_back(&c);
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const Candidate* a, const Candidate* b) { return a->score > b->score; });
  for (const Candidate* best : ranked) {
    const PlaceMention& m = mentions[best->index];
    const bool city_part = names_part_of_city(text, m.begin, m.end);
    // A name the gazetteer does not know is taken only where the text itself says it is a
    // place of the event: after a locative preposition, as a part of a city, or located by
    // another place ("X, 80 km south of Y").
    const bool described =
        std::any_of(candidates.begin(), candidates.end(), [&](const Candidate& o) {
          return !o.rejected && mentions[o.index].resolved && o.index > best->index &&
                 follows_as_container(text, m, mentions[o.index]);
        });
    if (!m.resolved && !best->cue.locative && !city_part && !described) continue;
    std::optional<std::size_t> stand_in;
    bool at_home = false;
    if (!m.resolved || city_part) {
      // The resolved place the text locates the name by ("X near Y", "the X neighborhood, Y").
      for (const Candidate& o : candidates) {
        const PlaceMention& p = mentions[o.index];
        if (!o.rejected && p.resolved && o.index > best->index &&
            follows_as_container(text, m, p) && !names_part_of_city(text, p.begin, p.end)) {
          stand_in = o.index;
          break;
        }
      }
      // A part of a city lies in the city the document is about; another unknown name near
      // the document's focus.
      if (!stand_in) {
        stand_in = city_part ? document_city(text, event, mentions, best->index, focus)
                   : focus && *focus != best->index ? focus
                                                    : std::nullopt;
      }
      if (!stand_in && home && home->resolved && (home->feature_class == 'P' || !city_part))
        at_home = true;
      // A neighbourhood the gazetteer knows in or near that city is better than the city.
      const PlaceMention* city = stand_in ? &mentions[*stand_in] : at_home ? home : nullptr;
      if (m.resolved && (!city || inside_or_near(m, *city))) {
        stand_in.reset();
        at_home = false;
      }
    }
    if (!m.resolved && !stand_in && !at_home) continue;
    choice.mention = best->index;
    choice.source = LocationSource::kSentence;
    choice.near = best->cue.near;
    choice.confidence = std::clamp(0.45 + 0.1 * best->score, 0.3, 0.95);
    if (stand_in || at_home) {
      choice.stand_in = stand_in;
      choice.stand_in_home = at_home;
      choice.near = true;
      choice.confidence *= kStandInConfidence;
    }
    return choice;
  }
  // A focus the event's own sentence names but does not put the event at ("a driver from X
  // was shot") is no better a guess than that sentence made.
  // A topic of the sentence is not ruled out as the focus when other sentences name it too.
  const auto named_elsewhere = [&](const PlaceMention& f) {
    return std::any_of(mentions.begin(), mentions.end(), [&](const PlaceMention& p) {
      return p.eligible && p.geonameid == f.geonameid &&
             (p.end <= event.sentence_begin || p.begin >= event.sentence_end);
    });
  };
  const bool focus_rejected_here =
      focus && std::any_of(candidates.begin(), candidates.end(), [&](const Candidate& c) {
        return c.index == *focus && !(c.only_topic && named_elsewhere(mentions[c.index]));
      });
  if (focus && !focus_rejected_here) {
    choice.mention = focus;
    choice.source = LocationSource::kFocus;
    choice.confidence = 0.35;
  }
  return choice;
}

}  // namespace incidentmap
