#include "gazetteer/fold.h"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace incidentmap::gaz {

namespace {

bool is_ascii_alnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Latin letters that Unicode does not decompose into a base letter plus a mark, but that
// gazetteers and news spell with the base letter ("Lodz", "Tromso"). Input is case folded.
const char* undecomposed_latin(char32_t cp) {
  switch (cp) {
    case U'ł': return "l";
    case U'ø': return "o";
    case U'đ': return "d";
    case U'ð': return "d";
    case U'þ': return "th";
    case U'æ': return "ae";
    case U'œ': return "oe";
    case U'ı': return "i";
    case U'ħ': return "h";
    case U'ŧ': return "t";
    case U'ŀ': return "l";
    default: return nullptr;
  }
}

bool is_dropped_joiner(char32_t cp) { return cp == '\'' || cp == '.' || cp == 0x2019; }

bool is_letter_or_digit_or_mark(char32_t cp) {
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

// Walks the normalised text and emits tokens; shared by fold_name and fold_tokens.
template <typename EmitToken>
void for_each_folded_token(std::string_view utf8, EmitToken&& emit) {
  bool ascii = true;
  for (unsigned char c : utf8) ascii &= c < 0x80;
  std::string normalised;
  std::string_view view = utf8;
  if (!ascii) {
    utf8proc_uint8_t* mapped = nullptr;
    const auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT |
                                                         UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                                                         UTF8PROC_CASEFOLD | UTF8PROC_LUMP);
    const utf8proc_ssize_t n =
        utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(utf8.data()),
                     static_cast<utf8proc_ssize_t>(utf8.size()), &mapped, options);
    if (n < 0) {
      // Invalid UTF-8: fold what is ASCII and drop the rest.
      for (unsigned char c : utf8) normalised += c < 0x80 ? static_cast<char>(c) : ' ';
    } else {
      normalised.assign(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(n));
    }
    std::free(mapped);
    view = normalised;
  }
  std::string token;
  std::size_t i = 0;
  while (i < view.size()) {
    const auto c = static_cast<unsigned char>(view[i]);
    char32_t cp;
    std::size_t len;
    if (c < 0x80) {
      cp = c;
      len = 1;
    } else {
      utf8proc_int32_t decoded = 0;
      const utf8proc_ssize_t n =
          utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(view.data() + i),
                           static_cast<utf8proc_ssize_t>(view.size() - i), &decoded);
      if (n <= 0) {
        ++i;
        continue;
      }
      cp = static_cast<char32_t>(decoded);
      len = static_cast<std::size_t>(n);
    }
    if (c < 0x80 ? is_ascii_alnum(c) : is_letter_or_digit_or_mark(cp)) {
      if (c < 0x80) {
        token += static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
      } else if (const char* latin = undecomposed_latin(cp)) {
        token += latin;
      } else {
        token.append(view.data() + i, len);
      }
    } else if (!is_dropped_joiner(cp) && !token.empty()) {
      emit(std::move(token));
      token.clear();
    }
    i += len;
  }
  if (!token.empty()) emit(std::move(token));
}

}  // namespace

bool is_token_char(char32_t cp) {
  if (cp < 0x80) return is_ascii_alnum(static_cast<unsigned char>(cp)) || is_dropped_joiner(cp);
  return is_dropped_joiner(cp) || is_letter_or_digit_or_mark(cp);
}

std::string fold_name(std::string_view utf8) {
  std::string out;
  for_each_folded_token(utf8, [&](std::string&& token) {
    if (!out.empty()) out += ' ';
    out += token;
  });
  return out;
}

std::vector<std::string> fold_tokens(std::string_view utf8) {
  std::vector<std::string> out;
  for_each_folded_token(utf8, [&](std::string&& token) { out.push_back(std::move(token)); });
  return out;
}

void append_folded_token(std::string_view utf8_token, std::string& out) {
  bool first = true;
  for_each_folded_token(utf8_token, [&](std::string&& token) {
    // A token split by the recogniser has no separators, but decomposition can create one
    // (e.g. a compatibility character that maps to "a b"); keep the space then.
    if (!first) out += ' ';
    out += token;
    first = false;
  });
}

}  // namespace incidentmap::gaz
