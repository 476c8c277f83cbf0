#pragma once
// Mentions that found their place only through a short alternate name.

#include <string_view>

namespace incidentmap {

// True when a mention should be dropped as a chance match on one of its place's alternate
// names: the surface is at most 5 bytes and has no abbreviation dot, its folded key (fold_name)
// equals neither the folded name nor the folded ASCII name of the chosen place, and the place
// is not a country, first-level area, capital, continent, region or zone.
//
// Why: GeoNames lists thousands of short alternate names (abbreviations, other languages'
// spellings, former names) that are also English words and given names. On the tuning halves
// of the development corpora most such matches were wrong: "Sole" as Cholet, "Sam" as
// Damascus, "Los" as a Mongolian town, "Re" as Wray (LGL: 22 of 28; GeoVirus: 9 of 11). Dotted
// abbreviations ("L.A.", "W.Va.") and big places ("UK", "US") keep their alternate names.
// Arguments are the mention's surface as written and its folded key, and the place's name,
// ASCII name (both as stored) and GeoNames feature code.
bool is_weak_alias_match(std::string_view surface, std::string_view folded_key,
                         std::string_view place_name, std::string_view place_ascii_name,
                         std::string_view feature_code);

}  // namespace incidentmap
