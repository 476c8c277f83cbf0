#pragma once
// Places finer than a settlement that some corpora's guidelines leave out: streets and roads,
// buildings and facilities (airports, hospitals, prisons), rivers and canals. GeoVirus, for
// one, annotates none of them; the pipeline still finds and resolves them (they locate
// events), and output can leave them out (geoparse --no-fine-places).

#include <cstdint>
#include <string_view>

namespace incidentmap {

// True when the mention text[begin, end) names a fine place: its resolved entry has GeoNames
// feature class 'S' (spot: building, facility) or 'R' (road), or a stream code ("STM...");
// or, unresolved or resolved to another class than a settlement's or an area's (P, A), its
// last word is a street or facility type word of the lexicon ("Camac Street", "Kestrel
// Airport", "Varna Highway") or names running water ("Mithi River", "Mahim Creek"), or the
// word right after it is a lower-case river word ("the Tarn river").
// Pass feature_class 0 and an empty feature_code for an unresolved mention. Offsets are
// bytes into valid UTF-8; false when begin >= end or end > text.size().
bool is_fine_place(std::string_view text, std::uint32_t begin, std::uint32_t end,
                   char feature_class, std::string_view feature_code);

}  // namespace incidentmap
