#include "src/incidents/incident_merge.h"

#include <xxhash.h>

#include <algorithm>
#include <array>
#include <climits>
#include <exception>
#include <map>
#include <string_view>
#include <system_error>
#include <thread>
#include <tuple>
#include <unordered_map>

namespace incidentmap {

namespace {

// Precision codes (UCDP): places at or below this are points one can measure distance between.
constexpr int kPointPrecision = 3;
constexpr int kFirstLevelPrecision = 4;
// Date precisions from this on (week, month, year) are too vague to merge on dates alone.
constexpr int kVagueDatePrecision = 3;
// The longest span a precise date (precision 1 or 2) can have: "2-6 days".
constexpr long kMaxPreciseSpanDays = 6;

// ACLED's political-violence types, in the order an incident takes its type from its members:
// a story about a battle also tells of attacks, shelling and killings in that battle.
constexpr std::array<std::string_view, 4> kViolentTypes = {"Battles", "Explosions/Remote violence",
                                                           "Violence against civilians", "Riots"};

int violence_rank(std::string_view event_type) {
  for (std::size_t i = 0; i < kViolentTypes.size(); ++i)
    if (kViolentTypes[i] == event_type) return static_cast<int>(i);
  return -1;
}

// How severe a kind of event is, lowest first: the violent types in their order, then protests,
// then other ACLED types, then strategic developments, then kinds ACLED does not code
// ("press_statement", "legal_action"). An incident takes its type from its most severe member.
int severity_tier(std::string_view event_type) {
  const int violence = violence_rank(event_type);
  if (violence >= 0) return violence;
  const int n = static_cast<int>(kViolentTypes.size());
  if (event_type == "Protests") return n;
  if (event_type == "Strategic developments") return n + 2;
  return event_type.empty() ? n + 3 : n + 1;
}

// Strategic developments and uncoded kinds (arrests, statements, releases) are what a story
// tells around its main happening: within one document they join a more or equally severe event
// at the same place and date instead of standing as incidents of their own.
bool is_satellite(const EventRecord& e) {
  return e.event_type.empty() || e.event_type == "Strategic developments";
}

bool same_type(const EventRecord& a, const EventRecord& b) {
  // Violence of any kind at one place on one day is one happening, however each report or
  // sentence words it ("battle", "attack", "shelling", "killed").
  if (violence_rank(a.event_type) >= 0 && violence_rank(b.event_type) >= 0) return true;
  if (a.event_type != b.event_type || a.sub_event_type != b.sub_event_type) return false;
  // "Strategic developments" gathers unlike things (arrests, statements, escapes), and kinds
  // ACLED does not code have no type at all: the finer kind must agree as well.
  const bool coarse = a.event_type.empty() || a.event_type == "Strategic developments";
  return !coarse || a.event_kind == b.event_kind;
}

// How two reports' tolls compare: unknown when either gives none; close when within a quarter
// of the lower (a story's toll as it is updated: "14 killed", "death toll rises to 17"); apart
// when one is more than twice the other and three dead or more away ("2 dead", "8 killed").
enum class Tolls { kUnknown, kEqual, kClose, kBetween, kApart };

Tolls compare_tolls(const EventRecord& a, const EventRecord& b) {
  if (!a.fatalities || !b.fatalities) return Tolls::kUnknown;
  const int low = std::min(*a.fatalities, *b.fatalities);
  const int high = std::max(*a.fatalities, *b.fatalities);
  if (high == low) return Tolls::kEqual;
  if (high * 4 <= low * 5) return Tolls::kClose;
  return high > 2 * low && high - low >= 3 ? Tolls::kApart : Tolls::kBetween;
}

bool places_compatible(const EventRecord& a, const EventRecord& b, const MergeOptions& options) {
  if (a.geonameid != 0 && a.geonameid == b.geonameid) return true;
  if (a.country_code != b.country_code) return false;
  const bool a_point = a.geo_precision <= kPointPrecision;
  const bool b_point = b.geo_precision <= kPointPrecision;
  if (a_point && b_point &&
      geo::haversine_distance_km(a.position, b.position) <= options.same_place_km)
    return true;
  // A report that only names the state agrees with one that names a town in that state. A town
  // named like its own state (its capital, as often) may stand for the state: "Hallan 9
  // ejecutados en Zacatecas" may be the report of the killings in a town of Zacatecas state.
  const auto first_level_holds = [](const EventRecord& coarse, const EventRecord& fine) {
    const bool state_level =
        coarse.geo_precision == kFirstLevelPrecision ||
        (coarse.geo_precision <= kPointPrecision && coarse.place_name == coarse.admin1);
    return state_level && fine.geo_precision <= kPointPrecision && !coarse.admin1.empty() &&
           coarse.admin1 == fine.admin1;
  };
  if (first_level_holds(a, b) || first_level_holds(b, a)) return true;
  if (a_point && b_point) return false;
  // Reports that give the same toll of several dead in one country on the same days tell of
  // one happening, even when one of them names only the country or the state ("13 killed in
  // Mexico", "Gunmen kill 13 in Oaxaca"): such tolls seldom coincide by chance. Tolls rise as a
  // story is updated, so figures within a quarter of each other count as the same.
  const bool one_coarse = a.geo_precision > kPointPrecision || b.geo_precision > kPointPrecision;
  const bool same_first_level = a.admin1.empty() || b.admin1.empty() || a.admin1 == b.admin1 ||
                                a.geo_precision > kFirstLevelPrecision ||
                                b.geo_precision > kFirstLevelPrecision;
  if (!one_coarse || !same_first_level) return false;
  const Tolls tolls = compare_tolls(a, b);
  return (tolls == Tolls::kEqual || tolls == Tolls::kClose) &&
         std::min(*a.fatalities, *b.fatalities) >= options.min_shared_toll;
}

bool is_vague_date(const EventRecord& e) {
  return !e.date_start || e.date_precision >= kVagueDatePrecision;
}

bool dates_compatible(const EventRecord& a, const EventRecord& b, const MergeOptions& options) {
  if (!a.date_start || !b.date_start) return a.doc_id == b.doc_id;
  const long a0 = days_from_civil(*a.date_start) - options.date_tolerance_days;
  const long a1 = days_from_civil(a.date_end.value_or(*a.date_start)) + options.date_tolerance_days;
  const long b0 = days_from_civil(*b.date_start);
  const long b1 = days_from_civil(b.date_end.value_or(*b.date_start));
  if (b1 < a0 || a1 < b0) return false;
  // "In 2015" overlaps every day of 2015: vague dates merge only at the very same place.
  if (is_vague_date(a) || is_vague_date(b)) return a.geonameid != 0 && a.geonameid == b.geonameid;
  return true;
}

// How much more than compatibility two records share, to choose among the incidents a record
// could join (a state-level report of six bodies found may fit several town-level incidents of
// that state and day): the same toll weighs most (a toll within a quarter nearly as much, one
// more than twice the other and three dead or more apart counts against), then the same kind of
// event, then the same place, then the same first day. 0 when they share none of these.
int affinity(const EventRecord& a, const EventRecord& b) {
  int score = 0;
  switch (compare_tolls(a, b)) {
    case Tolls::kEqual:
      score += 8;
      break;
    case Tolls::kClose:
      score += 6;
      break;
    case Tolls::kApart:
      score -= 8;
      break;
    case Tolls::kUnknown:
    case Tolls::kBetween:
      break;
  }
  if (a.event_kind == b.event_kind) score += 4;
  if (a.geonameid != 0 && a.geonameid == b.geonameid) score += 2;
  if (a.date_start == b.date_start) score += 1;
  return score;
}

// The canonical order that makes merging independent of input order. The id is referenced, not
// copied: sorting compares keys many times per record.
auto canonical_key(const EventRecord& e) {
  return std::tuple<long, int, std::int64_t, const std::string&, int>(
      e.date_start ? days_from_civil(*e.date_start) : LONG_MAX, e.geo_precision, e.geonameid,
      e.doc_id, e.event_index);
}

std::string make_incident_id(const std::vector<EventRecord>& members) {
  const auto key_of = [](const EventRecord& e) {
    return e.doc_id + "#" + std::to_string(e.event_index);
  };
  std::string joined;
  if (members.size() == 1) {  // most incidents: no keys to sort
    joined = key_of(members.front()) + "\n";
  } else {
    std::vector<std::string> keys;
    keys.reserve(members.size());
    for (const EventRecord& e : members) keys.push_back(key_of(e));
    std::sort(keys.begin(), keys.end());
    for (const std::string& k : keys) joined += k + "\n";
  }
  // "inc-" and the hash in 16 lowercase hex digits, as "%016" PRIx64 prints it.
  std::uint64_t hash = XXH3_64bits(joined.data(), joined.size());
  std::string id = "inc-0000000000000000";
  for (std::size_t i = id.size(); hash != 0; hash >>= 4) id[--i] = "0123456789abcdef"[hash & 0xF];
  return id;
}

void max_into(std::optional<int>& into, std::optional<int> value) {
  if (value && (!into || *value > *into)) into = value;
}
void min_into(std::optional<int>& into, std::optional<int> value) {
  if (value && (!into || *value < *into)) into = value;
}

Incident finish_incident(std::vector<EventRecord> members) {
  Incident incident;
  incident.incident_id = make_incident_id(members);
  incident.events = std::move(members);
  const auto& ev = incident.events;
  for (std::size_t i = 1; i < ev.size(); ++i) {
    const EventRecord& best = ev[incident.representative];
    if (ev[i].geo_precision < best.geo_precision ||
        (ev[i].geo_precision == best.geo_precision && ev[i].confidence > best.confidence))
      incident.representative = i;
  }
  // The incident's type: the most severe type among the members (severity_tier; the most
  // confident member of that type gives the sub-type and kind), the representative's on a tie.
  const EventRecord* typed = &ev[incident.representative];
  for (const EventRecord& e : ev) {
    const int rank = severity_tier(e.event_type);
    const int best = severity_tier(typed->event_type);
    if (rank < best || (rank == best && e.confidence > typed->confidence)) typed = &e;
  }
  incident.event_type = typed->event_type;
  incident.sub_event_type = typed->sub_event_type;
  incident.event_kind = typed->event_kind;
  // Per document (keyed by views into incident.events, which stay put): the last member
  // gives the report's details, its figure is the highest any member gives.
  struct DocReport {
    const EventRecord* last = nullptr;
    std::optional<int> fatalities;
    double confidence = 0.0;
  };
  std::map<std::string_view, DocReport> by_doc;
  for (const EventRecord& e : ev) {
    DocReport& d = by_doc[e.doc_id];
    d.last = &e;
    max_into(d.fatalities, e.fatalities);
    max_into(incident.fatalities_max, e.fatalities_max);
    d.confidence = std::max(d.confidence, e.confidence);
  }
  incident.sources.reserve(by_doc.size());
  for (const auto& [doc_id, d] : by_doc) {
    SourceReport& s = incident.sources.emplace_back();
    s.doc_id = d.last->doc_id;
    s.source = d.last->source;
    s.url = d.last->url;
    s.doc_date = d.last->doc_date;
    s.fatalities = d.fatalities;
    max_into(incident.fatalities, s.fatalities);
  }
  // A source's own highest figure is what it reports (tolls rise as a story is updated); the
  // range spans the sources' figures, and any explicit upper bound ("up to 12").
  for (const SourceReport& s : incident.sources) {
    min_into(incident.fatalities_min, s.fatalities);
    max_into(incident.fatalities_max, s.fatalities);
  }
  if (incident.sources.size() > 1)
    std::stable_sort(incident.sources.begin(), incident.sources.end(),
                     [](const SourceReport& a, const SourceReport& b) {
                       return std::tie(a.doc_date, a.doc_id) < std::tie(b.doc_date, b.doc_id);
                     });
  // Independent reports corroborate each other: 1 - product of the doubts.
  double doubt = 1.0;
  for (const auto& [doc_id, d] : by_doc) doubt *= 1.0 - std::clamp(d.confidence, 0.0, 1.0);
  incident.confidence = 1.0 - doubt;
  return incident;
}

// Merges one independent group of records (see independent_groups), given in canonical order
// as indexes into `records`; moves each of them into its incident. Incidents are unsorted.
std::vector<Incident> merge_group(std::vector<EventRecord>& records,
                                  const std::vector<std::size_t>& order,
                                  const MergeOptions& options) {
  // The k-th record in canonical order.
  const auto at = [&](std::size_t k) -> EventRecord& { return records[order[k]]; };

  // Within each document, satellites join the most severe compatible event of their document
  // first; only the remaining leads are clustered across documents, and each brings its
  // satellites along. Records are in canonical order, so each document's are too.
  std::vector<std::size_t> lead_at;  // lead -> its place in canonical order
  // Satellites by the place of their host in canonical order (empty for most records).
  std::vector<std::vector<std::size_t>> satellites_of(order.size());
  {
    // Each document's records, most severe first, ties in canonical order: one sort by
    // (document, tier, place), rather than a map of documents each sorted on its own.
    struct Entry {
      std::string_view doc_id;
      int tier;
      std::size_t k;
    };
    std::vector<Entry> entries;
    entries.reserve(order.size());
    for (std::size_t k = 0; k < order.size(); ++k)
      entries.push_back({at(k).doc_id, severity_tier(at(k).event_type), k});
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
      return std::tie(a.doc_id, a.tier, a.k) < std::tie(b.doc_id, b.tier, b.k);
    });
    std::vector<bool> is_lead(order.size(), true);
    std::vector<std::size_t> doc_leads;
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (i == 0 || entries[i].doc_id != entries[i - 1].doc_id) doc_leads.clear();
      const std::size_t k = entries[i].k;
      const EventRecord& r = at(k);
      if (is_satellite(r)) {
        const auto host = std::find_if(doc_leads.begin(), doc_leads.end(), [&](std::size_t l) {
          return places_compatible(at(l), r, options) && dates_compatible(at(l), r, options);
        });
        if (host != doc_leads.end()) {
          is_lead[k] = false;
          satellites_of[*host].push_back(k);
          continue;
        }
      }
      doc_leads.push_back(k);
    }
    lead_at.reserve(order.size());
    for (std::size_t k = 0; k < order.size(); ++k)
      if (is_lead[k]) lead_at.push_back(k);
  }
  const auto lead_record = [&](std::size_t lead) -> const EventRecord& {
    return at(lead_at[lead]);
  };

  // Candidate clusters are found through two indexes instead of scanning them all:
  // by (type, place id) for every member and by (type, start day) for precisely dated ones.
  // Type keys are numbered once per record, so the index lookups copy no strings. Each index
  // entry is a sorted vector of cluster numbers without repeats.
  std::vector<std::pair<std::string_view, std::string_view>> type_keys;  // number -> key
  const auto type_number = [&](const EventRecord& record) {
    // Violent types share one key: they merge with each other (same_type).
    const std::pair<std::string_view, std::string_view> key =
        violence_rank(record.event_type) >= 0
            ? std::pair<std::string_view, std::string_view>{"violence", ""}
            : std::pair<std::string_view, std::string_view>{record.event_type,
                                                            record.sub_event_type};
    const auto it = std::find(type_keys.begin(), type_keys.end(), key);
    if (it != type_keys.end()) return static_cast<int>(it - type_keys.begin());
    type_keys.push_back(key);
    return static_cast<int>(type_keys.size() - 1);
  };
  const auto add_to = [](std::vector<std::size_t>& entry, std::size_t cluster) {
    const auto at_or_after = std::lower_bound(entry.begin(), entry.end(), cluster);
    if (at_or_after == entry.end() || *at_or_after != cluster) entry.insert(at_or_after, cluster);
  };
  std::vector<std::vector<std::size_t>> clusters;  // indexes into `leads`, moved out at the end
  std::map<std::pair<int, std::int64_t>, std::vector<std::size_t>> by_place;
  std::map<std::pair<int, long>, std::vector<std::size_t>> by_day;

  std::vector<std::size_t> candidates;
  for (std::size_t lead = 0; lead < lead_at.size(); ++lead) {
    const EventRecord& record = lead_record(lead);
    const int type = type_number(record);
    candidates.clear();
    if (auto it = by_place.find({type, record.geonameid}); it != by_place.end())
      candidates.insert(candidates.end(), it->second.begin(), it->second.end());
    const bool precise = record.date_start && !is_vague_date(record);
    const long start_day = precise ? days_from_civil(*record.date_start) : 0;
    if (precise) {
      const long end = days_from_civil(record.date_end.value_or(*record.date_start));
      // The days in range, in one walk of the index rather than a lookup per day.
      const long last = end + options.date_tolerance_days;
      for (auto it = by_day.lower_bound(
               {type, start_day - options.date_tolerance_days - kMaxPreciseSpanDays});
           it != by_day.end() && it->first.first == type && it->first.second <= last; ++it)
        candidates.insert(candidates.end(), it->second.begin(), it->second.end());
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    // Of the compatible clusters, the one whose closest member agrees most with the record
    // (affinity); ascending order makes the oldest win a tie.
    std::size_t chosen = clusters.size();
    int chosen_affinity = INT_MIN;
    for (std::size_t c : candidates) {
      const auto& members = clusters[c];
      int best = INT_MIN;
      for (const std::size_t m : members) {
        if (!events_compatible(lead_record(m), record, options)) {
          best = INT_MIN;
          break;
        }
        best = std::max(best, affinity(lead_record(m), record));
      }
      if (best != INT_MIN && best > chosen_affinity) {
        chosen = c;
        chosen_affinity = best;
      }
    }
    if (chosen == clusters.size()) clusters.emplace_back();
    add_to(by_place[{type, record.geonameid}], chosen);
    if (precise) add_to(by_day[{type, start_day}], chosen);
    clusters[chosen].push_back(lead);
  }

  std::vector<Incident> incidents;
  incidents.reserve(clusters.size());
  for (const std::vector<std::size_t>& member_leads : clusters) {
    // The leads and their satellites.
    std::vector<const std::vector<std::size_t>*> satellites;
    std::size_t total = member_leads.size();
    for (const std::size_t m : member_leads) {
      const std::vector<std::size_t>& of_lead = satellites_of[lead_at[m]];
      if (of_lead.empty()) continue;
      satellites.push_back(&of_lead);
      total += of_lead.size();
    }
    std::vector<EventRecord*> sources;
    sources.reserve(total);
    for (const std::size_t m : member_leads) sources.push_back(&at(lead_at[m]));
    for (const std::vector<std::size_t>* of_lead : satellites)
      for (const std::size_t k : *of_lead) sources.push_back(&at(k));
    // In canonical order (the keys are distinct: duplicates were dropped above), sorted through
    // pointers so that each record is moved once.
    std::sort(sources.begin(), sources.end(), [](const EventRecord* a, const EventRecord* b) {
      return canonical_key(*a) < canonical_key(*b);
    });
    std::vector<EventRecord> members;
    members.reserve(total);
    for (EventRecord* record : sources) members.push_back(std::move(*record));
    incidents.push_back(finish_incident(std::move(members)));
  }
  return incidents;
}

// Records that can end up in one incident: linked through a shared country code or a shared
// place id, since places_compatible holds only for records that share one of them. Each group
// is in canonical order (`order`), and groups come in the order of their first record, so
// merging the groups one by one gives the incidents merging all records at once gives.
std::vector<std::vector<std::size_t>> independent_groups(const std::vector<EventRecord>& records,
                                                         const std::vector<std::size_t>& order) {
  std::vector<std::size_t> parent(records.size());
  for (std::size_t i = 0; i < parent.size(); ++i) parent[i] = i;
  const auto find = [&](std::size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const auto unite = [&](std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  };
  std::unordered_map<std::string_view, std::size_t> by_country;
  std::unordered_map<std::int64_t, std::size_t> by_place;
  for (const std::size_t i : order) {
    unite(i, by_country.try_emplace(records[i].country_code, i).first->second);
    if (records[i].geonameid != 0)
      unite(i, by_place.try_emplace(records[i].geonameid, i).first->second);
  }
  std::vector<std::vector<std::size_t>> groups;
  std::unordered_map<std::size_t, std::size_t> group_of_root;
  for (const std::size_t i : order) {
    const auto [it, added] = group_of_root.try_emplace(find(i), groups.size());
    if (added) groups.emplace_back();
    groups[it->second].push_back(i);
  }
  return groups;
}

}  // namespace

bool events_compatible(const EventRecord& a, const EventRecord& b, const MergeOptions& options) {
  return same_type(a, b) && places_compatible(a, b, options) && dates_compatible(a, b, options);
}

std::vector<Incident> merge_events(std::vector<EventRecord> records, const MergeOptions& options) {
  // Records stay where they are, in an order sorted through indexes, and each is moved once,
  // into its incident: a record is a dozen strings. Ties (the same event given twice) keep their
  // input order.
  std::vector<std::size_t> order(records.size());
  {
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    // Each key computed once, not at every comparison.
    std::vector<decltype(canonical_key(records.front()))> keys;
    keys.reserve(records.size());
    for (const EventRecord& r : records) keys.push_back(canonical_key(r));
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
  }
  // The same event given twice (the same document in two inputs) counts once.
  order.erase(std::unique(order.begin(), order.end(),
                          [&](std::size_t a, std::size_t b) {
                            return records[a].doc_id == records[b].doc_id &&
                                   records[a].event_index == records[b].event_index;
                          }),
              order.end());
  // Groups that cannot share an incident are merged apart, on up to options.threads threads.
  std::vector<std::vector<std::size_t>> groups = independent_groups(records, order);
  std::vector<std::vector<Incident>> merged(groups.size());
  const std::size_t threads =
      std::min<std::size_t>(static_cast<std::size_t>(std::max(1, options.threads)), groups.size());
  if (threads <= 1) {
    for (std::size_t g = 0; g < groups.size(); ++g)
      merged[g] = merge_group(records, groups[g], options);
  } else {
    // Largest groups first, each to the least loaded thread; groups share no record.
    std::vector<std::size_t> by_size(groups.size());
    for (std::size_t g = 0; g < by_size.size(); ++g) by_size[g] = g;
    std::stable_sort(by_size.begin(), by_size.end(), [&](std::size_t a, std::size_t b) {
      return groups[a].size() > groups[b].size();
    });
    std::vector<std::vector<std::size_t>> share(threads);
    std::vector<std::size_t> load(threads, 0);
    for (const std::size_t g : by_size) {
      const std::size_t t =
          static_cast<std::size_t>(std::min_element(load.begin(), load.end()) - load.begin());
      share[t].push_back(g);
      load[t] += groups[g].size();
    }
    std::vector<std::exception_ptr> errors(threads);
    const auto run = [&](std::size_t t) {
      try {
        for (const std::size_t g : share[t]) merged[g] = merge_group(records, groups[g], options);
      } catch (...) {
        errors[t] = std::current_exception();
      }
    };
    std::vector<std::thread> helpers;
    std::size_t started = 1;
    try {
      for (; started < threads; ++started) helpers.emplace_back(run, started);
    } catch (const std::system_error&) {
      // No more threads: the calling thread takes the shares left over.
    }
    for (std::size_t t = started; t < threads; ++t) run(t);
    run(0);
    for (std::thread& helper : helpers) helper.join();
    for (const std::exception_ptr& error : errors)
      if (error) std::rethrow_exception(error);
  }
  // Sorted through pointers and moved once: an incident is a few hundred bytes and sorting
  // moves each of them many times.
  std::vector<Incident*> sorted;
  std::size_t total = 0;
  for (const auto& group : merged) total += group.size();
  sorted.reserve(total);
  for (auto& group : merged)
    for (Incident& incident : group) sorted.push_back(&incident);
  std::sort(sorted.begin(), sorted.end(), [](const Incident* a, const Incident* b) {
    const EventRecord& pa = a->place_event();
    const EventRecord& pb = b->place_event();
    return std::tie(pa.date_start, pa.country_code, pa.admin1, pa.place_name, a->incident_id) <
           std::tie(pb.date_start, pb.country_code, pb.admin1, pb.place_name, b->incident_id);
  });
  std::vector<Incident> incidents;
  incidents.reserve(sorted.size());
  for (Incident* incident : sorted) incidents.push_back(std::move(*incident));
  return incidents;
}

}  // namespace incidentmap
