#include "gazetteer/index.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "gazetteer/fold.h"

namespace incidentmap::gaz {

namespace detail {

template <typename T>
struct Table {
  const T* data = nullptr;
  std::size_t size = 0;
  std::span<const T> span() const { return {data, size}; }
};

struct IndexData {
  std::string label;
  const unsigned char* base = nullptr;
  std::size_t size = 0;
  void* mapping = nullptr;  // munmap on destruction when set
  std::size_t mapping_size = 0;
  const format::Header* header = nullptr;

  Table<format::PlaceRecord> places;
  Table<format::CandidateRecord> candidates;
  Table<char> strings;
  Table<format::HashSlot> name_slots;
  Table<format::KeyEntry> name_keys;
  Table<format::Posting> postings;
  Table<format::GeonameIdEntry> ids;
  Table<format::CodeEntry> admin1;
  Table<format::CodeEntry> admin2;
  Table<std::uint32_t> countries;
  Table<format::PolygonRecord> polygons;
  Table<format::PartRecord> parts;
  Table<format::RingRecord> rings;
  Table<float> points;
  Table<format::StrRef> languages;
  Table<char> metadata;

  ~IndexData() {
    if (mapping != nullptr) munmap(mapping, mapping_size);
  }

  std::string_view str(format::StrRef ref) const {
    // In size_t: a StrRef near 2^32 must not wrap around to a small offset.
    const std::size_t at = ref;
    if (at + 2 > strings.size) return {};
    const auto* p = reinterpret_cast<const unsigned char*>(strings.data) + at;
    const std::size_t len = p[0] | (static_cast<std::size_t>(p[1]) << 8);
    if (at + 2 + len > strings.size) return {};
    return {strings.data + at + 2, len};
  }

  // The KeyEntry for `key` in a table, or nullptr.
  const format::KeyEntry* probe(std::string_view key) const {
    const Table<format::HashSlot>& slots = name_slots;
    const Table<format::KeyEntry>& keys = name_keys;
    if (slots.size == 0) return nullptr;
    const std::uint64_t h = XXH3_64bits(key.data(), key.size());
    std::uint32_t hi = static_cast<std::uint32_t>(h >> 32);
    if (hi == 0) hi = 1;
    const std::size_t mask = slots.size - 1;
    for (std::size_t i = h & mask, n = 0; n < slots.size; i = (i + 1) & mask, ++n) {
      const format::HashSlot& s = slots.data[i];
      if (s.hash_hi == 0) return nullptr;
      if (s.hash_hi == hi && s.key < keys.size) {
        const format::KeyEntry& e = keys.data[s.key];
        if (str(e.text) == key) return &e;
      }
    }
    return nullptr;
  }
};

}  // namespace detail

namespace {

using detail::IndexData;

[[noreturn]] void fail(const IndexData& d, const std::string& what) {
  throw IndexError("gazetteer index " + d.label + ": " + what);
}

template <typename T>
void bind(IndexData& d, detail::Table<T>& table, format::SectionId id, bool required) {
  const format::Header& h = *d.header;
  for (std::uint32_t i = 0; i < h.section_count; ++i) {
    const format::SectionEntry& e = h.sections[i];
    if (e.id != static_cast<std::uint32_t>(id)) continue;
    if (e.offset > d.size || e.size > d.size - e.offset) {
      fail(d, "corrupted: section " + std::to_string(e.id) + " lies outside the file");
    }
    if (e.size % sizeof(T) != 0 || e.offset % alignof(T) != 0) {
      fail(d, "corrupted: section " + std::to_string(e.id) + " has a bad size or alignment");
    }
    table.data = reinterpret_cast<const T*>(d.base + e.offset);
    table.size = e.size / sizeof(T);
    return;
  }
  if (required) fail(d, "corrupted: section " + std::to_string(static_cast<int>(id)) + " missing");
}

bool is_power_of_two(std::size_t n) { return n != 0 && (n & (n - 1)) == 0; }

void validate(IndexData& d, const OpenOptions& options) {
  if (d.size < format::kHeaderSize) {
    fail(d, "truncated: " + std::to_string(d.size) + " bytes, shorter than the " +
                std::to_string(format::kHeaderSize) + "-byte header");
  }
  if (reinterpret_cast<std::uintptr_t>(d.base) % 8 != 0) fail(d, "data is not 8-byte aligned");
  d.header = reinterpret_cast<const format::Header*>(d.base);
  const format::Header& h = *d.header;
  if (std::memcmp(h.magic, format::kMagic, sizeof h.magic) != 0) {
    fail(d, "not a gazetteer index (bad magic)");
  }
  if (h.format_version != format::kFormatVersion) {
    fail(d, "wrong format version " + std::to_string(h.format_version) + ", this program reads " +
                "version " + std::to_string(format::kFormatVersion) +
                "; rebuild it with 'incidentmap gazetteer build'");
  }
  if (h.header_size != format::kHeaderSize || h.section_count > format::kMaxSections) {
    fail(d, "corrupted header");
  }
  if (h.file_size != d.size) {
    fail(d, std::string(d.size < h.file_size ? "truncated" : "corrupted") + ": " +
                std::to_string(d.size) + " bytes, the header says " + std::to_string(h.file_size));
  }
  if (options.verify_checksum) {
    const std::uint64_t sum =
        XXH3_64bits(d.base + format::kHeaderSize, d.size - format::kHeaderSize);
    if (sum != h.payload_checksum) fail(d, "corrupted: checksum mismatch");
  }
  using format::SectionId;
  bind(d, d.places, SectionId::kPlaces, true);
  bind(d, d.candidates, SectionId::kCandidates, true);
  bind(d, d.strings, SectionId::kStrings, true);
  bind(d, d.name_slots, SectionId::kNameSlots, true);
  bind(d, d.name_keys, SectionId::kNameKeys, true);
  bind(d, d.postings, SectionId::kPostings, true);
  bind(d, d.ids, SectionId::kGeonameIds, true);
  bind(d, d.admin1, SectionId::kAdmin1Codes, true);
  bind(d, d.admin2, SectionId::kAdmin2Codes, true);
  bind(d, d.countries, SectionId::kCountries, true);
  bind(d, d.polygons, SectionId::kPolygons, true);
  bind(d, d.parts, SectionId::kPolygonParts, true);
  bind(d, d.rings, SectionId::kPolygonRings, true);
  bind(d, d.points, SectionId::kPolygonPoints, true);
  bind(d, d.languages, SectionId::kLanguages, true);
  bind(d, d.metadata, SectionId::kMetadata, true);
  if (d.places.size != h.place_count || d.candidates.size != h.place_count ||
      !is_power_of_two(d.name_slots.size) || d.countries.size != 26 * 26) {
    fail(d, "corrupted: inconsistent section sizes");
  }
  // Every reader of a posting takes its place, so one pass here (about as fast as the checksum
  // over the same bytes) keeps a damaged or crafted index from sending reads past the table.
  if (!options.verify_postings) return;
  for (const format::Posting& p : d.postings.span()) {
    if (p.place >= d.places.size) {
      fail(d, "corrupted: a name posting refers to place " + std::to_string(p.place) + " of " +
                  std::to_string(d.places.size));
    }
  }
}

}  // namespace

// ---- PlaceView ----

const format::PlaceRecord& PlaceView::record() const { return data_->places.data[place_]; }
const format::CandidateRecord& PlaceView::compact() const { return data_->candidates.data[place_]; }

namespace {
// The geonameid a compact record holds (not for kCandidateWide records).
std::int64_t compact_geonameid(const format::CandidateRecord& c) {
  return (c.flags & format::kCandidateCuratedId) ? kFirstCuratedId + c.id : c.id;
}
}  // namespace

std::int64_t PlaceView::geonameid() const {
  const format::CandidateRecord& c = compact();
  if (c.flags & format::kCandidateWide) return record().geonameid;
  return compact_geonameid(c);
}
std::string_view PlaceView::name() const { return data_->str(record().name); }
std::string_view PlaceView::ascii_name() const { return data_->str(record().ascii_name); }
char PlaceView::feature_class() const { return compact().feature_class; }

namespace {
// The text of a NUL-padded field, inline: the codes are read for every candidate of every
// mention, and strnlen's call costs more than these few bytes.
template <std::size_t N>
std::string_view padded(const char (&field)[N]) {
  std::size_t n = 0;
  while (n < N && field[n] != '\0') ++n;
  return {field, n};
}
}  // namespace

std::string_view PlaceView::feature_code() const { return padded(compact().feature_code); }

std::string_view PlaceView::country_code() const { return padded(compact().country_code); }

std::string_view PlaceView::admin1_code() const {
  const format::CandidateRecord& c = compact();
  if (c.flags & format::kCandidateWide) return data_->str(record().admin1_code);
  return padded(c.admin1_code);
}
std::string_view PlaceView::admin2_code() const { return data_->str(record().admin2_code); }
std::int64_t PlaceView::population() const {
  const format::CandidateRecord& c = compact();
  if (c.flags & format::kCandidateWide) return record().population;
  return c.population;
}

geo::LonLat PlaceView::position() const {
  const auto& c = compact();
  return {c.lon_e7 / 1e7, c.lat_e7 / 1e7};
}

bool PlaceView::position_estimated() const {
  return (record().flags & format::kFlagPositionEstimated) != 0;
}
bool PlaceView::has_position() const {
  return (compact().flags & format::kCandidateNoPosition) == 0;
}

PlaceView::Fields PlaceView::fields() const {
  // From the compact record alone, but for the rare place whose values do not fit it.
  const format::CandidateRecord& c = compact();
  Fields f;
  if (c.flags & format::kCandidateWide) {
    const format::PlaceRecord& r = record();
    f.geonameid = r.geonameid;
    f.population = r.population;
    f.admin1_code = data_->str(r.admin1_code);
  } else {
    f.geonameid = compact_geonameid(c);
    f.population = c.population;
    f.admin1_code = padded(c.admin1_code);
  }
  f.position = {c.lon_e7 / 1e7, c.lat_e7 / 1e7};
  f.feature_code = padded(c.feature_code);
  f.country_code = padded(c.country_code);
  f.feature_class = c.feature_class;
  f.has_position = (c.flags & format::kCandidateNoPosition) == 0;
  return f;
}
bool PlaceView::curated() const { return (record().flags & format::kFlagCurated) != 0; }
SourceKind PlaceView::source() const { return static_cast<SourceKind>(record().source); }
float PlaceView::importance() const { return record().importance; }

namespace {
std::optional<PlaceView> link(const IndexData* d, std::uint32_t place) {
  if (place == format::kNone || place >= d->places.size) return std::nullopt;
  return PlaceView(d, place);
}
}  // namespace

std::optional<PlaceView> PlaceView::country() const { return link(data_, record().country_place); }
std::optional<PlaceView> PlaceView::admin1() const { return link(data_, record().admin1_place); }
std::optional<PlaceView> PlaceView::admin2() const { return link(data_, record().admin2_place); }

std::string_view PlaceView::country_name() const {
  const auto p = country();
  return p ? p->name() : std::string_view{};
}
std::string_view PlaceView::admin1_name() const {
  const auto p = admin1();
  return p ? p->name() : std::string_view{};
}
std::string_view PlaceView::admin2_name() const {
  const auto p = admin2();
  return p ? p->name() : std::string_view{};
}

std::optional<std::uint32_t> PlaceView::polygon_ref() const {
  const std::uint32_t ref = record().polygon;
  if (ref == format::kNone) return std::nullopt;
  return ref;
}

// ---- Index ----

Index::Index(std::unique_ptr<detail::IndexData> data) : data_(std::move(data)) {}
Index::Index(Index&&) noexcept = default;
Index& Index::operator=(Index&&) noexcept = default;
Index::~Index() = default;

Index Index::open(const std::filesystem::path& path, const OpenOptions& options) {
  auto d = std::make_unique<IndexData>();
  d->label = path.string();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail(*d, std::string("cannot open: ") + std::strerror(errno));
  struct stat st {};
  if (fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    fail(*d, std::string("cannot stat: ") + std::strerror(err));
  }
  d->size = static_cast<std::size_t>(st.st_size);
  if (d->size > 0) {
    void* p = mmap(nullptr, d->size, PROT_READ, MAP_PRIVATE, fd, 0);
    const int err = errno;
    ::close(fd);
    if (p == MAP_FAILED) fail(*d, std::string("cannot map: ") + std::strerror(err));
    d->mapping = p;
    d->mapping_size = d->size;
    d->base = static_cast<const unsigned char*>(p);
  } else {
    ::close(fd);
    static const std::uint64_t kEmpty = 0;
    d->base = reinterpret_cast<const unsigned char*>(&kEmpty);
  }
  validate(*d, options);
  return Index(std::move(d));
}

Index Index::from_memory(const void* data, std::size_t size, std::string label,
                         const OpenOptions& options) {
  auto d = std::make_unique<IndexData>();
  d->label = std::move(label);
  d->base = static_cast<const unsigned char*>(data);
  d->size = size;
  if (d->base == nullptr) fail(*d, "no data");
  validate(*d, options);
  return Index(std::move(d));
}

std::span<const format::Posting> Index::find_folded(std::string_view key) const {
  const format::KeyEntry* e = data_->probe(key);
  if (e == nullptr) return {};
  const std::uint32_t count = format::posting_count(*e);
  if (e->first_posting > data_->postings.size || count > data_->postings.size - e->first_posting) {
    return {};
  }
  return {data_->postings.data + e->first_posting, count};
}

std::vector<Candidate> Index::lookup(std::string_view name, const LookupOptions& options) const {
  std::vector<Candidate> out;
  lookup(name, options, out);
  return out;
}

void Index::lookup(std::string_view name, const LookupOptions& options,
                   std::vector<Candidate>& out) const {
  out.clear();
  const std::string key = fold_name(name);
  const auto hits = find_folded(key);
  if (hits.empty()) return;
  const std::size_t limit = options.limit == 0 ? hits.size() : std::min(options.limit, hits.size());
  auto make = [&](const format::Posting& p, float score) {
    return Candidate{PlaceView(data_.get(), p.place), static_cast<NameKind>(p.kind),
                     language(p.lang), score};
  };
  if (options.country_bias.size() != 2) {
    for (std::size_t i = 0; i < limit; ++i) out.push_back(make(hits[i], hits[i].prior));
    return;
  }
  char cc[2] = {
      static_cast<char>(std::toupper(static_cast<unsigned char>(options.country_bias[0]))),
      static_cast<char>(std::toupper(static_cast<unsigned char>(options.country_bias[1])))};
  for (const format::Posting& p : hits) {
    const auto& r = data_->candidates.data[p.place];
    const bool match = r.country_code[0] == cc[0] && r.country_code[1] == cc[1];
    out.push_back(make(p, p.prior + (match ? options.country_bias_weight : 0.0f)));
  }
  // Stable: equal scores keep the stored order (prior, then geonameid).
  std::stable_sort(out.begin(), out.end(),
                   [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
  out.resize(limit, out.front());
}

int Index::max_name_tokens(std::string_view first_folded_token) const {
  const format::KeyEntry* e = data_->probe(first_folded_token);
  return e == nullptr ? 0 : static_cast<int>(format::max_tokens(*e));
}

std::optional<PlaceView> Index::place_by_geonameid(std::int64_t geonameid) const {
  const auto ids = data_->ids.span();
  auto it = std::lower_bound(
      ids.begin(), ids.end(), geonameid,
      [](const format::GeonameIdEntry& e, std::int64_t id) { return e.geonameid < id; });
  if (it == ids.end() || it->geonameid != geonameid) return std::nullopt;
  return link(data_.get(), it->place);
}

std::optional<PlaceView> Index::country_of(std::string_view iso2) const {
  if (iso2.size() != 2) return std::nullopt;
  const int a = std::toupper(static_cast<unsigned char>(iso2[0])) - 'A';
  const int b = std::toupper(static_cast<unsigned char>(iso2[1])) - 'A';
  if (a < 0 || a >= 26 || b < 0 || b >= 26) return std::nullopt;
  return link(data_.get(), data_->countries.data[a * 26 + b]);
}

namespace {
std::optional<PlaceView> find_code(const IndexData* d, const detail::Table<format::CodeEntry>& t,
                                   const std::string& code) {
  const auto entries = t.span();
  auto it = std::lower_bound(
      entries.begin(), entries.end(), code,
      [d](const format::CodeEntry& e, const std::string& c) { return d->str(e.code) < c; });
  if (it == entries.end() || d->str(it->code) != code) return std::nullopt;
  return link(d, it->place);
}
std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}
}  // namespace

std::optional<PlaceView> Index::admin1_of(std::string_view iso2, std::string_view a1) const {
  return find_code(data_.get(), data_->admin1, upper(iso2) + "." + std::string(a1));
}

std::optional<PlaceView> Index::admin2_of(std::string_view iso2, std::string_view a1,
                                          std::string_view a2) const {
  return find_code(data_.get(), data_->admin2,
                   upper(iso2) + "." + std::string(a1) + "." + std::string(a2));
}

geo::MultiPolygon Index::polygon(std::uint32_t ref) const {
  const IndexData& d = *data_;
  if (ref >= d.polygons.size) fail(d, "polygon reference " + std::to_string(ref) + " out of range");
  const format::PolygonRecord& poly = d.polygons.data[ref];
  if (poly.first_part > d.parts.size || poly.part_count > d.parts.size - poly.first_part) {
    fail(d, "corrupted polygon " + std::to_string(ref));
  }
  geo::MultiPolygon out;
  for (std::uint32_t p = 0; p < poly.part_count; ++p) {
    const format::PartRecord& part = d.parts.data[poly.first_part + p];
    if (part.first_ring > d.rings.size || part.ring_count > d.rings.size - part.first_ring) {
      fail(d, "corrupted polygon " + std::to_string(ref));
    }
    geo::Polygon& polygon = out.emplace_back();
    for (std::uint32_t r = 0; r < part.ring_count; ++r) {
      const format::RingRecord& ring = d.rings.data[part.first_ring + r];
      if (ring.first_point > d.points.size / 2 ||
          ring.point_count > d.points.size / 2 - ring.first_point) {
        fail(d, "corrupted polygon " + std::to_string(ref));
      }
      geo::Ring& pts = polygon.rings.emplace_back();
      pts.reserve(ring.point_count);
      for (std::uint32_t i = 0; i < ring.point_count; ++i) {
        const float* xy = d.points.data + 2 * (ring.first_point + i);
        pts.push_back({xy[0], xy[1]});
      }
    }
  }
  return out;
}

PlaceView Index::place(std::uint32_t index) const { return PlaceView(data_.get(), index); }
std::size_t Index::place_count() const { return data_->places.size; }
std::size_t Index::key_count() const { return data_->name_keys.size; }
std::size_t Index::posting_count() const { return data_->postings.size; }

std::string_view Index::language(std::uint16_t id) const {
  if (id >= data_->languages.size) return {};
  return data_->str(data_->languages.data[id]);
}

std::string_view Index::metadata_json() const {
  return {data_->metadata.data, data_->metadata.size};
}
std::uint32_t Index::format_version() const { return data_->header->format_version; }
std::uint64_t Index::size_bytes() const { return data_->size; }
std::uint64_t Index::checksum() const { return data_->header->payload_checksum; }
const std::string& Index::label() const { return data_->label; }

}  // namespace incidentmap::gaz
