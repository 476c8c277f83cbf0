#pragma once
// Geoparsing one document: recognise place mentions, look each up in the gazetteer, resolve
// them together with the document as context. The stage between text and events.

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "gazetteer/index.h"
#include "src/pipeline/index_name_source.h"
#include "src/recognize/recognizer.h"
#include "src/resolve/resolver.h"

namespace incidentmap {

struct GeoparseOptions {
  RecognizerOptions recognizer;
  ResolverOptions resolver;
  // Candidates considered per mention, best prior first. Names like "San José" have hundreds;
  // the tail never wins against the head's prior.
  std::size_t max_candidates = 40;
};

struct ResolvedMention {
  Mention mention;                      // span (bytes), surface, role, folded key
  std::optional<gaz::PlaceView> place;  // none when the gazetteer has no candidate
  double resolution_confidence = 0.0;   // how clearly the chosen place beat the others
  double confidence = 0.0;              // recognition confidence x resolution confidence
};

class Geoparser {
 public:
  // `index` must outlive the geoparser. Thread-safe: geoparse() may run concurrently.
  explicit Geoparser(const gaz::Index& index, GeoparseOptions options = {});

  // Every place mention of `text` (valid UTF-8), ordered by position.
  std::vector<ResolvedMention> geoparse(std::string_view text) const;

  // Resolution only: the mentions are the given byte spans [begin, end) (e.g. gold mentions),
  // each taken as a literal place unless it is a demonym. Spans must lie within the text, on
  // UTF-8 boundaries; they are returned in the given order.
  std::vector<ResolvedMention> resolve_spans(
      std::string_view text, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& spans) const;

  const gaz::Index& index() const { return index_; }

 private:
  std::vector<ResolvedMention> resolve(std::string_view text, std::vector<Mention> mentions) const;

  const gaz::Index& index_;
  GeoparseOptions options_;
  IndexNameSource names_;
  Recognizer recognizer_;
};

// The first of several (key, flag) pairs seen, by the index given with it: which earlier
// mention of a document has the same folded name and demonym flag. Open addressing over a
// power-of-two table; the storage is kept across reset().
class FirstOccurrence {
 public:
  // Forgets all pairs; room for `expected` pairs without growing.
  void reset(std::size_t expected);
  // The index given with the first call for (key, flag), `index` when this is the first. The
  // key's bytes must stay valid until reset(). An empty key is a key like any other.
  // Precondition: index < 0xFFFFFFFF.
  std::uint32_t first(std::string_view key, bool flag, std::uint32_t index);

 private:
  static constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;
  struct Slot {
    std::string_view key;
    std::uint64_t hash = 0;
    std::uint32_t index = kEmpty;  // kEmpty: no pair in this slot
    bool flag = false;
  };
  void grow();
  std::vector<Slot> slots_;
  std::size_t count_ = 0;
};

// True when `gap`, the text between a place mention and the next one, makes the next its
// container: ", " ("Culiacán, Sinaloa"), or a description of the place as a kind of settlement
// or area in or of the next ("X is a town in Y", "X, a village in the Y", "X is an
// unincorporated community in western Y"): at most 90 bytes, no sentence punctuation.
bool container_gap(std::string_view gap);

// What a type word next to a mention says ("Laurel County" second level, "Sinaloa state" first
// level, "the town of X" populated, "X River" water, "X prison" a facility).
PlaceTypeHint type_hint_near(std::string_view text, std::uint32_t begin, std::uint32_t end);

}  // namespace incidentmap
