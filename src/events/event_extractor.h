#pragma once
// Event mentions from text: per sentence, the triggers that name events (one per clause,
// violent kinds first; see triggers.h), each with its ACLED type, date, fatalities and actors.
//
// Date of an event: the date expression of its sentence nearest to the trigger; else (with
// carry_dates) the date the previous event of the same document got from its own sentence;
// else the document date as a fallback window [doc - fallback_days_before, doc] whose UCDP
// precision follows its length (2 for the default 3-day window: reports mostly appear within
// two days of what they tell), marked DateSource::kDocument.
// Fatalities: the sentence's count (numbers.h) goes to its violent event nearest to the count;
// other events get none. ACLED refinements: attacks, killings and woundings whose actor2 names
// armed men or state forces become Battles / Armed clash; captures and seizures of places
// (town, city, base, ...) become territory_capture.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/events/dates.h"
#include "src/events/event_types.h"
#include "src/events/numbers.h"
#include "src/events/triggers.h"
#include "src/text/document.h"

namespace incidentmap {

struct EventExtractorOptions {
  double min_confidence = 0.35;  // triggers below this (after modality factors) are ignored
  bool keep_negated = false;     // keep "did not attack" (with its low confidence)
  bool carry_dates = true;       // reuse the last sentence-level event date for undated events
  int fallback_days_before = 2;  // the document-date window starts this many days earlier
};

enum class DateSource {
  kSentence,         // a date expression in the event's sentence
  kEarlierSentence,  // carried from an earlier event of the document
  kDocument,         // the document date fallback window
  kNone,             // no document date and no expression
};

// Stable ids: "sentence", "earlier_sentence", "document", "none".
std::string_view date_source_id(DateSource s);

struct EventMention {
  ByteSpan sentence;  // byte spans are into the text given to the extractor
  ByteSpan trigger;
  std::string trigger_text;
  EventKind kind = EventKind::kAttack;
  std::string_view event_kind;        // event_kind_id(kind)
  std::string_view acled_event_type;  // "" for kinds ACLED does not code
  std::string_view acled_sub_event_type;
  double confidence = 0;
  Modality modality = Modality::kAsserted;
  std::optional<CivilDate> date_start;  // unset only with DateSource::kNone
  std::optional<CivilDate> date_end;
  int date_precision = 0;  // UCDP 1..5; 0 with DateSource::kNone
  DateSource date_source = DateSource::kNone;
  std::optional<ByteSpan> date_span;  // the expression, for kSentence and kEarlierSentence
  std::optional<Fatalities> fatalities;
  std::optional<ByteSpan> actor1_span;
  std::optional<ByteSpan> actor2_span;
  std::string actor1;  // as written; "" when not found
  std::string actor2;
};

// Events in one sentence (bytes `sentence` of `text`). `carried` is an earlier date to use
// when the sentence has none (ignored unless options.carry_dates).
std::vector<EventMention> extract_sentence_events(std::string_view text, ByteSpan sentence,
                                                  std::optional<CivilDate> doc_date,
                                                  const EventExtractorOptions& options,
                                                  const DateMention* carried = nullptr);

// Events in a whole text: split_sentences, then extract_sentence_events with dates carried
// from sentence to sentence. Text order.
std::vector<EventMention> extract_events(std::string_view text, std::optional<CivilDate> doc_date,
                                         const EventExtractorOptions& options = {});

}  // namespace incidentmap
