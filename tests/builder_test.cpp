#include "gazetteer/builder.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "gazetteer/index.h"

namespace incidentmap::gaz {
namespace {

struct WordCase {
  friend void PrintTo(const WordCase& c, std::ostream* os) { *os << c.input; }
  std::string input;
  std::string expected;
};

class DemonymPluralTest : public ::testing::TestWithParam<WordCase> {};

TEST_P(DemonymPluralTest, Plural) {
  EXPECT_EQ(demonym_plural(GetParam().input), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(Table, DemonymPluralTest,
                         ::testing::Values(WordCase{"American", "Americans"},
                                           WordCase{"Russian", "Russians"},
                                           WordCase{"Palestinian", "Palestinians"},
                                           WordCase{"Iraqi", "Iraqis"}, WordCase{"Chinese", ""},
                                           WordCase{"British", ""}, WordCase{"French", ""},
                                           WordCase{"Swiss", ""}, WordCase{"Manx", ""},
                                           WordCase{"Frenchman", "Frenchmen"}, WordCase{"", ""}));

struct AbbreviationCase {
  friend void PrintTo(const AbbreviationCase& c, std::ostream* os) { *os << c.name; }
  std::string name;
  bool expected;
};

class AbbreviationTest : public ::testing::TestWithParam<AbbreviationCase> {};

TEST_P(AbbreviationTest, LooksLikeAbbreviation) {
  EXPECT_EQ(looks_like_abbreviation(GetParam().name), GetParam().expected) << GetParam().name;
}

INSTANTIATE_TEST_SUITE_P(
    Table, AbbreviationTest,
    ::testing::Values(AbbreviationCase{"U.S.", true}, AbbreviationCase{"D.C.", true},
                      AbbreviationCase{"Kan.", true}, AbbreviationCase{"NSW", true},
                      AbbreviationCase{"DRC", true}, AbbreviationCase{"Kansas", false},
                      AbbreviationCase{"St. Louis", false}, AbbreviationCase{"A", false},
                      AbbreviationCase{"México", false}, AbbreviationCase{"", false}));

Place make_place(std::int64_t id, std::string name, double lat, double lon, char cls,
                 std::string code, std::string cc, std::string a1, std::string a2, std::int64_t pop,
                 std::vector<std::string> alts = {}) {
  Place p;
  p.geonameid = id;
  p.name = name;
  p.ascii_name = std::move(name);
  p.position = {lon, lat};
  p.feature_class = cls;
  p.feature_code = std::move(code);
  p.country_code = std::move(cc);
  p.admin1_code = std::move(a1);
  p.admin2_code = std::move(a2);
  p.population = pop;
  for (auto& a : alts) p.alternate_names.push_back({std::move(a), ""});
  return p;
}

Place admin_code(std::int64_t id, std::string name, std::string cc, std::string a1,
                 std::string a2 = "") {
  Place p =
      make_place(id, std::move(name), std::nan(""), std::nan(""), 'A', a2.empty() ? "ADM1" : "ADM2",
                 std::move(cc), std::move(a1), std::move(a2), 0);
  return p;
}

TEST(IndexBuilder, FirstDumpRowOfAnIdWins) {
  IndexBuilder builder;
  builder.add_place(make_place(10, "Alpha", 1.0, 2.0, 'P', "PPL", "XA", "", "", 100));
  builder.add_place(make_place(10, "Beta", 3.0, 4.0, 'P', "PPL", "XA", "", "", 100));
  BuildStats stats;
  const std::string bytes = builder.build_to_memory(&stats);
  const Index index = Index::from_memory(bytes.data(), bytes.size(), "test");
  EXPECT_EQ(stats.places, 1);
  EXPECT_EQ(stats.duplicates_across_sources, 1);
  EXPECT_EQ(index.place_by_geonameid(10)->name(), "Alpha");
  EXPECT_TRUE(index.lookup("Beta").empty());
}

// Found by the geonames_dump fuzz target: the second file's report counted its rows both as
// imported and as duplicates.
TEST(IndexBuilder, RowsOfAnEarlierSourceCountOnceAsDuplicates) {
  const std::filesystem::path dump =
      std::filesystem::path(INCIDENTMAP_SOURCE_DIR) / "tests/fixtures/gazetteer/dump.txt";
  IndexBuilder builder;
  const ImportReport first = builder.add_geonames_dump(dump);
  const ImportReport second = builder.add_geonames_dump(dump);
  EXPECT_EQ(first.rows_read, 10);
  EXPECT_EQ(first.rows_imported, 8);
  EXPECT_EQ(first.duplicates, 1);
  EXPECT_EQ(second.rows_read, 10);
  EXPECT_EQ(second.rows_imported, 0);
  EXPECT_EQ(second.rows_skipped, 1);
  EXPECT_EQ(second.duplicates, 9);
}

TEST(IndexBuilder, AdminAreaAndDumpRowWithOneIdAreOnePlace) {
  IndexBuilder builder;
  builder.add_admin_code(admin_code(500, "Provincia Uno", "XA", "01"));
  builder.add_place(make_place(500, "Uno", 10.5, 20.25, 'A', "ADM1", "XA", "01", "", 0));
  builder.add_place(make_place(501, "Town", 10.0, 20.0, 'P', "PPL", "XA", "01", "", 50));
  BuildStats stats;
  const std::string bytes = builder.build_to_memory(&stats);
  const Index index = Index::from_memory(bytes.data(), bytes.size(), "test");
  EXPECT_EQ(stats.places, 2);
  const PlaceView area = *index.admin1_of("XA", "01");
  EXPECT_EQ(area.geonameid(), 500);
  EXPECT_EQ(area.position(), (geo::LonLat{20.25, 10.5}));
  EXPECT_FALSE(area.position_estimated());
  EXPECT_EQ(index.lookup("Provincia Uno").front().place, area);
  EXPECT_EQ(index.lookup("Uno").front().place, area);
  EXPECT_EQ(index.place_by_geonameid(501)->admin1_name(), "Uno");
}

TEST(IndexBuilder, AdminAreaWithoutPointTakesItsSeat) {
  IndexBuilder builder;
  builder.add_admin_code(admin_code(600, "Region", "XA", "02"));
  builder.add_place(make_place(601, "Big", 10.0, 20.0, 'P', "PPL", "XA", "02", "", 1000000));
  builder.add_place(make_place(602, "Seat", 11.0, 21.0, 'P', "PPLA", "XA", "02", "", 10));
  const std::string bytes = builder.build_to_memory();
  const Index index = Index::from_memory(bytes.data(), bytes.size(), "test");
  const PlaceView area = *index.admin1_of("XA", "02");
  EXPECT_EQ(area.position(), (geo::LonLat{21.0, 11.0}));
  EXPECT_TRUE(area.position_estimated());
}

TEST(IndexBuilder, AreaWithoutAnyPositionIsKeptButNotFindable) {
  IndexBuilder builder;
  builder.add_admin_code(admin_code(700, "Gone", "XA", "03"));
  BuildStats stats;
  const std::string bytes = builder.build_to_memory(&stats);
  const Index index = Index::from_memory(bytes.data(), bytes.size(), "test");
  EXPECT_EQ(stats.places_without_position, 1);
  EXPECT_TRUE(index.lookup("Gone").empty());
  EXPECT_EQ(index.admin1_of("XA", "03")->name(), "Gone");
  EXPECT_FALSE(index.admin1_of("XA", "03")->has_position());
}

TEST(IndexBuilder, NonLatinAlternateNamesAreDroppedUnlessKept) {
  for (const bool keep : {false, true}) {
    BuildOptions options;
    options.keep_non_latin_names = keep;
    IndexBuilder builder(options);
    builder.add_place(
        make_place(1, "Moskva", 55.75, 37.62, 'P', "PPLC", "RU", "48", "", 10000000, {"Москва"}));
    BuildStats stats;
    const std::string bytes = builder.build_to_memory(&stats);
    const Index index = Index::from_memory(bytes.data(), bytes.size(), "test");
    EXPECT_EQ(stats.non_latin_names_dropped, keep ? 0 : 1);
    EXPECT_EQ(index.lookup("Москва").size(), keep ? 1u : 0u);
  }
}

TEST(IndexBuilder, SupplementRowWithKnownIdAddsAliases) {
  IndexBuilder builder;
  builder.add_place(make_place(20, "Kansas", 38.5, -98.0, 'A', "ADM1", "US", "KS", "", 0));
  Place alias = make_place(20, "Kansas", 38.5, -98.0, 'A', "ADM1", "US", "KS", "", 0, {"Kan."});
  builder.add_supplement_place(std::move(alias));
  builder.add_supplement_place(
      make_place(9000000005, "Fort Example", 38.0, -97.0, 'S', "INSM", "US", "KS", "", 0));
  BuildStats stats;
  const std::string bytes = builder.build_to_memory(&stats);
  const Index index = Index::from_memory(bytes.data(), bytes.size(), "test");
  EXPECT_EQ(stats.places, 2);
  EXPECT_EQ(stats.supplement_aliases_merged, 1);
  const auto kan = index.lookup("Kan.");
  ASSERT_EQ(kan.size(), 1u);
  EXPECT_EQ(kan.front().place.geonameid(), 20);
  EXPECT_EQ(kan.front().kind, NameKind::kAbbreviation);
  EXPECT_TRUE(index.place_by_geonameid(9000000005)->curated());
}

TEST(IndexBuilder, AlternateNamesAttachByGeonameid) {
  IndexBuilder builder;
  builder.add_alternate_name(30, AltName{"Bombay", "en", false, false, false, true});
  builder.add_alternate_name(31, AltName{"Nowhere", "en"});
  builder.add_place(make_place(30, "Mumbai", 19.07, 72.88, 'P', "PPLA", "IN", "16", "", 12000000));
  BuildStats stats;
  const std::string bytes = builder.build_to_memory(&stats);
  const Index index = Index::from_memory(bytes.data(), bytes.size(), "test");
  const auto hits = index.lookup("Bombay");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits.front().kind, NameKind::kHistoric);
  EXPECT_EQ(hits.front().lang, "en");
  EXPECT_EQ(stats.alternate_names_unmatched, 1);
}

TEST(IndexBuilder, CountriesMergeByIso2) {
  IndexBuilder builder;
  CountryRecord info;
  info.iso2 = "XB";
  info.iso3 = "XBB";
  info.name = "Exampleland";
  info.population = 5000000;
  info.geonameid = 77;
  builder.add_country(std::move(info));
  builder.add_country_point(make_place(77, "Exampleland", 12.5, 30.25, 'A', "", "XB", "", "", 0));
  WorldCountry wc;
  wc.cca2 = "XB";
  wc.name_common = "Exampleland";
  wc.name_official = "Republic of Exampleland";
  wc.demonyms = {"Examplelander"};
  wc.centroid = {31.0, 13.0};
  wc.independent = true;
  builder.add_world_country(std::move(wc));
  const std::string bytes = builder.build_to_memory();
  const Index index = Index::from_memory(bytes.data(), bytes.size(), "test");
  const PlaceView c = *index.country_of("XB");
  EXPECT_EQ(c.geonameid(), 77);
  EXPECT_EQ(c.feature_code(), "PCLI");
  EXPECT_EQ(c.population(), 5000000);
  EXPECT_EQ(c.position(), (geo::LonLat{30.25, 12.5}));
  EXPECT_EQ(index.lookup("Examplelanders").front().place, c);
  EXPECT_EQ(index.lookup("Republic of Exampleland").front().kind, NameKind::kOfficial);
  EXPECT_EQ(index.max_name_tokens("republic"), 3);
}

TEST(IndexBuilder, EqualInputGivesIdenticalBytes) {
  auto build = [] {
    IndexBuilder builder;
    builder.add_place(make_place(1, "Alpha", 1.0, 2.0, 'P', "PPL", "XA", "01", "", 10, {"Alfa"}));
    builder.add_place(make_place(2, "Beta", 3.0, 4.0, 'P', "PPL", "XA", "01", "", 20));
    return builder.build_to_memory();
  };
  EXPECT_EQ(build(), build());
}

TEST(IndexBuilder, BuildsOnlyOnce) {
  IndexBuilder builder;
  builder.build_to_memory();
  EXPECT_THROW(builder.build_to_memory(), BuildError);
}

}  // namespace
}  // namespace incidentmap::gaz
