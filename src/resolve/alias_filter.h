#pragma once
// Mentions that found their place only through a short alternate name.

#include <string_view>

namespace incidentmap {

// True when a mention should be dropped as a chance match on one of its place's alternate
// names: the surface is at most 5 bytes and has no abbreviation dot; the chosen place is not a
// country, first-level area, capital, continent, region or zone; and the surface is no other
// spelling of the place's name or ASCII name (after fold_name, letters and digits only): not
// contained in it, more than two edits from it, and not, in capitals, an abbreviation of it
// (its letters in order, starting with the name's first).
//
// Why: GeoNames lists thousands of short alternate names (abbreviations, other languages'
// spellings, former names) that are also English words and given names: "Sole" as Cholet, "Re"
// as Wray, "Los" as a Mongolian town, "BAI" as Kashiwa. The spelling test keeps
// transliterations, which conflict news is full of ("Kut" for Al Kut, "Raqqa" for Ar-Raqqah,
// "Daraa" for Dar'a), and abbreviations ("NYC", "TJ" for Tijuana). On the tuning halves it drops 38
// LGL, 14 GeoVirus and 20 GeoCorpora mentions, none of them gold. Arguments are the mention's
// surface as written and its folded key, and the place's name, ASCII name (both as stored) and
// GeoNames feature code.
bool is_weak_alias_match(std::string_view surface, std::string_view folded_key,
                         std::string_view place_name, std::string_view place_ascii_name,
                         std::string_view feature_code);

}  // namespace incidentmap
