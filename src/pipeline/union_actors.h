#pragma once
// Unions of countries ("the EU", "Mercosur": GeoNames zones, feature code ZN) are places when
// a text puts something in them ("the seventh country in the European Union") and the union's
// institutions when it acts or is named among other organisations ("the EU confirmed the
// case", "the FAO and the European Union agreed"): the latter use is a metonym, as "Washington
// said" is, but of an organisation rather than a government, so corpora that leave out place
// names inside organisation names leave it out too.

#include <string_view>
#include <vector>

#include "src/pipeline/geoparser.h"

namespace incidentmap {

// True when text[begin, end) (byte offsets, begin <= end <= text.size()) follows a word that
// puts what is said inside a union's territory: "in", "into", "across", "throughout",
// "within", "outside", "inside", "from", "to", "of", "joined" (and "join", "joins",
// "joining"), "entering", "leaving", with or without "the" between.
bool inside_union_context(std::string_view text, std::uint32_t begin, std::uint32_t end);

// Gives role kMetonym to the literal mentions of `resolved` (the geoparse of `text`) whose
// place is a union of countries (feature code "ZN") and whose context is not
// inside_union_context. Other mentions are left as they are.
void mark_union_actors(std::string_view text, std::vector<ResolvedMention>& resolved);

// A mention mark_union_actors made a metonym: a union of countries standing for its
// institutions.
bool is_union_actor(const ResolvedMention& m);

}  // namespace incidentmap
