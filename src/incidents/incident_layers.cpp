#include "src/incidents/incident_layers.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <string_view>
#include <tuple>

#include "src/incidents/precision.h"

namespace incidentmap {

namespace {

FieldValue text(const std::string& s) { return s.empty() ? FieldValue{} : FieldValue{s}; }
FieldValue text(std::string&& s) { return s.empty() ? FieldValue{} : FieldValue{std::move(s)}; }
FieldValue integer(std::optional<int> v) {
  return v ? FieldValue{static_cast<std::int64_t>(*v)} : FieldValue{};
}
FieldValue date(const std::optional<CivilDate>& d) { return d ? FieldValue{*d} : FieldValue{}; }

// The mentions layer's order, by document id then position, as a permutation of the rows.
// They usually arrive document by document, each document's in text order: then sorting the
// documents' runs costs one id comparison per run rather than per mention. Any other
// arrangement (ids split into several runs, positions out of order, repeated keys) is sorted
// mention by mention, as it always was.
std::vector<std::size_t> mentions_in_layer_order(const MentionRows& rows) {
  constexpr std::size_t kDocId = 0;
  const auto doc_id = [&](std::size_t i) -> const std::string& {
    return std::get<std::string>(rows.features[i].values[kDocId]);
  };
  const auto before = [&](std::size_t a, std::size_t b) {
    return std::tie(doc_id(a), rows.mention_indexes[a]) <
           std::tie(doc_id(b), rows.mention_indexes[b]);
  };
  const std::size_t count = rows.features.size();
  std::vector<std::pair<std::size_t, std::size_t>> runs;  // [begin, end) in `rows`
  for (std::size_t i = 0; i < count; ++i) {
    if (i == 0 || doc_id(i) != doc_id(i - 1)) runs.emplace_back(i, i);
    runs.back().second = i + 1;
  }
  std::sort(runs.begin(), runs.end(),
            [&](const auto& a, const auto& b) { return before(a.first, b.first); });
  std::vector<std::size_t> order;
  order.reserve(count);
  bool increasing = true;
  for (const auto& [begin, end] : runs) {
    if (!order.empty() && !before(order.back(), begin)) increasing = false;
    for (std::size_t i = begin; i < end; ++i) {
      if (i > begin && rows.mention_indexes[i - 1] >= rows.mention_indexes[i]) increasing = false;
      order.push_back(i);
    }
  }
  if (!increasing) {
    for (std::size_t i = 0; i < count; ++i) order[i] = i;
    std::sort(order.begin(), order.end(), before);
  }
  return order;
}

// The mentions layer's fields.
const std::vector<FieldDef>& mention_fields() {
  using T = FieldType;
  static const std::vector<FieldDef> fields = {
      {"doc_id", T::String},       {"char_start", T::Integer64}, {"char_end", T::Integer64},
      {"surface", T::String},      {"name", T::String},          {"geonameid", T::Integer64},
      {"feature_code", T::String}, {"country_code", T::String},  {"admin1", T::String},
      {"role", T::String},         {"incident_id", T::String},   {"confidence", T::Real}};
  return fields;
}

}  // namespace

Layer make_incidents_layer(const std::vector<Incident>& incidents) {
  Layer layer;
  layer.name = "incidents";
  layer.description = "One point per incident: where and when it happened, with its sources.";
  using T = FieldType;
  layer.fields = {
      {"incident_id", T::String},    {"event_type", T::String},      {"sub_event_type", T::String},
      {"event_kind", T::String},     {"event_date", T::Date},        {"event_date_end", T::Date},
      {"date_precision", T::Integer64}, {"place_name", T::String},   {"geonameid", T::Integer64},
      {"feature_code", T::String},   {"country_code", T::String},    {"admin1", T::String},
      {"admin2", T::String},         {"geo_precision", T::Integer64},
      {"geo_precision_acled", T::Integer64}, {"fatalities", T::Integer64},
      {"fatalities_min", T::Integer64}, {"fatalities_max", T::Integer64}, {"actor1", T::String},
      {"actor2", T::String},         {"n_sources", T::Integer64},    {"doc_ids", T::StringList},
      {"sources", T::StringList},    {"evidence", T::String},        {"confidence", T::Real},
  };
  std::int64_t id = 0;
  layer.features.reserve(incidents.size());
  for (const Incident& incident : incidents) {
    const EventRecord& e = incident.place_event();
    // The earliest precise date any member gives; members agree within the merge tolerance.
    std::optional<CivilDate> start = e.date_start, end = e.date_end;
    int date_precision = e.date_precision;
    for (const EventRecord& m : incident.events) {
      if (!m.date_start) continue;
      if (m.date_precision < date_precision ||
          (m.date_precision == date_precision && start && *m.date_start < *start)) {
        start = m.date_start;
        end = m.date_end;
        date_precision = m.date_precision;
      }
    }
    // Actors: the first member that names them.
    std::string actor1, actor2;
    for (const EventRecord& m : incident.events) {
      if (actor1.empty()) actor1 = m.actor1;
      if (actor2.empty()) actor2 = m.actor2;
    }
    std::vector<std::string> doc_ids, outlets;
    doc_ids.reserve(incident.sources.size());
    for (const SourceReport& s : incident.sources) {
      doc_ids.push_back(s.doc_id);
      if (!s.source.empty() && std::find(outlets.begin(), outlets.end(), s.source) == outlets.end())
        outlets.push_back(s.source);
    }
    Feature f;
    f.id = ++id;
    f.point = e.position;
    // One by one rather than from an initializer list, whose elements could only be copied.
    std::vector<FieldValue>& v = f.values;
    v.reserve(layer.fields.size());
    v.emplace_back(incident.incident_id);
    v.push_back(text(incident.event_type));
    v.push_back(text(incident.sub_event_type));
    v.push_back(text(incident.event_kind));
    v.push_back(date(start));
    v.push_back(date(end));
    v.emplace_back(static_cast<std::int64_t>(date_precision));
    v.push_back(text(e.place_name));
    v.push_back(e.geonameid ? FieldValue{e.geonameid} : FieldValue{});
    v.push_back(text(e.feature_code));
    v.push_back(text(e.country_code));
    v.push_back(text(e.admin1));
    v.push_back(text(e.admin2));
    v.emplace_back(static_cast<std::int64_t>(e.geo_precision));
    v.emplace_back(static_cast<std::int64_t>(acled_geo_precision(e.geo_precision)));
    v.push_back(integer(incident.fatalities));
    v.push_back(integer(incident.fatalities_min));
    v.push_back(integer(incident.fatalities_max));
    v.push_back(text(std::move(actor1)));
    v.push_back(text(std::move(actor2)));
    v.emplace_back(static_cast<std::int64_t>(incident.sources.size()));
    v.emplace_back(std::move(doc_ids));
    v.emplace_back(std::move(outlets));
    v.push_back(text(e.evidence));
    v.emplace_back(std::round(incident.confidence * 1e4) / 1e4);
    layer.features.push_back(std::move(f));
  }
  // ACLED's six types in a fixed order, so a type has the same colour in every output.
  layer.style =
      incident_style({"Battles", "Violence against civilians", "Explosions/Remote violence",
                      "Riots", "Protests", "Strategic developments"});
  return layer;
}

MentionRows make_mention_rows(std::vector<MentionRecord> mentions) {
  // The records' strings are moved into the features: the layer owns the only copy.
  const std::vector<FieldDef>& fields = mention_fields();
  MentionRows rows;
  rows.features.reserve(mentions.size());
  rows.event_indexes.reserve(mentions.size());
  rows.mention_indexes.reserve(mentions.size());
  for (MentionRecord& m : mentions) {
    Feature& f = rows.features.emplace_back();
    f.point = m.position;
    // One by one rather than from an initializer list, whose elements could only be copied.
    f.values.reserve(fields.size());
    f.values.emplace_back(std::move(m.doc_id));
    f.values.emplace_back(m.char_start);
    f.values.emplace_back(m.char_end);
    f.values.emplace_back(std::move(m.surface));
    f.values.push_back(text(std::move(m.name)));
    f.values.push_back(m.geonameid ? FieldValue{m.geonameid} : FieldValue{});
    f.values.push_back(text(std::move(m.feature_code)));
    f.values.push_back(text(std::move(m.country_code)));
    f.values.push_back(text(std::move(m.admin1)));
    f.values.push_back(text(std::move(m.role)));
    f.values.emplace_back();  // incident_id: link_mentions
    f.values.emplace_back(std::round(m.confidence * 1e4) / 1e4);
    rows.event_indexes.push_back(std::move(m.event_indexes));
    rows.mention_indexes.push_back(m.mention_index);
    // Checked here, while the values are in cache (and, in map, on a worker thread).
    rows.checked = rows.checked && feature_values_clean(fields, GeometryKind::Point, f);
  }
  return rows;
}

void MentionLayerBuilder::add(MentionRows rows) {
  const bool checked = rows_.checked && rows.checked;
  if (rows_.features.empty()) {
    rows_ = std::move(rows);
    rows_.checked = checked;
    return;
  }
  rows_.checked = checked;
  std::move(rows.features.begin(), rows.features.end(), std::back_inserter(rows_.features));
  std::move(rows.event_indexes.begin(), rows.event_indexes.end(),
            std::back_inserter(rows_.event_indexes));
  rows_.mention_indexes.insert(rows_.mention_indexes.end(), rows.mention_indexes.begin(),
                               rows.mention_indexes.end());
}

UnlinkedMentions MentionLayerBuilder::finish() {
  const std::vector<std::size_t> order = mentions_in_layer_order(rows_);
  UnlinkedMentions result;
  Layer& layer = result.layer;
  layer.name = "mentions";
  layer.description = "One point per resolved place mention, with its role in the text.";
  layer.fields = mention_fields();
  std::int64_t id = 0;
  layer.features.reserve(order.size());
  result.event_indexes.reserve(order.size());
  for (const std::size_t i : order) {
    Feature& f = layer.features.emplace_back(std::move(rows_.features[i]));
    f.id = ++id;
    result.event_indexes.push_back(std::move(rows_.event_indexes[i]));
  }
  layer.features_checked = rows_.checked;
  rows_ = MentionRows();
  return result;
}

UnlinkedMentions make_unlinked_mentions_layer(std::vector<MentionRecord> mentions) {
  MentionLayerBuilder builder;
  builder.add(make_mention_rows(std::move(mentions)));
  return builder.finish();
}

Layer link_mentions(UnlinkedMentions mentions, const std::vector<Incident>& incidents) {
  // Keyed by views into `incidents`, which outlive the map: no string is copied.
  std::map<std::pair<std::string_view, int>, const std::string*> incident_of_event;
  constexpr std::size_t kDocId = 0, kIncidentId = 10;
  for (const Incident& incident : incidents) {
    for (const EventRecord& e : incident.events)
      incident_of_event[{e.doc_id, e.event_index}] = &incident.incident_id;
    // The ids go into checked features: the layer stays checked only if they are clean.
    if (mentions.layer.features_checked && !incident.incident_id.empty()) {
      mentions.layer.features_checked =
          value_clean(mentions.layer.fields[kIncidentId].type, FieldValue{incident.incident_id});
    }
  }
  std::vector<Feature>& features = mentions.layer.features;
  for (std::size_t i = 0; i < features.size(); ++i) {
    const std::string& doc_id = std::get<std::string>(features[i].values[kDocId]);
    for (const int event_index : mentions.event_indexes[i]) {
      const auto it = incident_of_event.find({doc_id, event_index});
      if (it != incident_of_event.end()) {
        if (!it->second->empty()) features[i].values[kIncidentId] = *it->second;
        break;
      }
    }
  }
  return std::move(mentions.layer);
}

Layer make_mentions_layer(std::vector<MentionRecord> mentions,
                          const std::vector<Incident>& incidents) {
  return link_mentions(make_unlinked_mentions_layer(std::move(mentions)), incidents);
}

Layer make_sources_layer(const std::vector<Incident>& incidents) {
  Layer layer;
  layer.name = "sources";
  layer.geometry = GeometryKind::None;
  layer.description = "Which documents report which incident, with each source's own figures.";
  using T = FieldType;
  layer.fields = {{"incident_id", T::String}, {"doc_id", T::String}, {"source", T::String},
                  {"url", T::String},         {"doc_date", T::Date}, {"fatalities", T::Integer64}};
  std::int64_t id = 0;
  for (const Incident& incident : incidents)
    for (const SourceReport& s : incident.sources) {
      Feature f;
      f.id = ++id;
      f.values.reserve(layer.fields.size());
      f.values.emplace_back(incident.incident_id);
      f.values.emplace_back(s.doc_id);
      f.values.push_back(text(s.source));
      f.values.push_back(text(s.url));
      f.values.push_back(date(s.doc_date));
      f.values.push_back(integer(s.fatalities));
      layer.features.push_back(std::move(f));
    }
  return layer;
}

}  // namespace incidentmap
