// analyze_document through `incidentmap extract` with the program's embedded gazetteer: the
// outlet's place stands in for a text that names no place at all and for a local namesake, and
// is the city of the text's neighbourhoods when the text names none.

#include "src/pipeline/document_analysis.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "tests/cli/run_cli.h"

namespace incidentmap {
namespace {

using incidentmap::testing::incidentmap_bin;
using incidentmap::testing::run_cli;

struct OutletCase {
  const char* text;
  const char* source;
  const char* expected;  // "place_name, admin1" of the first event, "" when no event is placed
};

class OutletPlaceTest : public ::testing::TestWithParam<OutletCase> {};

TEST_P(OutletPlaceTest, PlacesTheFirstEvent) {
  if (incidentmap_bin().empty()) GTEST_SKIP() << "INCIDENTMAP_BIN is not set";
  const OutletCase& c = GetParam();
  const nlohmann::json doc = {
      {"id", "d1"}, {"text", c.text}, {"date", "2022-03-04"}, {"source", c.source}};
  const auto run = run_cli({"extract", "-", "-q"}, doc.dump() + "\n");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::string got;
  std::istringstream lines(run.out);
  for (std::string line; std::getline(lines, line);) {
    const auto r = nlohmann::json::parse(line);
    if (r["record"] == "event") {
      const std::string admin1 = r["admin1"].is_string() ? r["admin1"].get<std::string>() : "";
      got = r["place_name"].get<std::string>() + ", " + admin1;
      break;
    }
  }
  EXPECT_EQ(got, c.expected) << c.text << " / " << c.source;
}

INSTANTIATE_TEST_SUITE_P(
    Table, OutletPlaceTest,
    ::testing::Values(
        OutletCase{"Gunmen killed two men outside a bakery on Tuesday night.",
                   "The Hermosillo Evening Post", "Hermosillo, Sonora"},
        OutletCase{"Gunmen killed two men outside a bakery on Tuesday night.",
                   "El Diario de Hermosillo", "Hermosillo, Sonora"},
        // Of two places in the name, the one after "de"/"of" is where the outlet is.
        OutletCase{"Gunmen killed two men outside a bakery on Tuesday night.",
                   "El Sol de Hermosillo", "Hermosillo, Sonora"},
        OutletCase{"Gunmen killed two men outside a bakery in Guaymas on Tuesday night.",
                   "El Diario de Hermosillo", "Guaymas, Sonora"},
        // The outlet's place is context for the text's places: the Guadalupe near the paper's
        // city, not the largest one.
        OutletCase{"Gunmen killed two men in Guadalupe.", "", "Guadalupe, Nuevo León"},
        OutletCase{"Gunmen killed two men in Guadalupe.", "El Diario de Zacatecas",
                   "Guadalupe, Zacatecas"},
        // The words before "de" are the paper's title, and a region after it is no town.
        OutletCase{"Gunmen killed two men outside a bakery on Tuesday night.", "El Sol del Bajío",
                   ""},
        // A local paper's neighbourhoods, streets and venues share names with towns far away:
        // a name the text calls a neighbourhood, or a small town far from the paper and
        // outside its state that no other place supports, is read as somewhere in the
        // paper's town (geo_precision 2 there).
        OutletCase{"Gunmen killed two men in the Independencia neighborhood on Tuesday night.",
                   "El Diario de Hermosillo", "Hermosillo, Sonora"},
        OutletCase{"Gunmen killed two men in Colonia Independencia on Tuesday night.",
                   "El Diario de Hermosillo", "Hermosillo, Sonora"},
        OutletCase{"Gunmen killed two men in Anáhuac on Tuesday night.", "El Diario de Hermosillo",
                   "Hermosillo, Sonora"},
        OutletCase{"Gunmen killed two men in Rubí on Tuesday night.", "El Diario de Hermosillo",
                   "Hermosillo, Sonora"},
        // ... but not when the text supports the far place, for a large city, in the paper's
        // own state, or without a local outlet.
        OutletCase{"Gunmen killed two men in Anáhuac, Nuevo León, on Tuesday night.",
                   "El Diario de Hermosillo", "Anáhuac, Nuevo León"},
        OutletCase{"Gunmen killed two men in Rubí, Spain, on Tuesday night.",
                   "El Diario de Hermosillo", "Rubí, Catalonia"},
        OutletCase{"Gunmen killed two men in Guadalajara on Tuesday night.",
                   "El Diario de Hermosillo", "Guadalajara, Jalisco"},
        OutletCase{"Gunmen killed two men in La Mesa on Tuesday night.", "El Heraldo de Chihuahua",
                   "La Mesa, Chihuahua"},
        OutletCase{"Gunmen killed two men in Anáhuac on Tuesday night.", "", "Anáhuac, Nuevo León"},
        // A text that names no place but demonyms of one country: the event is in that
        // country (the local outlet's town comes first); demonyms of two: no telling.
        OutletCase{"Gunmen killed five people at a party in a Mexican border city.", "",
                   "Mexico, "},
        OutletCase{"Gunmen killed five people at a party in a Mexican border city.",
                   "El Diario de Hermosillo", "Hermosillo, Sonora"},
        OutletCase{"Mexican and Guatemalan troops clashed with smugglers.", "", ""},
        // A country in the outlet's name says nothing about where a local event was.
        OutletCase{"Gunmen killed two men outside a bakery on Tuesday night.",
                   "Agence France-Presse", ""},
        OutletCase{"Gunmen killed two men outside a bakery on Tuesday night.", "", ""},
        // With nothing in the text to decide, a paper named after a place is in the big city
        // of that name, not in a province or a smaller town of the name abroad; the text's own
        // mention of the name follows.
        OutletCase{"Gunmen killed two men outside a bakery on Tuesday night.",
                   "El Diario de Zamora", "Zamora, Michoacán"},
        OutletCase{"Gunmen killed two men in Zamora on Tuesday night.", "El Diario de Zamora",
                   "Zamora, Michoacán"},
        // ... but a state of the name stays a state when no city bears it.
        OutletCase{"Gunmen killed two men outside a bakery on Tuesday night.",
                   "El Diario de Sinaloa", "Sinaloa, Sinaloa"},
        // A neighbourhood whose namesake town lies far away is in the paper's city.
        OutletCase{"Gunmen killed two men in the Las Palmas neighborhood on Tuesday night.",
                   "El Diario de Hermosillo", "Hermosillo, Sonora"},
        OutletCase{"Gunmen killed two men in the Las Palmas neighborhood of Guaymas.",
                   "El Diario de Hermosillo", "Guaymas, Sonora"}),
    [](const auto& param_info) { return "case" + std::to_string(param_info.index); });

}  // namespace
}  // namespace incidentmap
