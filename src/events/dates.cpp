#include "src/events/dates.h"

#include <algorithm>
#include <charconv>

#include "src/events/numbers.h"

namespace incidentmap {

int days_in_month(int year, int month) {
  const CivilDate first{year, month, 1};
  const CivilDate next = month == 12 ? CivilDate{year + 1, 1, 1} : CivilDate{year, month + 1, 1};
  return static_cast<int>(days_from_civil(next) - days_from_civil(first));
}

int date_precision_for_span(const CivilDate& start, const CivilDate& end) {
  const long n = days_from_civil(end) - days_from_civil(start) + 1;
  if (n <= 1) return 1;
  if (n <= 6) return 2;
  if (n <= 7) return 3;
  return n <= 31 ? 4 : 5;
}

namespace {

constexpr std::string_view kMonths[] = {"january",   "february", "march",    "april",
                                        "may",       "june",     "july",     "august",
                                        "september", "october",  "november", "december"};

bool valid_day(int y, int m, int d) {
  return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

CivilDate add_days(const CivilDate& d, long n) { return civil_from_days(days_from_civil(d) + n); }

// Words with a value each, looked up by hash: month_of and weekday_of run on every token.
// The first value given to a word stays.
class ValueTable {
 public:
  void add(std::string_view word, int value) {
    if (words_.insert(word) == values_.size()) values_.push_back(value);
  }
  // The word's value, or `none`.
  int find(std::string_view word, int none) const {
    const std::ptrdiff_t id = words_.find(word);
    return id < 0 ? none : values_[static_cast<std::size_t>(id)];
  }

 private:
  WordSet words_;
  std::vector<int> values_;
};

const ValueTable kMonthTable = [] {
  ValueTable t;
  static constexpr std::string_view kAbbr[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                               "jul", "aug", "sep", "oct", "nov", "dec"};
  for (int m = 0; m < 12; ++m) t.add(kMonths[m], m + 1);
  for (int m = 0; m < 12; ++m) t.add(kAbbr[m], m + 1);
  t.add("sept", 9);
  return t;
}();

const ValueTable kWeekdayTable = [] {
  ValueTable t;
  static constexpr std::string_view kDays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                               "friday", "saturday", "sunday"};
  for (int d = 0; d < 7; ++d) t.add(kDays[d], d);
  return t;
}();

// Month number 1-12 of a month name or abbreviation ("oct", "sept"), 0 when none.
int month_of(std::string_view w) { return kMonthTable.find(w, 0); }

// Weekday 0 (Monday) to 6 of a lower-cased word, possessive included ("thursday's" operation:
// the tokenizer keeps the apostrophe, normalised to '\'', inside the word); -1 otherwise.
int weekday_of(std::string_view w) {
  if (w.ends_with("'s")) w.remove_suffix(2);
  return kWeekdayTable.find(w, -1);
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

// Day of month from "17", "17th", "1st", "2nd", "3rd"; 0 when not a day.
int day_of(std::string_view w) {
  std::string_view digits = w;
  for (std::string_view suffix : {"st", "nd", "rd", "th"})
    if (w.size() > 2 && w.ends_with(suffix)) digits = w.substr(0, w.size() - 2);
  if (!all_digits(digits) || digits.size() > 2) return 0;
  const int d = to_int(digits);
  return d >= 1 && d <= 31 ? d : 0;
}

int year_of(std::string_view w) {
  if (w.size() != 4 || !all_digits(w)) return 0;
  const int y = to_int(w);
  return y >= 1900 && y <= 2100 ? y : 0;
}

// "15-17" -> {15, 17}.
bool day_range_of(std::string_view w, int& a, int& b) {
  const std::size_t dash = w.find('-');
  if (dash == std::string_view::npos) return false;
  a = day_of(w.substr(0, dash));
  b = day_of(w.substr(dash + 1));
  return a != 0 && b > a;
}

const WordSet kLastNextThis("last|next|this");
// Words that let a bare month name be a date ("in March", not "March" the verb).
const WordSet kBeforeMonth(
    "in|since|during|early|late|mid|last|until|till|by|of|through|throughout|from|before|after|"
    "between|next|this|and");
const WordSet kBeforeYear(
    "in|during|since|throughout|of|by|until|before|after|early|late|from|between|and|mid");
const WordSet kPartsOfDay("morning|afternoon|evening");
const WordSet kPartsOfDayOrNight("night|morning|afternoon|evening|overnight");
const WordSet kPastLast("past|last");

// Words that may begin a date expression whatever follows them: weekdays, modifiers and
// relative days. (Digits, month names and "mid-..." may too; "the", the words before a year,
// "a" and number words only before particular words.)
const WordSet kDateStarts(
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|last|next|this|past|over|earlier|"
    "today|tonight|yesterday|tomorrow");
// "the past week", "the last seven days", "the weekend", "the day before yesterday".
const WordSet kAfterThe("past|last|weekend|day");

class Finder {
 public:
  Finder(std::string_view text, Tokens tokens, std::optional<CivilDate> doc)
      : text_(text), t_(tokens), doc_(doc) {}

  std::vector<DateMention> run() {
    std::size_t i = 0;
    while (i < t_.size()) {
      if (!may_start_date(i)) {
        ++i;
        continue;
      }
      const std::size_t next = try_at(i);
      i = next > i ? next : i + 1;
    }
    return std::move(out_);
  }

 private:
  // A view: comparisons with literals check the length before any bytes.
  std::string_view w(std::size_t i) const {
    return i < t_.size() ? std::string_view(t_[i].lower) : std::string_view();
  }

  std::size_t emit(std::size_t first, std::size_t last, CivilDate s, CivilDate e, int prec,
                   bool relative) {
    if (in_writable_years(s) && in_writable_years(e)) {
      out_.push_back({{t_[first].span.begin, t_[last - 1].span.end}, s, e, prec, relative});
    }
    return last;
  }

  // Capitalised month name at i (optionally followed by a full stop after an abbreviation);
  // returns the month and sets `after` to the next token.
  int month_at(std::size_t i, std::size_t& after) const {
    if (i >= t_.size() || !t_[i].capitalized) return 0;
    const int m = month_of(w(i));
    if (m == 0) return 0;
    after = i + 1;
    if (w(i).size() <= 4 && w(i) != "june" && w(i) != "july" && w(i + 1) == ".") ++after;
    return m;
  }

  // Resolves a month/day without a year: the most recent on or before the document date,
  // unless the next occurrence is at most 14 days ahead (announced events).
  std::optional<CivilDate> resolve_day(int m, int d) const {
    if (!doc_) return std::nullopt;
    const long doc = days_from_civil(*doc_);
    std::optional<CivilDate> past, future;
    for (int y = doc_->year - 1; y <= doc_->year + 1; ++y) {
      if (!valid_day(y, m, d)) continue;
      const CivilDate c{y, m, d};
      const long cd = days_from_civil(c);
      if (cd <= doc) past = c;
      if (cd > doc && !future) future = c;
    }
    if (future && days_from_civil(*future) - doc <= 14) return future;
    return past;
  }

  // False only for tokens at which try_at finds nothing: a cheap filter.
  bool may_start_date(std::size_t i) const {
    const EventToken& t = t_[i];
    // kDateStarts holds the weekdays: weekday_of adds only their possessives.
    if (t.is_number || kDateStarts.contains(t.lower)) return true;
    if (t.lower.ends_with("'s") && weekday_of(t.lower) >= 0) return true;
    if (t.capitalized && month_of(t.lower) != 0) return true;
    if (t.lower.starts_with("mid-")) return true;
    if (t.lower == "the") return kAfterThe.contains(w(i + 1));
    if (kBeforeYear.contains(t.lower)) return year_of(w(i + 1)) != 0;  // try_year
    // try_ago: "a week ago", "three days ago". The cheap test first: most words are no number.
    if (w(i + 2) != "ago") return false;
    return t.lower == "a" || t.lower == "an" || parse_number_word(t.lower).has_value();
  }

  std::size_t try_at(std::size_t i) {
    const std::string_view word = w(i);
    if (t_[i].is_number) return try_numeric(i);
    std::size_t after = 0;
    if (month_at(i, after) != 0) return try_month_first(i);
    if (word.starts_with("mid-")) return try_mid(i);
    if (weekday_of(word) >= 0) return try_weekday(i, i);
    if (word == "last" || word == "next" || word == "this" || word == "past" || word == "the" ||
        word == "over" || word == "earlier")
      return try_modified(i);
    return try_relative_word(i);
  }

  std::size_t try_numeric(std::size_t i) {
    const std::string_view word = w(i);
    if (auto iso = parse_iso_date(word); iso && word.size() == 10)
      return emit(i, i + 1, *iso, *iso, 1, false);
    if (std::count(word.begin(), word.end(), '/') == 2) return try_slash(i);
    // "17 October [2019]", "17th of October", "15-17 October".
    int d = day_of(word), d2 = 0;
    if (d == 0 && !day_range_of(word, d, d2)) return try_ago(i);
    std::size_t j = i + 1;
    if (w(j) == "of") ++j;
    std::size_t after = 0;
    const int m = month_at(j, after);
    if (m == 0) return try_ago(i);
    return finish_day(i, after, m, d, d2);
  }

  // Completes a month/day (or day range) with an optional year at `j` (", 2019" or "2019").
  std::size_t finish_day(std::size_t first, std::size_t j, int m, int d, int d2) {
    std::size_t k = j;
    if (w(k) == ",") ++k;
    const int y = year_of(w(k));
    std::optional<CivilDate> s;
    std::size_t last = j;
    if (y != 0) {
      if (!valid_day(y, m, d)) return first + 1;
      s = CivilDate{y, m, d};
      last = k + 1;
    } else {
      s = resolve_day(m, d);
      if (!s) return last;
    }
    CivilDate e = *s;
    if (d2 != 0) {
      if (!valid_day(s->year, m, d2)) return last;
      e = CivilDate{s->year, m, d2};
    }
    return emit(first, last, *s, e, date_precision_for_span(*s, e), y == 0);
  }

  std::size_t try_month_first(std::size_t i) {
    std::size_t j = 0;
    const int m = month_at(i, j);
    int d = day_of(w(j)), d2 = 0;
    if (d != 0 || day_range_of(w(j), d, d2)) return finish_day(i, j + 1, m, d, d2);
    if (const int y = year_of(w(j)); y != 0) {
      return emit(i, j + 1, {y, m, 1}, {y, m, days_in_month(y, m)}, 4, false);
    }
    // A bare month needs a preposition or modifier before it.
    const std::string_view prev = i > 0 ? w(i - 1) : w(t_.size());
    const bool modifier = kLastNextThis.contains(prev);
    if (!kBeforeMonth.contains(prev)) return i + 1;
    if (!doc_) return j;
    int y = m <= doc_->month ? doc_->year : doc_->year - 1;
    if (prev == "next") y = m > doc_->month ? doc_->year : doc_->year + 1;
    return emit(modifier ? i - 1 : i, j, {y, m, 1}, {y, m, days_in_month(y, m)}, 4, true);
  }

  // "mid-July", "mid-2015".
  std::size_t try_mid(std::size_t i) {
    const std::string_view rest = w(i).substr(4);
    if (const int y = year_of(rest); y != 0)
      return emit(i, i + 1, {y, 1, 1}, {y, 12, 31}, 5, false);
    const int m = month_of(rest);
    if (m == 0 || !doc_) return i + 1;
    int y = m <= doc_->month ? doc_->year : doc_->year - 1;
    if (const int yy = year_of(w(i + 1)); yy != 0) {
      return emit(i, i + 2, {yy, m, 1}, {yy, m, days_in_month(yy, m)}, 4, false);
    }
    return emit(i, i + 1, {y, m, 1}, {y, m, days_in_month(y, m)}, 4, true);
  }

  std::size_t try_slash(std::size_t i) {
    const std::string_view word = w(i);
    const std::size_t s1 = word.find('/');
    const std::size_t s2 = word.find('/', s1 + 1);
    const std::string_view a = std::string_view(word).substr(0, s1);
    const std::string_view b = std::string_view(word).substr(s1 + 1, s2 - s1 - 1);
    const int y = year_of(std::string_view(word).substr(s2 + 1));
    if (!all_digits(a) || !all_digits(b) || y == 0) return i + 1;
    const int x = to_int(a), z = to_int(b);
    int d = 0, m = 0;
    if (x > 12 && z <= 12) {
      d = x, m = z;
    } else if (z > 12 && x <= 12) {
      m = x, d = z;
    } else if (x == z) {
      d = m = x;
    } else {
      return i + 1;  // day-first and month-first readings both valid
    }
    if (!valid_day(y, m, d)) return i + 1;
    return emit(i, i + 1, {y, m, d}, {y, m, d}, 1, false);
  }

  // "Thursday", "Thursday night", "Thursday, Oct. 17"; `first` includes a modifier.
  std::size_t try_weekday(std::size_t first, std::size_t i, int direction = 0) {
    const int wd = weekday_of(w(i));
    // A following explicit date wins: "Thursday, October 17".
    std::size_t j = i + 1;
    if (w(j) == ",") ++j;
    std::size_t after = 0;
    if (month_at(j, after) != 0 || (day_of(w(j)) != 0 && month_at(j + 1, after) != 0)) {
      const std::size_t before = out_.size();
      const std::size_t end = try_at(j);
      if (out_.size() > before) {
        out_.back().span.begin = t_[first].span.begin;
        return end;
      }
    }
    if (!doc_) return i + 1;
    const int dw = weekday(*doc_);
    long delta = 0;
    if (direction > 0) {
      delta = (wd - dw + 7) % 7;
      if (delta == 0) delta = 7;
    } else {
      delta = -((dw - wd + 7) % 7);
      if (direction < 0 && delta == 0) delta = -7;
    }
    std::size_t last = i + 1;
    if (kPartsOfDayOrNight.contains(w(last))) ++last;
    const CivilDate d = add_days(*doc_, delta);
    return emit(first, last, d, d, 1, true);
  }

  // Expressions starting with last/next/this/past/the/over/earlier.
  std::size_t try_modified(std::size_t i) {
    const std::string_view a = w(i);
    const std::string_view b = w(i + 1);
    const std::string_view c = w(i + 2);
    if (a == "last" || a == "next" || a == "this") {
      if (weekday_of(b) >= 0) return try_weekday(i, i + 1, a == "next" ? 1 : a == "last" ? -1 : 0);
      if (a == "this" && b == "past" && weekday_of(c) >= 0) return try_weekday(i, i + 2, -1);
    }
    if (!doc_) return i + 1;
    const CivilDate doc = *doc_;
    const int dw = weekday(doc);
    // "the last seven days", "the past week", "over the past week".
    std::size_t k = i;
    if (a == "over") ++k;
    if (w(k) == "the") ++k;
    if (kPastLast.contains(w(k)) && (k > i || a == "past")) {
      if (w(k + 1) == "week") return emit(i, k + 2, add_days(doc, -6), doc, 3, true);
      if ((w(k + 1) == "seven" || w(k + 1) == "7") && w(k + 2) == "days")
        return emit(i, k + 3, add_days(doc, -6), doc, 3, true);
    }
    if ((a == "over" || a == "the") && (w(k) == "weekend")) return weekend(i, k + 1, false);
    if (a == "earlier" && b == "this") {
      if (c == "week") return emit(i, i + 3, add_days(doc, -dw), doc, 3, true);
      if (c == "month") return emit(i, i + 3, {doc.year, doc.month, 1}, doc, 4, true);
      if (c == "year") return emit(i, i + 3, {doc.year, 1, 1}, doc, 5, true);
    }
    if (a == "earlier" && b == "today") return emit(i, i + 2, doc, doc, 1, true);
    if (a == "this") {
      if (kPartsOfDay.contains(b)) return emit(i, i + 2, doc, doc, 1, true);
      if (b == "week") return emit(i, i + 2, add_days(doc, -dw), doc, 3, true);
      if (b == "weekend") return weekend(i, i + 2, false);
      if (b == "month") return emit(i, i + 2, {doc.year, doc.month, 1}, doc, 4, true);
      if (b == "year") return emit(i, i + 2, {doc.year, 1, 1}, doc, 5, true);
    }
    if (a == "last") {
      if (b == "night") {
        const CivilDate y = add_days(doc, -1);
        return emit(i, i + 2, y, y, 1, true);
      }
      if (b == "week") {
        const CivilDate s = add_days(doc, -dw - 7);
        return emit(i, i + 2, s, add_days(s, 6), 3, true);
      }
      if (b == "weekend") return weekend(i, i + 2, true);
      if (b == "month") {
        const int y = doc.month == 1 ? doc.year - 1 : doc.year;
        const int m = doc.month == 1 ? 12 : doc.month - 1;
        return emit(i, i + 2, {y, m, 1}, {y, m, days_in_month(y, m)}, 4, true);
      }
      if (b == "year") return emit(i, i + 2, {doc.year - 1, 1, 1}, {doc.year - 1, 12, 31}, 5, true);
    }
    return try_relative_word(i);
  }

  std::size_t weekend(std::size_t first, std::size_t last, bool previous) {
    const CivilDate doc = *doc_;
    const int dw = weekday(doc);
    CivilDate sat = add_days(doc, -((dw - 5 + 7) % 7));
    if (previous && dw >= 5) sat = add_days(sat, -7);
    CivilDate sun = add_days(sat, 1);
    if (sun > doc) sun = doc;
    return emit(first, last, sat, sun, date_precision_for_span(sat, sun), true);
  }

  std::size_t try_relative_word(std::size_t i) {
    const std::string_view a = w(i);
    if (!doc_) return try_year(i);
    const CivilDate doc = *doc_;
    if (a == "today" || a == "tonight") return emit(i, i + 1, doc, doc, 1, true);
    if (a == "yesterday") {
      std::size_t last = i + 1;
      if (kPartsOfDay.contains(w(last))) ++last;
      const CivilDate y = add_days(doc, -1);
      return emit(i, last, y, y, 1, true);
    }
    if (a == "tomorrow") {
      const CivilDate t = add_days(doc, 1);
      return emit(i, i + 1, t, t, 1, true);
    }
    if (a == "the" && w(i + 1) == "day" && w(i + 2) == "before" && w(i + 3) == "yesterday") {
      const CivilDate d = add_days(doc, -2);
      return emit(i, i + 4, d, d, 1, true);
    }
    if (a == "a" || a == "an" || parse_number_word(a)) return try_ago(i);
    return try_year(i);
  }

  // "three days ago", "a week ago", "2 months ago".
  std::size_t try_ago(std::size_t i) {
    if (!doc_) return try_year(i);
    long n = 0;
    if (w(i) == "a" || w(i) == "an") {
      n = 1;
    } else if (auto v = parse_number_word(w(i)); v && *v > 0 && *v < 1000) {
      n = *v;
    } else {
      return try_year(i);
    }
    const std::string_view unit = w(i + 1);
    if (w(i + 2) != "ago") return try_year(i);
    const CivilDate doc = *doc_;
    if (unit == "day" || unit == "days") {
      const CivilDate d = add_days(doc, -n);
      return emit(i, i + 3, d, d, 1, true);
    }
    if (unit == "week" || unit == "weeks") {
      const CivilDate then = add_days(doc, -7 * n);
      const CivilDate s = add_days(then, -weekday(then));
      return emit(i, i + 3, s, add_days(s, 6), 3, true);
    }
    if (unit == "month" || unit == "months") {
      long months = doc.year * 12L + (doc.month - 1) - n;
      const int y = static_cast<int>(months / 12), m = static_cast<int>(months % 12) + 1;
      return emit(i, i + 3, {y, m, 1}, {y, m, days_in_month(y, m)}, 4, true);
    }
    if (unit == "year" || unit == "years") {
      const int y = doc.year - static_cast<int>(n);
      return emit(i, i + 3, {y, 1, 1}, {y, 12, 31}, 5, true);
    }
    return try_year(i);
  }

  // "in 2015", "during 2015", "early 2015".
  std::size_t try_year(std::size_t i) {
    const std::string_view prev = w(i);
    if (!kBeforeYear.contains(prev)) return i + 1;
    const int y = year_of(w(i + 1));
    if (y == 0) return i + 1;
    return emit(i + 1, i + 2, {y, 1, 1}, {y, 12, 31}, 5, false);
  }

  std::string_view text_;
  Tokens t_;
  std::optional<CivilDate> doc_;
  std::vector<DateMention> out_;
};

}  // namespace

std::vector<DateMention> find_dates(std::string_view text, Tokens tokens,
                                    std::optional<CivilDate> doc_date) {
  return Finder(text, tokens, doc_date).run();
}

std::vector<DateMention> find_dates(std::string_view sentence, std::optional<CivilDate> doc_date) {
  return find_dates(sentence, tokenize_for_events(sentence, {0, sentence.size()}), doc_date);
}

}  // namespace incidentmap
