#include "src/resolve/alias_filter.h"

#include <array>

#include "gazetteer/fold.h"

namespace incidentmap {

namespace {

constexpr std::size_t kMaxShortBytes = 5;

bool is_big_place(std::string_view feature_code) {
  static constexpr std::array<std::string_view, 6> kBig = {"ADM1", "PPLC", "CONT",
                                                           "RGN",  "ZN",   "ADM1H"};
  if (feature_code.starts_with("PCL")) return true;
  for (std::string_view code : kBig) {
    if (feature_code == code) return true;
  }
  return false;
}

}  // namespace

bool is_weak_alias_match(std::string_view surface, std::string_view folded_key,
                         std::string_view place_name, std::string_view place_ascii_name,
                         std::string_view feature_code) {
  if (surface.size() > kMaxShortBytes || surface.find('.') != std::string_view::npos) return false;
  if (is_big_place(feature_code)) return false;
  return folded_key != gaz::fold_name(place_name) && folded_key != gaz::fold_name(place_ascii_name);
}

}  // namespace incidentmap
