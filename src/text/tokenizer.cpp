#include "src/text/tokenizer.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "gazetteer/fold.h"
#include "src/text/utf8.h"

namespace incidentmap {

namespace {

// Capitalised abbreviations that keep their final full stop: titles, US state and Canadian
// province abbreviations in AP style, calendar abbreviations and a few place-name prefixes.
// Sorted for binary search.
constexpr std::array<std::string_view, 87> kAbbreviations = {
    "Adm",   "Ala",  "Alta", "Apr",  "Ariz", "Ark",  "Aug",  "Ave",  "Bldg", "Blvd", "Brig",
    "Calif", "Capt", "Cmdr", "Co",   "Col",  "Colo", "Conn", "Corp", "Cpl",  "Dec",  "Del",
    "Dept",  "Dr",   "Feb",  "Fla",  "Fr",   "Ft",   "Ga",   "Gen",  "Gov",  "Hon",  "Hwy",
    "Ill",   "Inc",  "Ind",  "Jan",  "Jr",   "Kan",  "Kans", "Ky",   "La",   "Lt",   "Ltd",
    "Maj",   "Mass", "Md",   "Me",   "Mich", "Minn", "Miss", "Mo",   "Mont", "Mr",   "Mrs",
    "Ms",    "Msgr", "Mt",   "Neb",  "Nebr", "Nev",  "No",   "Nov",  "Oct",  "Okla", "Ont",
    "Ore",   "Pa",   "Pfc",  "Pres", "Prof", "Pt",   "Pvt",  "Rep",  "Rev",  "Sen",  "Sept",
    "Sgt",   "Sr",   "St",   "Ste",  "Tenn", "Tex",  "Va",   "Vt",   "Wash", "Wis",
};
static_assert(std::is_sorted(kAbbreviations.begin(), kAbbreviations.end()));
// The length of the longest of them: longer tokens need no search.
constexpr std::size_t kMaxAbbreviation = [] {
  std::size_t m = 0;
  for (std::string_view a : kAbbreviations) m = std::max(m, a.size());
  return m;
}();
static_assert(kMaxAbbreviation == 5);

// Abbreviations after which a capitalised word is not taken to start a sentence.
bool is_title_abbreviation(std::string_view core) {
  static constexpr std::array<std::string_view, 30> kTitles = {
      "Adm", "Brig", "Capt", "Cmdr", "Col", "Cpl", "Dr",  "Fr",   "Ft",  "Gen",
      "Gov", "Hon",  "Lt",   "Maj",  "Mr",  "Mrs", "Ms",  "Msgr", "Mt",  "No",
      "Pfc", "Pres", "Prof", "Pt",   "Pvt", "Rep", "Rev", "Sen",  "Sgt", "St"};
  return std::find(kTitles.begin(), kTitles.end(), core) != kTitles.end();
}

bool is_apostrophe_at(std::string_view s, std::size_t i, std::size_t& len) {
  if (s[i] == '\'') {
    len = 1;
    return true;
  }
  // U+2019 RIGHT SINGLE QUOTATION MARK = E2 80 99
  if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2 &&
      static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      static_cast<unsigned char>(s[i + 2]) == 0x99) {
    len = 3;
    return true;
  }
  return false;
}

constexpr bool is_ascii_alnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// True when the byte sequence starting at i is a joiner (full stop or apostrophe); `len` is set.
bool is_joiner_at(std::string_view s, std::size_t i, std::size_t& len) {
  if (s[i] == '.') {
    len = 1;
    return true;
  }
  return is_apostrophe_at(s, i, len);
}

// Length of the joiner ending exactly at `end` (0 when none).
std::size_t joiner_before(std::string_view s, std::size_t begin, std::size_t end) {
  if (end <= begin) return 0;
  if (s[end - 1] == '.' || s[end - 1] == '\'') return 1;
  if (end - begin >= 3 && static_cast<unsigned char>(s[end - 3]) == 0xE2 &&
      static_cast<unsigned char>(s[end - 2]) == 0x80 &&
      static_cast<unsigned char>(s[end - 1]) == 0x99) {
    return 3;
  }
  return 0;
}

// No token before the current one (for the previous token's end).
constexpr std::size_t kNoToken = static_cast<std::size_t>(-1);

// kJoined and kJoinedHyphen for a token after `gap`, the bytes since the previous token
// (`possessive`: the token is the clitic "'s", which joins nothing across an empty gap).
std::uint16_t join_flags(std::string_view gap, bool possessive) {
  constexpr std::uint16_t kBoth = kJoined | kJoinedHyphen;
  if (gap.empty()) return possessive ? 0 : kBoth;
  if (gap.size() > 3) return 0;
  int hyphens = 0;
  for (char c : gap) {
    if (c == '-') {
      ++hyphens;
    } else if (c != ' ') {
      return 0;
    }
  }
  if (hyphens == 0) return kBoth;
  return hyphens == 1 ? kJoinedHyphen : 0;
}

// The flags that depend on what lies before a token starting at `begin`: kJoined and
// kJoinedHyphen (none when prev_end is kNoToken) and kAfterHash. One space, the usual gap,
// first.
inline std::uint16_t gap_flags(const unsigned char* bytes, std::size_t prev_end, std::size_t begin,
                               bool possessive) {
  if (begin - prev_end == 1 && prev_end != kNoToken && bytes[prev_end] == ' ') {
    return kJoined | kJoinedHyphen;
  }
  if (prev_end == kNoToken) return begin > 0 && bytes[begin - 1] == '#' ? kAfterHash : 0;
  const std::uint16_t hash = begin > 0 && bytes[begin - 1] == '#' ? kAfterHash : 0;
  return hash | join_flags(std::string_view(reinterpret_cast<const char*>(bytes) + prev_end,
                                            begin - prev_end),
                           possessive);
}

// Letter case statistics of a token, for its flags.
struct CaseInfo {
  bool first_upper = false;
  bool first_lower = false;
  bool later_upper = false;
  bool later_lower = false;
  int letters = 0;
  bool digit = false;
  bool ascii = true;

  void add_letter(bool upper, bool lower) {
    if (letters == 0) {
      first_upper = upper;
      first_lower = lower;
    } else {
      later_upper |= upper;
      later_lower |= lower;
    }
    ++letters;
  }
};

CaseInfo case_info(std::string_view tok) {
  CaseInfo ci;
  std::size_t i = 0;
  while (i < tok.size()) {
    const auto c = static_cast<unsigned char>(tok[i]);
    bool upper = false;
    bool lower = false;
    bool letter = false;
    if (c < 0x80) {
      ++i;
      if (c >= 'A' && c <= 'Z') {
        upper = letter = true;
      } else if (c >= 'a' && c <= 'z') {
        lower = letter = true;
      } else if (c >= '0' && c <= '9') {
        ci.digit = true;
      }
    } else {
      ci.ascii = false;
      const char32_t cp = utf8::decode(tok, i);
      switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
        case UTF8PROC_CATEGORY_LU:
        case UTF8PROC_CATEGORY_LT:
          upper = letter = true;
          break;
        case UTF8PROC_CATEGORY_LL:
          lower = letter = true;
          break;
        case UTF8PROC_CATEGORY_LM:
        case UTF8PROC_CATEGORY_LO:
          letter = true;
          break;
        case UTF8PROC_CATEGORY_ND:
          ci.digit = true;
          break;
        default:
          break;
      }
    }
    if (letter) ci.add_letter(upper, lower);
  }
  return ci;
}

// Decodes the code point at `pos` (ASCII fast path) and tells whether it is a token character.
// ASCII bytes that belong inside tokens (letters, digits, full stop, apostrophe).
constexpr std::array<bool, 128> kAsciiTokenChar = [] {
  std::array<bool, 128> t{};
  for (int c = 0; c < 128; ++c) {
    t[static_cast<std::size_t>(c)] =
        is_ascii_alnum(static_cast<unsigned char>(c)) || c == '.' || c == '\'';
  }
  return t;
}();

// Classes of ASCII bytes for the fast path of tokens made of ASCII letters and digits only
// (most tokens): bit set of kUpper, kLower, kDigit; 0 for every other byte.
enum AsciiClass : std::uint8_t { kUpper = 1, kLower = 2, kDigit = 4 };
constexpr std::array<std::uint8_t, 256> kAsciiClass = [] {
  std::array<std::uint8_t, 256> t{};
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] = kUpper;
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = kLower;
  for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = kDigit;
  return t;
}();
// The folded form of an ASCII letter or digit.
constexpr std::array<char, 256> kAsciiFold = [] {
  std::array<char, 256> t{};
  for (int c = 0; c < 256; ++c) {
    t[static_cast<std::size_t>(c)] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  return t;
}();

bool token_char_at(std::string_view text, std::size_t& pos) {
  const auto c = static_cast<unsigned char>(text[pos]);
  if (c < 0x80) {
    ++pos;
    return kAsciiTokenChar[c];
  }
  const char32_t cp = utf8::decode(text, pos);
  return gaz::is_token_char(cp);
}

// Folded forms of the code points U+0080..U+07FF (two-byte UTF-8: accented Latin, Greek,
// Cyrillic, Hebrew, Arabic), each computed with gaz::append_folded_token the first time a text
// uses it: computing all 1920 up front would cost more than tokenising a few hundred articles.
// A code point is `exact` when it folds the same inside a word as alone (else its fold would
// split the word) and to at most 7 bytes; tokens with an inexact one take the general way.
// Entries are packed in one atomic word each, so threads may fill them concurrently (they
// compute the same value): bits 0..55 the folded bytes, 56..58 their count, bit 59 exact,
// bit 60 computed.
struct TwoByteFold {
  char bytes[8] = {};
  std::uint8_t size = 0;
  bool exact = false;
};

constexpr std::uint64_t kFoldExact = std::uint64_t{1} << 59;
constexpr std::uint64_t kFoldKnown = std::uint64_t{1} << 60;

std::uint64_t compute_two_byte_fold(char32_t cp) {
  const std::string utf8{static_cast<char>(0xC0 | (cp >> 6)),
                         static_cast<char>(0x80 | (cp & 0x3F))};
  std::string alone;
  gaz::append_folded_token(utf8, alone);
  std::string inside;
  gaz::append_folded_token("a" + utf8 + "a", inside);
  std::uint64_t packed = kFoldKnown;
  if (alone.size() <= 7 && inside == "a" + alone + "a") {
    packed |= kFoldExact | std::uint64_t{alone.size()} << 56;
    for (std::size_t k = 0; k < alone.size(); ++k) {
      packed |= std::uint64_t{static_cast<unsigned char>(alone[k])} << (8 * k);
    }
  }
  return packed;
}

TwoByteFold two_byte_fold(char32_t cp) {
  static std::array<std::atomic<std::uint64_t>, 0x780> table{};
  std::atomic<std::uint64_t>& slot = table[cp - 0x80];
  std::uint64_t packed = slot.load(std::memory_order_relaxed);
  if ((packed & kFoldKnown) == 0) {
    packed = compute_two_byte_fold(cp);
    slot.store(packed, std::memory_order_relaxed);
  }
  TwoByteFold f;
  f.exact = (packed & kFoldExact) != 0;
  f.size = static_cast<std::uint8_t>((packed >> 56) & 7u);
  for (std::size_t k = 0; k < f.size; ++k) f.bytes[k] = static_cast<char>(packed >> (8 * k));
  return f;
}

// gaz::append_folded_token for one token (a run of token characters), without utf8proc for
// tokens whose characters are ASCII, U+2019 or two-byte code points of exact fold.
void fold_token(std::string_view tok, std::string& out) {
  const std::size_t old = out.size();
  std::size_t i = 0;
  while (i < tok.size()) {
    const auto c = static_cast<unsigned char>(tok[i]);
    if (c < 0x80) {
      if (kAsciiClass[c] != 0) out += kAsciiFold[c];  // '.' and apostrophes drop
      ++i;
      continue;
    }
    if (c >= 0xC2 && c <= 0xDF && i + 1 < tok.size()) {
      const auto c1 = static_cast<unsigned char>(tok[i + 1]);
      if ((c1 & 0xC0) == 0x80) {
        const TwoByteFold f = two_byte_fold((c & 0x1Fu) << 6 | (c1 & 0x3Fu));
        if (f.exact) {
          out.append(f.bytes, f.size);
          i += 2;
          continue;
        }
      }
    }
    std::size_t apostrophe = 0;
    if (is_apostrophe_at(tok, i, apostrophe)) {
      i += apostrophe;
      continue;
    }
    out.resize(old);
    gaz::append_folded_token(tok, out);
    return;
  }
}

// Where tokenize() stands, for scan_plain.
struct PlainScan {
  std::size_t pos = 0;    // next byte of the text
  std::size_t fpos = 0;   // next byte of the folded buffer
  std::size_t count = 0;  // tokens stored
  bool sentence_start = false;
  bool newline = false;
};

// 64 bytes of text from `base`, classified by SIMD compares into bit masks (bit i: byte
// base + i), so that scan_plain finds token boundaries and case flags with bit operations
// instead of one step per byte. Bytes past the end of the text read as NUL, a separator.
struct Window {
  std::uint64_t alnum = 0;     // ASCII letters and digits
  std::uint64_t upper = 0;     // ASCII upper case letters
  std::uint64_t digit = 0;     // ASCII digits
  std::uint64_t gap = 0;       // ASCII bytes between tokens: not alnum, '.' nor apostrophe
  std::uint64_t bad_stop = 0;  // '.', '\'' and bytes from 0x80: the general way's cases
  std::size_t base = 0;
  std::size_t valid = 0;  // bytes of text in the window (64 except at the end of the text)
  // The bytes with bit 5 set (which lowers ASCII letters and keeps digits), and 16 more so
  // that a token's folded form is copied 16 bytes at a time.
  alignas(16) unsigned char lowered[80] = {};
};

using Bytes16 = unsigned char __attribute__((vector_size(16)));
using SignedBytes16 = signed char __attribute__((vector_size(16)));

// Bit i set when lane i of `mask` (lanes 0x00 or 0xFF) is.
inline std::uint64_t lane_bits(Bytes16 mask) {
#if defined(__SSE2__)
  return static_cast<std::uint16_t>(_mm_movemask_epi8(reinterpret_cast<__m128i>(mask)));
#else
  std::uint64_t bits = 0;
  for (int i = 0; i < 16; ++i) bits |= std::uint64_t{mask[i] >> 7} << i;
  return bits;
#endif
}

void classify(const unsigned char* bytes, std::size_t n, std::size_t base, Window& w) {
  const std::size_t avail = n - base;
  w.base = base;
  w.valid = std::min<std::size_t>(avail, 64);
  alignas(16) unsigned char padded[64];
  const unsigned char* src = bytes + base;
  if (avail < 64) {
    std::memset(padded, 0, sizeof padded);
    std::memcpy(padded, src, avail);
    src = padded;
  }
  std::uint64_t alnum = 0, upper = 0, digit = 0, gap = 0;
  for (unsigned k = 0; k < 64; k += 16) {
    Bytes16 v;
    std::memcpy(&v, src + k, 16);
    const Bytes16 low = v | 0x20;
    std::memcpy(w.lowered + k, &low, 16);
    // Unsigned range tests: x - lo <= hi - lo.
    const Bytes16 is_letter = static_cast<Bytes16>(static_cast<Bytes16>(low - 'a') <= 25);
    const Bytes16 is_digit = static_cast<Bytes16>(static_cast<Bytes16>(v - '0') <= 9);
    const Bytes16 is_upper = is_letter & static_cast<Bytes16>(v < 'a');
    const Bytes16 is_high = static_cast<Bytes16>(reinterpret_cast<SignedBytes16>(v) < 0);
    const Bytes16 is_joiner = static_cast<Bytes16>((v == '.') | (v == '\''));
    const Bytes16 is_alnum = is_letter | is_digit;
    alnum |= lane_bits(is_alnum) << k;
    upper |= lane_bits(is_upper) << k;
    digit |= lane_bits(is_digit) << k;
    gap |= lane_bits(~(is_alnum | is_high | is_joiner)) << k;
  }
  w.alnum = alnum;
  w.upper = upper;
  w.digit = digit;
  w.gap = gap;
  w.bad_stop = ~(alnum | gap);
}

// The fast path of tokenize(), a function of its own so that its state stays in registers:
// from st.pos, stores the tokens made of ASCII letters and digits that are followed by a
// separator (an ASCII byte other than a letter, digit, '.' or apostrophe), or by a full stop
// and a separator when the token cannot be an abbreviation that keeps it, and skips the
// separators between them. Stops at anything else (where the general way takes over), at a
// token of 64 bytes or more, at the end of the text, or when `tbuf` (of `tcap` tokens) is
// full. Tokens and flags are those tokenize's general way gives. `w` is the window of an
// earlier call on the same text, or default-constructed. `fbuf` must hold two bytes per byte
// of text left plus 16 past st.fpos: the 16-byte stores may run past a token's folded form,
// and what they leave there is overwritten or trimmed later.
void scan_plain(const unsigned char* bytes, std::size_t n, char* fbuf, Token* tbuf,
                std::size_t tcap, PlainScan& st, Window& w) {
  std::size_t pos = st.pos;
  std::size_t fpos = st.fpos;
  std::size_t count = st.count;
  std::uint16_t pending =
      (st.sentence_start ? kSentenceInitial : 0) | (st.newline ? kAfterNewline : 0);
  std::size_t prev_end = count > 0 ? tbuf[count - 1].end : kNoToken;
  while (pos < n && count < tcap) {
    std::size_t o = pos - w.base;
    if (o >= w.valid) {
      classify(bytes, n, pos, w);
      o = 0;
    }
    // Separators from o up to the next other byte. Most gaps are one space; others are
    // looked at byte by byte for what starts a sentence ('!', '?', line feeds).
    const std::uint64_t others = ~w.gap >> o;
    const std::size_t d =
        others == 0 ? w.valid - o : static_cast<std::size_t>(std::countr_zero(others));
    // The gap from the previous token is one space (the usual case, which joins them).
    const bool one_space = d == 1 && bytes[pos] == ' ' && prev_end == pos;
    if (d > 1 || (d == 1 && bytes[pos] != ' ')) {
      for (std::size_t k = 0; k < d; ++k) {
        const unsigned char c = bytes[pos + k];
        if (c == '!' || c == '?') pending |= kSentenceInitial;
        if (c == '\n') pending |= kSentenceInitial | kAfterNewline;
      }
    }
    if (others == 0) {  // the window (or the text) ends in separators
      pos += d;
      continue;
    }
    pos += d;
    const std::size_t s = o + d;
    const std::uint64_t alnum = w.alnum >> s;
    if ((alnum & 1) == 0) break;  // not a letter or digit
    if (~alnum == 0) break;       // 64 token bytes or more: the general way
    const auto len = static_cast<unsigned>(std::countr_zero(~alnum));
    if (s + len >= 64) {  // the token may go on past the window: classify again from its start
      classify(bytes, n, pos, w);
      continue;
    }
    const std::uint64_t in_token = (std::uint64_t{1} << len) - 1;
    const std::uint64_t upper = (w.upper >> s) & in_token;
    const std::uint64_t digit = (w.digit >> s) & in_token;
    const std::uint64_t letter = alnum & ~digit & in_token;
    std::uint16_t next_pending = 0;
    if (((w.bad_stop >> (s + len)) & 1) != 0) {
      // "word." before a separator ends a sentence, as the general way finds, unless the word
      // may be an abbreviation that keeps its full stop (capitalised, at most five letters:
      // "Mr.", "Kan.", "J."). Anything else after the token takes the general way.
      if (bytes[pos + len] != '.' || s + len + 1 >= 64 || ((w.gap >> (s + len + 1)) & 1) == 0 ||
          ((upper & 1) != 0 && len <= kMaxAbbreviation)) {
        break;
      }
      next_pending = kSentenceInitial;
    }
    // As the general way: case flags from the first letter and the later ones.
    std::uint16_t f =
        pending | (one_space ? kJoined | kJoinedHyphen : gap_flags(bytes, prev_end, pos, false));
    if (letter != 0) {
      f |= kHasLetter;
      const std::uint64_t first = letter & (~letter + 1);
      if ((upper & first) != 0) {
        f |= kCapitalised;
        if ((upper & ~first) == 0) f |= kTitleCase;
        // Two letters or more and none lower case.
        if ((letter & (letter - 1)) != 0 && (letter & ~upper) == 0) f |= kAllCaps;
      } else {
        f |= kLowerInitial;
      }
    }
    if (digit != 0) f |= kHasDigit;
    char* const dst = fbuf + fpos;
    // Most tokens are shorter than 16 bytes: one store.
    std::memcpy(dst, w.lowered + s, 16);
    for (unsigned k = 16; k < len; k += 16) std::memcpy(dst + k, w.lowered + s + k, 16);
    dst[len] = ' ';
    Token& t = tbuf[count++];
    t.begin = static_cast<std::uint32_t>(pos);
    t.end = static_cast<std::uint32_t>(pos + len);
    t.folded_begin = static_cast<std::uint32_t>(fpos);
    t.folded_size = len;
    t.flags = f;
    fpos += len + 1;
    prev_end = pos + len;
    pending = next_pending;
    pos += len + (next_pending != 0 ? 1 : 0);
  }
  st.sentence_start = (pending & kSentenceInitial) != 0;
  st.newline = (pending & kAfterNewline) != 0;
  st.pos = pos;
  st.fpos = fpos;
  st.count = count;
}

}  // namespace

TokenizedText tokenize(std::string_view text) {
  TokenizedText out;
  tokenize(text, out);
  return out;
}

void tokenize(std::string_view text, TokenizedText& out) {
  // Tokens are stored by index into a vector sized ahead (news has about one token per six
  // bytes) and trimmed at the end: push_back per token costs a call in this large function.
  // The tokens and bytes left from the previous text are kept (every slot used is written
  // before it is read), so that only the part beyond them is value-initialised.
  std::vector<Token>& tokens = out.tokens;
  if (const std::size_t want = text.size() / 4 + 16; tokens.size() < want) tokens.resize(want);
  std::size_t count = 0;
  // Raw pointers into the outputs, refreshed when they grow: stores through a char pointer may
  // alias anything, so the compiler would reload the containers' pointers after each byte.
  // The lambdas below are inlined (always_inline), so that these stay in registers.
  Token* tbuf = tokens.data();
  std::size_t tcap = tokens.size();
  auto push = [&](const Token& t) __attribute__((always_inline)) {
    if (count == tcap) [[unlikely]] {
      tokens.resize(2 * tcap);
      tbuf = tokens.data();
      tcap = tokens.size();
    }
    tbuf[count++] = t;
  };
  // Folded bytes are written through a raw pointer into a buffer sized for the ASCII worst
  // case (one byte per input byte plus one separator per token, and tokens are at least one
  // byte long); only folding outside ASCII can need more, and grows the buffer.
  if (const std::size_t want = 2 * text.size() + 16; out.folded.size() < want) {
    out.folded.resize(want);
  }
  char* fbuf = out.folded.data();
  std::size_t fpos = 0;
  std::string wide;  // the folded form of a token outside ASCII
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());

  bool sentence_start = true;  // a terminator was seen since the last token
  bool newline = false;        // a line break was seen since the last token
  std::size_t pos = 0;
  const std::size_t n = text.size();

  auto emit = [&](std::size_t b, std::size_t e, std::uint16_t extra)
      __attribute__((always_inline)) {
    Token t;
    t.begin = static_cast<std::uint32_t>(b);
    t.end = static_cast<std::uint32_t>(e);
    t.folded_begin = static_cast<std::uint32_t>(fpos);
    t.flags = extra;
    const std::string_view tok = text.substr(b, e - b);
    const bool fold = (t.flags & kPossessive) == 0;
    // ASCII fast path: case statistics and folding in one pass.
    CaseInfo ci;
    char* const start = fbuf + fpos;
    char* p = start;
    for (unsigned char c : tok) {
      if (c >= 0x80) {
        ci.ascii = false;
        break;
      }
      const bool upper = c >= 'A' && c <= 'Z';
      const bool lower = c >= 'a' && c <= 'z';
      if (upper || lower) {
        ci.add_letter(upper, lower);
        *p++ = static_cast<char>(upper ? c + 32 : c);
      } else if (c >= '0' && c <= '9') {
        ci.digit = true;
        *p++ = static_cast<char>(c);
      }
    }
    if (ci.ascii && fold) {
      fpos += static_cast<std::size_t>(p - start);
    } else if (!ci.ascii) {
      ci = case_info(tok);
      if (fold) {
        wide.clear();
        fold_token(tok, wide);
        // Room for this token, its separator and the ASCII worst case of the rest.
        const std::size_t need = fpos + wide.size() + 1 + 2 * (n - e) + 16;
        if (need > out.folded.size()) {
          out.folded.resize(std::max(need, 2 * out.folded.size()));
          fbuf = out.folded.data();
        }
        std::copy(wide.begin(), wide.end(), fbuf + fpos);
        fpos += wide.size();
      }
    }
    t.folded_size = static_cast<std::uint32_t>(fpos - t.folded_begin);
    fbuf[fpos++] = ' ';
    if (ci.first_upper) t.flags |= kCapitalised;
    if (ci.first_lower) t.flags |= kLowerInitial;
    if (ci.letters >= 2 && !ci.first_lower && !ci.later_lower) t.flags |= kAllCaps;
    if (ci.first_upper && !ci.later_upper && ci.letters >= 2) t.flags |= kTitleCase;
    if (ci.first_upper && ci.letters == 1) t.flags |= kTitleCase;
    if (ci.digit) t.flags |= kHasDigit;
    if (ci.letters > 0) t.flags |= kHasLetter;
    if (fold) {
      const std::string_view inner = tok.substr(0, tok.size() - 1);
      if (inner.find_first_of(".'") != std::string_view::npos ||
          inner.find("\xE2\x80\x99") != std::string_view::npos) {
        t.flags |= kInnerJoiner;
      }
    }
    if (sentence_start) t.flags |= kSentenceInitial;
    if (newline) t.flags |= kAfterNewline;
    t.flags |= gap_flags(bytes, count > 0 ? tbuf[count - 1].end : kNoToken, b, !fold);
    push(t);
    sentence_start = false;
    newline = false;
  };

  Window window;
  while (pos < n) {
    {
      PlainScan scan{pos, fpos, count, sentence_start, newline};
      scan_plain(bytes, n, fbuf, tbuf, tcap, scan, window);
      pos = scan.pos;
      fpos = scan.fpos;
      count = scan.count;
      sentence_start = scan.sentence_start;
      newline = scan.newline;
      if (pos >= n) break;
    }
    const unsigned char c0 = bytes[pos];
    const std::size_t start = pos;
    if (c0 < 0x80) {
      ++pos;
      if (!kAsciiTokenChar[c0]) {
        if (c0 == '.' || c0 == '!' || c0 == '?') sentence_start = true;
        if (c0 == '\n') {
          newline = true;
          sentence_start = true;
        }
        continue;
      }
    } else {
      std::size_t next = pos;
      const bool token = token_char_at(text, next);
      pos = next;
      if (!token) continue;
    }
    // A run of token characters [start, run_end).
    std::size_t run_end = pos;
    while (run_end < n) {
      const unsigned char c = bytes[run_end];
      if (c < 0x80) {
        if (!kAsciiTokenChar[c]) break;
        ++run_end;
        continue;
      }
      std::size_t next = run_end;
      if (!token_char_at(text, next)) break;
      run_end = next;
    }
    pos = run_end;
    // Trim leading joiners ("'Mexico", "...Mexico").
    std::size_t b = start;
    std::size_t jl = 0;
    while (b < run_end && is_joiner_at(text, b, jl)) {
      if (text[b] == '.') sentence_start = true;
      b += jl;
    }
    if (b >= run_end) continue;
    // Trailing joiners; remember the full stops.
    std::size_t e = run_end;
    bool had_final_period = false;
    while (e > b) {
      const std::size_t l = joiner_before(text, b, e);
      if (l == 0) break;
      had_final_period |= text[e - 1] == '.';
      e -= l;
    }
    if (e <= b) continue;
    // Possessive clitic: "...'s" where the apostrophe is inside the trimmed token.
    std::size_t clitic_begin = 0;
    if (e - b >= 3 && (text[e - 1] == 's' || text[e - 1] == 'S')) {
      const std::size_t l = joiner_before(text, b, e - 1);
      if (l > 0 && text[e - 1 - l] != '.' && e - 1 - l > b) clitic_begin = e - 1 - l;
    }
    if (clitic_begin > 0) {
      emit(b, clitic_begin, 0);
      emit(clitic_begin, e, kPossessive);
    } else {
      const std::string_view core = text.substr(b, e - b);
      bool keep_period = false;
      bool title = false;
      if (had_final_period && text[e] == '.') {
        const bool inner_period = core.find('.') != std::string_view::npos;
        const auto first = static_cast<unsigned char>(core[0]);
        const bool single_upper = core.size() == 1 && first >= 'A' && first <= 'Z';
        const bool listed = first >= 'A' && first <= 'Z' && core.size() <= kMaxAbbreviation &&
                            std::binary_search(kAbbreviations.begin(), kAbbreviations.end(), core);
        keep_period = inner_period || single_upper || listed;
        title = single_upper || (listed && is_title_abbreviation(core));
      }
      emit(b, keep_period ? e + 1 : e, keep_period ? kFinalPeriod : 0);
      if (keep_period) {
        // "U.S." may end a sentence; "Mr." and "J." never do.
        sentence_start = !title;
        if (sentence_start) {
          // Only when the next word is capitalised; marked lazily below.
          sentence_start = false;
          std::size_t p = e + 1;
          while (p < n && (text[p] == ' ' || text[p] == '\t')) ++p;
          if (p < n && text[p] >= 'A' && text[p] <= 'Z' && !(p + 1 < n && text[p + 1] == '.')) {
            // Heuristic: "U.S. The" starts a sentence, "U.S. Army" does not; without a
            // lexicon, only function words that open sentences are recognised.
            static constexpr std::array<std::string_view, 14> kOpeners = {
                "The ",  "A ",  "An ",  "In ",  "It ",   "He ",   "She ",
                "They ", "We ", "But ", "And ", "This ", "That ", "There "};
            for (std::string_view o : kOpeners) {
              if (text.substr(p, o.size()) == o) sentence_start = true;
            }
          }
        }
      } else if (had_final_period) {
        sentence_start = true;
      }
    }
  }
  out.folded.resize(fpos);
  tokens.resize(count);
}

}  // namespace incidentmap
