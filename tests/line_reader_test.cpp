#include "gazetteer/line_reader.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "tests/import_test_util.h"

namespace incidentmap::gaz {
namespace {

using testing::TempFile;

std::vector<std::string> read_lines(const std::filesystem::path& path, std::size_t chunk = 64) {
  LineReader reader(path, chunk);
  std::vector<std::string> lines;
  std::string_view line;
  while (reader.next(line)) {
    lines.emplace_back(line);
    EXPECT_EQ(reader.line_number(), static_cast<std::int64_t>(lines.size()));
  }
  EXPECT_EQ(reader.error(), "");
  return lines;
}

struct LinesCase {
  const char* label;
  std::string content;
  std::vector<std::string> lines;
};

class LineReaderTest : public ::testing::TestWithParam<std::tuple<LinesCase, bool>> {};

TEST_P(LineReaderTest, SplitsLines) {
  const auto& [c, gzip] = GetParam();
  TempFile file(c.content, gzip);
  EXPECT_EQ(read_lines(file.path()), c.lines);
  EXPECT_EQ(read_lines(file.path(), LineReader::kDefaultChunkBytes), c.lines);
}

const std::string kLongLine(300, 'x');  // longer than the 64-byte test chunk

INSTANTIATE_TEST_SUITE_P(
    Table, LineReaderTest,
    ::testing::Combine(
        ::testing::Values(
            LinesCase{"lf", "a\nbb\n", {"a", "bb"}}, LinesCase{"crlf", "a\r\nbb\r\n", {"a", "bb"}},
            LinesCase{"no_final_newline", "a\nbb", {"a", "bb"}},
            LinesCase{"crlf_no_final_newline", "a\r\nbb\r", {"a", "bb"}},
            LinesCase{"bom",
                      "\xEF\xBB\xBF"
                      "a\nb\n",
                      {"a", "b"}},
            LinesCase{"bom_only", "\xEF\xBB\xBF", {}}, LinesCase{"empty", "", {}},
            LinesCase{"blank_lines_kept", "\n\na\n", {"", "", "a"}},
            LinesCase{"inner_cr_kept", "a\rb\n", {"a\rb"}}, LinesCase{"short", "ab", {"ab"}},
            LinesCase{"long_line_spans_chunks", "a\n" + kLongLine + "\nb", {"a", kLongLine, "b"}}),
        ::testing::Bool()),
    [](const auto& param) {
      return std::string(std::get<0>(param.param).label) + (std::get<1>(param.param) ? "_gz" : "");
    });

TEST(LineReader, CountsBytesAndThrowsOnMissingFile) {
  TempFile file("abc\ndef\n");
  LineReader reader(file.path());
  std::string_view line;
  while (reader.next(line)) {
  }
  EXPECT_EQ(reader.bytes_read(), 8u);
  EXPECT_THROW(LineReader("/nonexistent/dir/file.txt"), ImportError);
  EXPECT_THROW(LineReader(std::filesystem::path(::testing::TempDir())), ImportError);
}

TEST(LineReader, TruncatedGzipIsAnErrorNotACrash) {
  std::string lines;
  for (int i = 0; i < 2000; ++i) lines += "line " + std::to_string(i) + " of some text\n";
  TempFile whole(lines, true);
  std::string bytes = read_whole_file(whole.path());  // decompressed, sanity check
  ASSERT_EQ(bytes, lines);
  std::ifstream in(whole.path(), std::ios::binary);
  std::string compressed((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  TempFile cut(compressed.substr(0, compressed.size() / 2), false, ".gz");
  LineReader reader(cut.path());
  std::string_view line;
  std::int64_t count = 0;
  while (reader.next(line)) ++count;
  EXPECT_LT(count, 2000);
  EXPECT_NE(reader.error(), "");
  EXPECT_THROW(read_whole_file(cut.path()), ImportError);
}

TEST(SplitFields, CountsAllFieldsButStoresOnlyWhatFits) {
  std::array<std::string_view, 3> f;
  EXPECT_EQ(split_fields("a\tbb\t\tlast field with spaces and more than sixteen bytes", '\t', f),
            4u);
  EXPECT_EQ(f[0], "a");
  EXPECT_EQ(f[1], "bb");
  EXPECT_EQ(f[2], "");
  EXPECT_EQ(split_fields("", '\t', f), 1u);
  EXPECT_EQ(f[0], "");
  EXPECT_EQ(split_fields("0123456789abcdefghij,x", ',', f), 2u);
  EXPECT_EQ(f[0], "0123456789abcdefghij");
  EXPECT_EQ(f[1], "x");
  EXPECT_EQ(split_fields("abcdefghijk,", ',', f), 2u);
  EXPECT_EQ(f[1], "");
}

TEST(ForEachPiece, DropsEmptyPiecesAndTrims) {
  std::vector<std::string> pieces;
  for_each_piece(" a, b ,,c,", ',', true, [&](std::string_view p) { pieces.emplace_back(p); });
  EXPECT_EQ(pieces, (std::vector<std::string>{"a", "b", "c"}));
  pieces.clear();
  for_each_piece(" a| b", '|', false, [&](std::string_view p) { pieces.emplace_back(p); });
  EXPECT_EQ(pieces, (std::vector<std::string>{" a", " b"}));
  pieces.clear();
  for_each_piece("", ',', true, [&](std::string_view p) { pieces.emplace_back(p); });
  EXPECT_TRUE(pieces.empty());
}

struct NumberCase {
  const char* text;
  std::optional<double> value;
};

class ParseDoubleTest : public ::testing::TestWithParam<NumberCase> {};

TEST_P(ParseDoubleTest, IsStrict) { EXPECT_EQ(parse_double(GetParam().text), GetParam().value); }

INSTANTIATE_TEST_SUITE_P(
    Table, ParseDoubleTest,
    ::testing::Values(NumberCase{"12", 12.0}, NumberCase{"-3.25", -3.25}, NumberCase{"1e3", 1000.0},
                      NumberCase{"", std::nullopt}, NumberCase{" 1", std::nullopt},
                      NumberCase{"1 ", std::nullopt}, NumberCase{"+1", std::nullopt},
                      NumberCase{"1,5", std::nullopt}, NumberCase{"nan", std::nullopt},
                      NumberCase{"inf", std::nullopt}, NumberCase{"-inf", std::nullopt},
                      NumberCase{"1e999", std::nullopt}, NumberCase{"abc", std::nullopt}));

TEST(ParseInt64, IsStrict) {
  EXPECT_EQ(parse_int64("123"), 123);
  EXPECT_EQ(parse_int64("-7"), -7);
  EXPECT_EQ(parse_int64("9000000000"), 9'000'000'000);
  EXPECT_EQ(parse_int64(""), std::nullopt);
  EXPECT_EQ(parse_int64("12a"), std::nullopt);
  EXPECT_EQ(parse_int64("1.0"), std::nullopt);
  EXPECT_EQ(parse_int64("99999999999999999999"), std::nullopt);
}

TEST(FieldChecks, ExplainWhatIsWrong) {
  std::string reason;
  EXPECT_EQ(parse_positive_id("0", "geonameid", reason), std::nullopt);
  EXPECT_EQ(reason, "geonameid '0' is not positive");
  EXPECT_EQ(parse_positive_id("x1", "geonameid", reason), std::nullopt);
  EXPECT_EQ(reason, "geonameid 'x1' is not a number");
  EXPECT_EQ(parse_count("", "population", reason), 0);
  EXPECT_EQ(parse_count("-1", "population", reason), std::nullopt);
  EXPECT_EQ(reason, "population '-1' is negative");
  EXPECT_EQ(parse_lat_lon("10.5", "-20.25", reason), (geo::LonLat{-20.25, 10.5}));
  EXPECT_EQ(parse_lat_lon("90.01", "0", reason), std::nullopt);
  EXPECT_EQ(reason, "latitude '90.01' out of range");
  EXPECT_EQ(parse_lat_lon("0", "-180.5", reason), std::nullopt);
  EXPECT_EQ(reason, "longitude '-180.5' out of range");
  EXPECT_EQ(parse_lat_lon("NaN", "0", reason), std::nullopt);
  EXPECT_EQ(reason, "latitude 'NaN' is not a number");
  EXPECT_EQ(parse_feature_class("P", reason), 'P');
  EXPECT_EQ(parse_feature_class("", reason), std::nullopt);
  EXPECT_EQ(reason, "empty feature class");
  EXPECT_EQ(parse_feature_class("X", reason), std::nullopt);
  EXPECT_EQ(reason, "unknown feature class 'X'");
  EXPECT_EQ(parse_feature_class("PP", reason), std::nullopt);
}

struct Utf8Case {
  const char* label;
  std::string text;
  bool valid;
  std::string replaced;
};

class Utf8Test : public ::testing::TestWithParam<Utf8Case> {};

TEST_P(Utf8Test, ValidatesAndReplaces) {
  EXPECT_EQ(is_valid_utf8(GetParam().text), GetParam().valid);
  EXPECT_EQ(replace_invalid_utf8(GetParam().text), GetParam().replaced);
}

INSTANTIATE_TEST_SUITE_P(
    Table, Utf8Test,
    ::testing::Values(Utf8Case{"ascii", "plain ascii text longer than sixteen", true,
                               "plain ascii text longer than sixteen"},
                      Utf8Case{"two_byte", "Culiacán", true, "Culiacán"},
                      Utf8Case{"three_byte", "東京 after a long ascii run......", true,
                               "東京 after a long ascii run......"},
                      Utf8Case{"four_byte", "\xF0\x9F\x98\x80", true, "\xF0\x9F\x98\x80"},
                      Utf8Case{"lone_continuation", "a\x80z", false, "a\xEF\xBF\xBDz"},
                      Utf8Case{"latin1_after_long_ascii", "0123456789abcdefghij\xE9", false,
                               "0123456789abcdefghij\xEF\xBF\xBD"},
                      Utf8Case{"overlong", "\xC0\xAF", false, "\xEF\xBF\xBD\xEF\xBF\xBD"},
                      Utf8Case{"surrogate", "\xED\xA0\x80", false,
                               "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
                      Utf8Case{"above_max", "\xF4\x90\x80\x80", false,
                               "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
                      Utf8Case{"truncated", "ab\xE6\x9D", false, "ab\xEF\xBF\xBD\xEF\xBF\xBD"}),
    testing::LabelName());

TEST(QuoteField, CutsLongFieldsAtCharacterBoundaries) {
  EXPECT_EQ(quote_field("abc"), "'abc'");
  const std::string long_field = std::string(39, 'a') + "é" + "tail";
  EXPECT_EQ(quote_field(long_field), "'" + std::string(39, 'a') + "...'");
}

TEST(IdSet, FindsRepeatsInBothRanges) {
  IdSet ids;
  EXPECT_TRUE(ids.insert(5));
  EXPECT_FALSE(ids.insert(5));
  EXPECT_TRUE(ids.insert(12'000'000));
  EXPECT_FALSE(ids.insert(12'000'000));
  EXPECT_TRUE(ids.insert(9'000'000'001));
  EXPECT_FALSE(ids.insert(9'000'000'001));
  EXPECT_TRUE(ids.insert(6));
}

TEST(ForEachRow, SkipsBlankAndCommentLinesAndRepairsUtf8) {
  TempFile file("# comment\n\nfirst\nbad \xFF byte\n");
  ImportReport report = make_report(file.path(), "test");
  std::vector<std::pair<std::string, std::int64_t>> rows;
  for_each_row(file.path(), true, report,
               [&](std::string_view line, std::int64_t no) { rows.emplace_back(line, no); });
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::pair<std::string, std::int64_t>{"first", 3}));
  EXPECT_EQ(rows[1], (std::pair<std::string, std::int64_t>{"bad \xEF\xBF\xBD byte", 4}));
  EXPECT_EQ(report.rows_read, 2);
  ASSERT_EQ(report.issues.size(), 1u);
  EXPECT_EQ(report.issues[0].line, 4);
  EXPECT_EQ(report.issues[0].reason, "invalid UTF-8 replaced by U+FFFD");
  EXPECT_EQ(report.issues[0].file, file.path().string());
}

TEST(ReadJsonFile, ReportsSyntaxErrorsAsImportErrors) {
  TempFile bad("{\"a\": [1, 2", false, ".json");
  ImportReport report = make_report(bad.path(), "test");
  EXPECT_THROW(read_json_file(bad.path(), report), ImportError);
  TempFile good("[{\"name\": \"x\xFFy\"}]", true, ".json");
  const nlohmann::json value = read_json_file(good.path(), report);
  EXPECT_EQ(value[0]["name"], "x\xEF\xBF\xBDy");
  EXPECT_EQ(report.issue_count(), 1);
}

}  // namespace
}  // namespace incidentmap::gaz
