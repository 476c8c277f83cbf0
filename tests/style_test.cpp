#include "src/output/style.h"

#include <cpl_minixml.h>
#include <gtest/gtest.h>

#include "tests/output_fixtures.h"

namespace incidentmap {
namespace {

TEST(IncidentStyle, TakesPaletteColoursInOrderAndDropsEmptyAndRepeatedTypes) {
  const LayerStyle s = incident_style({"b", "", "a", "b", "c", "d", "e", "f", "g", "h"});
  ASSERT_EQ(s.categories.size(), 8u);
  EXPECT_EQ(s.categories[0].value, "b");
  EXPECT_EQ(s.categories[1].value, "a");
  EXPECT_EQ(s.categories[0].colour, (Rgb{230, 159, 0}));
  EXPECT_EQ(s.categories[1].colour, (Rgb{86, 180, 233}));
  EXPECT_EQ(s.categories[7].colour, s.categories[0].colour);  // 7 colours, then cycling
  EXPECT_EQ(s.category_field, "event_type");
  EXPECT_EQ(s.size_field, "fatalities");
}

TEST(SizeExpression, ScalesFromMinToMaxWithFlanneryExponent) {
  LayerStyle s = incident_style({"a"});
  EXPECT_EQ(size_expression(s), "coalesce(scale_exp(\"fatalities\", 0, 100, 2, 10, 0.57), 2)");
  s.size_field = "deaths \"best\"";
  s.size_min_mm = 1.5;
  s.size_domain_max = 250;
  EXPECT_EQ(size_expression(s),
            "coalesce(scale_exp(\"deaths \"\"best\"\"\", 0, 250, 1.5, 10, 0.57), 1.5)");
  s.size_field.clear();
  EXPECT_EQ(size_expression(s), "");
}

TEST(XmlEscape, EscapesMarkupQuotesAndNewlines) {
  EXPECT_EQ(xml_escape("a<b>&\"c'\nd é"), "a&lt;b&gt;&amp;&quot;c&apos;&#10;d é");
}

TEST(ToQml, MatchesGoldenFile) {
  const LayerStyle s = incident_style({"explosion", "protest", "armed clash"});
  const std::string qml = to_qml(s);
  EXPECT_EQ(qml, testing_fixtures::golden("incidents.qml", qml));
}

TEST(ToQml, IsWellFormedXmlWithOneSymbolPerCategoryPlusOther) {
  LayerStyle s = incident_style({"a & b", "<c>", "\"d\"\n"});
  const std::string qml = to_qml(s);
  CPLXMLNode* root = CPLParseXMLString(qml.c_str());
  ASSERT_NE(root, nullptr) << qml;
  const CPLXMLNode* renderer = CPLGetXMLNode(root, "=qgis.renderer-v2");
  ASSERT_NE(renderer, nullptr);
  EXPECT_STREQ(CPLGetXMLValue(renderer, "type", ""), "categorizedSymbol");
  EXPECT_STREQ(CPLGetXMLValue(renderer, "attr", ""), "event_type");
  int categories = 0, symbols = 0;
  for (const CPLXMLNode* n = CPLGetXMLNode(renderer, "categories")->psChild; n; n = n->psNext) {
    if (n->eType == CXT_Element) ++categories;
  }
  for (const CPLXMLNode* n = CPLGetXMLNode(renderer, "symbols")->psChild; n; n = n->psNext) {
    if (n->eType == CXT_Element) ++symbols;
  }
  EXPECT_EQ(categories, 4);
  EXPECT_EQ(symbols, 4);
  const CPLXMLNode* first = CPLGetXMLNode(renderer, "categories.category");
  EXPECT_STREQ(CPLGetXMLValue(first, "value", ""), "a & b");
  CPLDestroyXMLNode(root);
}

TEST(ToQml, WithoutSizeFieldHasNoDataDefinedSizeNorOrdering) {
  LayerStyle s = incident_style({"a"});
  s.size_field.clear();
  const std::string qml = to_qml(s);
  EXPECT_EQ(qml.find("scale_exp"), std::string::npos);
  EXPECT_EQ(qml.find("<orderby>"), std::string::npos);
  EXPECT_NE(qml.find("enableorderby=\"0\""), std::string::npos);
}

}  // namespace
}  // namespace incidentmap
