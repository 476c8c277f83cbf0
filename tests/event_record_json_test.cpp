#include "src/incidents/event_record_json.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace incidentmap {
namespace {

EventRecord sample() {
  EventRecord r;
  r.doc_id = "doc-1";
  r.event_index = 2;
  r.source = "Example Wire";
  r.doc_date = CivilDate{2021, 6, 4};
  r.event_kind = "armed_clash";
  r.event_type = "Battles";
  r.sub_event_type = "Armed clash";
  r.date_start = r.date_end = CivilDate{2021, 6, 3};
  r.date_precision = 1;
  r.geonameid = 4004898;
  r.place_name = "Hermosillo";
  r.feature_code = "PPLA";
  r.country_code = "MX";
  r.admin1 = "Sonora";
  r.position = {-110.96132849, 29.1026};
  r.geo_precision = 1;
  r.fatalities = 4;
  r.fatalities_min = 4;
  r.evidence = "Gunmen and police \"clashed\" for hours.";
  r.confidence = 0.812345;
  return r;
}

TEST(EventRecordJson, WritesStableKeysAndRoundsCoordinates) {
  EXPECT_EQ(
      event_record_to_json(sample()),
      R"({"record":"event","doc_id":"doc-1","event_index":2,"source":"Example Wire","url":null,)"
      R"("doc_date":"2021-06-04","event_kind":"armed_clash","event_type":"Battles",)"
      R"("sub_event_type":"Armed clash","date_start":"2021-06-03","date_end":"2021-06-03",)"
      R"("date_precision":1,"geonameid":4004898,"place_name":"Hermosillo",)"
      R"("feature_code":"PPLA","country_code":"MX","admin1":"Sonora","admin2":null,)"
      R"("lon":-110.961328,"lat":29.1026,"geo_precision":1,"actor1":null,"actor2":null,)"
      R"("fatalities":4,"fatalities_min":4,"fatalities_max":null,)"
      R"("evidence":"Gunmen and police \"clashed\" for hours.","confidence":0.8123})");
}

TEST(EventRecordJson, RoundTrips) {
  const EventRecord r = event_record_from_json(event_record_to_json(sample()));
  EXPECT_EQ(r.doc_id, "doc-1");
  EXPECT_EQ(r.date_start, (CivilDate{2021, 6, 3}));
  EXPECT_EQ(r.fatalities, 4);
  EXPECT_EQ(r.fatalities_max, std::nullopt);
  EXPECT_DOUBLE_EQ(r.position.lon_deg, -110.961328);
  EXPECT_EQ(event_record_to_json(r),
            event_record_to_json(event_record_from_json(event_record_to_json(r))));
}

TEST(MentionRecordJson, RoundTripsThroughTheExtractReader) {
  MentionRecord m;
  m.doc_id = "doc-1";
  m.mention_index = 3;
  m.char_start = 10;
  m.char_end = 20;
  m.surface = "Hermosillo";
  m.role = "literal";
  m.geonameid = 4004898;
  m.name = "Hermosillo";
  m.position = {-110.96, 29.1};
  m.event_indexes = {0, 2};
  const std::string line = mention_record_to_json(m);
  EXPECT_EQ(line.rfind(R"({"record":"mention","doc_id":"doc-1","mention_index":3,)", 0), 0u);
  const ExtractRecord back = extract_record_from_json(line);
  ASSERT_TRUE(std::holds_alternative<MentionRecord>(back.value));
  const auto& got = std::get<MentionRecord>(back.value);
  EXPECT_EQ(got.event_indexes, (std::vector<int>{0, 2}));
  EXPECT_EQ(got.char_end, 20);
  EXPECT_EQ(mention_record_to_json(got), line);
  EXPECT_TRUE(std::holds_alternative<EventRecord>(
      extract_record_from_json(event_record_to_json(sample())).value));
  EXPECT_THROW(extract_record_from_json(R"({"record":"other"})"), RecordError);
  EXPECT_THROW(event_record_from_json(line), RecordError);
}

struct BadLine {
  const char* line;
  const char* message_part;
};

class EventRecordJsonBadTest : public ::testing::TestWithParam<BadLine> {};

TEST_P(EventRecordJsonBadTest, NamesTheProblem) {
  try {
    event_record_from_json(GetParam().line);
    FAIL() << "accepted " << GetParam().line;
  } catch (const RecordError& e) {
    EXPECT_NE(std::string(e.what()).find(GetParam().message_part), std::string::npos) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, EventRecordJsonBadTest,
    ::testing::Values(
        BadLine{"{", "not JSON"}, BadLine{"[1,2]", "not a JSON object"},
        BadLine{R"({"event_index":0,"event_type":"Battles","lon":1,"lat":2})", "\"doc_id\""},
        BadLine{R"({"doc_id":7,"event_index":0,"event_type":"Battles","lon":1,"lat":2})",
                "\"doc_id\" must be a string"},
        BadLine{R"({"doc_id":"d","event_index":"0","event_type":"Battles","lon":1,"lat":2})",
                "\"event_index\" must be an integer"},
        BadLine{R"({"doc_id":"d","event_index":0,"event_type":"Battles","lon":1,"lat":95})",
                "out of range"},
        BadLine{R"({"doc_id":"d","event_index":0,"event_type":"Battles","lon":1,"lat":2,)"
                R"("date_start":"2021-02-30"})",
                "\"date_start\" must be a date"},
        BadLine{R"({"doc_id":"d","event_index":0,"lon":1,"lat":2})", "\"event_type\""}));

// The writers append fields in nlohmann's compact form; the same record dumped through an
// ordered_json DOM (how they used to write) must give the same bytes, for awkward values:
// escapes and control characters, invalid UTF-8, empty and absent fields, negative and
// rounded numbers, large ids.
std::string mention_through_dom(const MentionRecord& r) {
  nlohmann::ordered_json j;
  const auto null_if_empty = [](const std::string& s) {
    return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s);
  };
  j["record"] = "mention";
  j["doc_id"] = r.doc_id;
  j["mention_index"] = r.mention_index;
  j["char_start"] = r.char_start;
  j["char_end"] = r.char_end;
  j["surface"] = r.surface;
  j["role"] = r.role;
  j["geonameid"] = r.geonameid;
  j["name"] = null_if_empty(r.name);
  j["feature_code"] = null_if_empty(r.feature_code);
  j["country_code"] = null_if_empty(r.country_code);
  j["admin1"] = null_if_empty(r.admin1);
  j["lon"] = std::round(r.position.lon_deg * 1e6) / 1e6;
  j["lat"] = std::round(r.position.lat_deg * 1e6) / 1e6;
  j["confidence"] = std::round(r.confidence * 1e4) / 1e4;
  j["event_indexes"] = r.event_indexes;
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

struct AwkwardMention {
  const char* surface;
  double lon_deg, lat_deg, confidence;
  std::int64_t geonameid;
  std::vector<int> event_indexes;
};

class MentionJsonBytes : public ::testing::TestWithParam<AwkwardMention> {};

TEST_P(MentionJsonBytes, SameAsTheDomDump) {
  const AwkwardMention& c = GetParam();
  MentionRecord m;
  m.doc_id = std::string("doc \"") + c.surface + "\"";
  m.mention_index = 7;
  m.char_start = 0;
  m.char_end = 123456789012;
  m.surface = c.surface;
  m.role = "literal";
  m.geonameid = c.geonameid;
  m.name = c.surface;
  m.country_code = "MX";
  m.position = {c.lon_deg, c.lat_deg};
  m.confidence = c.confidence;
  m.event_indexes = c.event_indexes;
  EXPECT_EQ(mention_record_to_json(m), mention_through_dom(m));
}

INSTANTIATE_TEST_SUITE_P(
    Table, MentionJsonBytes,
    ::testing::Values(
        AwkwardMention{"Culiacán", -107.38782, 24.79032, 0.8748, 4012176, {0}},
        AwkwardMention{"", 0.0, -0.0, 0.0, 0, {}},
        AwkwardMention{"a\"b\\c\n\t\x01\x1f", -180.0, 90.0, 1.0, 1, {0, 1, 2}},
        AwkwardMention{
            "bad \xff\xfe utf-8", 179.9999995, -89.99999949, 0.99995, 9223372036854775807LL, {-1}},
        AwkwardMention{"日本 – “quoted”", 1e-7, -1e-7, 1e-5, 12, {3, 4}},
        AwkwardMention{"x", -110.96132849, 29.1026, 0.812345, 4004898, {}}));

TEST(EventRecordJson, WritesNullForEveryAbsentField) {
  EventRecord r;
  r.doc_id = "d";
  EXPECT_EQ(event_record_to_json(r),
            R"({"record":"event","doc_id":"d","event_index":0,"source":null,"url":null,)"
            R"("doc_date":null,"event_kind":"","event_type":"","sub_event_type":"",)"
            R"("date_start":null,"date_end":null,"date_precision":5,"geonameid":0,)"
            R"("place_name":"","feature_code":null,"country_code":null,"admin1":null,)"
            R"("admin2":null,"lon":0.0,"lat":0.0,"geo_precision":6,"actor1":null,"actor2":null,)"
            R"("fatalities":null,"fatalities_min":null,"fatalities_max":null,"evidence":"",)"
            R"("confidence":0.0})");
}

}  // namespace
}  // namespace incidentmap
