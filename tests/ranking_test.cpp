#include "gazetteer/ranking.h"

#include <gtest/gtest.h>

namespace incidentmap::gaz {
namespace {

using format::NameKind;

// Each feature type must weigh strictly more than the next one in this list.
TEST(Ranking, FeatureTypeOrder) {
  const std::vector<std::pair<char, std::string>> order = {
      {'A', "PCLI"}, {'A', "PCLD"}, {'L', "CONT"}, {'H', "OCN"},   {'L', "RGN"},   {'A', "ADM1"},
      {'P', "PPLC"}, {'A', "ADM2"}, {'P', "PPLA"}, {'P', "PPLA2"}, {'P', "PPLA3"}, {'P', "PPLA4"},
      {'P', "PPL"},  {'S', "PRN"},  {'T', "MT"},   {'P', "PPLH"}};
  for (std::size_t i = 1; i < order.size(); ++i) {
    EXPECT_GT(feature_weight(order[i - 1].first, order[i - 1].second),
              feature_weight(order[i].first, order[i].second))
        << order[i - 1].second << " vs " << order[i].second;
  }
}

TEST(Ranking, Importance) {
  EXPECT_FLOAT_EQ(place_importance('A', "ADM1", 0), 7.0f);
  EXPECT_FLOAT_EQ(place_importance('P', "PPL", 999), 4.5f);
  EXPECT_FLOAT_EQ(place_importance('P', "PPL", -5), 3.0f);
}

TEST(Ranking, KindBonusAndRank) {
  EXPECT_GT(name_kind_bonus(NameKind::kPrimary), name_kind_bonus(NameKind::kAlternate));
  EXPECT_GT(name_kind_bonus(NameKind::kAlternate), name_kind_bonus(NameKind::kHistoric));
  EXPECT_LT(name_kind_rank(NameKind::kPrimary), name_kind_rank(NameKind::kAscii));
  EXPECT_EQ(name_kind_label(NameKind::kDemonym), "demonym");
}

}  // namespace
}  // namespace incidentmap::gaz
