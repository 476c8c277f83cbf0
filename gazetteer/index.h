#pragma once
// A compiled gazetteer index, memory-mapped (or embedded in the binary) and read in place.
// Opening checks the header (magic, format version, sizes, section bounds), the payload
// checksum and that every name posting refers to a place in the table, then only takes
// pointers: no parsing, no allocation per place. Lookups fold the
// query with gazetteer/fold.h and probe one hash table; candidates come back ranked by a
// precomputed prior (gazetteer/ranking.h).
//
// Thread safety: all const member functions may be called concurrently.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "gazetteer/index_format.h"
#include "gazetteer/place.h"
#include "geo/lonlat.h"
#include "geo/polygon.h"

namespace incidentmap::gaz {

// The index cannot be used: missing, truncated, corrupted, or of another format version.
// The message names the file (or "<embedded>") and what is wrong.
class IndexError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

namespace detail {
struct IndexData;
}

using format::NameKind;

// A read-only view of one place in an index; valid as long as the Index it came from (moving
// the Index keeps views valid). Strings point into the mapping.
class PlaceView {
 public:
  PlaceView(const detail::IndexData* data, std::uint32_t place) : data_(data), place_(place) {}

  std::uint32_t index() const { return place_; }  // position in the places table
  std::int64_t geonameid() const;                 // curated entries: >= kFirstCuratedId
  std::string_view name() const;
  std::string_view ascii_name() const;
  char feature_class() const;             // A H L P R S T U V
  std::string_view feature_code() const;  // "PPLA", "ADM1", "PCLI"; "" when unknown
  std::string_view country_code() const;  // ISO2, "" when none (seas, continents)
  std::string_view admin1_code() const;   // "25"; "" when none
  std::string_view admin2_code() const;
  std::int64_t population() const;  // 0 when unknown
  geo::LonLat position() const;     // degrees, 1e-7 degree resolution; see has_position
  // False for the few areas no source places (abolished divisions): kept so that codes and
  // names resolve, never returned by lookup; position() is then 0, 0.
  bool has_position() const;
  // True when the position is not GeoNames' point for the place: admin2 centroids of member
  // places, Natural Earth label points, world-countries centroids.
  bool position_estimated() const;
  bool curated() const;  // from the project's curated supplement
  SourceKind source() const;
  float importance() const;  // the prior without the name-kind bonus
  std::optional<PlaceView> country() const;
  std::optional<PlaceView> admin1() const;
  std::optional<PlaceView> admin2() const;
  std::string_view country_name() const;  // "" when unknown
  std::string_view admin1_name() const;
  std::string_view admin2_name() const;
  // Reference for Index::polygon(); nullopt when the index has no polygon for the place.
  std::optional<std::uint32_t> polygon_ref() const;

  // The fields above a resolver reads of every candidate, in one call instead of one per field
  // (each accessor finds the record again). Same values as the accessors.
  struct Fields {
    std::int64_t geonameid = 0;
    std::int64_t population = 0;
    geo::LonLat position;
    std::string_view feature_code;
    std::string_view country_code;
    std::string_view admin1_code;
    char feature_class = 0;
    bool has_position = false;
  };
  Fields fields() const;

  friend bool operator==(const PlaceView& a, const PlaceView& b) {
    return a.data_ == b.data_ && a.place_ == b.place_;
  }

 private:
  const format::PlaceRecord& record() const;
  // The place's format::CandidateRecord: the accessors of hot fields read it, not record().
  const format::CandidateRecord& compact() const;
  const detail::IndexData* data_;
  std::uint32_t place_;
};

struct LookupOptions {
  std::size_t limit = 10;  // at most this many candidates; 0 = all
  // ISO2 code; candidates in that country get `country_bias_weight` added to their score.
  std::string country_bias;
  float country_bias_weight = 2.0f;
};

struct Candidate {
  PlaceView place;
  NameKind kind;          // how the name matched
  std::string_view lang;  // language of the matched name, "" when unknown
  float score;            // prior (+ country bias); higher is more likely
};

struct OpenOptions {
  // Checking XXH3 of the payload costs about 0.1 ms per MB; turn off only for trusted files.
  bool verify_checksum = true;
  // Checking that every name posting refers to an existing place reads the whole postings table
  // (about 1.5 ms for the default index, most of it page faults); turn off only for trusted
  // files. With it off, a damaged table can make lookups read past the places.
  bool verify_postings = true;
};

class Index {
 public:
  // Maps the file read-only. Throws IndexError (missing, truncated, corrupted, wrong version).
  static Index open(const std::filesystem::path& path, const OpenOptions& options = {});
  // Uses bytes that outlive the Index (e.g. embedded in the executable). `data` must be
  // 8-byte aligned. `label` names the index in error messages.
  static Index from_memory(const void* data, std::size_t size, std::string label = "<embedded>",
                           const OpenOptions& options = {});

  Index(Index&&) noexcept;
  Index& operator=(Index&&) noexcept;
  ~Index();

  // Postings of a key already folded with fold_name(), best prior first; empty when unknown.
  std::span<const format::Posting> find_folded(std::string_view folded_key) const;

  // Ranked candidates for a name as written (folded here). Without a country bias the order is
  // the stored prior order; ties keep the lower geonameid first.
  std::vector<Candidate> lookup(std::string_view name, const LookupOptions& options = {}) const;
  // The same into a caller's vector (cleared first), without allocating once it has capacity.
  void lookup(std::string_view name, const LookupOptions& options,
              std::vector<Candidate>& out) const;

  // The most tokens of any indexed name whose first folded token is `first_folded_token`;
  // 0 when no name starts with it. Lets the recogniser bound its longest-match window.
  int max_name_tokens(std::string_view first_folded_token) const;

  std::optional<PlaceView> place_by_geonameid(std::int64_t geonameid) const;
  // Country by ISO2 ("MX"), case-insensitive.
  std::optional<PlaceView> country_of(std::string_view iso2) const;
  std::optional<PlaceView> admin1_of(std::string_view iso2, std::string_view admin1_code) const;
  std::optional<PlaceView> admin2_of(std::string_view iso2, std::string_view admin1_code,
                                     std::string_view admin2_code) const;

  // The polygon behind a PlaceView::polygon_ref(), in degrees (stored as float32).
  // Throws IndexError for a reference out of range.
  geo::MultiPolygon polygon(std::uint32_t ref) const;

  PlaceView place(std::uint32_t index) const;  // precondition: index < place_count()
  std::size_t place_count() const;
  std::size_t key_count() const;
  std::size_t posting_count() const;
  std::string_view language(std::uint16_t id) const;  // "" for an unknown id

  // The build metadata (sources, versions, counts) as JSON text, and the raw figures.
  std::string_view metadata_json() const;
  std::uint32_t format_version() const;
  std::uint64_t size_bytes() const;
  std::uint64_t checksum() const;
  const std::string& label() const;

 private:
  explicit Index(std::unique_ptr<detail::IndexData> data);
  std::unique_ptr<detail::IndexData> data_;
};

}  // namespace incidentmap::gaz
