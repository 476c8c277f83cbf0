#pragma once
// Temporal expressions in a sentence, resolved against the document's (publication) date.
//
// Precision follows UCDP GED date_prec: 1 exact day, 2 a span of 2-6 days, 3 a week, 4 a month,
// 5 a year. Resolution rules (news reports look back, so ambiguous dates resolve to the past):
//   today, tonight, this morning/afternoon/evening, earlier today -> the document date (1)
//   yesterday (morning...), last night -> the day before (1); the day before yesterday (1)
//   tomorrow -> the day after (1)
//   Monday..Sunday, "on Thursday", "Thursday night" -> the most recent such day on or before
//     the document date (a Friday article's "Thursday" is yesterday; a Thursday article's
//     "Thursday" is today) (1); "last Thursday" -> strictly before; "next Thursday" -> after
//   N days ago (1); N weeks ago -> Monday..Sunday of that week (3); N months ago (4); N years
//     ago (5); "a"/"one" count as 1
//   this week -> Monday of the document's week .. document date (3); last week -> the previous
//     Monday..Sunday (3); past week / last seven days -> the 7 days ending on the document date
//     (3); (over) the weekend, this/last weekend -> the most recent Saturday..Sunday not after
//     the document date (2)
//   this month / earlier this month (4); last month (4); this year / earlier this year (5);
//     last year (5)
//   October 17, Oct. 17, Oct 17th, 17 October, 17th of October -> the most recent such day on
//     or before the document date (1); with a year ("October 17, 2019", "17 October 2019")
//     exactly (1); "October 15-17" / "15-17 October" -> that span (2, or 3 when 7 days)
//   in/since/during/early/late/mid/last/until/by/of/through + a month name, "mid-July" -> the
//     most recent such month not after the document's month (4); "July 2019" (4)
//   in/during/since/throughout/of/by/until/before/after/early/late/mid + year 1900-2100 (5)
//   2019-10-17 (1); 17/10/2019 or 10/17/2019 only when one part exceeds 12 or both parts are
//     equal -- 05/06/2019 is ambiguous between day-first and month-first and is skipped
// Month names must be capitalised; "May" and "March" additionally need a day, a year or a
// preposition next to them (they are also verbs). Without a document date only expressions
// that carry their year are resolved.

#include <optional>
#include <string_view>
#include <vector>

#include "src/events/event_tokens.h"
#include "src/text/document.h"

namespace incidentmap {

struct DateMention {
  ByteSpan span;          // the words of the expression, e.g. "last Thursday", "Oct. 17, 2019"
  CivilDate start;        // first day covered
  CivilDate end;          // last day covered (== start for a single day)
  int precision = 1;      // UCDP date_prec 1..5 (see above)
  bool relative = false;  // resolved through the document date
};

// The date expressions in `tokens` (from tokenize_for_events over `text`), in text order, not
// overlapping. Relative expressions need `doc_date`; they are skipped without it.
std::vector<DateMention> find_dates(std::string_view text, Tokens tokens,
                                    std::optional<CivilDate> doc_date);

// Convenience: tokenises the whole of `sentence` first.
std::vector<DateMention> find_dates(std::string_view sentence, std::optional<CivilDate> doc_date);

// UCDP precision of a span of days: 1 one day, 2 two to six days, 3 seven days, 4 up to 31 days,
// 5 longer. Precondition: start <= end.
int date_precision_for_span(const CivilDate& start, const CivilDate& end);

// True when `date` lies in the years 0000-9999 that ISO dates (format_iso_date) can write.
// Relative dates near the ends of that range ("last year" in a document dated 0000-03-01)
// resolve outside it and are then dropped.
inline bool in_writable_years(const CivilDate& date) { return date.year >= 0 && date.year <= 9999; }

// Number of days in a month (1-12) of a proleptic Gregorian year.
int days_in_month(int year, int month);

}  // namespace incidentmap
