#include "src/io/jsonl.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "tests/temp_dir.h"
#include "tests/thrown_message.h"

namespace incidentmap {
namespace {

using testing::TempDir;

struct LineCase {
  const char* name;
  std::string line;      // one input line (no newline)
  std::string expected;  // the parsed value dumped, or "error: <reason>"
  std::size_t invalid_utf8 = 0;
  std::size_t nul_bytes = 0;
  std::size_t lone_surrogates = 0;
};

void PrintTo(const LineCase& c, std::ostream* os) { *os << c.name; }

class JsonlLineTest : public ::testing::TestWithParam<LineCase> {};

void expect_line(const JsonlLine& line, const LineCase& c) {
  EXPECT_EQ(line.line, 1);
  EXPECT_EQ(line.error.empty() ? line.value.dump() : "error: " + line.error, c.expected);
  EXPECT_EQ(line.invalid_utf8, c.invalid_utf8);
  EXPECT_EQ(line.nul_bytes, c.nul_bytes);
  EXPECT_EQ(line.lone_surrogates, c.lone_surrogates);
}

TEST_P(JsonlLineTest, ParsesOrExplains) {
  const LineCase& c = GetParam();
  TempDir dir;
  JsonlReader reader(dir.write("in.jsonl", c.line + "\n"), 1024);
  JsonlLine line;
  ASSERT_TRUE(reader.next(line));
  expect_line(line, c);
  EXPECT_FALSE(reader.next(line));
}

// The two halves of next(), as parallel batches use them: the same line, value and repairs.
TEST_P(JsonlLineTest, RawThenParsedIsTheSame) {
  const LineCase& c = GetParam();
  TempDir dir;
  JsonlReader reader(dir.write("in.jsonl", c.line + "\n"), 1024);
  JsonlLine line;
  ASSERT_TRUE(reader.next_raw(line));
  EXPECT_TRUE(line.value.is_null());
  parse_jsonl_line(line);
  expect_line(line, c);
  EXPECT_EQ(line.raw, "");
  EXPECT_FALSE(reader.next_raw(line));
}

const LineCase kLineCases[] = {
    {"Object", R"({"a": 1, "b": [true, null]})", R"({"a":1,"b":[true,null]})"},
    {"ByteOrderMark", "\xEF\xBB\xBF{\"a\": 1}", R"({"a":1})"},
    {"TrailingCarriageReturn", "{\"a\": 1}\r", R"({"a":1})"},
    {"UnterminatedObject", R"({"a": 1)",
     "error: invalid JSON at byte 8: syntax error while parsing object - unexpected end of "
     "input; expected '}'"},
    {"BareWord", "hello",
     "error: invalid JSON at byte 1: syntax error while parsing value - invalid literal"},
    {"TrailingGarbage", R"({"a": 1} x)",
     "error: invalid JSON at byte 10: syntax error while parsing value - invalid literal; "
     "expected end of input"},
    {"InvalidUtf8Repaired", "{\"a\": \"x\xFFy\"}", "{\"a\":\"x\xEF\xBF\xBDy\"}", 1},
    // The one-pass reader checks UTF-8 while decoding: sequences past a 16-byte block, cut by
    // the closing quote, or in a key still send the line through the repair.
    {"InvalidUtf8AfterLongRun", "{\"text\": \"" + std::string(40, 'a') + "\xC3\xA9\xE2\x82\"}",
     "{\"text\":\"" + std::string(40, 'a') + "\xC3\xA9\xEF\xBF\xBD\"}", 1},
    {"InvalidUtf8InKey", "{\"k\xFF\": 1}", "{\"k\xEF\xBF\xBD\":1}", 1},
    {"RawNulInStringBecomesSpace", std::string("{\"a\": \"x\0y\"}", 12), R"({"a":"x y"})", 0, 1},
    {"RawNulOutsideStringsBecomesSpace", std::string("{\"a\":\0 1}", 9), R"({"a":1})", 0, 1},
    {"LoneHighSurrogate", R"({"a": "\ud83d!"})", "{\"a\":\"\xEF\xBF\xBD!\"}", 0, 0, 1},
    {"LoneLowSurrogate", R"({"a": "\ude00"})", "{\"a\":\"\xEF\xBF\xBD\"}", 0, 0, 1},
    {"ValidPairIsKept", R"({"a": "\ud83d\ude00"})", "{\"a\":\"\xF0\x9F\x98\x80\"}"},
    {"LineOverTheLimit", "[" + std::string(2000, '1') + "]",
     "error: line of 2002 bytes is longer than the limit of 1024 bytes"},
};

INSTANTIATE_TEST_SUITE_P(Lines, JsonlLineTest, ::testing::ValuesIn(kLineCases),
                         [](const auto& test) { return std::string(test.param.name); });

// Flat objects take a fast path of their own: the value must be exactly nlohmann's, down to
// the number types, escapes and which duplicate key wins.
class JsonlFlatObjectTest : public ::testing::TestWithParam<const char*> {};

TEST_P(JsonlFlatObjectTest, ReadsAsNlohmannParses) {
  const std::string text = GetParam();
  TempDir dir;
  JsonlReader reader(dir.write("in.jsonl", text + "\n"), 1024);
  JsonlLine line;
  ASSERT_TRUE(reader.next(line));
  ASSERT_EQ(line.error, "");
  const nlohmann::json expected = nlohmann::json::parse(text);
  EXPECT_EQ(line.value, expected);
  EXPECT_EQ(line.value.dump(), expected.dump());
  for (const auto& [key, value] : expected.items())
    EXPECT_EQ(line.value[key].type(), value.type()) << key;
}

INSTANTIATE_TEST_SUITE_P(
    Lines, JsonlFlatObjectTest,
    ::testing::Values(R"({})", R"( { } )", R"({"id": 7, "text": "plain"})",
                      R"({"id": -12, "n": 0, "m": -0, "big": 123456789012345678})",
                      R"({"big": 1234567890123456789012, "f": 1.5, "e": 2e3, "neg": -1.25})",
                      R"({"t": true, "f": false, "z": null})",
                      R"({"text": "quote \" slash \/ back \\ nl \n tab \t cr \r bf \b \f"})",
                      R"({"text": "\u00e9t\u00C9 \u0000 nul \ud83d\ude00 pair"})",
                      "{\"text\": \"caf\xC3\xA9 \xE2\x80\x94 raw UTF-8\"}",
                      R"({"a": "first", "a": "second"})", R"({"nested": {"a": [1, 2]}})",
                      "{\"id\":\t\"tabs\"\r}", R"({"k\"ey": "v"})"));

TEST(JsonlReader, SkipsBlankLinesAndNumbersLinesFromOne) {
  TempDir dir;
  JsonlReader reader(dir.write("in.jsonl.gz", "\n{\"a\": 1}\n  \t\n[2]"), 1024);
  JsonlLine line;
  ASSERT_TRUE(reader.next(line));
  EXPECT_EQ(line.line, 2);
  ASSERT_TRUE(reader.next(line));
  EXPECT_EQ(line.line, 4);
  EXPECT_EQ(line.value.dump(), "[2]");
  EXPECT_FALSE(reader.next(line));
}

TEST(JsonlReader, DeeplyNestedLineDoesNotOverflowTheStack) {
  TempDir dir;
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  JsonlReader reader(dir.write("deep.jsonl", deep + "\n{}\n"), 1 << 20);
  JsonlLine line;
  ASSERT_TRUE(reader.next(line));
  EXPECT_TRUE(line.value.is_array());
  ASSERT_TRUE(reader.next(line));
  EXPECT_EQ(line.value.dump(), "{}");
}

TEST(JsonlReader, MissingFileThrowsInputError) {
  EXPECT_EQ(testing::thrown_message<InputError>(
                [] { JsonlReader reader("/nonexistent/in.jsonl", 1024); }),
            "/nonexistent/in.jsonl: cannot open: No such file or directory");
}

struct SurrogateCase {
  std::string in;
  std::string out;
  std::size_t replaced;
};

void PrintTo(const SurrogateCase& c, std::ostream* os) { *os << c.in; }

class LoneSurrogateTest : public ::testing::TestWithParam<SurrogateCase> {};

TEST_P(LoneSurrogateTest, ReplacesOnlyUnpairedEscapes) {
  std::string text = GetParam().in;
  EXPECT_EQ(replace_lone_surrogate_escapes(text), GetParam().replaced);
  EXPECT_EQ(text, GetParam().out);
}

INSTANTIATE_TEST_SUITE_P(
    Escapes, LoneSurrogateTest,
    ::testing::Values(SurrogateCase{R"("\ud800")", R"("\uFFFD")", 1},
                      SurrogateCase{R"("\uD83D\uDE00")", R"("\uD83D\uDE00")", 0},
                      SurrogateCase{R"("\ud800\ud800\udc00")", R"("\uFFFD\ud800\udc00")", 1},
                      SurrogateCase{R"("\udc00\ud800")", R"("\uFFFD\uFFFD")", 2},
                      SurrogateCase{R"("\\ud800")", R"("\\ud800")", 0},
                      SurrogateCase{R"("\\\ud800")", R"("\\\uFFFD")", 1},
                      SurrogateCase{R"("\u00e9\ud8")", R"("\u00e9\ud8")", 0}));

TEST(JsonIdString, StringsAndNumbers) {
  EXPECT_EQ(json_id_string(nlohmann::json("a b")), "a b");
  EXPECT_EQ(json_id_string(nlohmann::json(40450848)), "40450848");
  EXPECT_EQ(json_id_string(nlohmann::json(-3)), "-3");
  EXPECT_EQ(json_id_string(nlohmann::json(2.0)), "2.0");
  EXPECT_EQ(json_id_string(nlohmann::json(nullptr)), std::nullopt);
  EXPECT_EQ(json_id_string(nlohmann::json(true)), std::nullopt);
  EXPECT_EQ(json_id_string(nlohmann::json::array()), std::nullopt);
}

class FormatNumberTest : public ::testing::TestWithParam<std::pair<double, std::string>> {};

// Expected strings are what Python's repr() prints for the same double.
TEST_P(FormatNumberTest, MatchesPythonRepr) {
  EXPECT_EQ(format_json_number(GetParam().first), GetParam().second);
}

INSTANTIATE_TEST_SUITE_P(
    Values, FormatNumberTest,
    ::testing::Values(std::pair{0.0, "0.0"}, std::pair{-0.0, "-0.0"}, std::pair{1.0, "1.0"},
                      std::pair{0.1, "0.1"}, std::pair{0.6031, "0.6031"},
                      std::pair{2489.5, "2489.5"}, std::pair{20039.0, "20039.0"},
                      std::pair{1.0 / 3, "0.3333333333333333"}, std::pair{0.0001, "0.0001"},
                      std::pair{0.00001, "1e-05"}, std::pair{1.0 / 30000, "3.3333333333333335e-05"},
                      std::pair{1e15, "1000000000000000.0"}, std::pair{1e16, "1e+16"},
                      std::pair{123456789.125, "123456789.125"}, std::pair{-2.5e-7, "-2.5e-07"},
                      std::pair{std::numeric_limits<double>::infinity(), "Infinity"},
                      std::pair{std::nan(""), "NaN"}));

}  // namespace
}  // namespace incidentmap
