#pragma once
// How QGIS should draw a point layer when it opens it: a categorised renderer on one text
// field (fixed colours per category, grey for every other value and null) with the marker size
// driven by one numeric field. The style travels with the data: as NAME.qml beside single-file
// outputs (QGIS loads it automatically) and in the GeoPackage `layer_styles` table.

#include <cstdint>
#include <string>
#include <vector>

namespace incidentmap {

// An sRGB colour, 0-255 per channel.
struct Rgb {
  std::uint8_t r = 0;
  std::uint8_t g = 0;
  std::uint8_t b = 0;

  friend bool operator==(const Rgb&, const Rgb&) = default;
};

// One category of the renderer: features whose category field equals `value` exactly.
struct StyleCategory {
  std::string value;  // non-empty (empty strings are written as null, see output-contract.md)
  std::string label;  // legend text; the value itself when empty
  Rgb colour;
};

struct LayerStyle {
  std::string name = "incidentmap";  // styleName in layer_styles; at most 30 bytes (QGIS schema)
  std::string category_field;        // a String field of the layer
  std::vector<StyleCategory> categories;  // legend order; values unique
  Rgb other_colour{153, 153, 153};        // every value not listed, and null
  std::string size_field;                 // an Integer64 or Real field; "" = constant size
  // Marker diameter in millimetres: size_min_mm at 0 (or null), growing with
  // (value / size_domain_max)^0.57 (Flannery's perceptual scaling, as QGIS's size assistant)
  // up to size_max_mm at size_domain_max and above. Requires 0 < size_min_mm <= size_max_mm
  // and size_domain_max > 0.
  double size_min_mm = 2.0;
  double size_max_mm = 10.0;
  double size_domain_max = 100.0;
};

// The colour-blind-safe palette (Okabe & Ito 2008, black left out) that categories take in
// order, cycling when there are more categories than colours.
const std::vector<Rgb>& category_palette();

// The style the incident layer gets: one category per event type in the given order (palette
// colours in that order), sized by `size_field`. Event types that are empty or repeated are
// dropped so that the result always validates.
LayerStyle incident_style(const std::vector<std::string>& event_types,
                          std::string category_field = "event_type",
                          std::string size_field = "fatalities");

// The QGIS expression giving the marker size in mm, e.g.
// coalesce(scale_exp("fatalities", 0, 100, 2, 10, 0.57), 2). Empty without a size field.
std::string size_expression(const LayerStyle& style);

// A QGIS style document (QML, readable by QGIS 3.x) for a point layer: categorised renderer,
// data-defined size, larger markers drawn first. Deterministic: same style, same bytes.
std::string to_qml(const LayerStyle& style);

// Escapes & < > " ' for XML text and attribute values. Input must be valid UTF-8.
std::string xml_escape(const std::string& text);

}  // namespace incidentmap
