#pragma once
// Reading a points layer (the incidents or places GeoJSON the pipeline writes, or any point
// GeoJSON) into map features, for `incidentmap render`.
//
// Properties used, all optional:
//   event_type  (string)  -> MapFeature::category; a feature without one is a place mention
//   fatalities  (number)  -> MapFeature::size_value
//   place_name  (string)  -> MapFeature::label, else `name`
//   event_date  (string, ISO 8601 date or date-time) -> the map's date range
// A bad feature (no Point geometry, coordinates out of range, a property of the wrong type) is
// skipped and recorded in the report with its 1-based feature number (the line number for
// GeoJSONSeq), never thrown.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gazetteer/import_report.h"
#include "src/render/map_model.h"
#include "src/text/document.h"

namespace incidentmap {

struct PointLayer {
  std::vector<MapFeature> features;
  std::optional<CivilDate> first_date;  // earliest and latest event_date seen
  std::optional<CivilDate> last_date;
};

// Reads a GeoJSON FeatureCollection, a single Feature, or GeoJSONSeq (one feature per line,
// optionally after an RS character: .geojsonl, .geojsons) and appends its points to layer.
// Throws gaz::ImportError when the file cannot be read or is not GeoJSON at all.
gaz::ImportReport read_point_layer(const std::filesystem::path& path, PointLayer& layer);

// The same from text; source names the input in the report.
gaz::ImportReport parse_point_layer(std::string_view text, std::string_view source,
                                    PointLayer& layer);

// "2024-01-03 – 2024-02-11", or one date when both are the same day, or "" when either is
// missing.
std::string date_range_text(const std::optional<CivilDate>& first,
                            const std::optional<CivilDate>& last);

}  // namespace incidentmap
