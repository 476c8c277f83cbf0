#pragma once
// The recogniser's view of the gazetteer (NameSource) over a compiled index.

#include "gazetteer/index.h"
#include "src/recognize/name_source.h"

namespace incidentmap {

// An abbreviation posting that comes from codes (ISO 3166 alpha-2/3 of every country, codes in
// the dump) rather than from the curated supplement: "MR" (Mauritania), "ST", "IS", "PM". In
// news such keys are titles, words and initialisms far more often than places, so neither
// recognition nor resolution uses them; curated ones ("U.S.", "Ill.", "UAE") stay.
bool code_abbreviation(const gaz::format::Posting& posting);

class IndexNameSource final : public NameSource {
 public:
  // `index` must outlive this object.
  explicit IndexNameSource(const gaz::Index& index) : index_(index) {}

  int max_name_tokens(std::string_view first_folded) const override {
    return index_.max_name_tokens(first_folded);
  }

  // Summarises the postings of `folded_key`: which kinds of places bear the name, how many,
  // the largest population, and for a demonym the country it names. Code abbreviations the
  // project did not choose (code_abbreviation) are left out.
  NameInfo lookup(std::string_view folded_key) const override;

 private:
  const gaz::Index& index_;
};

}  // namespace incidentmap
