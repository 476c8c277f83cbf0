#include "src/events/event_tokens.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "gazetteer/fold.h"
#include "src/text/utf8.h"

namespace incidentmap {

namespace {

constexpr bool ascii_alnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool ascii_digit(unsigned char c) { return c >= '0' && c <= '9'; }

struct CodePoint {
  char32_t cp = 0;
  std::size_t len = 1;
};

// Precondition (as for the whole pipeline): valid UTF-8.
CodePoint decode(std::string_view text, std::size_t pos) {
  std::size_t next = pos;
  const char32_t cp = utf8::decode(text, next);
  return {cp, next - pos};
}

bool is_apostrophe(char32_t cp) { return cp == '\'' || cp == 0x2019 || cp == 0x2018; }

// Letters, digits and marks, as the gazetteer's tokeniser sees them, but without its joiners
// (apostrophes and full stops), which this tokeniser handles itself.
bool is_letter_or_digit(char32_t cp) {
  if (cp < 0x80) return ascii_alnum(static_cast<unsigned char>(cp));
  return gaz::is_token_char(cp) && !is_apostrophe(cp);
}

bool is_space_cp(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x2009 ||
         cp == 0x202F || cp == 0x200B;
}

// Classes of ASCII bytes for the tokeniser's fast path.
enum AsciiClass : unsigned char { kOther, kSpace, kAlnum };

constexpr std::array<AsciiClass, 128> make_ascii_classes() {
  std::array<AsciiClass, 128> t{};
  for (unsigned char c = 0; c < 128; ++c) {
    if (ascii_alnum(c)) t[c] = kAlnum;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') t[c] = kSpace;
  }
  return t;
}
constexpr auto kAsciiClass = make_ascii_classes();

// The ASCII bytes that may join two word characters into one word (see tokenize_for_events).
constexpr std::array<bool, 128> make_may_join() {
  std::array<bool, 128> t{};
  for (const char c : {'\'', '-', '.', ',', ':', '/'}) t[static_cast<unsigned char>(c)] = true;
  return t;
}
constexpr auto kMayJoin = make_may_join();

// For StemSet scans: kAlnum for ASCII letters and digits, kSpace for the bytes of other
// characters (letters or not: decoded), kOther for the rest.
constexpr std::array<AsciiClass, 256> make_stem_bytes() {
  std::array<AsciiClass, 256> t{};
  for (int c = 0; c < 256; ++c)
    t[static_cast<std::size_t>(c)] = c >= 0x80                                    ? kSpace
                                     : ascii_alnum(static_cast<unsigned char>(c)) ? kAlnum
                                                                                  : kOther;
  return t;
}
constexpr auto kStemByte = make_stem_bytes();

#if defined(__SSE2__)
// 0xFF for each of the sixteen bytes of `v` that is an ASCII letter or digit, 0 for the others.
// Signed compares: bytes of other characters (0x80 and up) are negative, so never alnum.
[[gnu::always_inline]] inline __m128i ascii_alnum_bytes(__m128i v) {
  const __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
  const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)),
                                       _mm_cmplt_epi8(folded, _mm_set1_epi8('z' + 1)));
  const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                      _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
  return _mm_or_si128(letter, digit);
}
#endif

// Past the ASCII letters and digits from `q` (to `stop` at most), sixteen bytes at a time where
// SSE2 is there: stems are scanned in every sentence of every text, and words tokenised in
// the sentences that may hold an event.
[[gnu::always_inline]] inline const unsigned char* skip_ascii_alnum(const unsigned char* q,
                                                                    const unsigned char* stop) {
#if defined(__SSE2__)
  while (stop - q >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
    const unsigned other =
        ~static_cast<unsigned>(_mm_movemask_epi8(ascii_alnum_bytes(v))) & 0xFFFFu;
    if (other != 0) return q + __builtin_ctz(other);
    q += 16;
  }
#endif
  while (q < stop && kStemByte[*q] == kAlnum) ++q;
  return q;
}

constexpr std::array<char, 256> make_ascii_lower() {
  std::array<char, 256> t{};
  for (int c = 0; c < 256; ++c)
    t[static_cast<std::size_t>(c)] = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return t;
}
constexpr auto kAsciiLower = make_ascii_lower();

// Bytes lower_ascii may write past the end of what it lowers.
constexpr std::size_t kLowerSlack = 16;

// Writes bytes [p, stop) to `o` with ASCII letters lowercased and returns the end of the copy;
// sixteen bytes at a time where SSE2 is there, reading no further than `text_end` but writing up
// to kLowerSlack bytes past the copy.
[[gnu::always_inline]] inline char* lower_ascii(const unsigned char* p, const unsigned char* stop,
                                                const unsigned char* text_end, char* o) {
#if defined(__SSE2__)
  // Signed compares: bytes of other characters (0x80 and up) are negative, so left alone.
  const __m128i below_upper = _mm_set1_epi8('A' - 1), above_upper = _mm_set1_epi8('Z' + 1);
  const __m128i case_bit = _mm_set1_epi8(0x20);
  while (p < stop && text_end - p >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i upper =
        _mm_and_si128(_mm_cmpgt_epi8(v, below_upper), _mm_cmplt_epi8(v, above_upper));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(o),
                     _mm_or_si128(v, _mm_and_si128(upper, case_bit)));
    const std::ptrdiff_t n = std::min<std::ptrdiff_t>(16, stop - p);
    p += n;
    o += n;
  }
#else
  (void)text_end;
#endif
  while (p < stop) *o++ = kAsciiLower[*p++];
  return o;
}

bool is_dash_token(std::string_view lower) {
  return lower == "-" || lower == "\xE2\x80\x94" || lower == "\xE2\x80\x93";
}

bool is_quote_token(std::string_view lower) {
  return lower == "\"" || lower == "\xE2\x80\x9C" || lower == "\xE2\x80\x9D" ||
         lower == "\xC2\xAB" || lower == "\xC2\xBB";
}

// A comma before one of these starts a new clause.
const WordSet kClauseAfterComma(
    "and|but|while|whereas|after|before|when|as|although|though|who|which|where|because|since|"
    "until|whilst|or");
const WordSet kClauseStarters("while|whereas|but|whilst");
// Subordinators that open a sentence with a clause of their own, which its first comma closes:
// "Since launching the offensive, the rebels have captured X".
const WordSet kOpeningSubordinators(
    "since|after|before|when|while|whilst|although|though|because|as|once|until|despite|"
    "following");

}  // namespace

EventTokens tokenize_for_events(std::string_view text, ByteSpan span) {
  EventTokens result;
  tokenize_for_events(text, span, result);
  return result;
}

void tokenize_for_events(std::string_view text, ByteSpan span, EventTokens& result) {
  std::vector<EventToken>& out = result.tokens_;
  out.clear();
  std::size_t i = span.begin;
  const std::size_t end = std::min(span.end, text.size());
  if (i >= end) return;
  out.reserve((end - i) / 5 + 4);
  // No lower form is longer than the bytes it comes from: the storage never grows while the
  // tokens are made, so the views stay put.
  if (result.chars_capacity_ < end - i + kLowerSlack) {
    result.chars_capacity_ = end - i + kLowerSlack;
    result.chars_ = std::make_unique_for_overwrite<char[]>(result.chars_capacity_);
  }
  char* o = result.chars_.get();
  while (i < end) {
    // ASCII bytes are classified through a table; other characters are decoded.
    const unsigned char b = static_cast<unsigned char>(text[i]);
    const CodePoint c = b < 0x80 ? CodePoint{b, 1} : decode(text, i);
    if (b < 0x80 ? kAsciiClass[b] == kSpace : is_space_cp(c.cp)) {
      i += c.len;
      continue;
    }
    EventToken& t = out.emplace_back();
    t.span.begin = i;
    if (b < 0x80 ? kAsciiClass[b] == kOther : !is_letter_or_digit(c.cp)) {
      t.span.end = i + c.len;
      if (is_apostrophe(c.cp)) {
        *o = '\'';
        t.lower = std::string_view(o++, 1);
      } else {
        std::memcpy(o, text.data() + i, c.len);
        t.lower = std::string_view(o, c.len);
        o += c.len;
      }
      i += c.len;
      continue;
    }
    t.is_word = true;
    t.is_number = ascii_digit(b);
    if (c.cp < 0x80) {
      t.capitalized = c.cp >= 'A' && c.cp <= 'Z';
    } else {
      t.capitalized =
          utf8proc_category(static_cast<utf8proc_int32_t>(c.cp)) == UTF8PROC_CATEGORY_LU;
    }
    // The word's extent first, then its lowercase form in one go: `lower` is the word's bytes
    // with ASCII letters lowercased and curly apostrophes (only ever joiners) made '\''.
    const auto* const bytes = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t j = i;
    bool prev_digit = false;
    bool curly = false;
    while (j < end) {
      const unsigned char db = bytes[j];
      if (db < 0x80 && kAsciiClass[db] == kAlnum) {
        j = static_cast<std::size_t>(skip_ascii_alnum(bytes + j + 1, bytes + end) - bytes);
        prev_digit = ascii_digit(bytes[j - 1]);
        continue;
      }
      // Most words end at a space or at punctuation that joins nothing.
      if (db < 0x80 && !kMayJoin[db]) break;
      const CodePoint d = db < 0x80 ? CodePoint{db, 1} : decode(text, j);
      if (db >= 0x80 && is_letter_or_digit(d.cp)) {
        prev_digit = false;
        j += d.len;
        continue;
      }
      // A joiner between two word characters stays inside the word.
      if (j + d.len >= end) break;
      const unsigned char nb = bytes[j + d.len];
      const CodePoint next = nb < 0x80 ? CodePoint{nb, 1} : decode(text, j + d.len);
      if (nb < 0x80 ? kAsciiClass[nb] != kAlnum : !is_letter_or_digit(next.cp)) break;
      const bool next_digit = ascii_digit(nb);
      if (is_apostrophe(d.cp)) {
        curly = curly || d.cp != '\'';
      } else if (d.cp == '-' || d.cp == '.') {
      } else if ((d.cp == ',' || d.cp == ':' || d.cp == '/') && prev_digit && next_digit) {
        // "1,200" but not "5,Culiacan"; a comma joins only a group of exactly three digits.
        if (d.cp == ',') {
          std::size_t k = j + 1, digits = 0;
          while (k < end && ascii_digit(bytes[k])) ++k, ++digits;
          if (digits != 3) break;
        }
      } else {
        break;
      }
      j += d.len;
    }
    t.span.end = j;
    char* const lowered = o;
    if (!curly) {
      o = lower_ascii(bytes + i, bytes + j, bytes + text.size(), o);
    } else {
      for (std::size_t k = i; k < j; ++k) {
        // U+2018 and U+2019 are E2 80 98 and E2 80 99.
        if (bytes[k] == 0xE2 && bytes[k + 1] == 0x80 &&
            (bytes[k + 2] == 0x98 || bytes[k + 2] == 0x99)) {
          *o++ = '\'';
          k += 2;
        } else {
          *o++ = kAsciiLower[bytes[k]];
        }
      }
    }
    t.lower = std::string_view(lowered, static_cast<std::size_t>(o - lowered));
    i = j;
  }
}

std::vector<int> clause_ids(Tokens tokens) {
  std::vector<int> ids;
  clause_ids(tokens, ids);
  return ids;
}

void clause_ids(Tokens tokens, std::vector<int>& ids) {
  ids.assign(tokens.size(), 0);
  int clause = 0;
  // Tokens are one sentence's: token 0 opens it.
  bool opening_clause =
      !tokens.empty() && tokens[0].is_word && kOpeningSubordinators.contains(tokens[0].lower);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string_view w = tokens[i].lower;
    bool starts_new = false;
    bool boundary_token = false;
    if (!tokens[i].is_word) {
      if (w == ";" || w == ":" || w == "(" || w == ")" || is_dash_token(w) || is_quote_token(w)) {
        boundary_token = true;
      } else if (w == "," && opening_clause) {
        boundary_token = true;
        opening_clause = false;
      } else if (w == "," && i + 1 < tokens.size() &&
                 kClauseAfterComma.contains(tokens[i + 1].lower)) {
        boundary_token = true;
      }
    } else if (kClauseStarters.contains(w)) {
      starts_new = true;
    } else if ((w == "since" || w == "after" || w == "before") && i + 1 < tokens.size() &&
               tokens[i + 1].is_word && tokens[i + 1].lower.size() > 5 &&
               tokens[i + 1].lower.ends_with("ing")) {
      // "captured X since launching an offensive": a participle clause of its own.
      starts_new = true;
    }
    if (starts_new && i > 0) ++clause;
    ids[i] = clause;
    if (boundary_token) ++clause;
  }
}

std::string_view token_text(std::string_view text, Tokens tokens, std::size_t first,
                            std::size_t last) {
  if (first >= last || last > tokens.size()) return {};
  return text.substr(tokens[first].span.begin,
                     tokens[last - 1].span.end - tokens[first].span.begin);
}

bool word_in(std::string_view word, std::string_view list) {
  std::size_t pos = 0;
  while (pos <= list.size()) {
    std::size_t bar = list.find('|', pos);
    if (bar == std::string_view::npos) bar = list.size();
    if (list.substr(pos, bar - pos) == word) return true;
    pos = bar + 1;
  }
  return false;
}

WordSet::WordSet(std::string_view list) {
  std::size_t pos = 0;
  while (pos <= list.size()) {
    std::size_t bar = list.find('|', pos);
    if (bar == std::string_view::npos) bar = list.size();
    if (bar > pos) insert(list.substr(pos, bar - pos));
    pos = bar + 1;
  }
}

std::size_t WordSet::insert(std::string_view word) {
  if (const std::ptrdiff_t id = find(word); id >= 0) return static_cast<std::size_t>(id);
  // At most half full, so that probe runs stay short.
  if (2 * (size_ + 1) > slots_.size()) grow();
  const std::size_t f = filter_index(word);
  filter_[f >> 6] |= std::uint64_t{1} << (f & 63);
  const std::uint32_t h = hash(word);
  std::size_t i = h & mask_;
  while (slots_[i].id >= 0) i = (i + 1) & mask_;
  slots_[i] = {h, static_cast<std::uint32_t>(chars_.size()),
               static_cast<std::uint32_t>(word.size()), static_cast<std::int32_t>(size_)};
  chars_.append(word);
  return size_++;
}

void WordSet::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(std::max<std::size_t>(16, old.size() * 2), Slot{});
  mask_ = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.id < 0) continue;
    std::size_t i = s.hash & mask_;
    while (slots_[i].id >= 0) i = (i + 1) & mask_;
    slots_[i] = s;
  }
}

std::size_t StemSet::insert(std::string_view stem) {
  longest_ = std::max(longest_, stem.size());
  const std::uint32_t h = WordSet::hash(stem);
  hash_bits_[(h >> 6) & 255] |= std::uint64_t{1} << (h & 63);
  if (!stem.empty()) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(stem[k]); };
    prefix_lengths_[prefix_index(byte(0), byte(stem.size() > 1 ? 1 : 0))] |=
        static_cast<std::uint16_t>(1u << (stem.size() & 15));
  }
  return words_.insert(stem);
}

std::ptrdiff_t StemSet::next_in(std::string_view text, std::size_t& pos, std::size_t end) const {
  const auto* const bytes = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char* const stop = bytes + std::min(end, text.size());
  const unsigned char* p = bytes + pos;
  // Past a run of word characters from `q`.
  const auto skip_word = [&](const unsigned char* q) {
    for (;;) {
      q = skip_ascii_alnum(q, stop);
      if (q == stop || *q < 0x80) return q;
      const CodePoint c = decode(text, static_cast<std::size_t>(q - bytes));
      if (!is_letter_or_digit(c.cp)) return q;
      q += c.len;
    }
  };
  // Past the character at `q` when it is another character that is no letter or digit; `q`
  // itself when it is not (ASCII bytes are left to the caller).
  const auto past_other = [&](const unsigned char* q) {
    if (*q < 0x80) return q;
    const CodePoint c = decode(text, static_cast<std::size_t>(q - bytes));
    return is_letter_or_digit(c.cp) ? q : q + c.len;
  };
  // The id of the stem of the `n` bytes at `start`, or -1: the first tests, which rule out most
  // stems, inline in the scan; the rest out of line.
  const auto lookup_rest = [&](const unsigned char* start, std::size_t n) __attribute__((noinline))
                               ->std::ptrdiff_t {
    // kAsciiLower leaves bytes of other characters as they are, as the tokeniser does.
    const auto low = [&](std::size_t k) {
      return static_cast<unsigned char>(kAsciiLower[start[k]]);
    };
    const std::uint32_t h = WordSet::hash(n, low(0), low(n > 1 ? 1 : 0), low(n / 2), low(n - 1));
    if (((hash_bits_[(h >> 6) & 255] >> (h & 63)) & 1) == 0) return -1;
    char stem[kMaxStemBytes];
    for (std::size_t k = 0; k < n; ++k) stem[k] = static_cast<char>(low(k));
    return words_.find(std::string_view(stem, n));
  };
  const auto lookup = [&](const unsigned char* start, std::size_t n) __attribute__((always_inline))
                          ->std::ptrdiff_t {
    // (Too short a stem fails the prefix test.)
    if (n > longest_) return -1;
    const std::size_t prefix = prefix_index(start[0], start[n > 1 ? 1 : 0]);
    if (((prefix_lengths_[prefix] >> (n & 15)) & 1) == 0) return -1;
    return lookup_rest(start, n);
  };
  // `p` is never inside a word: at the start, after a word or after another character.
  while (p < stop) {
#if defined(__SSE2__)
    // Sixty-four bytes at a time: bit masks of the ASCII letters and digits and of the bytes of
    // other characters, whose runs (the n-th start and the n-th end of the masks) are looked up
    // in place: a pure ASCII run is a stem, a run with other characters is split into stems at
    // those that are no letters or digits. Only a run that may go on past the block moves the
    // next block to its start (or, 64 bytes long or more, goes through the loop below).
    if (bytes + text.size() - p >= 64) {
      const std::ptrdiff_t left = stop - p;
      const std::uint64_t valid = left >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << left) - 1;
      std::uint64_t alnum = 0, high = 0;
      for (int c = 0; c < 4; ++c) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * c));
        alnum |= std::uint64_t{static_cast<unsigned>(_mm_movemask_epi8(ascii_alnum_bytes(v)))}
                 << (16 * c);
        high |= std::uint64_t{static_cast<unsigned>(_mm_movemask_epi8(v))} << (16 * c);
      }
      alnum &= valid;
      high &= valid;
      const std::uint64_t word = alnum | high;
      std::uint64_t starts = word & ~(word << 1);
      std::uint64_t ends = word & ~(word >> 1);
      const unsigned char* next = left > 64 ? p + 64 : stop;
      if ((word >> 63) != 0 && left > 64) {
        // The last run may go on past the block: the next block starts with it.
        const int last = 63 - __builtin_clzll(starts);
        next = p + last;
        starts &= ~(~std::uint64_t{0} << last);
        ends &= ~(std::uint64_t{1} << 63);
      }
      if (high == 0) {
        for (; starts != 0; starts &= starts - 1, ends &= ends - 1) {
          const int s = __builtin_ctzll(starts);
          const int e = __builtin_ctzll(ends) + 1;
          if (const std::ptrdiff_t id = lookup(p + s, static_cast<std::size_t>(e - s)); id >= 0) {
            pos = static_cast<std::size_t>(p + e - bytes);
            return id;
          }
        }
      }
      for (; starts != 0; starts &= starts - 1, ends &= ends - 1) {
        const int s = __builtin_ctzll(starts);
        const int e = __builtin_ctzll(ends) + 1;
        const std::uint64_t high_from_s = high >> s;
        if (high_from_s == 0 || __builtin_ctzll(high_from_s) >= e - s) {
          if (const std::ptrdiff_t id = lookup(p + s, static_cast<std::size_t>(e - s)); id >= 0) {
            pos = static_cast<std::size_t>(p + e - bytes);
            return id;
          }
          continue;
        }
        // The run ends at an ASCII byte other than a letter or digit, or at `stop`.
        const unsigned char* q = p + s;
        const unsigned char* const run_end = p + e;
        while (q < run_end) {
          if (const unsigned char* const past = past_other(q); past != q) {
            q = past;
            continue;
          }
          const unsigned char* const start = q;
          q = skip_word(q);
          if (const std::ptrdiff_t id = lookup(start, static_cast<std::size_t>(q - start));
              id >= 0) {
            pos = static_cast<std::size_t>(q - bytes);
            return id;
          }
        }
      }
      if (next != p) {
        p = next;
        continue;
      }
    }
#endif
    // To the start of the next stem.
    const unsigned char b = *p;
    if (kStemByte[b] == kOther) {
      ++p;
      continue;
    }
    if (const unsigned char* const past = past_other(p); past != p) {
      p = past;
      continue;
    }
    const unsigned char* const start = p;
    p = skip_word(p);
    if (const std::ptrdiff_t id = lookup(start, static_cast<std::size_t>(p - start)); id >= 0) {
      pos = static_cast<std::size_t>(p - bytes);
      return id;
    }
  }
  pos = static_cast<std::size_t>(stop - bytes);
  return -1;
}

}  // namespace incidentmap
