#include "src/render/feature_layer.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace incidentmap {

namespace {

using json = nlohmann::json;

// Reads one feature into layer, or returns why it cannot be drawn.
std::optional<std::string> add_feature(const json& feature, PointLayer& layer) {
  if (!feature.is_object() || feature.value("type", "") != "Feature") return "not a Feature";
  const auto geometry = feature.find("geometry");
  if (geometry == feature.end() || !geometry->is_object()) return "no geometry";
  if (geometry->value("type", "") != "Point") {
    return "geometry is " + geometry->value("type", std::string("untyped")) + ", not Point";
  }
  const auto coordinates = geometry->find("coordinates");
  if (coordinates == geometry->end() || !coordinates->is_array() || coordinates->size() < 2 ||
      !(*coordinates)[0].is_number() || !(*coordinates)[1].is_number()) {
    return "Point coordinates are not [lon, lat] numbers";
  }
  MapFeature f;
  f.position = {(*coordinates)[0].get<double>(), (*coordinates)[1].get<double>()};
  if (!geo::is_valid(f.position)) {
    return "position (" + (*coordinates)[0].dump() + ", " + (*coordinates)[1].dump() +
           ") out of range";
  }
  const auto properties = feature.find("properties");
  if (properties != feature.end() && properties->is_object()) {
    const json& p = *properties;
    const auto text = [&](const char* key) -> std::optional<std::string> {
      const auto it = p.find(key);
      if (it == p.end() || it->is_null()) return std::nullopt;
      if (!it->is_string()) return std::nullopt;
      return it->get<std::string>();
    };
    for (const char* key : {"event_type", "place_name", "name", "event_date"}) {
      const auto it = p.find(key);
      if (it != p.end() && !it->is_null() && !it->is_string()) {
        return std::string("property ") + key + " is not a string";
      }
    }
    if (const auto type = text("event_type")) {
      f.category = *type;
      f.is_incident = true;
    } else {
      f.is_incident = false;
    }
    f.label = text("place_name").value_or(text("name").value_or(""));
    if (const auto it = p.find("fatalities"); it != p.end() && !it->is_null()) {
      if (!it->is_number()) return "property fatalities is not a number";
      f.size_value = it->get<double>();
    }
    if (const auto date_text = text("event_date")) {
      const auto date = parse_iso_date(*date_text);
      if (!date) return "property event_date '" + *date_text + "' is not an ISO 8601 date";
      if (!layer.first_date || *date < *layer.first_date) layer.first_date = date;
      if (!layer.last_date || *date > *layer.last_date) layer.last_date = date;
    }
  } else {
    f.is_incident = false;
  }
  layer.features.push_back(std::move(f));
  return std::nullopt;
}

void add_counted(const json& feature, std::int64_t number, PointLayer& layer,
                 gaz::ImportReport& report) {
  ++report.rows_read;
  if (const auto problem = add_feature(feature, layer)) {
    ++report.rows_skipped;
    report.add_issue(number, *problem);
  } else {
    ++report.rows_imported;
  }
}

}  // namespace

gaz::ImportReport parse_point_layer(std::string_view text, std::string_view source,
                                    PointLayer& layer) {
  gaz::ImportReport report;
  report.file = std::string(source);
  report.source_kind = "geojson-points";
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  const bool sequence = first != std::string_view::npos && text[first] == '\x1e';
  json whole = sequence ? json() : json::parse(text, nullptr, false);
  if (!sequence && !whole.is_discarded()) {
    if (whole.is_object() && whole.value("type", "") == "FeatureCollection") {
      const auto features = whole.find("features");
      if (features == whole.end() || !features->is_array()) {
        throw gaz::ImportError(report.file + ": FeatureCollection without a features array");
      }
      std::int64_t number = 0;
      for (const json& feature : *features) add_counted(feature, ++number, layer, report);
      return report;
    }
    if (whole.is_object() && whole.value("type", "") == "Feature") {
      add_counted(whole, 1, layer, report);
      return report;
    }
    throw gaz::ImportError(report.file + ": not a GeoJSON FeatureCollection or Feature");
  }
  // GeoJSONSeq: one feature per line (RFC 8142 puts an RS before each).
  std::int64_t line_number = 0;
  std::size_t pos = 0;
  bool any = false;
  while (pos <= text.size()) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    while (!line.empty() && (line.front() == '\x1e' || line.front() == ' ')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.empty()) continue;
    const json feature = json::parse(line, nullptr, false);
    if (feature.is_discarded()) {
      if (!any && !sequence) throw gaz::ImportError(report.file + ": not GeoJSON");
      ++report.rows_read;
      ++report.rows_skipped;
      report.add_issue(line_number, "malformed JSON");
      continue;
    }
    any = true;
    add_counted(feature, line_number, layer, report);
  }
  return report;
}

gaz::ImportReport read_point_layer(const std::filesystem::path& path, PointLayer& layer) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw gaz::ImportError(path.string() + ": cannot open");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (!in.good() && !in.eof()) throw gaz::ImportError(path.string() + ": read error");
  return parse_point_layer(buffer.str(), path.string(), layer);
}

std::string date_range_text(const std::optional<CivilDate>& first,
                            const std::optional<CivilDate>& last) {
  if (!first || !last) return "";
  if (*first == *last) return format_iso_date(*first);
  return format_iso_date(*first) + " – " + format_iso_date(*last);
}

}  // namespace incidentmap
