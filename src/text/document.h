#pragma once
// A news document as the pipeline receives it, whatever the input form (.txt, JSONL, stdin).

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace incidentmap {

// A calendar day (proleptic Gregorian). month and day are 1-based.
struct CivilDate {
  int year = 0;
  int month = 0;
  int day = 0;

  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

// Parses "YYYY-MM-DD" (optionally followed by "T..." or " ..." time parts, which are ignored).
// Returns nullopt for anything else, including impossible days such as 2019-02-30.
std::optional<CivilDate> parse_iso_date(std::string_view text);

// Formats as "YYYY-MM-DD". Precondition: a valid date with year in [0, 9999].
std::string format_iso_date(const CivilDate& date);

// Days since 1970-01-01 (negative before), and back. Exact for all valid dates.
long days_from_civil(const CivilDate& date);
CivilDate civil_from_days(long days);

// 0 = Monday ... 6 = Sunday.
int weekday(const CivilDate& date);

struct Document {
  std::string id;    // unique within a run; from JSONL `id` or the file name
  std::string text;  // valid UTF-8 (invalid bytes were replaced with U+FFFD on reading)
  std::optional<CivilDate> date;  // publication date, when known
  std::string source;             // outlet name, "" when unknown
  std::string url;                // "" when unknown
  std::string input;              // where it was read from, for messages: "path" or "path:line"
};

}  // namespace incidentmap
