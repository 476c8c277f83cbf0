// INTERIM importers so that the index builder can be built and tested before the real
// importers (branch gaz-import) land. Delete this file when merging gaz-import: it defines the
// same functions as gazetteer/importers.cpp. Minimal: no BOM handling beyond a skip, few checks.

#include <charconv>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "gazetteer/importers.h"

namespace incidentmap::gaz {

namespace {

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const auto pos = s.find(sep, start);
    out.push_back(s.substr(start, pos == std::string_view::npos ? s.npos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

template <typename T>
bool parse_num(std::string_view s, T& out) {
  if (s.empty()) return false;
  if constexpr (std::is_floating_point_v<T>) {
    out = std::strtod(std::string(s).c_str(), nullptr);
    return std::isfinite(out);
  } else {
    return std::from_chars(s.data(), s.data() + s.size(), out).ec == std::errc{};
  }
}

template <typename Fn>
ImportReport read_lines(const std::filesystem::path& path, const char* kind, Fn&& fn) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ImportError("cannot open " + path.string());
  ImportReport report;
  report.file = path.string();
  report.source_kind = kind;
  std::string line;
  std::int64_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (n == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    if (line.empty()) continue;
    fn(report, n, line);
  }
  return report;
}

}  // namespace

ImportReport import_geonames_dump(const std::filesystem::path& path, const PlaceSink& sink,
                                  const DumpOptions& options) {
  return read_lines(path, "geonames-dump", [&](ImportReport& r, std::int64_t n, std::string& line) {
    if (options.allow_comments && line[0] == '#') return;
    ++r.rows_read;
    const auto f = split(line, '\t');
    if (f.size() != 19) {
      ++r.rows_skipped;
      r.add_issue(n, std::to_string(f.size()) + " columns, expected 19");
      return;
    }
    Place p;
    double lat = 0, lon = 0;
    if (!parse_num(f[0], p.geonameid) || !parse_num(f[4], lat) || !parse_num(f[5], lon) ||
        std::abs(lat) > 90 || std::abs(lon) > 180 || f[6].size() != 1) {
      ++r.rows_skipped;
      r.add_issue(n, "bad id, coordinates or feature class");
      return;
    }
    p.name = f[1];
    p.ascii_name = f[2];
    if (!f[3].empty()) {
      for (auto a : split(f[3], ',')) {
        if (!a.empty()) p.alternate_names.push_back({std::string(a), ""});
      }
    }
    p.position = {lon, lat};
    p.feature_class = f[6][0];
    p.feature_code = f[7];
    p.country_code = f[8];
    p.admin1_code = f[10];
    p.admin2_code = f[11];
    parse_num(f[14], p.population);
    p.source = options.kind;
    ++r.rows_imported;
    sink(std::move(p));
  });
}

namespace {
ImportReport import_codes(const std::filesystem::path& path, const PlaceSink& sink, int level) {
  return read_lines(path, level == 1 ? "admin1-codes" : "admin2-codes",
                    [&](ImportReport& r, std::int64_t n, std::string& line) {
                      if (line[0] == '#') return;
                      ++r.rows_read;
                      const auto f = split(line, '\t');
                      const auto code = split(f[0], '.');
                      if (f.size() < 4 || code.size() != static_cast<std::size_t>(level + 1)) {
                        ++r.rows_skipped;
                        r.add_issue(n, "bad row");
                        return;
                      }
                      Place p;
                      p.country_code = code[0];
                      p.admin1_code = code[1];
                      if (level == 2) p.admin2_code = code[2];
                      p.name = f[1];
                      p.ascii_name = f[2];
                      parse_num(f[3], p.geonameid);
                      p.feature_class = 'A';
                      p.feature_code = level == 1 ? "ADM1" : "ADM2";
                      p.position = {std::nan(""), std::nan("")};
                      double lat = 0, lon = 0;
                      if (f.size() >= 6 && parse_num(f[4], lat) && parse_num(f[5], lon)) {
                        p.position = {lon, lat};
                      }
                      p.source = level == 1 ? SourceKind::kAdmin1Codes : SourceKind::kAdmin2Codes;
                      ++r.rows_imported;
                      sink(std::move(p));
                    });
}
}  // namespace

ImportReport import_admin1_codes(const std::filesystem::path& path, const PlaceSink& sink) {
  return import_codes(path, sink, 1);
}

ImportReport import_admin2_codes(const std::filesystem::path& path, const PlaceSink& sink) {
  return import_codes(path, sink, 2);
}

ImportReport import_cities_json_admin(const std::filesystem::path& path, int level,
                                      const PlaceSink& sink) {
  std::ifstream in(path);
  if (!in) throw ImportError("cannot open " + path.string());
  ImportReport r;
  r.file = path.string();
  const auto j = nlohmann::json::parse(in);
  for (const auto& e : j) {
    ++r.rows_read;
    const std::string code_text = e.value("code", "");
    const auto code = split(code_text, '.');
    if (code.size() != static_cast<std::size_t>(level + 1)) {
      ++r.rows_skipped;
      continue;
    }
    Place p;
    p.country_code = code[0];
    p.admin1_code = code[1];
    if (level == 2) p.admin2_code = code[2];
    p.name = e.value("name", "");
    p.ascii_name = p.name;
    p.feature_class = 'A';
    p.feature_code = level == 1 ? "ADM1" : "ADM2";
    p.position = {std::nan(""), std::nan("")};
    p.source = level == 1 ? SourceKind::kAdmin1Codes : SourceKind::kAdmin2Codes;
    ++r.rows_imported;
    sink(std::move(p));
  }
  return r;
}

ImportReport import_country_info(const std::filesystem::path& path, const CountrySink& sink) {
  return read_lines(path, "country-info", [&](ImportReport& r, std::int64_t n, std::string& line) {
    if (line[0] == '#') return;
    ++r.rows_read;
    const auto f = split(line, '\t');
    if (f.size() < 17) {
      ++r.rows_skipped;
      r.add_issue(n, "bad row");
      return;
    }
    CountryRecord c;
    c.iso2 = f[0];
    c.iso3 = f[1];
    c.name = f[4];
    c.capital = f[5];
    parse_num(f[6], c.area_km2);
    parse_num(f[7], c.population);
    c.continent = f[8];
    parse_num(f[16], c.geonameid);
    ++r.rows_imported;
    sink(std::move(c));
  });
}

ImportReport import_country_points(const std::filesystem::path& path, const PlaceSink& sink) {
  return read_lines(path, "country-points",
                    [&](ImportReport& r, std::int64_t n, std::string& line) {
                      if (n == 1) return;  // header
                      ++r.rows_read;
                      const auto f = split(line, '\t');
                      Place p;
                      double lat = 0, lon = 0;
                      if (f.size() < 8 || !parse_num(f[0], p.geonameid) || !parse_num(f[6], lat) ||
                          !parse_num(f[7], lon)) {
                        ++r.rows_skipped;
                        r.add_issue(n, "bad row");
                        return;
                      }
                      p.name = f[1];
                      p.ascii_name = f[1];
                      p.feature_class = 'A';
                      p.feature_code = f[3];
                      p.country_code = f[4];
                      p.position = {lon, lat};
                      p.source = SourceKind::kCountryInfo;
                      ++r.rows_imported;
                      sink(std::move(p));
                    });
}

ImportReport import_alternate_names(const std::filesystem::path& path, const AltNameSink& sink) {
  return read_lines(path, "alternate-names",
                    [&](ImportReport& r, std::int64_t n, std::string& line) {
                      ++r.rows_read;
                      const auto f = split(line, '\t');
                      std::int64_t id = 0;
                      if (f.size() < 8 || !parse_num(f[1], id)) {
                        ++r.rows_skipped;
                        r.add_issue(n, "bad row");
                        return;
                      }
                      static const char* const kCodes[] = {"link", "wkdt", "post",    "iata",
                                                           "icao", "faac", "fr_1793", "unlc"};
                      for (const char* c : kCodes) {
                        if (f[2] == c) return;
                      }
                      AltName a{std::string(f[3]), std::string(f[2]), f[4] == "1",
                                f[5] == "1",       f[6] == "1",       f[7] == "1"};
                      ++r.rows_imported;
                      sink(id, std::move(a));
                    });
}

namespace {
geo::Ring ring_of(const nlohmann::json& j) {
  geo::Ring ring;
  for (const auto& p : j) ring.push_back({p[0].get<double>(), p[1].get<double>()});
  return ring;
}
geo::Polygon polygon_of(const nlohmann::json& j) {
  geo::Polygon poly;
  for (const auto& r : j) poly.rings.push_back(ring_of(r));
  return poly;
}
}  // namespace

ImportReport import_natural_earth_admin1(const std::filesystem::path& path,
                                         const AdminAreaSink& sink) {
  std::ifstream in(path);
  if (!in) throw ImportError("cannot open " + path.string());
  ImportReport r;
  r.file = path.string();
  const auto j = nlohmann::json::parse(in);
  std::int64_t n = 0;
  for (const auto& f : j.at("features")) {
    ++n;
    ++r.rows_read;
    const auto& props = f.at("properties");
    const std::string code = props.contains("gn_a1_code") && props["gn_a1_code"].is_string()
                                 ? props["gn_a1_code"].get<std::string>()
                                 : "";
    const auto dot = code.find('.');
    if (dot == std::string::npos || dot + 1 >= code.size()) {
      ++r.rows_skipped;
      r.add_issue(n, "no gn_a1_code");
      continue;
    }
    AdminArea a;
    a.country_code = code.substr(0, dot);
    a.admin1_code = code.substr(dot + 1);
    if (props.contains("gn_id") && props["gn_id"].is_number()) a.geonameid = props["gn_id"];
    a.name = props.value("name", "");
    for (auto it = props.begin(); it != props.end(); ++it) {
      if (!it.value().is_string()) continue;
      const std::string& key = it.key();
      if (key.starts_with("name_") && key != "name_len" && key != "name_alt") {
        a.names.push_back({it.value().get<std::string>(), key.substr(5)});
      }
    }
    if (props.contains("latitude") && props["latitude"].is_number()) {
      a.label_point = {props["longitude"].get<double>(), props["latitude"].get<double>()};
    } else {
      a.label_point = {std::nan(""), std::nan("")};
    }
    const auto& g = f.at("geometry");
    if (g.is_object()) {
      if (g.value("type", "") == "Polygon") a.polygon.push_back(polygon_of(g["coordinates"]));
      if (g.value("type", "") == "MultiPolygon") {
        for (const auto& p : g["coordinates"]) a.polygon.push_back(polygon_of(p));
      }
    }
    ++r.rows_imported;
    sink(std::move(a));
  }
  return r;
}

namespace {
std::vector<std::string> parse_csv_line(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        out.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}
}  // namespace

ImportReport import_world_countries(const std::filesystem::path& path,
                                    const WorldCountrySink& sink) {
  std::vector<std::string> header;
  return read_lines(
      path, "world-countries", [&](ImportReport& r, std::int64_t n, std::string& line) {
        auto f = parse_csv_line(line);
        if (n == 1) {
          header = f;
          return;
        }
        ++r.rows_read;
        auto col = [&](std::string_view name) -> std::string {
          for (std::size_t i = 0; i < header.size() && i < f.size(); ++i) {
            if (header[i] == name) return f[i];
          }
          return "";
        };
        WorldCountry w;
        w.cca2 = col("cca2");
        w.cca3 = col("cca3");
        w.name_common = col("name.common");
        w.name_official = col("name.official");
        const std::string alts = col("altSpellings");
        for (auto s : split(alts, ',')) {
          if (!s.empty()) w.alt_spellings.emplace_back(s);
        }
        for (const char* k : {"demonyms.eng.m", "demonyms.eng.f"}) {
          const std::string d = col(k);
          if (!d.empty() &&
              std::find(w.demonyms.begin(), w.demonyms.end(), d) == w.demonyms.end()) {
            w.demonyms.push_back(d);
          }
        }
        w.region = col("region");
        w.subregion = col("subregion");
        const std::string latlng = col("latlng");
        const auto ll = split(latlng, ',');
        double lat = 0, lon = 0;
        if (ll.size() == 2 && parse_num(ll[0], lat) && parse_num(ll[1], lon)) {
          w.centroid = {lon, lat};
        } else {
          w.centroid = {std::nan(""), std::nan("")};
        }
        w.independent = col("independent") == "1";
        if (w.cca2.empty()) {
          ++r.rows_skipped;
          r.add_issue(n, "no cca2");
          return;
        }
        ++r.rows_imported;
        sink(std::move(w));
      });
}

}  // namespace incidentmap::gaz
