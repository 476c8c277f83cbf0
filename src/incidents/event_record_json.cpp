#include "src/incidents/event_record_json.h"

#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "src/io/json_text.h"

namespace incidentmap {

namespace {

using Json = nlohmann::ordered_json;

double round6(double v) { return std::round(v * 1e6) / 1e6; }

const Json* field(const Json& j, const char* key, bool required) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    if (required) throw RecordError(std::string("missing field \"") + key + "\"");
    return nullptr;
  }
  return &*it;
}

[[noreturn]] void wrong_type(const char* key, const char* expected) {
  throw RecordError(std::string("field \"") + key + "\" must be " + expected);
}

std::string get_string(const Json& j, const char* key, bool required = false) {
  const Json* v = field(j, key, required);
  if (!v) return {};
  if (!v->is_string()) wrong_type(key, "a string");
  return v->get<std::string>();
}

std::optional<long long> get_integer(const Json& j, const char* key, bool required = false) {
  const Json* v = field(j, key, required);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) wrong_type(key, "an integer");
  return v->get<long long>();
}

std::optional<int> get_int(const Json& j, const char* key, bool required = false) {
  const auto v = get_integer(j, key, required);
  if (v && (*v < INT32_MIN || *v > INT32_MAX)) wrong_type(key, "a 32-bit integer");
  return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

double get_number(const Json& j, const char* key, bool required = false) {
  const Json* v = field(j, key, required);
  if (!v) return 0.0;
  if (!v->is_number()) wrong_type(key, "a number");
  return v->get<double>();
}

std::optional<CivilDate> get_date(const Json& j, const char* key) {
  const std::string s = get_string(j, key);
  if (s.empty()) return std::nullopt;
  auto d = parse_iso_date(s);
  if (!d) wrong_type(key, "a date YYYY-MM-DD");
  return d;
}

}  // namespace

namespace {

// One JSON object written field by field in nlohmann's compact form (src/io/json_text.h):
// every `extract` record used to build and dump an ordered_json DOM, whose linear key lookups
// and allocations cost more than the text pipeline itself. Keys are plain ASCII.
class ObjectWriter {
 public:
  explicit ObjectWriter(std::string& out) : out_(out) { out_ += '{'; }
  void key(std::string_view k) {
    if (!first_) out_ += ',';
    first_ = false;
    out_ += '"';
    out_ += k;
    out_ += "\":";
  }
  void string(std::string_view k, std::string_view v) {
    key(k);
    append_json_string(out_, v);
  }
  void string_or_null(std::string_view k, const std::string& v) {
    if (v.empty())
      null(k);
    else
      string(k, v);
  }
  void integer(std::string_view k, std::int64_t v) {
    key(k);
    append_json_number(out_, v);
  }
  void optional_int(std::string_view k, const std::optional<int>& v) {
    if (v)
      integer(k, *v);
    else
      null(k);
  }
  void number(std::string_view k, double v) {
    key(k);
    append_json_number(out_, v);
  }
  void optional_date(std::string_view k, const std::optional<CivilDate>& d) {
    if (d)
      string(k, format_iso_date(*d));
    else
      null(k);
  }
  void null(std::string_view k) {
    key(k);
    out_ += "null";
  }
  void close() { out_ += '}'; }

 private:
  std::string& out_;
  bool first_ = true;
};

}  // namespace

std::string event_record_to_json(const EventRecord& r) {
  std::string out;
  out.reserve(512 + r.evidence.size());
  ObjectWriter j(out);
  j.string("record", "event");
  j.string("doc_id", r.doc_id);
  j.integer("event_index", r.event_index);
  j.string_or_null("source", r.source);
  j.string_or_null("url", r.url);
  j.optional_date("doc_date", r.doc_date);
  j.string("event_kind", r.event_kind);
  j.string("event_type", r.event_type);
  j.string("sub_event_type", r.sub_event_type);
  j.optional_date("date_start", r.date_start);
  j.optional_date("date_end", r.date_end);
  j.integer("date_precision", r.date_precision);
  j.integer("geonameid", r.geonameid);
  j.string("place_name", r.place_name);
  j.string_or_null("feature_code", r.feature_code);
  j.string_or_null("country_code", r.country_code);
  j.string_or_null("admin1", r.admin1);
  j.string_or_null("admin2", r.admin2);
  j.number("lon", round6(r.position.lon_deg));
  j.number("lat", round6(r.position.lat_deg));
  j.integer("geo_precision", r.geo_precision);
  j.string_or_null("actor1", r.actor1);
  j.string_or_null("actor2", r.actor2);
  j.optional_int("fatalities", r.fatalities);
  j.optional_int("fatalities_min", r.fatalities_min);
  j.optional_int("fatalities_max", r.fatalities_max);
  j.string("evidence", r.evidence);
  j.number("confidence", std::round(r.confidence * 1e4) / 1e4);
  j.close();
  return out;
}

std::string mention_record_to_json(const MentionRecord& r) {
  std::string out;
  out.reserve(384);
  ObjectWriter j(out);
  j.string("record", "mention");
  j.string("doc_id", r.doc_id);
  j.integer("mention_index", r.mention_index);
  j.integer("char_start", r.char_start);
  j.integer("char_end", r.char_end);
  j.string("surface", r.surface);
  j.string("role", r.role);
  j.integer("geonameid", r.geonameid);
  j.string_or_null("name", r.name);
  j.string_or_null("feature_code", r.feature_code);
  j.string_or_null("country_code", r.country_code);
  j.string_or_null("admin1", r.admin1);
  j.number("lon", round6(r.position.lon_deg));
  j.number("lat", round6(r.position.lat_deg));
  j.number("confidence", std::round(r.confidence * 1e4) / 1e4);
  j.key("event_indexes");
  out += '[';
  for (std::size_t i = 0; i < r.event_indexes.size(); ++i) {
    if (i > 0) out += ',';
    append_json_number(out, static_cast<std::int64_t>(r.event_indexes[i]));
  }
  out += ']';
  j.close();
  return out;
}

namespace {

Json parse_object(std::string_view line) {
  Json j;
  try {
    j = Json::parse(line);
  } catch (const Json::parse_error& e) {
    throw RecordError(std::string("not JSON: ") + e.what());
  }
  if (!j.is_object()) throw RecordError("not a JSON object");
  return j;
}

MentionRecord mention_from(const Json& j) {
  MentionRecord r;
  r.doc_id = get_string(j, "doc_id", true);
  if (r.doc_id.empty()) throw RecordError("field \"doc_id\" is empty");
  r.mention_index = *get_int(j, "mention_index", true);
  r.char_start = get_integer(j, "char_start").value_or(0);
  r.char_end = get_integer(j, "char_end").value_or(0);
  r.surface = get_string(j, "surface");
  r.role = get_string(j, "role");
  r.geonameid = get_integer(j, "geonameid").value_or(0);
  r.name = get_string(j, "name");
  r.feature_code = get_string(j, "feature_code");
  r.country_code = get_string(j, "country_code");
  r.admin1 = get_string(j, "admin1");
  r.position = {get_number(j, "lon", true), get_number(j, "lat", true)};
  if (!geo::is_valid(r.position)) throw RecordError("lon/lat out of range");
  r.confidence = get_number(j, "confidence");
  if (const Json* v = field(j, "event_indexes", false)) {
    if (!v->is_array()) wrong_type("event_indexes", "an array of integers");
    for (const Json& e : *v) {
      if (!e.is_number_integer()) wrong_type("event_indexes", "an array of integers");
      r.event_indexes.push_back(e.get<int>());
    }
  }
  return r;
}

EventRecord event_from(const Json& j);

}  // namespace

ExtractRecord extract_record_from_json(std::string_view line) {
  const Json j = parse_object(line);
  const std::string kind = get_string(j, "record");
  if (kind == "mention") return {mention_from(j)};
  if (kind == "event" || kind.empty()) return {event_from(j)};
  throw RecordError("unknown \"record\" \"" + kind + "\"");
}

EventRecord event_record_from_json(std::string_view line) {
  const Json j = parse_object(line);
  const std::string kind = get_string(j, "record");
  if (!kind.empty() && kind != "event") throw RecordError("not an event record");
  return event_from(j);
}

namespace {

EventRecord event_from(const Json& j) {
  EventRecord r;
  r.doc_id = get_string(j, "doc_id", true);
  if (r.doc_id.empty()) throw RecordError("field \"doc_id\" is empty");
  r.event_index = *get_int(j, "event_index", true);
  r.source = get_string(j, "source");
  r.url = get_string(j, "url");
  r.doc_date = get_date(j, "doc_date");
  r.event_kind = get_string(j, "event_kind");
  r.event_type = get_string(j, "event_type", true);
  r.sub_event_type = get_string(j, "sub_event_type");
  r.date_start = get_date(j, "date_start");
  r.date_end = get_date(j, "date_end");
  r.date_precision = get_int(j, "date_precision").value_or(5);
  r.geonameid = get_integer(j, "geonameid").value_or(0);
  r.place_name = get_string(j, "place_name");
  r.feature_code = get_string(j, "feature_code");
  r.country_code = get_string(j, "country_code");
  r.admin1 = get_string(j, "admin1");
  r.admin2 = get_string(j, "admin2");
  r.position = {get_number(j, "lon", true), get_number(j, "lat", true)};
  if (!geo::is_valid(r.position)) throw RecordError("lon/lat out of range");
  r.geo_precision = get_int(j, "geo_precision").value_or(6);
  r.actor1 = get_string(j, "actor1");
  r.actor2 = get_string(j, "actor2");
  r.fatalities = get_int(j, "fatalities");
  r.fatalities_min = get_int(j, "fatalities_min");
  r.fatalities_max = get_int(j, "fatalities_max");
  r.evidence = get_string(j, "evidence");
  r.confidence = get_number(j, "confidence");
  return r;
}

}  // namespace

}  // namespace incidentmap
