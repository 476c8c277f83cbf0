#include "src/incidents/event_record_json.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace incidentmap {

namespace {

using Json = nlohmann::ordered_json;

double round6(double v) { return std::round(v * 1e6) / 1e6; }

Json optional_date(const std::optional<CivilDate>& d) {
  return d ? Json(format_iso_date(*d)) : Json(nullptr);
}

Json optional_int(const std::optional<int>& v) { return v ? Json(*v) : Json(nullptr); }

Json string_or_null(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

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

std::string event_record_to_json(const EventRecord& r) {
  Json j;
  j["doc_id"] = r.doc_id;
  j["event_index"] = r.event_index;
  j["source"] = string_or_null(r.source);
  j["url"] = string_or_null(r.url);
  j["doc_date"] = optional_date(r.doc_date);
  j["event_kind"] = r.event_kind;
  j["event_type"] = r.event_type;
  j["sub_event_type"] = r.sub_event_type;
  j["date_start"] = optional_date(r.date_start);
  j["date_end"] = optional_date(r.date_end);
  j["date_precision"] = r.date_precision;
  j["geonameid"] = r.geonameid;
  j["place_name"] = r.place_name;
  j["feature_code"] = string_or_null(r.feature_code);
  j["country_code"] = string_or_null(r.country_code);
  j["admin1"] = string_or_null(r.admin1);
  j["admin2"] = string_or_null(r.admin2);
  j["lon"] = round6(r.position.lon_deg);
  j["lat"] = round6(r.position.lat_deg);
  j["geo_precision"] = r.geo_precision;
  j["actor1"] = string_or_null(r.actor1);
  j["actor2"] = string_or_null(r.actor2);
  j["fatalities"] = optional_int(r.fatalities);
  j["fatalities_min"] = optional_int(r.fatalities_min);
  j["fatalities_max"] = optional_int(r.fatalities_max);
  j["evidence"] = r.evidence;
  j["confidence"] = std::round(r.confidence * 1e4) / 1e4;
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

EventRecord event_record_from_json(std::string_view line) {
  Json j;
  try {
    j = Json::parse(line);
  } catch (const Json::parse_error& e) {
    throw RecordError(std::string("not JSON: ") + e.what());
  }
  if (!j.is_object()) throw RecordError("not a JSON object");
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

}  // namespace incidentmap
