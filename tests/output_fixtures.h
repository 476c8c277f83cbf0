#pragma once
// Layers shared by the writer tests: an incident layer exercising every field type, nulls,
// text that needs escaping in every format, and coordinates with more than six decimals; and an
// attribute-only sources table. All values are invented for the tests.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "src/output/layer.h"
#include "src/output/style.h"

namespace incidentmap::testing_fixtures {

inline const std::string kTrickyText =
    "Said \"no\" at 5\\6;\nsecond line,\ttab — Zürich 東京 ☃ <b>&amp;</b>";

// With include_pointless, a fourth feature has no point (formats that allow null geometry).
inline Layer incident_layer(bool include_pointless = true) {
  Layer l;
  l.name = "incidents";
  l.description = "Incidents (test fixture)";
  l.fields = {{"event_id", FieldType::String},
              {"event_type", FieldType::String},
              {"event_date", FieldType::Date},
              {"fatalities", FieldType::Integer64},
              {"confidence", FieldType::Real},
              {"sources", FieldType::StringList},
              {"civilian_targeting", FieldType::Boolean},
              {"updated", FieldType::DateTime},
              {"notes", FieldType::String}};
  using S = std::string;
  using L = std::vector<std::string>;
  l.features.push_back({1,
                        geo::LonLat{-99.13320812, 19.43260769},
                        {S("inc-1"), S("explosion"), CivilDate{2021, 3, 14}, std::int64_t{12},
                         0.875, L{"https://example.org/a", "https://example.net/b?x=1&y=2"}, true,
                         UtcDateTime{{2021, 3, 15}, 6, 5, 4}, kTrickyText}});
  l.features.push_back({2,
                        geo::LonLat{36.8219, -1.2921},
                        {S("inc-2"), S("protest"), CivilDate{2020, 2, 29}, std::int64_t{0}, 0.5,
                         L{}, false, UtcDateTime{{2020, 3, 1}, 23, 59, 59}, S("")}});
  l.features.push_back(
      {7,
       geo::LonLat{179.9999996, -89.5},
       {S("inc-7"), std::monostate{}, std::monostate{}, std::monostate{}, std::monostate{},
        std::monostate{}, std::monostate{}, std::monostate{}, std::monostate{}}});
  if (include_pointless) {
    l.features.push_back(
        {9,
         std::nullopt,
         {S("inc-9"), S("armed clash"), CivilDate{1999, 12, 31}, std::int64_t{3}, 1.0,
          L{"only one"}, std::monostate{}, std::monostate{}, S("no location known")}});
  }
  l.style = incident_style({"explosion", "protest", "armed clash"});
  return l;
}

inline Layer sources_layer() {
  Layer l;
  l.name = "sources";
  l.geometry = GeometryKind::None;
  l.fields = {{"incident_id", FieldType::Integer64},
              {"url", FieldType::String, 200},
              {"outlet", FieldType::String},
              {"pub_date", FieldType::Date}};
  l.features.push_back({1,
                        std::nullopt,
                        {std::int64_t{1}, std::string("https://example.org/a"),
                         std::string("Example Daily"), CivilDate{2021, 3, 15}}});
  l.features.push_back({2,
                        std::nullopt,
                        {std::int64_t{1}, std::string("https://example.net/b?x=1&y=2"),
                         std::monostate{}, std::monostate{}}});
  return l;
}

// A fresh empty directory under the build tree, removed first if it exists.
inline std::filesystem::path fresh_dir(const std::string& name) {
  const std::filesystem::path dir =
      std::filesystem::path(INCIDENTMAP_BINARY_DIR) / "test-output" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::filesystem::path golden_path(const std::string& name) {
  return std::filesystem::path(INCIDENTMAP_SOURCE_DIR) / "tests" / "golden" / "writers" / name;
}

// The golden file's content; with INCIDENTMAP_UPDATE_GOLDEN=1 in the environment, `actual`
// is written there first (then review the diff and commit).
inline std::string golden(const std::string& name, const std::string& actual) {
  const auto path = golden_path(name);
  if (const char* update = std::getenv("INCIDENTMAP_UPDATE_GOLDEN"); update && *update == '1') {
    std::ofstream(path, std::ios::binary) << actual;
  }
  return read_file(path);
}

}  // namespace incidentmap::testing_fixtures
