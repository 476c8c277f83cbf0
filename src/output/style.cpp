#include "src/output/style.h"

#include <charconv>
#include <set>
#include <utility>

#include "src/output/layer.h"

namespace incidentmap {

namespace {

// Shortest text that reads back as the same double ("2", "2.5", "0.57").
std::string number(double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc{} ? std::string(buf, end) : std::string("0");
}

std::string rgba(Rgb c, int alpha) {
  return std::to_string(c.r) + "," + std::to_string(c.g) + "," + std::to_string(c.b) + "," +
         std::to_string(alpha);
}

// One marker symbol: a filled circle with a thin dark outline, size data-defined when the
// style has a size field.
void append_symbol(std::string& out, int index, Rgb colour, const LayerStyle& style) {
  const std::string size_expr = size_expression(style);
  out += "      <symbol type=\"marker\" name=\"" + std::to_string(index) +
         "\" alpha=\"0.8\" clip_to_extent=\"1\" force_rhr=\"0\">\n";
  out += "        <layer class=\"SimpleMarker\" enabled=\"1\" locked=\"0\" pass=\"0\">\n";
  const std::pair<const char*, std::string> props[] = {
      {"angle", "0"},
      {"color", rgba(colour, 255)},
      {"horizontal_anchor_point", "1"},
      {"joinstyle", "bevel"},
      {"name", "circle"},
      {"offset", "0,0"},
      {"offset_unit", "MM"},
      {"outline_color", "35,35,35,255"},
      {"outline_style", "solid"},
      {"outline_width", "0.2"},
      {"outline_width_unit", "MM"},
      {"scale_method", "diameter"},
      {"size", number(style.size_min_mm)},
      {"size_unit", "MM"},
      {"vertical_anchor_point", "1"},
  };
  for (const auto& [k, v] : props) {
    out += "          <prop k=\"" + std::string(k) + "\" v=\"" + xml_escape(v) + "\"/>\n";
  }
  out += "          <data_defined_properties>\n";
  out += "            <Option type=\"Map\">\n";
  out += "              <Option type=\"QString\" name=\"name\" value=\"\"/>\n";
  if (size_expr.empty()) {
    out += "              <Option name=\"properties\"/>\n";
  } else {
    out += "              <Option type=\"Map\" name=\"properties\">\n";
    out += "                <Option type=\"Map\" name=\"size\">\n";
    out += "                  <Option type=\"bool\" name=\"active\" value=\"true\"/>\n";
    out += "                  <Option type=\"QString\" name=\"expression\" value=\"" +
           xml_escape(size_expr) + "\"/>\n";
    out += "                  <Option type=\"int\" name=\"type\" value=\"3\"/>\n";
    out += "                </Option>\n";
    out += "              </Option>\n";
  }
  out += "              <Option type=\"QString\" name=\"type\" value=\"collection\"/>\n";
  out += "            </Option>\n";
  out += "          </data_defined_properties>\n";
  out += "        </layer>\n";
  out += "      </symbol>\n";
}

}  // namespace

const std::vector<Rgb>& category_palette() {
  static const std::vector<Rgb> kPalette = {
      {230, 159, 0},   // orange
      {86, 180, 233},  // sky blue
      {0, 158, 115},   // bluish green
      {240, 228, 66},  // yellow
      {0, 114, 178},   // blue
      {213, 94, 0},    // vermillion
      {204, 121, 167}  // reddish purple
  };
  return kPalette;
}

LayerStyle incident_style(const std::vector<std::string>& event_types, std::string category_field,
                          std::string size_field) {
  LayerStyle style;
  style.category_field = std::move(category_field);
  style.size_field = std::move(size_field);
  std::set<std::string> seen;
  const auto& palette = category_palette();
  for (const std::string& type : event_types) {
    if (type.empty() || !seen.insert(type).second) continue;
    style.categories.push_back({type, type, palette[style.categories.size() % palette.size()]});
  }
  return style;
}

std::string size_expression(const LayerStyle& style) {
  if (style.size_field.empty()) return {};
  return "coalesce(scale_exp(" + quote_identifier(style.size_field) + ", 0, " +
         number(style.size_domain_max) + ", " + number(style.size_min_mm) + ", " +
         number(style.size_max_mm) + ", 0.57), " + number(style.size_min_mm) + ")";
}

std::string xml_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\n':
        out += "&#10;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string to_qml(const LayerStyle& style) {
  std::string out;
  out += "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n";
  out += "<qgis version=\"3.22.0\" styleCategories=\"Symbology\">\n";
  const bool order_by_size = !style.size_field.empty();
  out += "  <renderer-v2 type=\"categorizedSymbol\" attr=\"" + xml_escape(style.category_field) +
         "\" forceraster=\"0\" symbollevels=\"0\" enableorderby=\"" + (order_by_size ? "1" : "0") +
         "\">\n";
  out += "    <categories>\n";
  int index = 0;
  for (const StyleCategory& c : style.categories) {
    out += "      <category type=\"string\" value=\"" + xml_escape(c.value) + "\" symbol=\"" +
           std::to_string(index++) + "\" label=\"" +
           xml_escape(c.label.empty() ? c.value : c.label) + "\" render=\"true\"/>\n";
  }
  // QGIS treats the category with an empty value as "all other values" (and null).
  out += "      <category type=\"string\" value=\"\" symbol=\"" + std::to_string(index) +
         "\" label=\"other\" render=\"true\"/>\n";
  out += "    </categories>\n";
  out += "    <symbols>\n";
  index = 0;
  for (const StyleCategory& c : style.categories) append_symbol(out, index++, c.colour, style);
  append_symbol(out, index, style.other_colour, style);
  out += "    </symbols>\n";
  if (order_by_size) {
    // Large markers first so that small ones stay visible on top of them.
    out += "    <orderby>\n";
    out += "      <orderByClause asc=\"0\" nullsFirst=\"0\">" +
           xml_escape(quote_identifier(style.size_field)) + "</orderByClause>\n";
    out += "    </orderby>\n";
  }
  out += "  </renderer-v2>\n";
  out += "  <blendMode>0</blendMode>\n";
  out += "  <featureBlendMode>0</featureBlendMode>\n";
  out += "  <layerGeometryType>0</layerGeometryType>\n";
  out += "</qgis>\n";
  return out;
}

}  // namespace incidentmap
