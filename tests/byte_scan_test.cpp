#include "src/text/byte_scan.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace incidentmap::bytes {
namespace {

// The vector scans against the obvious byte loops, on strings of every length up to 70 (tails,
// one and several 16-byte blocks) made of bytes from each class, at every position.
std::vector<std::string> sample_strings() {
  const std::string alphabet = std::string("a ~\x7f\"\\\x1f\n\0\x80\xbf\xc3\xe2\xff", 14);
  std::vector<std::string> out;
  std::mt19937 random(11);
  for (std::size_t n = 0; n <= 70; ++n) {
    for (int k = 0; k < 30; ++k) {
      std::string s(n, 'x');
      const std::size_t specials = random() % 3;
      for (std::size_t j = 0; j < specials && n > 0; ++j)
        s[random() % n] = alphabet[random() % alphabet.size()];
      out.push_back(s);
    }
  }
  return out;
}

template <class Test>
std::size_t first_index(const std::string& s, Test test) {
  for (std::size_t i = 0; i < s.size(); ++i)
    if (test(static_cast<unsigned char>(s[i]))) return i;
  return s.size();
}

TEST(ByteScan, AgreesWithByteLoops) {
  for (const std::string& s : sample_strings()) {
    const char* b = s.data();
    const char* e = b + s.size();
    EXPECT_EQ(find_json_special(b, e, false) - b,
              static_cast<long>(first_index(
                  s, [](unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; })))
        << s;
    EXPECT_EQ(
        find_json_special(b, e, true) - b,
        static_cast<long>(first_index(
            s, [](unsigned char c) { return c < 0x20 || c >= 0x80 || c == '"' || c == '\\'; })))
        << s;
    EXPECT_EQ(
        find_nul_or_non_ascii(b, e) - b,
        static_cast<long>(first_index(s, [](unsigned char c) { return c == 0 || c >= 0x80; })))
        << s;
    std::size_t leads = 0;
    for (const char c : s) leads += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    EXPECT_EQ(count_utf8_lead_bytes(b, s.size()), leads) << s;
  }
}

// More than 255 blocks of continuation bytes: the byte lanes are summed before they overflow.
TEST(ByteScan, CountsLongRuns) {
  std::string s;
  for (int i = 0; i < 3000; ++i) s += "\xC3\xA9";  // é: one lead, one continuation byte
  s += "abc";
  EXPECT_EQ(count_utf8_lead_bytes(s.data(), s.size()), 3003u);
}

}  // namespace
}  // namespace incidentmap::bytes
