#pragma once
// The format-neutral layer model every writer takes: named layers of features with one
// geometry kind (a WGS84 point or none), a fixed field list with one type per field, and an
// optional QGIS style. The incident pipeline fills it; the writers never guess types.
// Rules (see docs/output-contract.md): names match ^[a-z_][a-z0-9_]{0,62}$ so that they are
// valid unquoted in every format and in PostgreSQL; every value is null or of its field's type;
// empty strings are written as null.

#include <compare>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "geo/lonlat.h"
#include "src/output/output_error.h"
#include "src/output/style.h"
#include "src/text/document.h"

namespace incidentmap {

enum class FieldType {
  Integer64,   // int64_t
  Real,        // finite double
  String,      // valid UTF-8 without NUL
  Date,        // CivilDate, written as ISO 8601 "YYYY-MM-DD"
  DateTime,    // UtcDateTime, written as ISO 8601 "YYYY-MM-DDTHH:MM:SSZ"
  StringList,  // native list where the format has one (GeoJSON, PostgreSQL text[]),
               // else a JSON array in a text field: ["a","b"]
  Boolean,     // bool; true/false in GeoJSON, 1/0 elsewhere
};

// "Integer64", "Real", ... (the names above), for messages and docs.
std::string_view field_type_name(FieldType type);

// An instant in UTC with whole seconds. Valid when date is valid, hour 0-23, minute 0-59,
// second 0-59 (no leap seconds).
struct UtcDateTime {
  CivilDate date;
  int hour = 0;
  int minute = 0;
  int second = 0;

  friend auto operator<=>(const UtcDateTime&, const UtcDateTime&) = default;
};

// "YYYY-MM-DDTHH:MM:SSZ". Precondition: valid, year 0-9999.
std::string format_iso_datetime(const UtcDateTime& t);

// Parses exactly the form format_iso_datetime writes; nullopt otherwise.
std::optional<UtcDateTime> parse_iso_datetime(std::string_view text);

struct FieldDef {
  std::string name;  // ^[a-z_][a-z0-9_]{0,62}$, unique in the layer, not a reserved name
  FieldType type = FieldType::String;
  int width = 0;  // String only: maximum length in characters where the format keeps one
                  // (GeoPackage TEXT(n), PostgreSQL VARCHAR(n)); 0 = unbounded
};

// Alternatives in the order of FieldType's natural C++ types; monostate is null.
using FieldValue = std::variant<std::monostate, std::int64_t, double, std::string, CivilDate,
                                UtcDateTime, bool, std::vector<std::string>>;

enum class GeometryKind {
  Point,  // every feature has a WGS84 point, or none (null geometry)
  None,   // attribute-only table (e.g. sources): no feature has a point
};

struct Feature {
  std::int64_t id = 0;               // >= 0, unique in the layer; the feature id in outputs
  std::optional<geo::LonLat> point;  // WGS84, lon first; nullopt = null geometry
  std::vector<FieldValue> values;    // one per field of the layer, in field order
};

struct Layer {
  std::string name;  // ^[a-z_][a-z0-9_]{0,62}$, unique among the layers of one output
  GeometryKind geometry = GeometryKind::Point;
  std::vector<FieldDef> fields;
  std::vector<Feature> features;    // written in this order
  std::optional<LayerStyle> style;  // Point layers only
  std::string description;          // stored where the format has a place for it
  // Set by a producer that made every feature pass feature_values_clean against `fields` and
  // `geometry` (map does it per document, on its worker threads); validate_layer then checks
  // only the ids, with the same result. Whoever changes a feature afterwards must check it
  // again or clear this.
  bool features_checked = false;
};

// Names the writers add themselves (feature id, geometry, CSV coordinate columns); fields may
// not use them. Compared case-insensitively.
const std::vector<std::string>& reserved_field_names();

// True for ^[a-z_][a-z0-9_]{0,62}$: safe unquoted in SQL, SQLite, CSV headers and XML.
bool is_valid_name(std::string_view name);

// A double-quoted identifier with embedded quotes doubled ("a""b"), as SQL and QGIS
// expressions both write field and table names. Validated names never need the doubling; it is
// a second line of defence.
std::string quote_identifier(std::string_view name);

// True when the value is null or holds the alternative of `type` (and, for Real, is finite).
bool value_matches(FieldType type, const FieldValue& value);

// True when validate_layer accepts `value` in a field of `type`: value_matches, plus valid
// dates and strings of valid UTF-8 without NUL. Throws nothing.
bool value_clean(FieldType type, const FieldValue& value);

// True when the feature passes every check validate_layer makes of one feature except those of
// its id: its point (none in a None layer; valid lon/lat), one value per field, each value
// matching its field's type, finite reals, valid dates, strings of valid UTF-8 without NUL.
// Throws nothing.
bool feature_values_clean(const std::vector<FieldDef>& fields, GeometryKind geometry,
                          const Feature& feature);

// Checks everything the writers rely on and throws OutputError naming the layer, feature id
// and field of the first problem: names, reserved and duplicate names, value count and types,
// non-finite reals, invalid dates, invalid UTF-8 or NUL in strings, invalid or misplaced
// points, negative or duplicate feature ids, style fields that do not exist or have the wrong
// type.
void validate_layer(const Layer& layer);
// The same with the features checked in blocks on `threads` threads (>= 1): same result, same
// error.
void validate_layer(const Layer& layer, int threads);

// validate_layer on each, plus unique layer names. Throws OutputError on an empty list.
void validate_layers(const std::vector<Layer>& layers, int threads = 1);

// Rounds v to the nearest multiple of step (a power of ten), returning the double closest to
// the decimal value, so that 19.4326081 with step 1e-6 prints as 19.432608.
double round_to_step(double v, double step);

}  // namespace incidentmap
