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

void Lexicons::add_list(std::string_view data, std::uint32_t default_flag,
                        const std::unordered_map<std::string, std::uint32_t>& section_flags) {
  std::uint32_t current = default_flag;
  std::size_t i = 0;
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
    std::string phrase(entry);
    std::replace(phrase.begin(), phrase.end(), '_', ' ');
    const std::string key = gaz::fold_name(phrase);
    if (key.empty()) continue;
    entries_[key].flags |= current;
    const std::size_t space = key.find(' ');
    const int tokens = static_cast<int>(std::count(key.begin(), key.end(), ' ')) + 1;
    int& max = entries_[std::string_view(key).substr(0, space)].max_tokens;
    max = std::max(max, tokens);
  }
}

const Lexicons& Lexicons::builtin() {
  static const Lexicons lex = [] {
    Lexicons l;
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
