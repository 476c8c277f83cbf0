#include "src/incidents/incident_layers.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

namespace incidentmap {
namespace {

EventRecord clash(const std::string& doc, int index, int fatalities) {
  EventRecord e;
  e.doc_id = doc;
  e.event_index = index;
  e.source = "Outlet " + doc;
  e.doc_date = CivilDate{2021, 6, 4};
  e.event_kind = "armed_clash";
  e.event_type = "Battles";
  e.sub_event_type = "Armed clash";
  e.date_start = e.date_end = CivilDate{2021, 6, 3};
  e.date_precision = 1;
  e.geonameid = 4004898;
  e.place_name = "Hermosillo";
  e.feature_code = "PPLA";
  e.country_code = "MX";
  e.admin1 = "Sonora";
  e.position = {-110.96, 29.10};
  e.geo_precision = 1;
  e.fatalities = fatalities;
  e.confidence = 0.5;
  return e;
}

TEST(IncidentLayers, BuildValidLayersWithLinkedMentions) {
  const auto incidents = merge_events({clash("b", 0, 5), clash("a", 0, 4)});
  ASSERT_EQ(incidents.size(), 1u);
  const Layer inc = make_incidents_layer(incidents);
  EXPECT_NO_THROW(validate_layer(inc));
  ASSERT_EQ(inc.features.size(), 1u);
  const auto field = [&](const Layer& l, const Feature& f, const std::string& name) {
    for (std::size_t i = 0; i < l.fields.size(); ++i)
      if (l.fields[i].name == name) return f.values[i];
    ADD_FAILURE() << "no field " << name;
    return FieldValue{};
  };
  const Feature& f = inc.features[0];
  EXPECT_EQ(f.id, 1);
  EXPECT_EQ(std::get<std::int64_t>(field(inc, f, "n_sources")), 2);
  EXPECT_EQ(std::get<std::int64_t>(field(inc, f, "fatalities_min")), 4);
  EXPECT_EQ(std::get<std::int64_t>(field(inc, f, "fatalities_max")), 5);
  EXPECT_EQ(std::get<std::vector<std::string>>(field(inc, f, "doc_ids")),
            (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(std::get<CivilDate>(field(inc, f, "event_date")), (CivilDate{2021, 6, 3}));
  EXPECT_TRUE(std::holds_alternative<std::monostate>(field(inc, f, "actor1")));

  MentionRecord placed;
  placed.doc_id = "a";
  placed.mention_index = 1;
  placed.surface = "Hermosillo";
  placed.role = "literal";
  placed.geonameid = 4004898;
  placed.position = {-110.96, 29.10};
  placed.event_indexes = {0};
  MentionRecord dateline = placed;
  dateline.mention_index = 0;
  dateline.role = "dateline";
  dateline.event_indexes = {};
  const Layer men = make_mentions_layer({placed, dateline}, incidents);
  EXPECT_NO_THROW(validate_layer(men));
  ASSERT_EQ(men.features.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(field(men, men.features[0], "incident_id")));
  EXPECT_EQ(std::get<std::string>(field(men, men.features[1], "incident_id")),
            incidents[0].incident_id);

  // The two steps map runs on two threads give the same layer.
  UnlinkedMentions unlinked = make_unlinked_mentions_layer({placed, dateline});
  ASSERT_EQ(unlinked.event_indexes.size(), 2u);
  EXPECT_EQ(unlinked.event_indexes[1], (std::vector<int>{0}));
  EXPECT_TRUE(std::holds_alternative<std::monostate>(unlinked.layer.features[1].values[10]));
  const Layer linked = link_mentions(std::move(unlinked), incidents);
  EXPECT_EQ(std::get<std::string>(field(linked, linked.features[1], "incident_id")),
            incidents[0].incident_id);
  EXPECT_TRUE(
      std::holds_alternative<std::monostate>(field(linked, linked.features[0], "incident_id")));

  const Layer src = make_sources_layer(incidents);
  EXPECT_NO_THROW(validate_layer(src));
  EXPECT_EQ(src.features.size(), 2u);
  EXPECT_NO_THROW(validate_layers({inc, men, src}));
}

struct CheckedRowsCase {
  const char* name;
  std::function<void(MentionRecord&)> mutate;
  bool checked;  // the finished layer's Layer::features_checked
};

void PrintTo(const CheckedRowsCase& c, std::ostream* os) { *os << c.name; }

class CheckedRowsTest : public ::testing::TestWithParam<CheckedRowsCase> {};

// Rows are checked where they are made; one bad row leaves the whole layer to validate_layer,
// which then names the problem.
TEST_P(CheckedRowsTest, MarkedOnlyWhenEveryRowIsClean) {
  MentionRecord good;
  good.doc_id = "a";
  good.surface = "Hermosillo";
  good.position = {-110.96, 29.10};
  MentionRecord other = good;
  other.doc_id = "b";
  GetParam().mutate(other);
  MentionLayerBuilder builder;
  builder.add(make_mention_rows({good}));
  builder.add(make_mention_rows({other}));
  const UnlinkedMentions built = builder.finish();
  EXPECT_EQ(built.layer.features_checked, GetParam().checked);
  if (GetParam().checked) {
    EXPECT_NO_THROW(validate_layer(built.layer));
  } else {
    EXPECT_THROW(validate_layer(built.layer), OutputError);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, CheckedRowsTest,
    ::testing::Values(
        CheckedRowsCase{"Clean", [](MentionRecord&) {}, true},
        CheckedRowsCase{"InvalidUtf8Surface",
                        [](MentionRecord& m) { m.surface = "Hermosillo\xff"; }, false},
        CheckedRowsCase{"NulInName", [](MentionRecord& m) { m.name = std::string("a\0b", 3); },
                        false},
        CheckedRowsCase{"LatitudeOutOfRange", [](MentionRecord& m) { m.position.lat_deg = 91.0; },
                        false},
        CheckedRowsCase{"NotANumberConfidence",
                        [](MentionRecord& m) { m.confidence = std::nan(""); }, false}),
    [](const auto& test) { return std::string(test.param.name); });

struct MentionOrderCase {
  const char* name;
  std::vector<std::pair<std::string, int>> arrival;  // (doc_id, mention_index) as given
};

void PrintTo(const MentionOrderCase& c, std::ostream* os) { *os << c.name; }

class MentionOrderTest : public ::testing::TestWithParam<MentionOrderCase> {};

// Whatever the order mentions arrive in, the layer lists them by document id, then position.
TEST_P(MentionOrderTest, ByDocumentThenPosition) {
  std::vector<MentionRecord> mentions;
  for (const auto& [doc, index] : GetParam().arrival) {
    MentionRecord m;
    m.doc_id = doc;
    m.mention_index = index;
    m.surface = doc + "/" + std::to_string(index);
    mentions.push_back(m);
  }
  const Layer layer = make_mentions_layer(mentions, {});
  std::vector<std::string> surfaces;
  for (const Feature& f : layer.features) surfaces.push_back(std::get<std::string>(f.values[3]));
  EXPECT_EQ(surfaces, (std::vector<std::string>{"a/0", "a/1", "a/2", "b/0", "b/1", "c/0"}));
}

// The rows map makes per document and collects in arrival order give the same layer: the same
// order, ids numbered from 1, each feature's event indexes beside it.
TEST_P(MentionOrderTest, BuilderFromBatchesMatchesOneCall) {
  MentionLayerBuilder builder;
  std::vector<MentionRecord> batch;
  const auto flush = [&] {
    builder.add(make_mention_rows(std::move(batch)));
    batch.clear();
  };
  for (const auto& [doc, index] : GetParam().arrival) {
    if (!batch.empty() && batch.back().doc_id != doc) flush();
    MentionRecord& m = batch.emplace_back();
    m.doc_id = doc;
    m.mention_index = index;
    m.surface = doc + "/" + std::to_string(index);
    m.event_indexes = {index};
  }
  flush();
  EXPECT_EQ(builder.size(), GetParam().arrival.size());
  const UnlinkedMentions built = builder.finish();
  EXPECT_EQ(builder.size(), 0u);
  std::vector<std::string> surfaces;
  std::vector<std::int64_t> ids;
  for (std::size_t i = 0; i < built.layer.features.size(); ++i) {
    const Feature& f = built.layer.features[i];
    surfaces.push_back(std::get<std::string>(f.values[3]));
    ids.push_back(f.id);
    // Each record carried its own mention index as its event index.
    EXPECT_EQ(built.event_indexes[i], (std::vector<int>{surfaces.back().back() - '0'}));
  }
  EXPECT_EQ(surfaces, (std::vector<std::string>{"a/0", "a/1", "a/2", "b/0", "b/1", "c/0"}));
  EXPECT_EQ(ids, (std::vector<std::int64_t>{1, 2, 3, 4, 5, 6}));
  EXPECT_NO_THROW(validate_layer(built.layer));
}

INSTANTIATE_TEST_SUITE_P(
    Arrivals, MentionOrderTest,
    ::testing::Values(
        MentionOrderCase{"Sorted", {{"a", 0}, {"a", 1}, {"a", 2}, {"b", 0}, {"b", 1}, {"c", 0}}},
        MentionOrderCase{"DocumentsShuffled",
                         {{"c", 0}, {"a", 0}, {"a", 1}, {"a", 2}, {"b", 0}, {"b", 1}}},
        MentionOrderCase{"DocumentSplit",
                         {{"b", 0}, {"a", 1}, {"a", 2}, {"c", 0}, {"b", 1}, {"a", 0}}},
        MentionOrderCase{"PositionsReversed",
                         {{"b", 1}, {"b", 0}, {"a", 2}, {"a", 1}, {"a", 0}, {"c", 0}}}),
    [](const auto& test) { return std::string(test.param.name); });

}  // namespace
}  // namespace incidentmap
