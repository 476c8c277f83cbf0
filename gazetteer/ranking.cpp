#include "gazetteer/ranking.h"

#include <cmath>

namespace incidentmap::gaz {

float feature_weight(char feature_class, std::string_view code) {
  // Independent states above dependencies, which share demonyms with them ("American").
  if (code == "PCLI") return 10.0f;
  if (code.starts_with("PCL")) return code == "PCLH" ? 3.0f : 9.5f;
  if (code == "TERR") return 9.5f;
  if (code == "CONT") return 9.0f;
  if (code == "OCN") return 8.5f;
  if (code == "SEA" || code == "GULF" || code == "RGN" || code == "RGNE" || code == "STRT" ||
      code == "BGHT" || code == "BAY" || code == "ZN" || code == "RGNH")
    return code == "BAY" ? 6.0f : 8.0f;
  if (code == "ADM1") return 7.0f;
  if (code == "PPLC") return 6.5f;
  if (code == "ADM2") return 5.0f;
  if (code == "PPLA") return 4.5f;
  if (code == "PPLA2" || code == "PPLG") return 4.0f;
  if (code == "PPLA3") return 3.6f;
  if (code == "PPLA4" || code == "PPLA5") return 3.3f;
  if (code == "PPLH" || code == "PPLQ" || code == "PPLW" || code == "ADM1H" || code == "ADM2H")
    return 1.0f;
  if (code.starts_with("ADM")) return 3.0f;
  switch (feature_class) {
    case 'P':
      return 3.0f;
    case 'A':
      return 3.0f;
    case 'S':
      return 2.5f;
    case 'L':
      return 2.5f;
    default:
      return 2.0f;
  }
}

float place_importance(char feature_class, std::string_view feature_code, std::int64_t population) {
  const double pop = population > 0 ? static_cast<double>(population) : 0.0;
  return feature_weight(feature_class, feature_code) +
         static_cast<float>(0.5 * std::log10(1.0 + pop));
}

float name_kind_bonus(format::NameKind kind) {
  using format::NameKind;
  switch (kind) {
    case NameKind::kPrimary:
    case NameKind::kAscii:
      return 1.0f;
    case NameKind::kOfficial:
      return 0.9f;
    case NameKind::kAbbreviation:
      return 0.8f;
    case NameKind::kDemonym:
      return 0.7f;
    case NameKind::kAlternate:
      return 0.6f;
    case NameKind::kColloquial:
      return 0.4f;
    case NameKind::kHistoric:
      return 0.2f;
  }
  return 0.0f;
}

int name_kind_rank(format::NameKind kind) {
  using format::NameKind;
  switch (kind) {
    case NameKind::kPrimary:
      return 0;
    case NameKind::kAscii:
      return 1;
    case NameKind::kOfficial:
      return 2;
    case NameKind::kAbbreviation:
      return 3;
    case NameKind::kAlternate:
      return 4;
    case NameKind::kDemonym:
      return 5;
    case NameKind::kColloquial:
      return 6;
    case NameKind::kHistoric:
      return 7;
  }
  return 8;
}

std::string_view name_kind_label(format::NameKind kind) {
  using format::NameKind;
  switch (kind) {
    case NameKind::kPrimary:
      return "primary";
    case NameKind::kAscii:
      return "ascii";
    case NameKind::kAlternate:
      return "alternate";
    case NameKind::kAbbreviation:
      return "abbreviation";
    case NameKind::kDemonym:
      return "demonym";
    case NameKind::kHistoric:
      return "historic";
    case NameKind::kColloquial:
      return "colloquial";
    case NameKind::kOfficial:
      return "official";
  }
  return "unknown";
}

}  // namespace incidentmap::gaz
