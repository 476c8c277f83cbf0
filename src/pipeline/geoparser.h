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

// True when `gap`, the text between a place mention and the next one, makes the next its
// container: ", " ("Culiacán, Sinaloa"), or a description of the place as a kind of settlement
// or area in or of the next ("X is a town in Y", "X, a village in the Y", "X is an
// unincorporated community in western Y"): at most 90 bytes, no sentence punctuation.
bool container_gap(std::string_view gap);

// What a type word next to a mention says ("Laurel County" second level, "Sinaloa state" first
// level, "the town of X" populated, "X River" water, "X prison" a facility).
PlaceTypeHint type_hint_near(std::string_view text, std::uint32_t begin, std::uint32_t end);

}  // namespace incidentmap
