#pragma once
// On-disk layout of a compiled gazetteer index (".gaz"). The builder writes it, Index maps it.
// Everything the reader needs is laid out ready to use, so opening never parses: it checks the
// header and checksum and takes pointers into the mapping.
//
// File = Header (kHeaderSize bytes) + sections, each starting on a 64-byte boundary.
// All integers are little-endian; all offsets are bytes from the start of the file.
// The payload checksum is XXH3-64 over bytes [kHeaderSize, file_size).
//
// Strings live in one pool; a StrRef is the byte offset of a record "uint16 length, bytes"
// (no terminator; UTF-8). StrRef 0 is the empty string.

#include <cstddef>
#include <cstdint>
#include <type_traits>

namespace incidentmap::gaz::format {

inline constexpr char kMagic[8] = {'I', 'M', 'G', 'A', 'Z', 'I', 'D', 'X'};
// Bump whenever any layout below changes; readers reject other versions.
inline constexpr std::uint32_t kFormatVersion = 2;
inline constexpr std::size_t kHeaderSize = 512;
inline constexpr std::size_t kSectionAlignment = 64;
inline constexpr std::uint32_t kNone = 0xFFFFFFFFu;  // "no place / no polygon"

using StrRef = std::uint32_t;

enum class SectionId : std::uint32_t {
  kPlaces = 1,          // PlaceRecord[place_count]
  kStrings = 2,         // string pool (see above)
  kNameSlots = 3,       // HashSlot[power of two]: folded name -> KeyEntry
  kNameKeys = 4,        // KeyEntry[key_count]
  kPostings = 5,        // Posting[...], grouped by key, each group ordered by prior, best first
  kGeonameIds = 8,      // GeonameIdEntry[place_count], sorted by id
  kAdmin1Codes = 9,     // CodeEntry sorted by code string "CC.A1" (bytewise)
  kAdmin2Codes = 10,    // CodeEntry sorted by code string "CC.A1.A2"
  kCountries = 11,      // uint32[26 * 26]: place of country "XY" at (X-'A')*26 + (Y-'A'), or kNone
  kPolygons = 12,       // PolygonRecord[polygon_count]
  kPolygonParts = 13,   // PartRecord[]: one per polygon of a multipolygon
  kPolygonRings = 14,   // RingRecord[]: rings of a part, exterior first
  kPolygonPoints = 15,  // float[2 * n]: lon_deg, lat_deg (float32)
  kLanguages = 16,      // StrRef[language_count]; a Posting's lang indexes it (0 = "")
  kMetadata = 17,       // UTF-8 JSON: build metadata, sources, counts (see Index::info)
  kCandidates = 18,     // CandidateRecord[place_count], parallel to kPlaces
};

struct SectionEntry {
  std::uint32_t id = 0;  // SectionId
  std::uint32_t reserved = 0;
  std::uint64_t offset = 0;
  std::uint64_t size = 0;  // bytes
};
static_assert(sizeof(SectionEntry) == 24);

inline constexpr std::size_t kMaxSections = 18;

struct Header {
  char magic[8];
  std::uint32_t format_version;
  std::uint32_t header_size;       // kHeaderSize
  std::uint64_t file_size;         // bytes, including the header
  std::uint64_t payload_checksum;  // XXH3-64 of bytes [header_size, file_size)
  std::uint32_t section_count;
  std::uint32_t place_count;
  SectionEntry sections[kMaxSections];
};
static_assert(sizeof(Header) <= kHeaderSize);
static_assert(std::is_trivially_copyable_v<Header>);

// Bits of PlaceRecord::flags.
inline constexpr std::uint8_t kFlagPositionEstimated = 1;  // admin2 centroid of member places etc.
inline constexpr std::uint8_t kFlagCurated = 2;            // from the curated supplement
inline constexpr std::uint8_t kFlagNoPosition =
    4;  // no source placed it: lat/lon are 0, unfindable

// One place, fixed size. Coordinates in 1e-7 degrees (exact for GeoNames' 5 decimals).
struct PlaceRecord {
  std::int64_t geonameid;
  std::int64_t population;
  std::int32_t lat_e7;
  std::int32_t lon_e7;
  StrRef name;
  StrRef ascii_name;
  StrRef admin1_code;
  StrRef admin2_code;
  std::uint32_t country_place;  // kNone when unknown
  std::uint32_t admin1_place;
  std::uint32_t admin2_place;
  std::uint32_t polygon;  // index into kPolygons, or kNone
  float importance;       // feature-type weight + population term; see lookup ranking
  char feature_code[6];   // NUL-padded, e.g. "PPLA2"
  char country_code[2];   // "MX"; two NULs when none
  char feature_class;     // A H L P R S T U V
  std::uint8_t source;    // SourceKind
  std::uint8_t flags;
  std::uint8_t reserved;
};
static_assert(sizeof(PlaceRecord) == 72);
static_assert(std::is_trivially_copyable_v<PlaceRecord>);

// Bits of CandidateRecord::flags.
inline constexpr std::uint8_t kCandidateNoPosition = 1;  // as kFlagNoPosition
// The geonameid is kFirstCuratedId + id (a curated entry's); otherwise it is id itself.
inline constexpr std::uint8_t kCandidateCuratedId = 2;
// The geonameid, population or admin1 code does not fit here: read them from the PlaceRecord.
inline constexpr std::uint8_t kCandidateWide = 4;

// The fields of a place that name lookups and resolution read for every candidate, 32 bytes
// (half a cache line, never split across two): one cache miss per candidate instead of the two
// lines of a PlaceRecord plus its admin1 code in the string pool. Same values as the record.
struct CandidateRecord {
  std::int32_t lat_e7;  // as PlaceRecord
  std::int32_t lon_e7;
  std::uint32_t id;          // geonameid, see kCandidateCuratedId; 0 when kCandidateWide
  std::uint32_t population;  // 0 when kCandidateWide
  char feature_code[6];      // as PlaceRecord
  char country_code[2];
  char admin1_code[6];  // NUL-padded; all NUL when kCandidateWide
  char feature_class;
  std::uint8_t flags;
};
static_assert(sizeof(CandidateRecord) == 32);
static_assert(std::is_trivially_copyable_v<CandidateRecord>);

// Open addressing with linear probing over a power-of-two table. `hash_hi` is the upper 32 bits
// of the key's XXH3-64 (0 is stored as 1 so that 0 marks an empty slot); the slot index is the
// hash modulo the table size. `key` is the KeyEntry index.
struct HashSlot {
  std::uint32_t hash_hi;
  std::uint32_t key;
};
static_assert(sizeof(HashSlot) == 8);

// A folded key. Keys are full names and also first tokens of longer names (then possibly with
// no postings), so that one probe answers both lookup and the recogniser's window question.
struct KeyEntry {
  StrRef text;                  // the folded key
  std::uint32_t first_posting;  // index into kPostings
  std::uint32_t count_tokens;   // low 24 bits: posting count; high 8 bits: max_tokens below
};
// The most tokens of any findable name whose first token is this key (0 = none), capped at 255.
inline std::uint32_t posting_count(const KeyEntry& e) { return e.count_tokens & 0xFFFFFFu; }
inline std::uint32_t max_tokens(const KeyEntry& e) { return e.count_tokens >> 24; }
inline constexpr std::uint32_t kMaxPostingsPerKey = 0xFFFFFFu;
static_assert(sizeof(KeyEntry) == 12);

// How a name belongs to a place. Order is significant only for display.
enum class NameKind : std::uint8_t {
  kPrimary = 0,
  kAscii = 1,
  kAlternate = 2,
  kAbbreviation = 3,
  kDemonym = 4,
  kHistoric = 5,
  kColloquial = 6,
  kOfficial = 7,
};
inline constexpr int kNameKindCount = 8;

// Bits of Posting::flags.
inline constexpr std::uint8_t kPostingCurated = 1;  // the name comes from the curated supplement

struct Posting {
  std::uint32_t place;
  std::uint8_t kind;  // NameKind
  std::uint8_t flags;
  std::uint16_t lang;  // index into kLanguages
  float prior;         // precomputed prior score of this (name, place) pair
};
static_assert(sizeof(Posting) == 12);

struct GeonameIdEntry {
  std::int64_t geonameid;
  std::uint32_t place;
  std::uint32_t reserved;
};
static_assert(sizeof(GeonameIdEntry) == 16);

struct CodeEntry {
  StrRef code;
  std::uint32_t place;
};

struct PolygonRecord {
  std::uint32_t first_part;
  std::uint32_t part_count;
};
struct PartRecord {
  std::uint32_t first_ring;
  std::uint32_t ring_count;
};
struct RingRecord {
  std::uint32_t first_point;
  std::uint32_t point_count;
};

}  // namespace incidentmap::gaz::format
