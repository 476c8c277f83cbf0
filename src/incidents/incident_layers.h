#pragma once
// The incident layers as the writers take them: `incidents` (one point per incident),
// `mentions` (one point per resolved place mention) and `sources` (one row per incident and
// reporting document). Field names and types are a public contract (docs/output-contract.md):
// stable, one type per field, null for missing values.

#include <vector>

#include "src/incidents/event_record.h"
#include "src/incidents/incident_merge.h"
#include "src/output/layer.h"

namespace incidentmap {

// The incidents layer, features numbered from 1 in the incidents' order, styled for QGIS
// (categorised by event type, sized by fatalities).
Layer make_incidents_layer(const std::vector<Incident>& incidents);

// The mentions layer. Mentions are ordered by document id, then position; a mention where an
// event was placed carries that event's incident_id.
Layer make_mentions_layer(std::vector<MentionRecord> mentions,
                          const std::vector<Incident>& incidents);

// make_mentions_layer in two steps, so that the first can run while the events are merged: the
// layer with incident_id null in every feature, and each feature's event_indexes.
struct UnlinkedMentions {
  Layer layer;
  std::vector<std::vector<int>> event_indexes;  // parallel to layer.features
};
UnlinkedMentions make_unlinked_mentions_layer(std::vector<MentionRecord> mentions);

// Rows of the mentions layer made from records in the order given, before the layer is ordered:
// map makes one batch per document on its worker threads, so that after the last document only
// ordering and numbering remain. Feature ids are 0 and incident_id is null until
// MentionLayerBuilder::finish and link_mentions.
struct MentionRows {
  std::vector<Feature> features;
  std::vector<std::vector<int>> event_indexes;  // parallel to features
  std::vector<int> mention_indexes;             // parallel to features: the ordering key
  // Every feature passes feature_values_clean for the mentions layer (so the finished layer
  // needs only its ids checked).
  bool checked = true;
};
MentionRows make_mention_rows(std::vector<MentionRecord> mentions);

// Collects MentionRows batches in arrival order and orders them once at the end. The layer is
// the one make_unlinked_mentions_layer gives for the records of all batches in that order.
class MentionLayerBuilder {
 public:
  void add(MentionRows rows);
  // Features added so far.
  std::size_t size() const { return rows_.features.size(); }
  // The layer, ordered by document id then position, numbered from 1, with
  // Layer::features_checked set when every batch was checked. Leaves the builder empty.
  UnlinkedMentions finish();

 private:
  MentionRows rows_;
};

// Fills incident_id from the incidents (the layer make_mentions_layer returns). A checked layer
// stays checked only if the filled features still pass feature_values_clean.
Layer link_mentions(UnlinkedMentions mentions, const std::vector<Incident>& incidents);

// The non-spatial sources table: incident_id, doc_id, source, url, doc_date, fatalities.
Layer make_sources_layer(const std::vector<Incident>& incidents);

}  // namespace incidentmap
