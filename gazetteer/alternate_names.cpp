// GeoNames alternateNamesV2.txt (10 columns) and the older alternateNames.txt (8 columns).

#include <array>
#include <string>

#include "gazetteer/importers.h"
#include "gazetteer/line_reader.h"

namespace incidentmap::gaz {

namespace {

enum AltColumn : std::size_t {
  kAltId = 0,
  kGeonameId = 1,
  kLanguage = 2,
  kName = 3,
  kPreferred = 4,
  kShort = 5,
  kColloquial = 6,
  kHistoric = 7,
};

// Pseudo-languages whose "names" are links, identifiers or codes (Wikidata ids, postal codes,
// airport codes, French revolutionary names, UN/LOCODEs).
bool is_code_language(std::string_view lang) {
  static constexpr std::array<std::string_view, 8> kCodes = {"link", "wkdt", "post",    "iata",
                                                             "icao", "faac", "fr_1793", "unlc"};
  for (const std::string_view code : kCodes) {
    if (lang == code) return true;
  }
  return false;
}

// A flag column: "1" is set, "" or "0" is not.
std::optional<bool> parse_flag(std::string_view field) {
  if (field.empty() || field == "0") return false;
  if (field == "1") return true;
  return std::nullopt;
}

}  // namespace

ImportReport import_alternate_names(const std::filesystem::path& path, const AltNameSink& sink) {
  ImportReport report = make_report(path, "alternate-names");
  IdSet seen;
  std::array<std::string_view, 10> f;
  std::string reason;
  static constexpr std::array<const char*, 4> kFlagNames = {"isPreferredName", "isShortName",
                                                            "isColloquial", "isHistoric"};
  for_each_row(path, /*comments=*/false, report, [&](std::string_view line, std::int64_t no) {
    auto skip = [&](std::string why) { skip_row(report, no, std::move(why)); };
    const std::size_t columns = split_fields(line, '\t', f);
    if (columns != 8 && columns != 10) {
      return skip(std::to_string(columns) + " columns, expected 8 or 10");
    }
    const std::optional<std::int64_t> alt_id =
        parse_positive_id(f[kAltId], "alternateNameId", reason);
    if (!alt_id) return skip(reason);
    const std::optional<std::int64_t> id = parse_positive_id(f[kGeonameId], "geonameid", reason);
    if (!id) return skip(reason);
    if (is_code_language(f[kLanguage])) return;  // read, deliberately not imported
    if (f[kName].empty()) return skip("empty name");
    std::array<bool, 4> flags{};
    for (std::size_t i = 0; i < flags.size(); ++i) {
      const std::optional<bool> flag = parse_flag(f[kPreferred + i]);
      if (!flag)
        return skip(std::string(kFlagNames[i]) + " " + quote_field(f[kPreferred + i]) +
                    " is not 1 or empty");
      flags[i] = *flag;
    }
    if (!seen.insert(*alt_id)) {
      ++report.duplicates;
      report.add_issue(no, "duplicate alternateNameId " + std::string(f[kAltId]) + " (first kept)");
      return;
    }
    AltName alt;
    alt.name = f[kName];
    alt.lang = f[kLanguage];
    alt.is_preferred = flags[0];
    alt.is_short = flags[1];
    alt.is_colloquial = flags[2];
    alt.is_historic = flags[3];
    ++report.rows_imported;
    sink(*id, std::move(alt));
  });
  return report;
}

}  // namespace incidentmap::gaz
