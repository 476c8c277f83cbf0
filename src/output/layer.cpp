#include "src/output/layer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <set>
#include <unordered_set>

#include "src/batch/ordered_pool.h"
#include "src/text/utf8.h"

namespace incidentmap {

namespace {

[[noreturn]] void reject(const Layer& layer, const std::string& what) {
  throw OutputError("layer '" + layer.name + "': " + what);
}

bool is_valid_date(const CivilDate& d) {
  // What parse_iso_date(format_iso_date(d)) accepts (it is the authority on which days exist),
  // without the text: a month 1-12 prints as two digits, and then the day must exist.
  if (d.year < 0 || d.year > 9999 || d.month < 1 || d.month > 12 || d.day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = d.year % 4 == 0 && (d.year % 100 != 0 || d.year % 400 == 0);
  return d.day <= kDays[d.month - 1] + (d.month == 2 && leap ? 1 : 0);
}

bool is_valid_datetime(const UtcDateTime& t) {
  return is_valid_date(t.date) && t.hour >= 0 && t.hour <= 23 && t.minute >= 0 && t.minute <= 59 &&
         t.second >= 0 && t.second <= 59;
}

bool is_valid_text(const std::string& s) { return utf8::is_valid(s); }

// Why a value of the right alternative is still unusable; nullptr when it is fine. A C string
// rather than a std::string: this runs for every value of every feature.
const char* value_problem(const FieldValue& value) {
  switch (value.index()) {
    case 2:
      return std::isfinite(std::get<double>(value)) ? nullptr : "non-finite real";
    case 3:
      return is_valid_text(std::get<std::string>(value)) ? nullptr : "invalid UTF-8 or NUL byte";
    case 4:
      return is_valid_date(std::get<CivilDate>(value)) ? nullptr : "invalid date";
    case 5:
      return is_valid_datetime(std::get<UtcDateTime>(value)) ? nullptr : "invalid date-time";
    case 7:
      for (const std::string& s : std::get<std::vector<std::string>>(value)) {
        if (!is_valid_text(s)) return "list item with invalid UTF-8 or NUL byte";
      }
      return nullptr;
    default:
      return nullptr;
  }
}

std::string_view alternative_name(const FieldValue& value) {
  static constexpr std::string_view kNames[] = {"null", "Integer64", "Real",    "String",
                                                "Date", "DateTime",  "Boolean", "StringList"};
  return kNames[value.index()];
}

const FieldDef* find_field(const Layer& layer, const std::string& name) {
  for (const FieldDef& f : layer.fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

void validate_style(const Layer& layer) {
  const LayerStyle& style = *layer.style;
  if (layer.geometry != GeometryKind::Point) reject(layer, "a style needs a Point layer");
  if (style.name.empty() || style.name.size() > 30) reject(layer, "style name must be 1-30 bytes");
  const FieldDef* cat = find_field(layer, style.category_field);
  if (cat == nullptr || cat->type != FieldType::String) {
    reject(layer, "style category field '" + style.category_field + "' is not a String field");
  }
  std::set<std::string> values;
  for (const StyleCategory& c : style.categories) {
    if (c.value.empty() || !values.insert(c.value).second) {
      reject(layer, "style category values must be non-empty and unique ('" + c.value + "')");
    }
  }
  if (!style.size_field.empty()) {
    const FieldDef* size = find_field(layer, style.size_field);
    if (size == nullptr || (size->type != FieldType::Integer64 && size->type != FieldType::Real)) {
      reject(layer, "style size field '" + style.size_field + "' is not a numeric field");
    }
  }
  if (!(style.size_min_mm > 0 && style.size_min_mm <= style.size_max_mm &&
        std::isfinite(style.size_max_mm) && style.size_domain_max > 0 &&
        std::isfinite(style.size_domain_max))) {
    reject(layer, "style sizes must satisfy 0 < min <= max and domain max > 0");
  }
}

}  // namespace

std::string_view field_type_name(FieldType type) {
  switch (type) {
    case FieldType::Integer64:
      return "Integer64";
    case FieldType::Real:
      return "Real";
    case FieldType::String:
      return "String";
    case FieldType::Date:
      return "Date";
    case FieldType::DateTime:
      return "DateTime";
    case FieldType::StringList:
      return "StringList";
    case FieldType::Boolean:
      return "Boolean";
  }
  return "?";
}

std::string format_iso_datetime(const UtcDateTime& t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", format_iso_date(t.date).c_str(), t.hour,
                t.minute, t.second);
  return buf;
}

std::optional<UtcDateTime> parse_iso_datetime(std::string_view text) {
  if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != 'Z') {
    return std::nullopt;
  }
  const auto date = parse_iso_date(text.substr(0, 10));
  if (!date) return std::nullopt;
  auto two = [&](std::size_t at) -> int {
    const char a = text[at], b = text[at + 1];
    if (a < '0' || a > '9' || b < '0' || b > '9') return -1;
    return (a - '0') * 10 + (b - '0');
  };
  UtcDateTime t{*date, two(11), two(14), two(17)};
  if (!is_valid_datetime(t)) return std::nullopt;
  return t;
}

const std::vector<std::string>& reserved_field_names() {
  static const std::vector<std::string> kReserved = {"id",  "fid", "geom", "geometry",
                                                     "wkt", "lon", "lat",  "ogc_fid"};
  return kReserved;
}

bool is_valid_name(std::string_view name) {
  if (name.empty() || name.size() > 63) return false;
  auto lower_or_underscore = [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; };
  if (!lower_or_underscore(name[0])) return false;
  for (char c : name) {
    if (!lower_or_underscore(c) && !(c >= '0' && c <= '9')) return false;
  }
  return true;
}

std::string quote_identifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

bool value_matches(FieldType type, const FieldValue& value) {
  // FieldValue's alternative index for each FieldType, in FieldType order.
  static constexpr std::size_t kAlternative[] = {1, 2, 3, 4, 5, 7, 6};
  if (value.index() == 0) return true;
  if (value.index() != kAlternative[static_cast<std::size_t>(type)]) return false;
  const auto* d = std::get_if<double>(&value);
  return d == nullptr || std::isfinite(*d);
}

bool value_clean(FieldType type, const FieldValue& value) {
  return value_problem(value) == nullptr && value_matches(type, value);
}

bool feature_values_clean(const std::vector<FieldDef>& fields, GeometryKind geometry,
                          const Feature& feature) {
  if (feature.point && (geometry == GeometryKind::None || !geo::is_valid(*feature.point))) {
    return false;
  }
  if (feature.values.size() != fields.size()) return false;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (!value_clean(fields[i].type, feature.values[i])) return false;
  }
  return true;
}

namespace {

void validate_fields(const Layer& layer) {
  if (!is_valid_name(layer.name)) {
    reject(layer, "layer name must match ^[a-z_][a-z0-9_]{0,62}$");
  }
  std::set<std::string> names;
  for (const FieldDef& f : layer.fields) {
    if (!is_valid_name(f.name)) {
      reject(layer, "field name '" + f.name + "' must match ^[a-z_][a-z0-9_]{0,62}$");
    }
    for (const std::string& r : reserved_field_names()) {
      if (f.name == r) reject(layer, "field name '" + f.name + "' is reserved for the writers");
    }
    if (!names.insert(f.name).second) reject(layer, "duplicate field '" + f.name + "'");
    if (f.width < 0 || (f.width > 0 && f.type != FieldType::String)) {
      reject(layer, "field '" + f.name + "': width applies to String fields only and is >= 0");
    }
  }
}

// Throws at the first problem in feature order.
void validate_features(const Layer& layer) {
  // Ids are checked for repeats through a set only once they stop increasing (the pipeline's
  // layers number their features 1, 2, 3...), and messages are built only on failure.
  std::unordered_set<std::int64_t> ids;
  bool increasing = true;
  std::int64_t last_id = -1;
  for (const Feature& feature : layer.features) {
    const auto where = [&] { return "feature " + std::to_string(feature.id); };
    if (feature.id < 0) reject(layer, where() + ": negative id");
    if (increasing && feature.id <= last_id) {
      increasing = false;
      for (const Feature& earlier : layer.features) {
        if (&earlier == &feature) break;
        ids.insert(earlier.id);
      }
    }
    last_id = feature.id;
    if (!increasing && !ids.insert(feature.id).second) reject(layer, where() + ": duplicate id");
    if (feature.point) {
      if (layer.geometry == GeometryKind::None) reject(layer, where() + ": point in a None layer");
      if (!geo::is_valid(*feature.point)) reject(layer, where() + ": invalid lon/lat");
    }
    if (feature.values.size() != layer.fields.size()) {
      reject(layer, where() + ": " + std::to_string(feature.values.size()) + " values for " +
                        std::to_string(layer.fields.size()) + " fields");
    }
    for (std::size_t i = 0; i < layer.fields.size(); ++i) {
      const FieldDef& f = layer.fields[i];
      const FieldValue& v = feature.values[i];
      if (const char* problem = value_problem(v)) {
        reject(layer, where() + ", field '" + f.name + "': " + problem);
      }
      if (!value_matches(f.type, v)) {
        reject(layer, where() + ", field '" + f.name + "': " + std::string(alternative_name(v)) +
                          " value in a " + std::string(field_type_name(f.type)) + " field");
      }
    }
  }
}

// Whether features [begin, end) pass every check of validate_features, with ids increasing
// from the feature before `begin`. Throws nothing: a false is followed by validate_features,
// which finds the problem and names it. With `ids_only` (Layer::features_checked) the points
// and values are taken as checked.
bool features_clean(const Layer& layer, std::size_t begin, std::size_t end, bool ids_only) {
  for (std::size_t n = begin; n < end; ++n) {
    const Feature& feature = layer.features[n];
    if (feature.id < 0 || (n > 0 && feature.id <= layer.features[n - 1].id)) return false;
    if (!ids_only && !feature_values_clean(layer.fields, layer.geometry, feature)) return false;
  }
  return true;
}

// The features checked in blocks on `threads` threads; any block that is not clean, and every
// layer on one thread, goes through validate_features, so the error is the one it gives.
void validate_features(const Layer& layer, int threads) {
  constexpr std::size_t kBlock = 4096;
  const std::size_t count = layer.features.size();
  if (layer.features_checked) {
    // Points and values were checked where the features were made; the ids remain.
    if (!features_clean(layer, 0, count, true)) validate_features(layer);
    return;
  }
  if (threads <= 1 || count <= kBlock) return validate_features(layer);
  std::size_t next = 0;
  bool clean = true;
  ordered_map(
      [&]() -> std::optional<std::size_t> {
        if (next >= count || !clean) return std::nullopt;
        const std::size_t begin = next;
        next = std::min(count, next + kBlock);
        return begin;
      },
      [&](std::size_t begin) {
        return features_clean(layer, begin, std::min(count, begin + kBlock), false);
      },
      [&](OrderedResult<std::size_t, bool>&& block) {
        clean = clean && !block.error && *block.output;
      },
      OrderedPoolOptions{threads, 0, nullptr});
  if (!clean) validate_features(layer);
}

}  // namespace

void validate_layer(const Layer& layer) { validate_layer(layer, 1); }

void validate_layer(const Layer& layer, int threads) {
  validate_fields(layer);
  validate_features(layer, threads);
  if (layer.style) validate_style(layer);
}

void validate_layers(const std::vector<Layer>& layers, int threads) {
  if (layers.empty()) throw OutputError("no layers to write");
  std::set<std::string> names;
  for (const Layer& layer : layers) {
    validate_layer(layer, threads);
    if (!names.insert(layer.name).second) reject(layer, "duplicate layer name");
  }
}

double round_to_step(double v, double step) {
  // Dividing by the exact inverse (10^n) avoids the representation error of step itself.
  const double inverse = std::round(1.0 / step);
  return std::round(v * inverse) / inverse;
}

}  // namespace incidentmap
