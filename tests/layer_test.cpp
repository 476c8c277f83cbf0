#include "src/output/layer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <string>

#include "tests/output_fixtures.h"

namespace incidentmap {
namespace {

using testing_fixtures::incident_layer;
using testing_fixtures::sources_layer;

struct NameCase {
  const char* name;
  bool valid;
};

class NameTest : public ::testing::TestWithParam<NameCase> {};

TEST_P(NameTest, MatchesThePattern) {
  EXPECT_EQ(is_valid_name(GetParam().name), GetParam().valid) << GetParam().name;
}

INSTANTIATE_TEST_SUITE_P(
    Table, NameTest,
    ::testing::Values(NameCase{"incidents", true}, NameCase{"_x1", true}, NameCase{"a", true},
                      NameCase{"a23456789012345678901234567890123456789012345678901234567890123",
                               true},  // 63 bytes
                      NameCase{"a234567890123456789012345678901234567890123456789012345678901234",
                               false},  // 64 bytes
                      NameCase{"", false}, NameCase{"1abc", false}, NameCase{"Incidents", false},
                      NameCase{"a-b", false}, NameCase{"a b", false},
                      NameCase{"x\"; DROP TABLE y; --", false}, NameCase{"é", false}));

struct QuoteCase {
  const char* name;
  const char* quoted;
};

class QuoteIdentifierTest : public ::testing::TestWithParam<QuoteCase> {};

TEST_P(QuoteIdentifierTest, DoublesEmbeddedQuotes) {
  EXPECT_EQ(quote_identifier(GetParam().name), GetParam().quoted);
}

INSTANTIATE_TEST_SUITE_P(
    Table, QuoteIdentifierTest,
    ::testing::Values(QuoteCase{"incidents", "\"incidents\""}, QuoteCase{"a\"b", "\"a\"\"b\""},
                      QuoteCase{"x\"; DROP TABLE y; --", "\"x\"\"; DROP TABLE y; --\""},
                      QuoteCase{"", "\"\""}));

TEST(ValueMatches, NullMatchesEveryTypeAndOthersOnlyTheirOwn) {
  const FieldType all[] = {FieldType::Integer64, FieldType::Real,     FieldType::String,
                           FieldType::Date,      FieldType::DateTime, FieldType::StringList,
                           FieldType::Boolean};
  const FieldValue values[] = {std::int64_t{1},
                               0.5,
                               std::string("x"),
                               CivilDate{2020, 1, 1},
                               UtcDateTime{{2020, 1, 1}, 1, 2, 3},
                               std::vector<std::string>{"a"},
                               true};
  for (std::size_t t = 0; t < 7; ++t) {
    EXPECT_TRUE(value_matches(all[t], FieldValue{})) << field_type_name(all[t]);
    for (std::size_t v = 0; v < 7; ++v) {
      EXPECT_EQ(value_matches(all[t], values[v]), t == v)
          << field_type_name(all[t]) << " value " << v;
    }
  }
  EXPECT_FALSE(value_matches(FieldType::Real, std::numeric_limits<double>::quiet_NaN()));
  EXPECT_FALSE(value_matches(FieldType::Real, HUGE_VAL));
}

struct InvalidCase {
  const char* label;
  std::function<void(Layer&)> mutate;
  const char* message;  // exact OutputError text
};

class ValidateLayerTest : public ::testing::TestWithParam<InvalidCase> {};

TEST_P(ValidateLayerTest, RejectsWithAPreciseMessage) {
  Layer layer = incident_layer();
  GetParam().mutate(layer);
  try {
    validate_layer(layer);
    FAIL() << "accepted: " << GetParam().label;
  } catch (const OutputError& e) {
    EXPECT_EQ(std::string(e.what()), GetParam().message);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, ValidateLayerTest,
    ::testing::Values(
        InvalidCase{"layer name", [](Layer& l) { l.name = "Incidents"; },
                    "layer 'Incidents': layer name must match ^[a-z_][a-z0-9_]{0,62}$"},
        InvalidCase{"field name", [](Layer& l) { l.fields[1].name = "event type"; },
                    "layer 'incidents': field name 'event type' must match "
                    "^[a-z_][a-z0-9_]{0,62}$"},
        InvalidCase{"reserved", [](Layer& l) { l.fields[0].name = "fid"; },
                    "layer 'incidents': field name 'fid' is reserved for the writers"},
        InvalidCase{"duplicate field", [](Layer& l) { l.fields[1].name = "event_id"; },
                    "layer 'incidents': duplicate field 'event_id'"},
        InvalidCase{"width on a number", [](Layer& l) { l.fields[3].width = 5; },
                    "layer 'incidents': field 'fatalities': width applies to String fields only "
                    "and is >= 0"},
        InvalidCase{"negative id", [](Layer& l) { l.features[0].id = -1; },
                    "layer 'incidents': feature -1: negative id"},
        InvalidCase{"duplicate id", [](Layer& l) { l.features[1].id = 1; },
                    "layer 'incidents': feature 1: duplicate id"},
        InvalidCase{"bad point",
                    [](Layer& l) {
                      l.features[0].point = geo::LonLat{181, 0};
                    },
                    "layer 'incidents': feature 1: invalid lon/lat"},
        InvalidCase{"too few values", [](Layer& l) { l.features[1].values.pop_back(); },
                    "layer 'incidents': feature 2: 8 values for 9 fields"},
        InvalidCase{"wrong type", [](Layer& l) { l.features[0].values[3] = std::string("12"); },
                    "layer 'incidents': feature 1, field 'fatalities': String value in a "
                    "Integer64 field"},
        InvalidCase{"int for real", [](Layer& l) { l.features[0].values[4] = std::int64_t{1}; },
                    "layer 'incidents': feature 1, field 'confidence': Integer64 value in a Real "
                    "field"},
        InvalidCase{
            "NaN",
            [](Layer& l) { l.features[0].values[4] = std::numeric_limits<double>::quiet_NaN(); },
            "layer 'incidents': feature 1, field 'confidence': non-finite real"},
        InvalidCase{"bad UTF-8", [](Layer& l) { l.features[0].values[8] = std::string("a\xff"); },
                    "layer 'incidents': feature 1, field 'notes': invalid UTF-8 or NUL byte"},
        InvalidCase{"NUL", [](Layer& l) { l.features[0].values[8] = std::string("a\0b", 3); },
                    "layer 'incidents': feature 1, field 'notes': invalid UTF-8 or NUL byte"},
        InvalidCase{"bad date",
                    [](Layer& l) {
                      l.features[0].values[2] = CivilDate{2021, 2, 29};
                    },
                    "layer 'incidents': feature 1, field 'event_date': invalid date"},
        InvalidCase{"bad time",
                    [](Layer& l) {
                      l.features[0].values[7] = UtcDateTime{{2021, 2, 1}, 24, 0, 0};
                    },
                    "layer 'incidents': feature 1, field 'updated': invalid date-time"},
        InvalidCase{"style field missing", [](Layer& l) { l.style->category_field = "kind"; },
                    "layer 'incidents': style category field 'kind' is not a String field"},
        InvalidCase{"style size not numeric", [](Layer& l) { l.style->size_field = "notes"; },
                    "layer 'incidents': style size field 'notes' is not a numeric field"},
        InvalidCase{"style on None layer",
                    [](Layer& l) {
                      l.geometry = GeometryKind::None;
                      for (Feature& f : l.features) f.point.reset();
                    },
                    "layer 'incidents': a style needs a Point layer"}),
    [](const auto& p) {
      std::string name = p.param.label;
      for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return name;
    });

// The fixture padded to 10,000 features (copies of its last one, ids increasing), so that the
// features are checked in several blocks on several threads.
Layer padded(Layer layer) {
  const Feature last = layer.features.back();
  for (std::int64_t id = last.id + 1; layer.features.size() < 10000; ++id) {
    layer.features.push_back(last);
    layer.features.back().id = id;
  }
  return layer;
}

std::string validation_error(const Layer& layer, int threads) {
  try {
    validate_layer(layer, threads);
  } catch (const OutputError& e) {
    return e.what();
  }
  return "accepted";
}

TEST_P(ValidateLayerTest, SameMessageOnSeveralThreads) {
  Layer layer = padded(incident_layer());
  GetParam().mutate(layer);
  EXPECT_EQ(validation_error(layer, 1), GetParam().message);
  EXPECT_EQ(validation_error(layer, 2), GetParam().message);
  EXPECT_EQ(validation_error(layer, 3), GetParam().message);
}

// A producer that checks its features with feature_values_clean and marks the layer only when
// all pass (Layer::features_checked) gets the same verdict and message: the marked layer has
// only id problems left, and an unmarked one is checked in full.
TEST_P(ValidateLayerTest, SameMessageWhenMarkedAsAProducerWould) {
  for (Layer layer : {incident_layer(), padded(incident_layer())}) {
    GetParam().mutate(layer);
    layer.features_checked = true;
    for (const Feature& f : layer.features)
      if (!feature_values_clean(layer.fields, layer.geometry, f)) layer.features_checked = false;
    EXPECT_EQ(validation_error(layer, 1), GetParam().message);
    EXPECT_EQ(validation_error(layer, 2), GetParam().message);
  }
}

// Problems deep in a large layer: the first in feature order is reported whatever the threads.
TEST(ValidateLayer, FirstProblemOfALargeLayerOnSeveralThreads) {
  const Layer clean = padded(incident_layer());
  EXPECT_EQ(validation_error(clean, 2), "accepted");
  Layer layer = clean;
  layer.features[9000].id = 7;
  layer.features[7000].values[8] = std::string("a\xff");
  const std::string expected = "layer 'incidents': feature " +
                               std::to_string(layer.features[7000].id) +
                               ", field 'notes': invalid UTF-8 or NUL byte";
  for (const int threads : {1, 2, 4}) EXPECT_EQ(validation_error(layer, threads), expected);
  layer.features[7000] = clean.features[7000];
  for (const int threads : {1, 2, 4}) {
    EXPECT_EQ(validation_error(layer, threads), "layer 'incidents': feature 7: duplicate id");
  }
}

TEST(ValidateLayer, AcceptsTheFixturesAndPointInNoneLayerIsRejected) {
  EXPECT_NO_THROW(validate_layers({incident_layer(), sources_layer()}));
  Layer sources = sources_layer();
  sources.features[0].point = geo::LonLat{1, 2};
  EXPECT_THROW(validate_layer(sources), OutputError);
}

TEST(ValidateLayers, RejectsDuplicateLayerNamesAndEmptyLists) {
  EXPECT_THROW(validate_layers({}), OutputError);
  try {
    validate_layers({sources_layer(), sources_layer()});
    FAIL();
  } catch (const OutputError& e) {
    EXPECT_STREQ(e.what(), "layer 'sources': duplicate layer name");
  }
}

TEST(IsoDateTime, FormatsAndParsesOnlyTheCanonicalForm) {
  EXPECT_EQ(format_iso_datetime({{2021, 3, 5}, 6, 7, 8}), "2021-03-05T06:07:08Z");
  EXPECT_EQ(parse_iso_datetime("2021-03-05T06:07:08Z"), (UtcDateTime{{2021, 3, 5}, 6, 7, 8}));
  EXPECT_FALSE(parse_iso_datetime("2021-03-05T06:07:08"));
  EXPECT_FALSE(parse_iso_datetime("2021-03-05 06:07:08Z"));
  EXPECT_FALSE(parse_iso_datetime("2021-03-05T24:00:00Z"));
  EXPECT_FALSE(parse_iso_datetime("2021-02-30T00:00:00Z"));
  EXPECT_FALSE(parse_iso_datetime("2021-03-05T06:7:08Z"));
}

}  // namespace
}  // namespace incidentmap
