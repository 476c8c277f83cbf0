#include "src/io/json_text.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

namespace incidentmap {
namespace {

std::string nlohmann_dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

struct StringCase {
  const char* name;
  std::string input;
  std::string expected;  // what nlohmann writes, checked against it as well
};

void PrintTo(const StringCase& c, std::ostream* os) { *os << c.name; }

class JsonStringTest : public ::testing::TestWithParam<StringCase> {};

TEST_P(JsonStringTest, WritesAsNlohmannDumps) {
  const StringCase& c = GetParam();
  std::string out = "x";
  append_json_string(out, c.input);
  EXPECT_EQ(out, "x" + c.expected);
  EXPECT_EQ(out.substr(1), nlohmann_dump(c.input));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, JsonStringTest,
    ::testing::Values(StringCase{"Empty", "", R"("")"},
                      StringCase{"Plain", "Culiacán, Sinaloa", R"("Culiacán, Sinaloa")"},
                      StringCase{"QuoteAndBackslash", R"(a "b" \c)", R"("a \"b\" \\c")"},
                      StringCase{"SlashKept", "a/b", R"("a/b")"},
                      StringCase{"NamedEscapes", "\b\f\n\r\t", R"("\b\f\n\r\t")"},
                      StringCase{"OtherControls", std::string("\x01\x0b\x1f\x7f", 4),
                                 "\"\\u0001\\u000b\\u001f\x7f\""},
                      StringCase{"NulByte", std::string("a\0b", 3), R"("a\u0000b")"},
                      StringCase{"FourByteUtf8", "\xF0\x9F\x98\x80", "\"\xF0\x9F\x98\x80\""},
                      StringCase{"InvalidUtf8Replaced", "a\xFFz", "\"a\xEF\xBF\xBDz\""},
                      StringCase{"TruncatedSequenceReplaced", "a\xE2\x80", "\"a\xEF\xBF\xBD\""}),
    [](const auto& test) { return std::string(test.param.name); });

// json_escape gives, byte by byte, what nlohmann writes for a one-byte string, quotes aside.
TEST(JsonText, EscapeOfEveryByteAsNlohmann) {
  for (int c = 0; c < 0x80; ++c) {
    const std::string dumped = nlohmann_dump(std::string(1, static_cast<char>(c)));
    const std::string inner = dumped.substr(1, dumped.size() - 2);
    EXPECT_EQ(json_escape(static_cast<unsigned char>(c)),
              inner == std::string(1, static_cast<char>(c)) ? "" : inner)
        << c;
  }
  EXPECT_EQ(json_escape(0xC3), "");
}

// The unchecked variant writes valid strings as the checked one does: the fixtures above, and
// every escaped byte at every position of strings longer than its 8-byte blocks.
TEST(JsonText, ValidStringsAsTheCheckedPath) {
  std::vector<std::string> inputs = {"",
                                     "Culiacán, Sinaloa",
                                     R"(a "b" \c)",
                                     "a/b",
                                     "\b\f\n\r\t",
                                     std::string("a\0b", 3),
                                     "\xF0\x9F\x98\x80 \xC3\xA9t\xC3\xA9"};
  for (const char special : {'"', '\\', '\n', '\x01', '\x1f', '\x7f', ' ', 'z'}) {
    for (std::size_t at = 0; at < 20; ++at) {
      std::string s(19, 'a');
      s.insert(at, 1, special);
      inputs.push_back(s);
    }
  }
  for (const std::string& s : inputs) {
    std::string checked = "x", unchecked = "x";
    append_json_string(checked, s);
    append_valid_json_string(unchecked, s);
    EXPECT_EQ(unchecked, checked) << s;
  }
}

struct NumberCase {
  const char* name;
  double value;
  std::string expected;
};

void PrintTo(const NumberCase& c, std::ostream* os) { *os << c.name; }

class JsonNumberTest : public ::testing::TestWithParam<NumberCase> {};

TEST_P(JsonNumberTest, WritesAsNlohmannDumps) {
  const NumberCase& c = GetParam();
  std::string out;
  append_json_number(out, c.value);
  EXPECT_EQ(out, c.expected);
  EXPECT_EQ(out, nlohmann_dump(c.value));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, JsonNumberTest,
    ::testing::Values(NumberCase{"Zero", 0.0, "0.0"}, NumberCase{"NegativeZero", -0.0, "-0.0"},
                      NumberCase{"Integral", 8.0, "8.0"},
                      NumberCase{"Confidence", 0.8962, "0.8962"},
                      NumberCase{"Coordinate", -81.37436, "-81.37436"},
                      NumberCase{"Small", 1e-05, "1e-05"}, NumberCase{"Large", 1e17, "1e+17"},
                      NumberCase{"ShortestRoundTrip", 0.1 + 0.2, "0.30000000000000004"},
                      NumberCase{"NaN", std::nan(""), "null"},
                      NumberCase{"Infinity", std::numeric_limits<double>::infinity(), "null"}),
    [](const auto& test) { return std::string(test.param.name); });

// The short-decimal path against nlohmann's Grisu2 over values as the pipeline rounds them
// (coordinates to 1e-6, confidences to 1e-4) and over decimals of every length and magnitude,
// including those next to powers of two, where the rounding interval is lopsided.
TEST(JsonText, ShortDecimalsAsNlohmann) {
  std::mt19937_64 random(20261121);
  std::vector<double> values = {1e-4, -1e-4, 0.001,      1e15 - 1, 123456789012345.0,
                                0.5,  0.25,  2.0,        1024.0,   0.1,
                                0.2,  0.3,   179.999999, -180.0,   89.999999};
  std::uniform_real_distribution<double> degrees(-180.0, 180.0), unit(0.0, 1.0);
  for (int i = 0; i < 20000; ++i) {
    values.push_back(std::round(degrees(random) * 1e6) / 1e6);
    values.push_back(std::round(unit(random) * 1e4) / 1e4);
    const int decimals = static_cast<int>(random() % 10);
    const auto m = static_cast<double>(random() % 1000000000000000ULL);
    values.push_back(m / std::pow(10.0, decimals));
    values.push_back(std::ldexp(1.0, static_cast<int>(random() % 80) - 40));
  }
  for (const double v : values) {
    std::string out;
    append_json_number(out, v);
    ASSERT_EQ(out, nlohmann_dump(v)) << std::hexfloat << v;
  }
}

TEST(JsonText, ShortDecimalDigits) {
  const auto d = short_decimal(-12.5, 6);
  ASSERT_TRUE(d.has_value());
  EXPECT_TRUE(d->negative);
  EXPECT_EQ(d->units, 12500000u);
  EXPECT_EQ(d->decimals, 6);
  NumberBuffer buf;
  EXPECT_EQ(format_positional_decimal(*d, buf), "-12.5");
  EXPECT_EQ(format_positional_decimal({false, 3, 0}, buf), "3.0");
  EXPECT_EQ(format_positional_decimal({false, 300, 2}, buf), "3.0");
  EXPECT_EQ(format_positional_decimal({false, 1, 4}, buf), "0.0001");
  EXPECT_FALSE(short_decimal(0.1 + 0.2, 6).has_value());  // 0.30000000000000004
  EXPECT_FALSE(short_decimal(0.0, 6).has_value());
  EXPECT_FALSE(short_decimal(1e-7, 6).has_value());
  EXPECT_FALSE(short_decimal(std::nan(""), 6).has_value());
}

// Random strings over an alphabet of plain, escaped, multi-byte and invalid UTF-8 bytes, long
// enough to cross the 16-byte blocks, written as nlohmann writes them.
TEST(JsonText, RandomStringsAsNlohmann) {
  const std::vector<std::string> pieces = {"a",
                                           "Z",
                                           " ",
                                           "\"",
                                           "\\",
                                           "/",
                                           "\n",
                                           "\t",
                                           std::string(1, '\0'),
                                           "\x1f",
                                           "\x7f",
                                           "\xC3\xA9",
                                           "\xE2\x80\x99",
                                           "\xF0\x9F\x98\x80",
                                           "\xFF",
                                           "\xC3",
                                           "\xED\xA0\x80",
                                           "abcdefghijklmnop"};
  std::mt19937_64 random(7);
  for (int i = 0; i < 5000; ++i) {
    std::string s;
    const std::size_t n = random() % 40;
    for (std::size_t k = 0; k < n; ++k) s += pieces[random() % pieces.size()];
    std::string out = "x";
    append_json_string(out, s);
    ASSERT_EQ(out, "x" + nlohmann_dump(s)) << nlohmann_dump(s);
  }
}

TEST(JsonText, IntegersAsNlohmann) {
  for (const std::int64_t v :
       {std::int64_t{0}, std::int64_t{-7}, std::int64_t{2324433},
        std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()}) {
    std::string out;
    append_json_number(out, v);
    EXPECT_EQ(out, nlohmann_dump(v));
  }
  std::string out;
  append_json_number(out, std::int64_t{-42});
  EXPECT_EQ(out, "-42");
}

// format_integer gives what append_json_number appends, in the end of the buffer.
struct IntegerCase {
  std::int64_t value;
  std::string text;
};

class FormatIntegerTest : public ::testing::TestWithParam<IntegerCase> {};

TEST_P(FormatIntegerTest, WritesTheDecimalDigits) {
  NumberBuffer buf;
  const std::string_view text = format_integer(GetParam().value, buf);
  EXPECT_EQ(text, GetParam().text);
  EXPECT_EQ(text.data() + text.size(), buf + sizeof buf);
}

INSTANTIATE_TEST_SUITE_P(
    Table, FormatIntegerTest,
    ::testing::Values(IntegerCase{0, "0"}, IntegerCase{9, "9"}, IntegerCase{-10, "-10"},
                      IntegerCase{6252001, "6252001"},
                      IntegerCase{std::numeric_limits<std::int64_t>::min(), "-9223372036854775808"},
                      IntegerCase{std::numeric_limits<std::int64_t>::max(), "9223372036854775807"}),
    [](const auto& param_info) { return "case" + std::to_string(param_info.index); });

}  // namespace
}  // namespace incidentmap
