#include "src/events/event_tokens.h"

#include <utf8proc.h>

#include "gazetteer/fold.h"
#include "src/text/utf8.h"

namespace incidentmap {

namespace {

bool ascii_alnum(unsigned char c) {
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

bool is_dash_token(std::string_view lower) {
  return lower == "-" || lower == "\xE2\x80\x94" || lower == "\xE2\x80\x93";
}

bool is_quote_token(std::string_view lower) {
  return lower == "\"" || lower == "\xE2\x80\x9C" || lower == "\xE2\x80\x9D" ||
         lower == "\xC2\xAB" || lower == "\xC2\xBB";
}

}  // namespace

std::vector<EventToken> tokenize_for_events(std::string_view text, ByteSpan span) {
  std::vector<EventToken> out;
  std::size_t i = span.begin;
  const std::size_t end = std::min(span.end, text.size());
  while (i < end) {
    const CodePoint c = decode(text, i);
    if (is_space_cp(c.cp)) {
      i += c.len;
      continue;
    }
    EventToken t;
    t.span.begin = i;
    if (!is_letter_or_digit(c.cp)) {
      t.span.end = i + c.len;
      t.lower.assign(text.substr(i, c.len));
      if (is_apostrophe(c.cp)) t.lower = "'";
      out.push_back(std::move(t));
      i += c.len;
      continue;
    }
    t.is_word = true;
    t.is_number = ascii_digit(static_cast<unsigned char>(text[i]));
    if (c.cp < 0x80) {
      t.capitalized = c.cp >= 'A' && c.cp <= 'Z';
    } else {
      t.capitalized =
          utf8proc_category(static_cast<utf8proc_int32_t>(c.cp)) == UTF8PROC_CATEGORY_LU;
    }
    std::size_t j = i;
    bool prev_digit = false;
    while (j < end) {
      const CodePoint d = decode(text, j);
      if (is_letter_or_digit(d.cp)) {
        if (d.cp < 0x80) {
          const char ch = static_cast<char>(d.cp);
          t.lower += (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
        } else {
          t.lower.append(text.substr(j, d.len));
        }
        prev_digit = d.cp < 0x80 && ascii_digit(static_cast<unsigned char>(d.cp));
        j += d.len;
        continue;
      }
      // A joiner between two word characters stays inside the word.
      if (j + d.len >= end) break;
      const CodePoint next = decode(text, j + d.len);
      if (!is_letter_or_digit(next.cp)) break;
      const bool next_digit = next.cp < 0x80 && ascii_digit(static_cast<unsigned char>(next.cp));
      if (is_apostrophe(d.cp)) {
        t.lower += '\'';
      } else if (d.cp == '-' || d.cp == '.') {
        t.lower += static_cast<char>(d.cp);
      } else if ((d.cp == ',' || d.cp == ':' || d.cp == '/') && prev_digit && next_digit) {
        // "1,200" but not "5,Culiacan"; a comma joins only a group of exactly three digits.
        if (d.cp == ',') {
          std::size_t k = j + 1, digits = 0;
          while (k < end && ascii_digit(static_cast<unsigned char>(text[k]))) ++k, ++digits;
          if (digits != 3) break;
        }
        t.lower += static_cast<char>(d.cp);
      } else {
        break;
      }
      j += d.len;
    }
    t.span.end = j;
    out.push_back(std::move(t));
    i = j;
  }
  return out;
}

std::vector<int> clause_ids(const std::vector<EventToken>& tokens) {
  std::vector<int> ids(tokens.size(), 0);
  int clause = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string& w = tokens[i].lower;
    bool starts_new = false;
    bool boundary_token = false;
    if (!tokens[i].is_word) {
      if (w == ";" || w == ":" || w == "(" || w == ")" || is_dash_token(w) || is_quote_token(w)) {
        boundary_token = true;
      } else if (w == "," && i + 1 < tokens.size() &&
                 word_in(tokens[i + 1].lower,
                         "and|but|while|whereas|after|before|when|as|although|though|who|which|"
                         "where|because|since|until|whilst|or")) {
        boundary_token = true;
      }
    } else if (word_in(w, "while|whereas|but|whilst")) {
      starts_new = true;
    }
    if (starts_new && i > 0) ++clause;
    ids[i] = clause;
    if (boundary_token) ++clause;
  }
  return ids;
}

std::string_view token_text(std::string_view text, const std::vector<EventToken>& tokens,
                            std::size_t first, std::size_t last) {
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

}  // namespace incidentmap
