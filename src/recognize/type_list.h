#pragma once
// Names listed before a plural place-type word: "Marion, Clay and Polk counties", "Greene
// and Madison counties", "St. Mary and Iberia parishes".

#include <string_view>

namespace incidentmap {

// The singular type word ("county") when the name text[begin, end) belongs to a list of
// capitalised names that a plural type word closes: names of one to three capitalised words
// separated by ", ", " and ", " or ", ", and " or ", or ", then one space and "counties",
// "parishes", "boroughs", "townships" or "districts" (lower case). "" otherwise, when
// begin > end or end > text.size(), and for a name alone before the plural ("Indiana
// counties" are the counties inside Indiana). Each listed name is then an area's name without
// its type word; the caller looks "<name> <type>" up as the area's full name. Only the names
// after `end` are read up to the type word; before `begin`, only the one listed name before.
std::string_view type_closing_list(std::string_view text, std::size_t begin, std::size_t end);

}  // namespace incidentmap
