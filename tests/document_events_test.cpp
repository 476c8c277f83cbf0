#include "src/pipeline/document_events.h"

#include <gtest/gtest.h>

#include <string>

namespace incidentmap {
namespace {

struct EvidenceCase {
  const char* text;
  std::size_t max_bytes;
  const char* expected;
};

class ShortenEvidenceTest : public ::testing::TestWithParam<EvidenceCase> {};

TEST_P(ShortenEvidenceTest, CollapsesWhitespaceAndCuts) {
  EXPECT_EQ(shorten_evidence(GetParam().text, GetParam().max_bytes), GetParam().expected)
      << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Table, ShortenEvidenceTest,
    ::testing::Values(EvidenceCase{"  Two  men\n\twere shot.\r\n", 240, "Two men were shot."},
                      EvidenceCase{"", 240, ""}, EvidenceCase{" \n\t ", 240, ""},
                      // Exactly the limit: no cut.
                      EvidenceCase{"Gunmen fled", 11, "Gunmen fled"},
                      // The cut drops the space before it.
                      EvidenceCase{"Gunmen fled the scene", 7, "Gunmen\u2026"},
                      EvidenceCase{"Gunmen   fled the scene", 8, "Gunmen f\u2026"},
                      // Never inside a character: "Culiacán" is cut before its two-byte "á".
                      EvidenceCase{"Culiac\u00e1n police", 7, "Culiac\u2026"},
                      EvidenceCase{"Culiac\u00e1n police", 8, "Culiac\u00e1\u2026"},
                      // A long run past the limit is cut like a short one.
                      EvidenceCase{"Abcdefghijklmnopqrstuvwxyz and more", 5, "Abcde\u2026"},
                      EvidenceCase{"word", 0, "\u2026"}));

}  // namespace
}  // namespace incidentmap
