#include "src/recognize/lexicons.h"

#include <algorithm>

#include "gazetteer/fold.h"

namespace incidentmap {

namespace {

constexpr std::string_view kGivenNames =
#include "src/recognize/data/given_names.inc"
    ;
constexpr std::string_view kCommonWords =
#include "src/recognize/data/common_words.inc"
    ;
constexpr std::string_view kLexicon =
#include "src/recognize/data/lexicon.inc"
    ;

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

}  // namespace

// The folded key of a list entry whose bytes are all ASCII letters, digits and single inner
// '_' (nearly every entry): lower case, '_' as ' ', which is what gaz::fold_name gives for
// such text. Returns false (and leaves `key` unspecified) for any other entry.
bool Lexicons::fold_simple_entry(std::string_view entry, std::string& key) {
  if (entry.empty() || entry.front() == '_' || entry.back() == '_') return false;
  key.resize(entry.size());
  char prev = 0;
  for (std::size_t k = 0; k < entry.size(); ++k) {
    const char c = entry[k];
    if (c >= 'a' && c <= 'z') {
      key[k] = c;
    } else if (c >= 'A' && c <= 'Z') {
      key[k] = static_cast<char>(c - 'A' + 'a');
    } else if (c >= '0' && c <= '9') {
      key[k] = c;
    } else if (c == '_' && prev != '_') {
      key[k] = ' ';
    } else {
      return false;
    }
    prev = c;
  }
  return true;
}

void Lexicons::add_list(std::string_view data, std::uint32_t default_flag,
                        const std::unordered_map<std::string, std::uint32_t>& section_flags) {
  std::uint32_t current = default_flag;
  std::size_t i = 0;
  std::string key;
  while (i < data.size()) {
    while (i < data.size() && is_space(data[i])) ++i;
    if (i >= data.size()) break;
    std::size_t j = i;
    while (j < data.size() && !is_space(data[j])) ++j;
    std::string_view entry = data.substr(i, j - i);
    i = j;
    if (entry.size() > 2 && entry.front() == '[' && entry.back() == ']') {
      const auto it = section_flags.find(std::string(entry.substr(1, entry.size() - 2)));
      current = it == section_flags.end() ? 0 : it->second;
      continue;
    }
    if (current == 0) continue;
    if (!fold_simple_entry(entry, key)) {
      std::string phrase(entry);
      std::replace(phrase.begin(), phrase.end(), '_', ' ');
      key = gaz::fold_name(phrase);
    }
    if (key.empty()) continue;
    const std::size_t space = key.find(' ');
    if (space == std::string::npos) {
      Entry& e = entries_[key];
      e.flags |= current;
      e.max_tokens = std::max(e.max_tokens, 1);
      continue;
    }
    entries_[key].flags |= current;
    const int tokens = static_cast<int>(std::count(key.begin(), key.end(), ' ')) + 1;
    int& max = entries_[std::string_view(key).substr(0, space)].max_tokens;
    max = std::max(max, tokens);
  }
}

const Lexicons& Lexicons::builtin() {
  static const Lexicons lex = [] {
    Lexicons l;
    l.entries_.reserve(8192);
    l.add_list(kGivenNames, kLexGivenName);
    l.add_list(kCommonWords, kLexCommonWord);
    const std::unordered_map<std::string, std::uint32_t> sections = {
        {"surname_particle", kLexSurnameParticle},
        {"stopword", kLexStopword},
        {"surname", kLexSurname},
        {"connector", kLexConnector},
        {"title", kLexTitle},
        {"org_cue", kLexOrgCue},
        {"media", kLexMedia},
        {"organisation", kLexOrganisation},
        {"calendar", kLexCalendar},
        {"place_type_admin", kLexTypeAdmin},
        {"place_type_settlement", kLexTypeSettlement},
        {"place_type_natural", kLexTypeNatural},
        {"place_type_facility", kLexTypeFacility},
        {"place_type_street", kLexTypeStreet},
        {"reporting_cue", kLexReportingCue},
        {"metonymy_verb", kLexMetonymyVerb},
        {"metonymy_noun", kLexMetonymyNoun},
        {"modifier_noun", kLexModifierNoun},
    };
    l.add_list(kLexicon, 0, sections);
    return l;
  }();
  return lex;
}

std::size_t Lexicons::count(LexFlag f) const {
  return static_cast<std::size_t>(
      std::count_if(entries_.values().begin(), entries_.values().end(),
                    [f](const Entry& e) { return (e.flags & f) != 0; }));
}

}  // namespace incidentmap
