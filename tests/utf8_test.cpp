#include "src/text/utf8.h"

#include <gtest/gtest.h>

namespace incidentmap::utf8 {
namespace {

TEST(Utf8Repair, KeepsValidTextAndReplacesInvalidBytes) {
  EXPECT_EQ(repair("Culiacán, Sinaloa"), "Culiacán, Sinaloa");
  RepairStats stats;
  EXPECT_EQ(repair(std::string("a\xFF"
                               "b\xC3",
                               4),
                   &stats),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD");
  EXPECT_EQ(stats.invalid_sequences, 2u);
  EXPECT_EQ(repair(std::string("a\0b", 3), &stats), "a b");
  EXPECT_EQ(stats.nul_bytes, 1u);
  // Overlong encoding of '/', a surrogate, and a code point above U+10FFFF are all invalid.
  EXPECT_FALSE(is_valid("\xC0\xAF"));
  EXPECT_FALSE(is_valid("\xED\xA0\x80"));
  EXPECT_FALSE(is_valid("\xF4\x90\x80\x80"));
  EXPECT_TRUE(is_valid("日本 €"));
}

TEST(Utf8Offsets, ConvertBetweenBytesAndCodePoints) {
  const std::string text = "Culiacán — Sinaloa";  // á is 2 bytes, — is 3
  const std::vector<std::size_t> bytes = {0, 10, 8, static_cast<std::size_t>(text.size())};
  const auto cps = to_codepoint_offsets(text, bytes);
  EXPECT_EQ(cps, (std::vector<std::size_t>{0, 9, 7, 18}));
  EXPECT_EQ(to_byte_offsets(text, cps), bytes);
  EXPECT_EQ(length(text), 18u);
  std::size_t pos = 6;
  EXPECT_EQ(decode(text, pos), U'á');
  EXPECT_EQ(pos, 8u);
}

// Lengths and offsets are counted eight bytes at a time: texts whose multi-byte characters
// straddle the 8-byte words, and tails shorter than a word, against a byte-by-byte count.
struct LengthCase {
  const char* text;
  std::size_t code_points;
};
class Utf8Length : public testing::TestWithParam<LengthCase> {};

TEST_P(Utf8Length, CountsCodePointsAndEveryPrefix) {
  const std::string text = GetParam().text;
  EXPECT_EQ(length(text), GetParam().code_points);
  std::vector<std::size_t> every_byte(text.size() + 1);
  std::vector<std::size_t> expected(text.size() + 1);
  std::size_t cp = 0;
  for (std::size_t b = 0; b <= text.size(); ++b) {
    every_byte[b] = b;
    expected[b] = cp;
    if (b < text.size()) cp += (static_cast<unsigned char>(text[b]) & 0xC0) != 0x80;
  }
  EXPECT_EQ(to_codepoint_offsets(text, every_byte), expected);
}

INSTANTIATE_TEST_SUITE_P(
    Texts, Utf8Length,
    testing::Values(LengthCase{"", 0}, LengthCase{"Sinaloa", 7}, LengthCase{"Culiacán", 8},
                    LengthCase{"1234567á", 8}, LengthCase{"123456—x", 8},
                    LengthCase{"1234567😀abcdefg", 15}, LengthCase{"ÁÉÍÓÚÑÜáéíóúñü!", 15},
                    LengthCase{"日本語のニュース記事です", 12},
                    LengthCase{"Ciudad Juárez, Chihuahua — 17 de octubre de 2019 😀", 50}));

}  // namespace
}  // namespace incidentmap::utf8
