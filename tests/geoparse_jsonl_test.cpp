#include "src/pipeline/geoparse_jsonl.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

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

}  // namespace
}  // namespace incidentmap
