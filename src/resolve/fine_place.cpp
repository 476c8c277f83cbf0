#include "src/resolve/fine_place.h"

#include <string>

#include "gazetteer/fold.h"
#include "src/recognize/lexicons.h"
#include "src/recognize/nearby_words.h"

namespace incidentmap {

namespace {

// Type words of a street or a facility, but not those that also name a settlement ("port").
bool street_or_facility(std::uint32_t flags) {
  return (flags & (kLexTypeStreet | kLexTypeFacility)) != 0 && (flags & kLexTypeSettlement) == 0;
}

bool running_water(std::string_view folded) {
  return folded == "river" || folded == "creek" || folded == "stream" || folded == "brook";
}

bool fine_type_word(std::string_view word) {
  if (word.empty() || word.back() == '.') return false;
  const std::string folded = gaz::fold_name(word);
  return running_water(folded) || street_or_facility(Lexicons::builtin().flags(folded));
}

bool running_water_word(std::string_view word) {
  return !word.empty() && nearby::is_lower(word[0]) && running_water(word);
}

}  // namespace

bool is_fine_place(std::string_view text, std::uint32_t begin, std::uint32_t end,
                   char feature_class, std::string_view feature_code) {
  if (begin >= end || end > text.size()) return false;
  if (feature_class == 'S' || feature_class == 'R') return true;
  if (feature_class == 'H' && feature_code.starts_with("STM")) return true;
  // A settlement or an area named after a creek or a road ("Eastern Creek", "Oak Brook").
  if (feature_class == 'P' || feature_class == 'A') return false;
  const std::string_view surface = text.substr(begin, end - begin);
  const std::size_t space = surface.rfind(' ');
  if (space != std::string_view::npos && fine_type_word(surface.substr(space + 1))) return true;
  // After the name, only a lower-case river word: "the Tarn river" is the river, but "a Lyon
  // hospital" or "Brest airport" is (in) the city.
  return running_water_word(nearby::word_after(text, end));
}

}  // namespace incidentmap
