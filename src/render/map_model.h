#pragma once
// What a static map shows: the input the incident pipeline fills and the renderer draws.
// Plain data, no behaviour; every field has a default that draws a sensible map.

#include <optional>
#include <string>
#include <vector>

#include "geo/extent.h"
#include "geo/lonlat.h"

namespace incidentmap {

// One point on the map.
struct MapFeature {
  geo::LonLat position;  // must be valid (geo::is_valid); the renderer skips others
  std::string label;     // usually the place name; empty draws no label
  // The event type, e.g. "Armed clash". Picks the symbol colour and the legend entry; the same
  // text always gets the same colour. Ignored for mentions.
  std::string category;
  // Fatalities: the symbol's area grows with the value (radius with its square root, capped).
  // nullopt when unknown, which draws the base size like 0 does.
  std::optional<double> size_value;
  // false for a place merely mentioned, not the site of an incident: drawn as a small hollow
  // grey ring under the incidents, with one legend entry ("Place mentioned").
  bool is_incident = true;
};

struct MapOptions {
  int width_px = 1200;  // whole image, including the title band; PNG and SVG pixels, PDF points
  int height_px = 800;
  std::string title;            // empty: no title band unless date_range_text is set
  std::string date_range_text;  // shown under the title, e.g. "2024-01-03 – 2024-02-11"
  std::string attribution = "© Natural Earth, GeoNames";
  // The area to show; nullopt fits all features (see padding_fraction, min_extent_km). The
  // image aspect is kept, so the map shows at least this box, more along one axis.
  std::optional<geo::LonLatBox> bbox;
  double padding_fraction = 0.12;  // of the features' extent, added on each side
  double min_extent_km = 250.0;    // smallest automatic extent, so one point still has context
  bool show_labels = true;         // feature labels; country names are drawn either way
  std::string size_legend_title = "Fatalities";
  std::string category_legend_title = "Event type";
};

}  // namespace incidentmap
