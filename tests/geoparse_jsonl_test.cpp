#include "src/pipeline/geoparse_jsonl.h"

#include <gtest/gtest.h>

#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "gazetteer/builder.h"

namespace incidentmap {
namespace {

ResolvedMention unresolved(std::uint32_t begin, std::uint32_t end, const std::string& surface,
                           MentionRole role) {
  ResolvedMention m;
  m.mention.begin = begin;
  m.mention.end = end;
  m.mention.surface = surface;
  m.mention.role = role;
  m.confidence = 0.5;
  return m;
}

// Offsets are code points ("é" is two bytes, one code point); unresolved mentions carry nulls.
TEST(GeoparseJsonl, WritesCodePointOffsetsAndRoles) {
  Document doc;
  doc.id = "d1";
  doc.text = "\xC3\xA9 Brill troops near Norland";
  const std::vector<ResolvedMention> mentions = {
      unresolved(3, 8, "Brill", MentionRole::kDemonym),
      unresolved(21, 28, "Norland", MentionRole::kLiteral)};
  GeoparseJsonOptions options;
  options.include_text = false;
  const std::string norland =
      "{\"start\":20,\"end\":27,\"phrase\":\"Norland\",\"lat\":null,\"lon\":null,"
      "\"geonameid\":null,\"name\":null,\"feature_code\":null,\"country_code\":null,"
      "\"admin1\":null,\"role\":\"literal\",\"confidence\":0.5}";
  EXPECT_EQ(geoparse_to_jsonl(doc, mentions, options),
            "{\"doc_id\":\"d1\",\"toponyms\":[{\"start\":2,\"end\":7,\"phrase\":\"Brill\","
            "\"lat\":null,\"lon\":null,\"geonameid\":null,\"name\":null,\"feature_code\":null,"
            "\"country_code\":null,\"admin1\":null,\"role\":\"demonym\",\"confidence\":0.5}," +
                norland + "]}");
  // Corpora that annotate no demonyms: the demonym is left out, the rest unchanged.
  options.include_demonyms = false;
  EXPECT_EQ(geoparse_to_jsonl(doc, mentions, options),
            "{\"doc_id\":\"d1\",\"toponyms\":[" + norland + "]}");
}

// An invented gazetteer: a first-level area and towns in it, one with a name that needs
// escaping, one whose name is not ASCII, two with awkward coordinates.
struct TestIndex {
  TestIndex() {
    gaz::IndexBuilder builder;
    builder.add_place(place(11, "Norland Province", -3.25, 41.5, 'A', "ADM1"));
    builder.add_place(place(12, "Brill", -3.1234567, 41.7654321, 'P', "PPLA"));
    builder.add_place(place(13, "Quote \"Town\"", 2.0, -0.5, 'P', "PPL"));
    // Coordinates whose fractions have leading zeros or few digits.
    builder.add_place(place(15, "Edge", 100.000001, -10.000123, 'P', "PPL"));
    builder.add_place(place(16, "Zeros", -12.05, 50.0001, 'P', "PPL"));
    builder.add_place(place(14,
                            "Ma\xC3\xB1"
                            "ana",
                            -179.9999999, 89.0000004, 'P', "PPL"));
    const std::string bytes = builder.build_to_memory();
    words.resize((bytes.size() + 7) / 8);
    std::memcpy(words.data(), bytes.data(), bytes.size());
    index.emplace(gaz::Index::from_memory(words.data(), bytes.size(), "test"));
  }
  static gaz::Place place(std::int64_t id, std::string name, double lon, double lat, char cls,
                          std::string code) {
    gaz::Place p;
    p.geonameid = id;
    p.name = name;
    p.ascii_name = std::move(name);
    p.position = {lon, lat};
    p.feature_class = cls;
    p.feature_code = std::move(code);
    p.country_code = "ZZ";
    p.admin1_code = "01";
    return p;
  }
  std::optional<gaz::PlaceView> find(std::int64_t geonameid) const {
    for (std::uint32_t i = 0; i < index->place_count(); ++i)
      if (index->place(i).geonameid() == geonameid) return index->place(i);
    return std::nullopt;
  }
  std::vector<std::uint64_t> words;
  std::optional<gaz::Index> index;
};

// One toponym (its phrase, the place it resolved to, its confidence) and the JSON written for it.
struct ToponymCase {
  std::string phrase;
  std::int64_t geonameid;  // 0: unresolved
  double confidence;
  std::string json;
};

class ToponymJsonTest : public ::testing::TestWithParam<ToponymCase> {};

TEST_P(ToponymJsonTest, WritesTheToponymAsNlohmannWould) {
  static const TestIndex fixture;
  const ToponymCase& c = GetParam();
  Document doc;
  doc.id = "t\"1";
  doc.text = c.phrase + " and more";
  ResolvedMention m;
  m.mention.begin = 0;
  m.mention.end = static_cast<std::uint32_t>(c.phrase.size());
  m.mention.surface = c.phrase;
  m.mention.role = MentionRole::kLiteral;
  if (c.geonameid != 0) {
    m.place = fixture.find(c.geonameid);
    ASSERT_TRUE(m.place) << c.geonameid;
  }
  m.confidence = c.confidence;
  GeoparseJsonOptions options;
  options.include_text = false;
  EXPECT_EQ(geoparse_to_jsonl(doc, {m}, options),
            "{\"doc_id\":\"t\\\"1\",\"toponyms\":[" + c.json + "]}");
}

INSTANTIATE_TEST_SUITE_P(
    Table, ToponymJsonTest,
    ::testing::Values(
        ToponymCase{"Brill", 12, 0.87654,
                    "{\"start\":0,\"end\":5,\"phrase\":\"Brill\",\"lat\":41.765432,"
                    "\"lon\":-3.123457,\"geonameid\":12,\"name\":\"Brill\",\"feature_code\":"
                    "\"PPLA\",\"country_code\":\"ZZ\",\"admin1\":\"Norland Province\",\"role\":"
                    "\"literal\",\"confidence\":0.8765}"},
        // Escapes in the phrase and the name; a whole number keeps its ".0".
        ToponymCase{"Quote \"Town\"", 13, 1.0,
                    "{\"start\":0,\"end\":12,\"phrase\":\"Quote \\\"Town\\\"\",\"lat\":-0.5,"
                    "\"lon\":2.0,\"geonameid\":13,\"name\":\"Quote \\\"Town\\\"\","
                    "\"feature_code\":\"PPL\",\"country_code\":\"ZZ\",\"admin1\":\"Norland "
                    "Province\",\"role\":\"literal\",\"confidence\":1.0}"},
        // UTF-8 passes through; offsets count code points.
        ToponymCase{"Ma\xC3\xB1"
                    "ana",
                    14, 0.00004,
                    "{\"start\":0,\"end\":6,\"phrase\":\"Ma\xC3\xB1"
                    "ana\",\"lat\":89.0,"
                    "\"lon\":-180.0,\"geonameid\":14,\"name\":\"Ma\xC3\xB1"
                    "ana\","
                    "\"feature_code\":\"PPL\",\"country_code\":\"ZZ\",\"admin1\":\"Norland "
                    "Province\",\"role\":\"literal\",\"confidence\":0.0}"},
        ToponymCase{"Edge", 15, 0.0505,
                    "{\"start\":0,\"end\":4,\"phrase\":\"Edge\",\"lat\":-10.000123,\"lon\":"
                    "100.000001,\"geonameid\":15,\"name\":\"Edge\",\"feature_code\":\"PPL\","
                    "\"country_code\":\"ZZ\",\"admin1\":\"Norland Province\",\"role\":\"literal\","
                    "\"confidence\":0.0505}"},
        ToponymCase{"Zeros", 16, 0.0001,
                    "{\"start\":0,\"end\":5,\"phrase\":\"Zeros\",\"lat\":50.0001,\"lon\":"
                    "-12.05,\"geonameid\":16,\"name\":\"Zeros\",\"feature_code\":\"PPL\","
                    "\"country_code\":\"ZZ\",\"admin1\":\"Norland Province\",\"role\":\"literal\","
                    "\"confidence\":0.0001}"},
        // Invalid UTF-8 and a control character: replaced and escaped as nlohmann does.
        ToponymCase{"Bad\xFF\tName", 0, 0.123456,
                    "{\"start\":0,\"end\":9,\"phrase\":\"Bad\xEF\xBF\xBD\\tName\",\"lat\":null,"
                    "\"lon\":null,\"geonameid\":null,\"name\":null,\"feature_code\":null,"
                    "\"country_code\":null,\"admin1\":null,\"role\":\"literal\",\"confidence\":"
                    "0.1235}"}),
    [](const auto& param_info) { return "case" + std::to_string(param_info.index); });

}  // namespace
}  // namespace incidentmap
