#pragma once
// Toponym recognition for English news: finds the spans that name places and says what role
// each plays. Gazetteer-driven (longest match over token n-grams through a NameSource) with
// capitalisation gating, place-type constructions ("Laurel County", "Sinaloa state", "the
// state of Oaxaca", "the Altiplano prison"), and filters for what naive gazetteer taggers get
// wrong: person names that are also places, capitalised common words at sentence starts and in
// headlines, months and weekdays, organisation and media names.
//
// Resolution (choosing the gazetteer entry) is not done here; a Mention carries the folded key
// to resolve and the NameInfo summary the recogniser used.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "src/recognize/lexicons.h"
#include "src/recognize/name_source.h"
#include "src/text/tokenizer.h"

namespace incidentmap {

// How a mention refers to its place.
enum class MentionRole : std::uint8_t {
  kLiteral = 0,    // a place where something is or happens ("clashes in Culiacan")
  kDateline = 1,   // the dateline of the article ("CULIACAN, Mexico —")
  kReporting = 2,  // where a reporter worked ("reported from Mexico City")
  kModifier = 3,   // part of a name or a noun modifier ("Sinaloa cartel", "Gainesville police")
  kDemonym = 4,    // an adjective or people noun for the place ("Mexican troops")
  kMetonym = 5,    // the place stands for its government ("Washington said")
};

// "literal", "dateline", "reporting", "modifier", "demonym", "metonym".
std::string_view role_name(MentionRole role);

struct Mention {
  std::uint32_t begin = 0;  // byte offset of the span in the text
  std::uint32_t end = 0;    // byte offset one past the span
  std::string surface;      // text[begin, end)
  // The folded name to resolve. Usually fold_name(surface); differs when the span carries a
  // direction word the gazetteer does not hold ("Southern California" -> "california").
  std::string key;
  MentionRole role = MentionRole::kLiteral;
  float confidence = 0;  // 0..1: how sure the recogniser is that this names a place
  // Place type word next to the mention (a LexFlag kLexType* bit: "Sinaloa state" ->
  // kLexTypeAdmin, "the Altiplano prison" -> kLexTypeFacility); 0 when none.
  std::uint32_t type_hint = 0;
  NameInfo info;  // what the gazetteer said about `key` (candidates == 0: context-only mention)
};

struct RecognizerOptions {
  // Emit demonyms ("Mexican") as mentions with role kDemonym.
  bool include_demonyms = true;
  // Emit place names inside organisation names and noun compounds, role kModifier.
  bool include_modifiers = true;
  // Emit capitalised names the gazetteer does not know when a place-type construction makes
  // them places ("Kelleyland County", "the village of Xoxocotla").
  bool include_unknown_with_type = true;
  // Emit street names ("Main Street", "Dublin Road"): literal places, but finer than most
  // gazetteers.
  bool include_streets = true;
  // Start a place's span at a capitalised direction word before its name ("Southern China",
  // direction_words.h), as some corpora annotate; the key stays the place's.
  bool direction_words_in_names = false;
  // Mentions below this confidence are dropped.
  float min_confidence = 0.5f;
  // Longest name tried, in tokens (caps NameSource::max_name_tokens).
  int max_name_tokens = 8;
};

class Recognizer {
 public:
  // `names` and `lexicons` must outlive the recogniser and must not change while it is in use:
  // each thread keeps what they say about the words it has seen (up to 65536 words), for the
  // recogniser that last ran on it. Thread-safe for concurrent recognise().
  explicit Recognizer(const NameSource& names, RecognizerOptions options = {},
                      const Lexicons& lexicons = Lexicons::builtin());

  // Mentions in `text` (valid UTF-8), ordered by begin, non-overlapping.
  std::vector<Mention> recognize(std::string_view text) const;

  // Same, over an already tokenised text (tokens of exactly this text).
  std::vector<Mention> recognize(std::string_view text, const TokenizedText& tokens) const;

  const RecognizerOptions& options() const { return options_; }

 private:
  const NameSource& names_;
  RecognizerOptions options_;
  const Lexicons& lex_;
  std::uint64_t id_ = 0;  // distinct per constructed recogniser: owner of per-thread caches
};

}  // namespace incidentmap
