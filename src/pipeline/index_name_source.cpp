#include "src/pipeline/index_name_source.h"

#include <algorithm>

namespace incidentmap {

namespace {

std::uint32_t kind_bits(const gaz::PlaceView& place) {
  const char cls = place.feature_class();
  const std::string_view code = place.feature_code();
  std::uint32_t bits = 0;
  switch (cls) {
    case 'P':
      bits |= NameInfo::kPopulated;
      if (code == "PPLC") bits |= NameInfo::kCapital;
      break;
    case 'A':
      bits |= NameInfo::kAdmin;
      if (code.starts_with("PCL") || code == "TERR") bits |= NameInfo::kCountry;
      if (code == "ADM1") bits |= NameInfo::kAdmin1;
      if (code == "ADM2") bits |= NameInfo::kAdmin2;
      break;
    case 'H':
      bits |= NameInfo::kWater;
      if (code == "OCN" || code == "SEA" || code == "GULF") bits |= NameInfo::kRegion;
      break;
    case 'T':
      bits |= NameInfo::kTerrain;
      break;
    case 'S':
      bits |= NameInfo::kSpot;
      break;
    case 'L':
      if (code == "CONT") bits |= NameInfo::kContinent;
      else if (code == "RGN" || code == "RGNE" || code == "AREA") bits |= NameInfo::kRegion;
      else bits |= NameInfo::kOther;
      break;
    default:
      bits |= NameInfo::kOther;
  }
  return bits;
}

}  // namespace

bool code_abbreviation(const gaz::format::Posting& posting) {
  return static_cast<gaz::NameKind>(posting.kind) == gaz::NameKind::kAbbreviation &&
         (posting.flags & gaz::format::kPostingCurated) == 0;
}

NameInfo IndexNameSource::lookup(std::string_view folded_key) const {
  NameInfo info;
  for (const gaz::format::Posting& posting : index_.find_folded(folded_key)) {
    if (code_abbreviation(posting)) continue;
    const gaz::PlaceView place = index_.place(posting.place);
    if (!place.has_position()) continue;
    const auto kind = static_cast<gaz::NameKind>(posting.kind);
    if (kind == gaz::NameKind::kDemonym) {
      info.kinds |= NameInfo::kDemonym;
      const std::string_view cc = place.country_code();
      if (cc.size() == 2 && info.demonym_country[0] == 0) {
        info.demonym_country[0] = cc[0];
        info.demonym_country[1] = cc[1];
      }
      continue;
    }
    ++info.candidates;
    info.kinds |= kind_bits(place);
    if (kind == gaz::NameKind::kAbbreviation) info.kinds |= NameInfo::kAbbreviation;
    if (kind == gaz::NameKind::kPrimary || kind == gaz::NameKind::kAscii ||
        kind == gaz::NameKind::kOfficial)
      info.kinds |= NameInfo::kPrimaryName;
    info.max_population = std::max(info.max_population, place.population());
  }
  return info;
}

}  // namespace incidentmap
