#include "gazetteer/index.h"

#include <gtest/gtest.h>
#include <xxhash.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <functional>
#include <vector>

#include "gazetteer/builder.h"
#include "gazetteer/index_format.h"

namespace incidentmap::gaz {
namespace {

namespace fs = std::filesystem;

Place place(std::int64_t id, std::string name, double lat, double lon, std::string code,
            std::string cc, std::int64_t pop, std::vector<std::string> alts = {}) {
  Place p;
  p.geonameid = id;
  p.name = name;
  p.ascii_name = std::move(name);
  p.position = {lon, lat};
  p.feature_class = code.starts_with("ADM") ? 'A' : 'P';
  p.feature_code = std::move(code);
  p.country_code = std::move(cc);
  p.admin1_code = "01";
  p.population = pop;
  for (auto& a : alts) p.alternate_names.push_back({std::move(a), ""});
  return p;
}

std::string small_index() {
  IndexBuilder builder;
  builder.add_place(place(1, "San Jose", 37.34, -121.89, "PPLA2", "US", 1000000));
  builder.add_place(place(2, "San José", 9.93, -84.08, "PPLC", "CR", 300000));
  builder.add_place(place(3, "San Jose del Monte", 14.81, 121.05, "PPL", "PH", 500000));
  AdminArea area;
  area.country_code = "US";
  area.admin1_code = "01";
  area.geonameid = 100;
  area.name = "Squareland";
  area.label_point = {0.5, 0.5};
  area.polygon = {geo::Polygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}}};
  builder.add_admin_area(std::move(area));
  return builder.build_to_memory();
}

// 8-byte aligned copy of the bytes, as from_memory requires.
struct Aligned {
  explicit Aligned(const std::string& s) : words((s.size() + 7) / 8) {
    std::memcpy(words.data(), s.data(), s.size());
    size = s.size();
  }
  std::vector<std::uint64_t> words;
  std::size_t size;
};

TEST(Index, LookupRanksByPriorAndFoldsTheQuery) {
  const Aligned bytes(small_index());
  const Index index = Index::from_memory(bytes.words.data(), bytes.size, "test");
  const auto hits = index.lookup("SAN JOSE");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].place.geonameid(), 2);  // PPLC with 300 k people: 6.5 + 2.74 + 1
  EXPECT_EQ(hits[1].place.geonameid(), 1);  // PPLA2 with 1 M: 4 + 3 + 1
  EXPECT_NEAR(hits[0].score, 6.5 + 0.5 * std::log10(300001.0) + 1.0, 1e-4);
  EXPECT_NEAR(hits[1].score, 4.0 + 0.5 * std::log10(1000001.0) + 1.0, 1e-4);
  // A country bias (+3 here) reorders.
  LookupOptions options;
  options.country_bias = "us";
  options.country_bias_weight = 3.0f;
  const auto biased = index.lookup("San Jose", options);
  EXPECT_EQ(biased.front().place.geonameid(), 1);
  EXPECT_NEAR(biased.front().score, hits[1].score + 3.0f, 1e-4);
  options.limit = 1;
  EXPECT_EQ(index.lookup("San Jose", options).size(), 1u);
  EXPECT_TRUE(index.lookup("nowhere at all").empty());
  EXPECT_TRUE(index.lookup("").empty());
}

TEST(Index, FirstTokenWindow) {
  const Aligned bytes(small_index());
  const Index index = Index::from_memory(bytes.words.data(), bytes.size, "test");
  EXPECT_EQ(index.max_name_tokens("san"), 4);
  EXPECT_EQ(index.max_name_tokens("squareland"), 1);
  EXPECT_EQ(index.max_name_tokens("jose"), 0);
  EXPECT_EQ(index.find_folded("san").size(), 0u);  // a first token, not a name
}

TEST(Index, AdminAreasAndPolygons) {
  const Aligned bytes(small_index());
  const Index index = Index::from_memory(bytes.words.data(), bytes.size, "test");
  const PlaceView area = *index.admin1_of("us", "01");
  EXPECT_EQ(area.name(), "Squareland");
  EXPECT_TRUE(area.position_estimated());  // a label point, not GeoNames' point
  ASSERT_TRUE(area.polygon_ref());
  const geo::MultiPolygon mp = index.polygon(*area.polygon_ref());
  ASSERT_EQ(mp.size(), 1u);
  ASSERT_EQ(mp[0].rings.size(), 1u);
  EXPECT_EQ(mp[0].rings[0].size(), 5u);
  EXPECT_EQ(mp[0].rings[0][2], (geo::LonLat{1, 1}));
  EXPECT_THROW(index.polygon(99), IndexError);
  EXPECT_EQ(index.place_by_geonameid(1)->admin1_name(), "Squareland");
  EXPECT_FALSE(index.place_by_geonameid(42).has_value());
  EXPECT_FALSE(index.admin1_of("US", "99").has_value());
  EXPECT_FALSE(index.country_of("US").has_value());
  EXPECT_FALSE(index.country_of("U").has_value());
}

// Codes of every length their NUL-padded fields hold, and none.
struct CodeCase {
  std::string feature_code;
  std::string country_code;
};

class PaddedCodeTest : public ::testing::TestWithParam<CodeCase> {};

TEST_P(PaddedCodeTest, CodesReadBackAsWritten) {
  IndexBuilder builder;
  builder.add_place(
      place(7, "Brill", 1.0, 2.0, GetParam().feature_code, GetParam().country_code, 10));
  const Aligned bytes(builder.build_to_memory());
  const Index index = Index::from_memory(bytes.words.data(), bytes.size, "test");
  const std::optional<PlaceView> p = index.place_by_geonameid(7);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->feature_code(), GetParam().feature_code);
  EXPECT_EQ(p->country_code(), GetParam().country_code);
  EXPECT_EQ(p->fields().feature_code, GetParam().feature_code);
  EXPECT_EQ(p->fields().country_code, GetParam().country_code);
}

INSTANTIATE_TEST_SUITE_P(Table, PaddedCodeTest,
                         ::testing::Values(CodeCase{"PPL", "ZZ"}, CodeCase{"PPLA2", "ZZ"},
                                           CodeCase{"PPLCHX", "ZZ"}, CodeCase{"P", ""},
                                           CodeCase{"", ""}),
                         [](const auto& param_info) {
                           return "case" + std::to_string(param_info.index);
                         });

TEST(Index, FieldsAreTheAccessorsInOneCall) {
  const Aligned bytes(small_index());
  const Index index = Index::from_memory(bytes.words.data(), bytes.size, "test");
  for (std::uint32_t i = 0; i < index.place_count(); ++i) {
    const PlaceView p = index.place(i);
    const PlaceView::Fields f = p.fields();
    EXPECT_EQ(f.geonameid, p.geonameid());
    EXPECT_EQ(f.population, p.population());
    EXPECT_EQ(f.position, p.position());
    EXPECT_EQ(f.feature_code, p.feature_code());
    EXPECT_EQ(f.country_code, p.country_code());
    EXPECT_EQ(f.admin1_code, p.admin1_code());
    EXPECT_EQ(f.feature_class, p.feature_class());
    EXPECT_EQ(f.has_position, p.has_position());
  }
  const PlaceView::Fields sj = index.place_by_geonameid(2)->fields();
  EXPECT_EQ(sj.feature_code, "PPLC");
  EXPECT_EQ(sj.country_code, "CR");
  EXPECT_EQ(sj.population, 300000);
  EXPECT_EQ(sj.position, (geo::LonLat{-84.08, 9.93}));
  EXPECT_TRUE(sj.has_position);
}

// Values beyond the compact candidate record's narrow fields read back whole (from the place
// record), and those within them from the compact record, through fields() and the accessors.
struct WideCase {
  std::string label;
  std::int64_t geonameid;
  std::string admin1_code;
  std::int64_t population;
};

class CandidateRecordTest : public ::testing::TestWithParam<WideCase> {};

TEST_P(CandidateRecordTest, FieldsAndAccessorsReadBackAsWritten) {
  const WideCase& c = GetParam();
  IndexBuilder builder;
  Place p = place(c.geonameid, "Quillby", 12.5, -3.25, "PPLA", "QX", c.population);
  p.admin1_code = c.admin1_code;
  builder.add_place(std::move(p));
  const Aligned bytes(builder.build_to_memory());
  const Index index = Index::from_memory(bytes.words.data(), bytes.size, "test");
  const std::optional<PlaceView> v = index.place_by_geonameid(c.geonameid);
  ASSERT_TRUE(v);
  const PlaceView::Fields f = v->fields();
  EXPECT_EQ(f.geonameid, c.geonameid);
  EXPECT_EQ(f.admin1_code, c.admin1_code);
  EXPECT_EQ(f.population, c.population);
  EXPECT_EQ(f.position, (geo::LonLat{-3.25, 12.5}));
  EXPECT_EQ(f.feature_code, "PPLA");
  EXPECT_EQ(f.country_code, "QX");
  EXPECT_EQ(f.feature_class, 'P');
  EXPECT_TRUE(f.has_position);
  EXPECT_EQ(v->geonameid(), c.geonameid);
  EXPECT_EQ(v->admin1_code(), c.admin1_code);
  EXPECT_EQ(v->population(), c.population);
  EXPECT_EQ(v->position(), (geo::LonLat{-3.25, 12.5}));
}

INSTANTIATE_TEST_SUITE_P(
    Table, CandidateRecordTest,
    ::testing::Values(WideCase{"narrow", 4242, "07", 1200}, WideCase{"no_admin1", 4243, "", 0},
                      WideCase{"admin1_of_six", 4244, "ABCDEF", 1},
                      WideCase{"admin1_of_seven", 4245, "ABCDEFG", 1},
                      WideCase{"largest_narrow_id", 0xFFFFFFFFll, "01", 4294967295ll},
                      WideCase{"wide_id", 0x100000000ll, "01", 5},
                      WideCase{"wide_population", 4246, "01", 4294967296ll},
                      WideCase{"curated_id", kFirstCuratedId + 17, "01", 5},
                      WideCase{"curated_id_far", kFirstCuratedId + 0x100000000ll, "01", 5}),
    [](const auto& param_info) { return param_info.param.label; });

// ---- damaged files ----

// Sets the header's payload checksum to the bytes' own, so that a damage gets past it.
void rechecksum(std::string& b) {
  const std::uint64_t sum =
      XXH3_64bits(b.data() + format::kHeaderSize, b.size() - format::kHeaderSize);
  std::memcpy(b.data() + offsetof(format::Header, payload_checksum), &sum, sizeof sum);
}

struct Damage {
  std::string label;
  std::function<void(std::string&)> apply;
  std::string expected_message_part;
  friend void PrintTo(const Damage& d, std::ostream* os) { *os << d.label; }
};

class DamagedIndexTest : public ::testing::TestWithParam<Damage> {};

TEST_P(DamagedIndexTest, OpenThrowsIndexErrorNamingFileAndProblem) {
  std::string bytes = small_index();
  GetParam().apply(bytes);
  const fs::path path = fs::temp_directory_path() / ("damaged_" + GetParam().label + ".gaz");
  {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  try {
    Index::open(path);
    FAIL() << "no IndexError";
  } catch (const IndexError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(path.string()), std::string::npos) << message;
    EXPECT_NE(message.find(GetParam().expected_message_part), std::string::npos) << message;
  }
  fs::remove(path);
}

INSTANTIATE_TEST_SUITE_P(
    Table, DamagedIndexTest,
    ::testing::Values(
        Damage{"truncated", [](std::string& b) { b.resize(b.size() - 100); }, "truncated"},
        Damage{"header_only", [](std::string& b) { b.resize(100); }, "truncated"},
        Damage{"empty", [](std::string& b) { b.clear(); }, "truncated"},
        Damage{"flipped", [](std::string& b) { b[b.size() - 200] ^= 0x40; }, "checksum mismatch"},
        Damage{"magic", [](std::string& b) { b[0] = 'X'; }, "bad magic"},
        Damage{"version",
               [](std::string& b) {
                 const std::uint32_t v = format::kFormatVersion + 1;
                 std::memcpy(b.data() + 8, &v, sizeof v);
               },
               "wrong format version"},
        Damage{"longer", [](std::string& b) { b.append(64, '\0'); }, "the header says"},
        // Found by the index fuzz target: a posting's place out of range passed the checks.
        Damage{"posting_place",
               [](std::string& b) {
                 format::Header h;
                 std::memcpy(&h, b.data(), sizeof h);
                 for (std::uint32_t i = 0; i < h.section_count; ++i) {
                   if (h.sections[i].id != static_cast<std::uint32_t>(format::SectionId::kPostings))
                     continue;
                   const std::uint32_t place = 0xFFFFFF00u;
                   std::memcpy(b.data() + h.sections[i].offset, &place, sizeof place);
                 }
                 rechecksum(b);
               },
               "refers to place 4294967040"},
        // A version-1 index has no compact candidate table.
        Damage{"no_candidates",
               [](std::string& b) {
                 format::Header h;
                 std::memcpy(&h, b.data(), sizeof h);
                 for (std::uint32_t i = 0; i < h.section_count; ++i)
                   if (h.sections[i].id ==
                       static_cast<std::uint32_t>(format::SectionId::kCandidates))
                     h.sections[i].id = 99;
                 std::memcpy(b.data(), &h, sizeof h);
                 rechecksum(b);
               },
               "section 18 missing"}),
    [](const auto& param_info) { return param_info.param.label; });

// The embedded index is trusted (it is part of the executable): opening it skips the passes
// over the payload, so even a damaged postings table opens. Files on disk are always checked.
TEST(Index, TrustedBytesSkipThePayloadPasses) {
  const std::string bytes = small_index();
  std::vector<std::uint64_t> aligned((bytes.size() + 7) / 8);
  std::memcpy(aligned.data(), bytes.data(), bytes.size());
  OpenOptions trusted;
  trusted.verify_checksum = false;
  trusted.verify_postings = false;
  EXPECT_NO_THROW(Index::from_memory(aligned.data(), bytes.size(), "<test>", trusted));
  reinterpret_cast<unsigned char*>(aligned.data())[bytes.size() - 200] ^= 0x40;
  EXPECT_NO_THROW(Index::from_memory(aligned.data(), bytes.size(), "<test>", trusted));
  EXPECT_THROW(Index::from_memory(aligned.data(), bytes.size(), "<test>"), IndexError);
}

TEST(Index, MissingFile) { EXPECT_THROW(Index::open("/nonexistent/dir/none.gaz"), IndexError); }

TEST(Index, OpenMapsAFile) {
  const std::string bytes = small_index();
  const fs::path path = fs::temp_directory_path() / "index_test_ok.gaz";
  {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  Index index = Index::open(path);
  Index moved = std::move(index);
  const PlaceView p = moved.lookup("San José del Monte").front().place;
  EXPECT_EQ(p.geonameid(), 3);
  EXPECT_EQ(moved.size_bytes(), bytes.size());
  EXPECT_EQ(moved.format_version(), format::kFormatVersion);
  EXPECT_NE(moved.metadata_json().find("\"places\":4"), std::string_view::npos);
  fs::remove(path);
}

}  // namespace
}  // namespace incidentmap::gaz
