#include "src/text/sentences.h"

#include <utf8proc.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace incidentmap {

namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026
constexpr std::string_view kEmDash = "\xE2\x80\x94";    // U+2014
constexpr std::string_view kEnDash = "\xE2\x80\x93";    // U+2013

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_hspace(unsigned char c) { return c == ' ' || c == '\t' || c == '\r'; }
bool is_ascii_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool is_ascii_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
bool is_ascii_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool is_ascii_alpha(unsigned char c) { return is_ascii_upper(c) || is_ascii_lower(c); }

// Decodes the code point at `pos` without trusting the input to be valid; invalid bytes give
// U+FFFD and a length of 1 so that scanning always advances.
char32_t decode_at(std::string_view text, std::size_t pos, std::size_t& len) {
  utf8proc_int32_t cp = 0;
  const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos),
                                  static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
  if (n <= 0) {
    len = 1;
    return 0xFFFD;
  }
  len = static_cast<std::size_t>(n);
  return static_cast<char32_t>(cp);
}

utf8proc_category_t category_at(std::string_view text, std::size_t pos, std::size_t& len) {
  const char32_t cp = decode_at(text, pos, len);
  return utf8proc_category(static_cast<utf8proc_int32_t>(cp));
}

// Byte comparison without a call: the strings compared here are a few bytes long.
bool same_bytes(const char* a, std::string_view b) {
  for (std::size_t i = 0; i < b.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

bool starts_with_at(std::string_view text, std::size_t pos, std::string_view what) {
  if (pos > text.size()) return text.substr(pos, what.size()) == what;  // throws, as substr does
  return text.size() - pos >= what.size() && same_bytes(text.data() + pos, what);
}

// Length of a closing quote or bracket at `pos`, 0 when there is none.
std::size_t closing_mark_length(std::string_view text, std::size_t pos) {
  const unsigned char c = static_cast<unsigned char>(text[pos]);
  if (c == '"' || c == '\'' || c == ')' || c == ']') return 1;
  // Most marks are none of these: their first byte rules them out without a call.
  if (c == 0xE2 &&
      (starts_with_at(text, pos, "\xE2\x80\x9D") || starts_with_at(text, pos, "\xE2\x80\x99")))
    return 3;                                                        // ” ’
  if (c == 0xC2 && starts_with_at(text, pos, "\xC2\xBB")) return 2;  // »
  return 0;
}

// Whether the character at `pos` may begin a sentence: anything but a lowercase letter.
bool can_start_sentence(std::string_view text, std::size_t pos) {
  const unsigned char c = static_cast<unsigned char>(text[pos]);
  if (c < 0x80) return !is_ascii_lower(c);
  std::size_t len = 0;
  return category_at(text, pos, len) != UTF8PROC_CATEGORY_LL;
}

// A short list of words; most words are ruled out by their first byte.
class ShortList {
 public:
  ShortList(std::initializer_list<std::string_view> words) : words_(words) {
    for (const std::string_view w : words_)
      if (!w.empty()) first_[static_cast<unsigned char>(w[0])] = true;
  }
  bool contains(std::string_view word) const {
    if (!word.empty() && !first_[static_cast<unsigned char>(word[0])]) return false;
    for (const std::string_view x : words_)
      if (x.size() == word.size() && same_bytes(word.data(), x)) return true;
    return false;
  }

 private:
  std::vector<std::string_view> words_;
  std::array<bool, 256> first_{};
};

// Titles and other abbreviations that never end a sentence.
bool is_title(std::string_view w) {
  static const ShortList kList{"Mr",     "Mrs",    "Ms",   "Dr",   "Gen", "Sen",  "Rep",   "Gov",
                               "Lt",     "Col",    "Capt", "Sgt",  "Maj", "Prof", "Rev",   "St",
                               "Mt",     "Ft",     "Jr",   "Sr",   "Adm", "Cmdr", "Pres",  "Gens",
                               "Sens",   "Reps",   "Govs", "Msgr", "Cpl", "Pvt",  "Brig",  "Lieut",
                               "Supt",   "Insp",   "Det",  "Atty", "Hon", "Fr",   "Mssrs", "vs",
                               "Messrs", "approx", "Ave",  "Blvd", "Sgts"};
  return kList.contains(w);
}

// Abbreviations that do not end a sentence when a digit follows ("Oct. 17", "No. 5").
bool is_numeric_prefix(std::string_view w) {
  static const ShortList kList{"Jan", "Feb",  "Mar", "Apr", "Jun", "Jul", "Aug",
                               "Sep", "Sept", "Oct", "Nov", "Dec", "No",  "Nos",
                               "Art", "Vol",  "Fig", "p",   "pp"};
  return kList.contains(w);
}

// Function words that usually start a sentence; after a dotted acronym ("U.S.") they signal
// that the full stop also ends the sentence.
bool is_sentence_starter(std::string_view w) {
  static const ShortList kList{
      "The",     "A",         "An",    "He",   "She",  "It",    "They",  "We",     "I",    "His",
      "Her",     "Its",       "Their", "This", "That", "These", "Those", "There",  "Here", "But",
      "However", "Meanwhile", "Also",  "In",   "On",   "At",    "After", "Before", "When", "While",
      "If",      "As",        "Some",  "Many", "Most", "Yet",   "So",    "Then",   "Still"};
  return kList.contains(w);
}

// The word that ends just before the full stop at `dot` (letters, digits and inner full
// stops), e.g. "U.S" for "U.S." or "Gen" for "Gen.".
std::string_view word_before(std::string_view text, std::size_t dot) {
  std::size_t b = dot;
  while (b > 0) {
    const unsigned char c = static_cast<unsigned char>(text[b - 1]);
    if (is_ascii_alpha(c) || is_ascii_digit(c) || c == '.' || c >= 0x80) {
      --b;
    } else {
      break;
    }
  }
  return text.substr(b, dot - b);
}

std::string_view word_at(std::string_view text, std::size_t pos) {
  std::size_t e = pos;
  while (e < text.size() && is_ascii_alpha(static_cast<unsigned char>(text[e]))) ++e;
  return text.substr(pos, e - pos);
}

bool is_dotted_acronym(std::string_view w) {
  if (w.find('.') == std::string_view::npos) return false;
  for (char c : w)
    if (!(is_ascii_alpha(static_cast<unsigned char>(c)) || c == '.')) return false;
  return true;
}

// Decides whether a single full stop at `dot`, followed by whitespace and then a possible
// sentence start at `next`, ends a sentence.
bool full_stop_ends_sentence(std::string_view text, std::size_t dot, std::size_t next) {
  const std::string_view w = word_before(text, dot);
  if (w.empty()) return true;
  if (w.size() == 1 && is_ascii_upper(static_cast<unsigned char>(w[0]))) return false;
  if (is_title(w)) return false;
  const bool digit_next =
      next < text.size() && is_ascii_digit(static_cast<unsigned char>(text[next]));
  if (digit_next && is_numeric_prefix(w)) return false;
  if (is_dotted_acronym(w)) return next >= text.size() || is_sentence_starter(word_at(text, next));
  return true;
}

// Hard-wrapped text: at least 30% of the in-paragraph lines that end without terminal
// punctuation are followed by a line starting with a lowercase letter.
bool looks_hard_wrapped(std::string_view text) {
  std::size_t open_lines = 0, continued_lowercase = 0;
  std::size_t line_begin = 0;
  while (line_begin < text.size()) {
    std::size_t nl = text.find('\n', line_begin);
    if (nl == std::string_view::npos) break;
    std::size_t e = nl;
    while (e > line_begin && is_space(static_cast<unsigned char>(text[e - 1]))) --e;
    std::size_t next = nl + 1;
    while (next < text.size() && is_hspace(static_cast<unsigned char>(text[next]))) ++next;
    const bool next_blank = next >= text.size() || text[next] == '\n';
    if (e > line_begin && !next_blank) {
      const unsigned char last = static_cast<unsigned char>(text[e - 1]);
      const bool terminal =
          last == '.' || last == '!' || last == '?' || last == ':' || last == '"' || last >= 0x80;
      if (!terminal) {
        ++open_lines;
        if (is_ascii_lower(static_cast<unsigned char>(text[next]))) ++continued_lowercase;
      }
    }
    line_begin = nl + 1;
  }
  return open_lines > 0 && continued_lowercase * 10 >= open_lines * 3;
}

// Byte classes for the main scan: 1 = may end a sentence or a line, 0 = plain.
constexpr std::array<unsigned char, 256> make_interesting() {
  std::array<unsigned char, 256> t{};
  t['.'] = t['!'] = t['?'] = t['\n'] = 1;
  t[0xE2] = 1;  // first byte of U+2026 (…)
  return t;
}
constexpr auto kInteresting = make_interesting();

// The first byte at or after `i` (and before `n`) that kInteresting marks, or `n`: most bytes are
// not, and this loop runs over every byte of every text, sixteen at a time where SSE2 is there.
std::size_t next_interesting(const char* data, std::size_t i, std::size_t n) {
#if defined(__SSE2__)
  const __m128i stop = _mm_set1_epi8('.'), bang = _mm_set1_epi8('!'), ask = _mm_set1_epi8('?'),
                line = _mm_set1_epi8('\n'), e2 = _mm_set1_epi8(static_cast<char>(0xE2));
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
    const __m128i hit =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, stop), _mm_cmpeq_epi8(v, bang)),
                     _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, ask), _mm_cmpeq_epi8(v, line)),
                                  _mm_cmpeq_epi8(v, e2)));
    const int mask = _mm_movemask_epi8(hit);
    if (mask != 0) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  while (i < n && !kInteresting[static_cast<unsigned char>(data[i])]) ++i;
  return i;
}

class Splitter {
 public:
  explicit Splitter(std::string_view text) : text_(text), wrapped_(looks_hard_wrapped(text)) {
    out_.reserve(text.size() / 64 + 4);  // news sentences average well over 64 bytes
  }

  std::vector<ByteSpan> run() {
    const std::size_t n = text_.size();
    std::size_t i = 0;
    while (i < n) {
      i = next_interesting(text_.data(), i, n);
      if (i >= n) break;
      const unsigned char c = static_cast<unsigned char>(text_[i]);
      if (c == '\n') {
        i = on_newline(i);
      } else if (c == 0xE2 && !starts_with_at(text_, i, kEllipsis)) {
        ++i;
      } else {
        i = on_terminal(i);
      }
    }
    push(sent_begin_, n);
    return std::move(out_);
  }

 private:
  void push(std::size_t b, std::size_t e) {
    while (b < e && is_space(static_cast<unsigned char>(text_[b]))) ++b;
    while (e > b && is_space(static_cast<unsigned char>(text_[e - 1]))) --e;
    if (b < e) out_.push_back({b, e});
  }

  std::size_t on_newline(std::size_t nl) {
    std::size_t j = nl + 1;
    while (j < text_.size() && is_hspace(static_cast<unsigned char>(text_[j]))) ++j;
    const bool paragraph_break = j < text_.size() && text_[j] == '\n';
    const std::size_t this_line = line_begin_;
    line_begin_ = nl + 1;
    if (paragraph_break || (!wrapped_ && !dateline_only(this_line, nl))) {
      push(sent_begin_, nl);
      sent_begin_ = nl + 1;
    }
    return nl + 1;
  }

  // True when the line [b, e) holds nothing but a dateline.
  bool dateline_only(std::size_t b, std::size_t e) const {
    const auto end = find_dateline_end(text_.substr(0, e), b);
    return end && *end >= e;
  }

  std::size_t on_terminal(std::size_t i) {
    const std::size_t first = i;
    bool only_full_stop = true;
    std::size_t stops = 0;
    // The run of terminal marks ("?!", "...", "…").
    while (i < text_.size()) {
      const char c = text_[i];
      if (c == '.') {
        ++stops;
        ++i;
      } else if (c == '!' || c == '?') {
        only_full_stop = false;
        ++i;
      } else if (static_cast<unsigned char>(c) == 0xE2 && starts_with_at(text_, i, kEllipsis)) {
        only_full_stop = false;
        i += kEllipsis.size();
      } else {
        break;
      }
    }
    bool closed = false;
    while (i < text_.size()) {
      const std::size_t len = closing_mark_length(text_, i);
      if (len == 0) break;
      closed = true;
      i += len;
    }
    const std::size_t end = i;
    if (end < text_.size() && !is_space(static_cast<unsigned char>(text_[end]))) return end;
    std::size_t next = end;
    while (next < text_.size() && is_space(static_cast<unsigned char>(text_[next]))) ++next;
    if (next < text_.size() && !can_start_sentence(text_, next)) return end;
    if (only_full_stop && stops == 1 && !closed && !full_stop_ends_sentence(text_, first, next))
      return end;
    push(sent_begin_, end);
    sent_begin_ = end;
    return end;
  }

  std::string_view text_;
  bool wrapped_;
  std::size_t sent_begin_ = 0;
  std::size_t line_begin_ = 0;
  std::vector<ByteSpan> out_;
};

// Reads words written in capitals (letters, full stops, apostrophes, hyphens) separated by single
// spaces from `pos`; returns the end of the last such word, or npos when there is none, and counts
// capital letters. A word ends at a space, comma, parenthesis or dash.
std::size_t scan_capital_place(std::string_view text, std::size_t pos, int& capitals) {
  std::size_t i = pos;
  std::size_t last_good = std::string_view::npos;
  while (i < text.size()) {
    std::size_t w = i;
    int word_capitals = 0;
    bool ok = true;
    while (w < text.size()) {
      const unsigned char c = static_cast<unsigned char>(text[w]);
      if (c == ' ' || c == '\t' || c == '\n' || c == ',' || c == '(' ||
          starts_with_at(text, w, kEmDash) || starts_with_at(text, w, kEnDash))
        break;
      if (is_ascii_upper(c)) {
        ++word_capitals;
        ++w;
      } else if (c == '.' || c == '\'' || c == '-') {
        ++w;
      } else if (c >= 0x80) {
        std::size_t len = 0;
        if (category_at(text, w, len) != UTF8PROC_CATEGORY_LU) {
          ok = false;
          break;
        }
        ++word_capitals;
        w += len;
      } else {
        ok = false;
        break;
      }
    }
    if (!ok || word_capitals == 0) break;
    capitals += word_capitals;
    last_good = w;
    if (w + 1 < text.size() && text[w] == ' ' && text[w + 1] != ' ')
      i = w + 1;
    else
      break;
  }
  return last_good;
}

// Length of a dash at `pos` (— – -- -), 0 when none.
std::size_t dash_length(std::string_view text, std::size_t pos) {
  if (starts_with_at(text, pos, kEmDash) || starts_with_at(text, pos, kEnDash)) return 3;
  if (starts_with_at(text, pos, "--")) return 2;
  if (pos < text.size() && text[pos] == '-') return 1;
  return 0;
}

bool word_starts_region(std::string_view text, std::size_t pos) {
  const unsigned char c = static_cast<unsigned char>(text[pos]);
  if (is_ascii_upper(c) || is_ascii_digit(c)) return true;
  if (c < 0x80) return false;
  std::size_t len = 0;
  return category_at(text, pos, len) == UTF8PROC_CATEGORY_LU;
}

}  // namespace

std::optional<std::size_t> find_dateline_end(std::string_view text, std::size_t pos) {
  std::size_t i = pos;
  while (i < text.size() && is_space(static_cast<unsigned char>(text[i]))) ++i;
  int capitals = 0;
  std::size_t e = scan_capital_place(text, i, capitals);
  if (e == std::string_view::npos || capitals < 2) return std::nullopt;
  i = e;
  for (int part = 0; part < 3 && i < text.size() && text[i] == ','; ++part) {
    ++i;
    while (i < text.size() && text[i] == ' ') ++i;
    int words = 0;
    while (i < text.size() && words < 6) {
      const bool lower_link = words > 0 && is_ascii_lower(static_cast<unsigned char>(text[i]));
      if (!word_starts_region(text, i) && !lower_link) break;
      std::size_t w = i;
      while (w < text.size() && !is_space(static_cast<unsigned char>(text[w])) && text[w] != ',' &&
             text[w] != '(')
        ++w;
      if (lower_link && w - i > 3) break;
      ++words;
      i = w;
      if (i + 1 < text.size() && text[i] == ' ' && dash_length(text, i + 1) == 0 &&
          text[i + 1] != '(')
        ++i;
      else
        break;
    }
    if (words == 0) return std::nullopt;
  }
  std::size_t j = i;
  while (j < text.size() && text[j] == ' ') ++j;
  if (j < text.size() && text[j] == '(') {
    const std::size_t close = text.find(')', j);
    if (close == std::string_view::npos || close - j > 40) return std::nullopt;
    j = close + 1;
  }
  const std::size_t before_spaces = j;
  while (j < text.size() && text[j] == ' ') ++j;
  const bool spaced = j > before_spaces || (j > i && text[j - 1] == ' ');
  const std::size_t dash = dash_length(text, j);
  if (dash == 0) return std::nullopt;
  if (dash < 3 && !spaced) return std::nullopt;  // "CITY-STATE" is a hyphenated name
  j += dash;
  if (j < text.size() && !is_space(static_cast<unsigned char>(text[j])) && dash < 3)
    return std::nullopt;
  while (j < text.size() && is_space(static_cast<unsigned char>(text[j]))) ++j;
  return j;
}

SentenceSplit split_sentences(std::string_view text) {
  SentenceSplit out;
  out.sentences = Splitter(text).run();
  out.dateline_end = find_dateline_end(text, 0);
  return out;
}

}  // namespace incidentmap
