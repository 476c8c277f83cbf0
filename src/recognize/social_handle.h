#pragma once
// User names on social media ("@Lena_Dunmore", "@CityOfPella"): a place name inside one is part
// of an account's name, not a mention of the place.

#include <cstddef>
#include <string_view>

namespace incidentmap {

// True when text[begin] lies inside an "@" user name: the bytes before it, back to an '@', are
// at most 15 ASCII letters, digits and underscores (the longest user name Twitter allows).
// `begin` <= text.size().
bool inside_social_handle(std::string_view text, std::size_t begin);

}  // namespace incidentmap
