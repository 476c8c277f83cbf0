// Natural Earth admin-1 areas (GeoJSON FeatureCollection) with GeoNames admin1 codes.

#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <unordered_map>

#include "gazetteer/importers.h"
#include "gazetteer/line_reader.h"

namespace incidentmap::gaz {

namespace {

using nlohmann::json;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct NameProperty {
  const char* key;
  const char* lang;
};

// Name properties in the order their names are listed; "" is an unknown language. name_alt
// holds '|'-separated variants. gns_name is the NGA GNS name (its gns_lang is unreliable).
constexpr std::array<NameProperty, 9> kNameProperties = {{{"name_en", "en"},
                                                          {"name_es", "es"},
                                                          {"name_fr", "fr"},
                                                          {"name_de", "de"},
                                                          {"name_pt", "pt"},
                                                          {"name_alt", ""},
                                                          {"woe_name", ""},
                                                          {"gn_name", ""},
                                                          {"gns_name", ""}}};

// The string value of `key`, "" when absent, null or not a string.
std::string_view string_property(const json& properties, const char* key) {
  const auto it = properties.find(key);
  if (it == properties.end() || !it->is_string()) return {};
  return it->get_ref<const std::string&>();
}

// "MX.25" -> {"MX", "25"}. Natural Earth marks unknown codes as "MX.", "-1", "-99" or null.
bool parse_a1_code(std::string_view code, AdminArea& area) {
  const std::size_t dot = code.find('.');
  if (dot != 2 || dot + 1 >= code.size()) return false;
  if (code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z') return false;
  area.country_code = code.substr(0, 2);
  area.admin1_code = code.substr(3);
  return true;
}

bool parse_position(const json& value, geo::LonLat& out) {
  if (!value.is_array() || value.size() < 2 || !value[0].is_number() || !value[1].is_number()) {
    return false;
  }
  out = geo::LonLat{value[0].get<double>(), value[1].get<double>()};
  return geo::is_valid(out);
}

bool parse_ring(const json& value, geo::Ring& ring, std::string& reason) {
  if (!value.is_array()) {
    reason = "ring is not an array";
    return false;
  }
  ring.reserve(value.size() + 1);
  for (const json& position : value) {
    geo::LonLat p;
    if (!parse_position(position, p)) {
      reason = "bad position " + quote_field(position.dump());
      return false;
    }
    ring.push_back(p);
  }
  if (!ring.empty() && !(ring.front() == ring.back())) ring.push_back(ring.front());
  if (ring.size() < 4) {
    reason = "ring with fewer than 4 positions";
    return false;
  }
  return true;
}

bool parse_polygon(const json& value, geo::Polygon& polygon, std::string& reason) {
  if (!value.is_array() || value.empty()) {
    reason = "polygon without rings";
    return false;
  }
  for (const json& ring_value : value) {
    geo::Ring ring;
    if (!parse_ring(ring_value, ring, reason)) return false;
    polygon.rings.push_back(std::move(ring));
  }
  return true;
}

bool parse_geometry(const json& feature, geo::MultiPolygon& out, std::string& reason) {
  const auto geometry = feature.find("geometry");
  if (geometry == feature.end() || !geometry->is_object()) {
    reason = "no geometry";
    return false;
  }
  const std::string_view type = string_property(*geometry, "type");
  const auto coordinates = geometry->find("coordinates");
  if (coordinates == geometry->end()) {
    reason = "geometry without coordinates";
    return false;
  }
  if (type == "Polygon") {
    geo::Polygon polygon;
    if (!parse_polygon(*coordinates, polygon, reason)) return false;
    out.push_back(std::move(polygon));
    return true;
  }
  if (type == "MultiPolygon" && coordinates->is_array()) {
    for (const json& polygon_value : *coordinates) {
      geo::Polygon polygon;
      if (!parse_polygon(polygon_value, polygon, reason)) return false;
      out.push_back(std::move(polygon));
    }
    if (!out.empty()) return true;
    reason = "empty MultiPolygon";
    return false;
  }
  reason = "geometry type " + quote_field(type) + " is not Polygon or MultiPolygon";
  return false;
}

// The other names of an area; names in an unknown language are kept only when they add a
// spelling, language-tagged ones always (they say which language uses the name).
std::vector<AltName> collect_names(const json& properties, const std::string& name) {
  std::vector<AltName> names;
  auto add = [&](std::string_view text, const char* lang) {
    if (text.empty()) return;
    if (*lang == '\0') {
      if (text == name) return;
      for (const AltName& seen : names) {
        if (seen.name == text) return;
      }
    }
    for (const AltName& seen : names) {
      if (seen.name == text && seen.lang == lang) return;
    }
    AltName alt;
    alt.name = text;
    alt.lang = lang;
    names.push_back(std::move(alt));
  };
  for (const NameProperty& property : kNameProperties) {
    const std::string_view value = string_property(properties, property.key);
    for_each_piece(value, '|', true, [&](std::string_view piece) { add(piece, property.lang); });
  }
  return names;
}

}  // namespace

ImportReport import_natural_earth_admin1(const std::filesystem::path& path,
                                         const AdminAreaSink& sink) {
  ImportReport report = make_report(path, "natural-earth-admin1");
  const json root = read_json_file(path, report);
  const auto features = root.is_object() ? root.find("features") : root.end();
  if (!root.is_object() || string_property(root, "type") != "FeatureCollection" ||
      features == root.end() || !features->is_array()) {
    throw ImportError(path.string() + ": not a GeoJSON FeatureCollection");
  }

  // Areas are emitted at the end: a code that occurs again adds its polygons to the first area.
  std::vector<AdminArea> areas;
  std::unordered_map<std::string, std::size_t> by_code;
  std::string reason;
  std::size_t index = 0;
  for (const json& feature : *features) {
    ++report.rows_read;
    const auto properties = feature.is_object() ? feature.find("properties") : feature.end();
    if (!feature.is_object() || properties == feature.end() || !properties->is_object()) {
      skip_row(report, 0, "feature " + std::to_string(index++) + ": no properties");
      continue;
    }
    std::string name(string_property(*properties, "name"));
    const std::string where = "feature " + std::to_string(index++) + " " + quote_field(name) + ": ";
    auto skip = [&](const std::string& why) { skip_row(report, 0, where + why); };
    AdminArea area;
    const auto code = properties->find("gn_a1_code");
    if (code == properties->end() || !code->is_string() ||
        !parse_a1_code(code->get_ref<const std::string&>(), area)) {
      skip("unusable gn_a1_code " +
           quote_field(code == properties->end() ? "(missing)" : code->dump()));
      continue;
    }
    if (!parse_geometry(feature, area.polygon, reason)) {
      skip(reason);
      continue;
    }
    const std::string full_code = area.country_code + "." + area.admin1_code;
    if (const auto it = by_code.find(full_code); it != by_code.end()) {
      ++report.duplicates;
      report.add_issue(0, where + "gn_a1_code " + quote_field(full_code) +
                              " seen before: polygons merged into the first area");
      AdminArea& first = areas[it->second];
      for (geo::Polygon& polygon : area.polygon) first.polygon.push_back(std::move(polygon));
      continue;
    }
    if (name.empty()) name = string_property(*properties, "name_en");
    if (name.empty()) {
      skip("no name");
      continue;
    }
    const auto gn_id = properties->find("gn_id");
    if (gn_id != properties->end() && gn_id->is_number_integer() &&
        gn_id->get<std::int64_t>() > 0) {
      area.geonameid = gn_id->get<std::int64_t>();
    }
    area.names = collect_names(*properties, name);
    area.name = std::move(name);
    area.type_en = string_property(*properties, "type_en");
    const auto lat = properties->find("latitude");
    const auto lon = properties->find("longitude");
    area.label_point = geo::LonLat{kNaN, kNaN};
    if (lat != properties->end() && lon != properties->end() && lat->is_number() &&
        lon->is_number()) {
      const geo::LonLat label{lon->get<double>(), lat->get<double>()};
      if (geo::is_valid(label)) area.label_point = label;
    }
    by_code.emplace(full_code, areas.size());
    areas.push_back(std::move(area));
  }
  for (AdminArea& area : areas) {
    ++report.rows_imported;
    sink(std::move(area));
  }
  return report;
}

}  // namespace incidentmap::gaz
