#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "gazetteer/importers.h"
#include "tests/import_test_util.h"

namespace incidentmap::gaz {
namespace {

using testing::BadRowCase;
using testing::TempFile;

using Entry = std::pair<std::int64_t, AltName>;

std::vector<Entry> import_all(const std::filesystem::path& path, ImportReport& report) {
  std::vector<Entry> out;
  report = import_alternate_names(
      path, [&](std::int64_t id, AltName&& alt) { out.emplace_back(id, std::move(alt)); });
  return out;
}

AltName alt(const char* name, const char* lang, bool preferred = false, bool is_short = false,
            bool colloquial = false, bool historic = false) {
  return AltName{name, lang, preferred, is_short, colloquial, historic};
}

TEST(AlternateNames, ImportsNamesAndSkipsCodeLanguagesSilently) {
  ImportReport report;
  const std::vector<Entry> entries =
      import_all(testing::fixture("alternate_names_sample.txt"), report);
  EXPECT_EQ(report.issue_count(), 0) << testing::describe(report);
  EXPECT_EQ(report.rows_read, 6);
  EXPECT_EQ(report.rows_imported, 4);
  EXPECT_EQ(report.rows_skipped, 0);
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(entries[0], (Entry{100001, alt("Culiacan City", "en", true)}));
  EXPECT_EQ(entries[1], (Entry{100001, alt("CUL", "", false, true)}));
  EXPECT_EQ(entries[2], (Entry{100001, alt("Culiacán Rosales", "es", true, true, true, true)}));
  EXPECT_EQ(entries[3], (Entry{100002, alt("RV", "abbr")}));  // 8-column layout
}

class CodeLanguageTest : public ::testing::TestWithParam<const char*> {};

TEST_P(CodeLanguageTest, IsReadButNotImported) {
  TempFile file(std::string("1\t2\t") + GetParam() + "\tSOMETHING\t\t\t\t\t\t\n");
  ImportReport report;
  EXPECT_TRUE(import_all(file.path(), report).empty());
  EXPECT_EQ(report.rows_read, 1);
  EXPECT_EQ(report.issue_count(), 0);
}

INSTANTIATE_TEST_SUITE_P(Table, CodeLanguageTest,
                         ::testing::Values("link", "wkdt", "post", "iata", "icao", "faac",
                                           "fr_1793", "unlc"));

BadRowCase bad(const char* label, const std::string& row, const char* reason) {
  return BadRowCase{label, "1\t2\ten\tGood\t\t\t\t\t\t\n" + row + "\n", 2, reason};
}

class AlternateNamesBadRowTest : public ::testing::TestWithParam<BadRowCase> {};

TEST_P(AlternateNamesBadRowTest, IsReportedAndSkipped) {
  TempFile file(GetParam().content);
  ImportReport report;
  import_all(file.path(), report);
  testing::expect_one_bad_row(report, GetParam(), 1);
}

INSTANTIATE_TEST_SUITE_P(
    Table, AlternateNamesBadRowTest,
    ::testing::Values(
        bad("nine_columns", "3\t2\ten\tName\t\t\t\t\t", "9 columns, expected 8 or 10"),
        bad("four_columns", "3\t2\ten\tName", "4 columns, expected 8 or 10"),
        bad("bad_alt_id", "x\t2\ten\tName\t\t\t\t", "alternateNameId 'x' is not a number"),
        bad("zero_geonameid", "3\t0\ten\tName\t\t\t\t", "geonameid '0' is not positive"),
        bad("empty_name", "3\t2\ten\t\t\t\t\t", "empty name"),
        bad("bad_flag", "3\t2\ten\tName\tyes\t\t\t", "isPreferredName 'yes' is not 1 or empty"),
        bad("bad_historic", "3\t2\ten\tName\t\t\t\t2", "isHistoric '2' is not 1 or empty"),
        bad("duplicate_id", "1\t5\ten\tOther\t\t\t\t", "duplicate alternateNameId 1")),
    testing::LabelName());

TEST(AlternateNames, GzipCrlfBomAndNoFinalNewline) {
  TempFile file(
      "\xEF\xBB\xBF"
      "1\t2\tde\tName\t\t\t\t\r\n3\t4\tfr\tNom\t0\t\t\t\t\t",
      true);
  ImportReport report;
  const std::vector<Entry> entries = import_all(file.path(), report);
  EXPECT_EQ(report.issue_count(), 0) << testing::describe(report);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0], (Entry{2, alt("Name", "de")}));
  EXPECT_EQ(entries[1], (Entry{4, alt("Nom", "fr")}));
}

}  // namespace
}  // namespace incidentmap::gaz
