#include "src/resolve/alias_filter.h"

#include <gtest/gtest.h>

#include <cctype>
#include <ostream>
#include <string>

#include "gazetteer/fold.h"

namespace incidentmap {
namespace {

struct AliasCase {
  std::string surface;
  std::string place_name;
  std::string place_ascii_name;
  std::string feature_code;
  bool weak;
  friend void PrintTo(const AliasCase& c, std::ostream* os) {
    *os << c.surface << " as " << c.place_name << " (" << c.feature_code << ")";
  }
};

class WeakAlias : public ::testing::TestWithParam<AliasCase> {};

TEST_P(WeakAlias, DropsShortAlternateNamesOfSmallPlaces) {
  const AliasCase& c = GetParam();
  EXPECT_EQ(is_weak_alias_match(c.surface, gaz::fold_name(c.surface), c.place_name,
                                c.place_ascii_name, c.feature_code),
            c.weak);
}

INSTANTIATE_TEST_SUITE_P(
    Table, WeakAlias,
    ::testing::Values(
        // Short words matching a small place's alternate name.
        AliasCase{"Sole", "Cholet", "Cholet", "PPLA3", true},
        AliasCase{"Re", "Wray", "Wray", "PPLA2", true},
        AliasCase{"Los", "Tsagaan-Ovoo", "Tsagaan-Ovoo", "PPLA2", true},
        // The place's own name, with or without accents, in any case.
        AliasCase{"Pandi", "Pandi", "Pandi", "PPLA3", false},
        AliasCase{"Niš", "Niš", "Nis", "PPLA", false},
        AliasCase{"NIS", "Niš", "Nis", "PPLA", false},
        AliasCase{"Leon", "León", "Leon", "PPLA2", false},
        // Dotted abbreviations and big places keep their alternate names.
        AliasCase{"L.A.", "Los Angeles", "Los Angeles", "PPLA2", false},
        AliasCase{"UK", "United Kingdom", "United Kingdom", "PCLI", false},
        AliasCase{"Sam", "Damascus", "Damascus", "PPLC", false},
        AliasCase{"Va", "Virginia", "Virginia", "ADM1", false},
        // Other spellings of the name: contained, within two edits, abbreviations in capitals.
        AliasCase{"Kut", "Al Kut", "Al Kut", "PPLA", false},
        AliasCase{"Raqqa", "Ar-Raqqah", "Ar-Raqqah", "PPLA", false},
        AliasCase{"Daraa", "Dar'a", "Dar'a", "PPLA", false},
        AliasCase{"NYC", "New York City", "New York City", "PPL", false},
        AliasCase{"Nyc", "New York City", "New York City", "PPL", true},
        AliasCase{"TJ", "Tijuana", "Tijuana", "PPLA2", false},
        AliasCase{"BAI", "Kashiwa", "Kashiwa", "PPLA2", true},
        // Longer alternate names are left to the resolver.
        AliasCase{"Calcutta", "Kolkata", "Kolkata", "PPLA", false}),
    [](const auto& test) {
      std::string name = test.param.surface + "_" + test.param.feature_code;
      for (char& ch : name) {
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
      }
      return name + "_" + std::to_string(test.index);
    });

}  // namespace
}  // namespace incidentmap
