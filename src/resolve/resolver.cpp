#include "src/resolve/resolver.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <numbers>
#include <string_view>

#include "gazetteer/ranking.h"

namespace incidentmap {

namespace {

// Weights of the evidence, in log-odds-like units. Chosen by hand from how news names places;
// the dev corpora measure them (incidentmap eval), nothing here is fitted to one article.
constexpr double kTypeHintMatch = 5.0;
constexpr double kTypeHintMismatch = -3.0;
constexpr double kInsideContainer = 6.0;
constexpr double kOutsideContainer = -3.0;
constexpr double kContainerHoldsSomething = 3.0;
constexpr double kCountryContext = 3.0;
constexpr double kAdmin1Context = 2.0;
constexpr double kCountryHint = 2.0;
// The farthest distance band in which a nearby confident place still scores.
constexpr double kLastDistanceBand_km = 300.0;
// A candidate that bears the name only as an alternate, historic or colloquial name, when
// another bears it as its own name: "Knoxville" is the city of that name, not a village once
// called so.
constexpr double kAlternateBehindPrimary = -1.5;
// ... and more when the name is a country's own name: "Mexico" in a story that also names
// Mexico City is the country, whatever the city's nearness to the story's other places adds
// (GeoNames lists "Mexico", "Panama", "Kuwait" among their capitals' alternate names).
constexpr double kAlternateBehindCountry = -3.0;
// How far from a second-level area's point a place may lie and still be inside it.
constexpr double kCountyReach_km = 80.0;
// A first-level area the document names next to a mention ("... in Orleans County, Vermont")
// holds it: a candidate inside it gains this much, however many places the document names.
constexpr double kAdmin1Named = 2.5;
// ... when it is named among the mentions next to this one (mentions in text order).
constexpr std::size_t kAdmin1NamedReach = 3;
// Votes of the document's other names (see Votes): log(1 + votes) times these.
constexpr double kAdmin1Vote = 2.5;
constexpr double kCountryVote = 1.5;
// One sense per discourse: a name repeated in a document means one place. Each mention's
// score adds this share of the mean score its namesake mentions give the same candidate.
constexpr double kDiscourse = 1.0;

// A lower bound of the great-circle distance between two points, from their latitudes alone
// (the meridian arc on geo's 6371 km sphere): cheap enough to rule pairs out before haversine.
constexpr double kKmPerLatitudeDeg = 6371.0 * std::numbers::pi / 180.0;
double latitude_gap_km(double a_lat_deg, double b_lat_deg) {
  return std::abs(a_lat_deg - b_lat_deg) * kKmPerLatitudeDeg;
}
// Beyond this latitude difference latitude_gap_km exceeds kLastDistanceBand_km + 1 whatever
// the rounding (the factor is far above it).
constexpr double kLatitudeReach_deg =
    (kLastDistanceBand_km + 1.0) / kKmPerLatitudeDeg * (1.0 + 1e-9);

bool is_country(const PlaceCandidate& c) {
  return c.feature_class == 'A' && c.feature_code.starts_with("PCL");
}
bool is_first_level(const PlaceCandidate& c) {
  return c.feature_class == 'A' && c.feature_code == "ADM1";
}
bool is_second_level(const PlaceCandidate& c) {
  return c.feature_class == 'A' && c.feature_code == "ADM2";
}
// Places with a meaningful point: distance to them says something about a neighbour.
bool is_local(const PlaceCandidate& c) {
  return c.feature_class == 'P' || c.feature_class == 'S' ||
         (c.feature_class == 'A' && (c.feature_code == "ADM2" || c.feature_code == "ADM3"));
}

// The gazetteer's own name kinds, for its ranking of a candidate without a stored prior.
gaz::format::NameKind gazetteer_kind(NameMatchKind kind) {
  switch (kind) {
    case NameMatchKind::kPrimary:
      return gaz::format::NameKind::kPrimary;
    case NameMatchKind::kAlternate:
      return gaz::format::NameKind::kAlternate;
    case NameMatchKind::kAbbreviation:
      return gaz::format::NameKind::kAbbreviation;
    case NameMatchKind::kDemonym:
      return gaz::format::NameKind::kDemonym;
    case NameMatchKind::kHistoric:
      return gaz::format::NameKind::kHistoric;
    case NameMatchKind::kColloquial:
      return gaz::format::NameKind::kColloquial;
  }
  return gaz::format::NameKind::kAlternate;
}

bool hint_matches(PlaceTypeHint hint, const PlaceCandidate& c) {
  switch (hint) {
    case PlaceTypeHint::kNone:
      return true;
    case PlaceTypeHint::kCountry:
      return is_country(c);
    case PlaceTypeHint::kFirstLevel:
      return is_first_level(c);
    case PlaceTypeHint::kSecondLevel:
      return c.feature_class == 'A' && c.feature_code.starts_with("ADM") && !is_first_level(c);
    case PlaceTypeHint::kPopulated:
      return c.feature_class == 'P';
    case PlaceTypeHint::kWater:
      return c.feature_class == 'H';
    case PlaceTypeHint::kFacility:
      return c.feature_class == 'S';
    case PlaceTypeHint::kTerrain:
      return c.feature_class == 'T';
  }
  return true;
}

// Keys of areas for the vote tables: a hash of the country code, or of country and first-level
// codes (distinct strings give distinct keys but for a negligible chance).
std::uint64_t mix(std::uint64_t h, std::string_view s) {
  for (unsigned char ch : s) h = (h ^ ch) * 1099511628211ull;  // FNV-1a
  return (h ^ 0xff) * 1099511628211ull;
}
std::uint64_t country_key(const PlaceCandidate& c) {
  return mix(14695981039346656037ull, c.country_code);
}
std::uint64_t admin1_key(const PlaceCandidate& c) {
  return mix(mix(1469598103934665603ull, c.country_code), c.admin1_code);
}

constexpr std::uint32_t kNone = 0xFFFFFFFFu;

// Dense ids (0, 1, ... in order of first sight) for the 64-bit keys of one document, so that
// the weight and vote tables keyed by them are arrays. Open addressing over a power-of-two
// table; the storage is kept from one document to the next.
class KeyIds {
 public:
  // Forgets all keys; room for `expected` keys without growing.
  void reset(std::size_t expected) {
    slots_.assign(std::max<std::size_t>(16, std::bit_ceil(2 * expected + 1)), Slot{});
    count_ = 0;
  }
  // The id of `key`, a new one when it is first seen.
  std::uint32_t id(std::uint64_t key) {
    if (2 * (count_ + 1) > slots_.size()) grow();
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = slot_of(key);; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.id == kNone) {
        s = {key, count_};
        return count_++;
      }
      if (s.key == key) return s.id;
    }
  }
  std::uint32_t size() const { return count_; }

 private:
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t id = kNone;
  };
  std::size_t slot_of(std::uint64_t key) const {
    return static_cast<std::size_t>((key * 0x9e3779b97f4a7c15ull) >> 32) & (slots_.size() - 1);
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(2 * old.size(), Slot{});
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.id == kNone) continue;
      std::size_t i = slot_of(s.key);
      while (slots_[i].id != kNone) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }
  std::vector<Slot> slots_;
  std::uint32_t count_ = 0;
};

// One candidate with what scoring asks of it again and again worked out once per document.
// The fields every pass reads are copied here from the candidate, so that the passes read one
// 64-byte Prepared per candidate and not also its PlaceCandidate (and the codes it points to).
struct Prepared {
  const PlaceCandidate* c = nullptr;
  // The part of the score no pass changes and that comes first in the sum: prior, type word,
  // name kind, country hint. (Kept as a prefix so that the sum is formed in the same order.)
  double base = 0.0;
  double vote_bonus = 0.0;             // from the other names' votes (see count_votes)
  double lat_deg = 0.0;                // c->position.lat_deg
  std::int64_t geonameid = 0;          // c->geonameid
  std::uint32_t country_area = kNone;  // dense id of country_key
  std::uint32_t admin1_area = kNone;   // dense id of admin1_key
  std::uint32_t holds = 0;             // contained mentions with some candidate inside this one
  std::uint32_t point = kNone;         // index into Workspace::points (shared by copies of a place)
  bool country = false;
  bool first_level = false;
  bool second_level = false;
  bool local = false;
  bool has_country_code = false;  // !c->country_code.empty()
  bool has_admin1_code = false;   // !c->admin1_code.empty()
};
static_assert(sizeof(Prepared) == 64);

// Unit vector of a candidate's position on the sphere, for chord lengths; set on first use.
struct Point {
  bool set = false;
  double ux = 0.0, uy = 0.0, uz = 0.0;
};

// True when `inner` lies inside the area `outer` names (country or first-level area).
inline bool contains(const Prepared& o, const Prepared& i) {
  // Equal codes give equal keys, hence equal area ids: different ids rule a pair out before
  // any string is compared.
  if (o.country ? i.country_area != o.country_area
                : !(o.first_level || o.second_level) || i.admin1_area != o.admin1_area)
    return false;
  if (o.geonameid == i.geonameid || !o.has_country_code) return false;
  const PlaceCandidate& outer = *o.c;
  const PlaceCandidate& inner = *i.c;
  if (o.country) return inner.country_code == outer.country_code;
  if (o.first_level)
    return inner.country_code == outer.country_code && o.has_admin1_code &&
           inner.admin1_code == outer.admin1_code && !i.first_level;
  // Second-level areas have no codes here: near the county's point, in its state.
  if (o.second_level)
    return inner.country_code == outer.country_code && inner.admin1_code == outer.admin1_code &&
           !i.country && !i.first_level &&
           latitude_gap_km(o.lat_deg, i.lat_deg) < kCountyReach_km &&
           geo::haversine_distance_km(outer.position, inner.position) < kCountyReach_km;
  return false;
}

// Which distance band a pair falls in: 0 below 30 km, 1 below 100, 2 below
// kLastDistanceBand_km, 3 beyond. Decided from the chord between the unit vectors (a few
// multiplications) and, only for a pair within a hair (1e-9 relative) of a band's edge, from
// haversine_distance_km itself: the band is then exactly the one that value gives.
constexpr std::array<double, 3> kBandEdges_km = {30.0, 100.0, kLastDistanceBand_km};
struct ChordEdges {
  std::array<double, 3> below{}, above{};  // squared chords clearly below / above each edge
};
const ChordEdges kChordEdges = [] {
  ChordEdges e;
  for (std::size_t k = 0; k < kBandEdges_km.size(); ++k) {
    const double chord = 2.0 * std::sin(kBandEdges_km[k] / (2.0 * 6371.0));
    e.below[k] = chord * chord * (1.0 - 1e-9);
    e.above[k] = chord * chord * (1.0 + 1e-9);
  }
  return e;
}();

[[gnu::noinline]] void set_unit(Point& u, const geo::LonLat& position) {
  constexpr double kRadPerDeg = std::numbers::pi / 180.0;
  const double lat = position.lat_deg * kRadPerDeg;
  const double lon = position.lon_deg * kRadPerDeg;
  u.ux = std::cos(lat) * std::cos(lon);
  u.uy = std::cos(lat) * std::sin(lon);
  u.uz = std::sin(lat);
  u.set = true;
}

inline const Point& unit_of(std::vector<Point>& points, const Prepared& p) {
  Point& u = points[p.point];
  if (!u.set) set_unit(u, p.c->position);
  return u;
}

int distance_band(const Point& a, const Point& b, const geo::LonLat& a_position,
                  const geo::LonLat& b_position) {
  const double dx = a.ux - b.ux, dy = a.uy - b.uy, dz = a.uz - b.uz;
  const double chord2 = dx * dx + dy * dy + dz * dz;
  for (int k = 0; k < 3; ++k) {
    if (chord2 < kChordEdges.below[k]) return k;
    if (!(chord2 > kChordEdges.above[k])) {
      const double d_km = geo::haversine_distance_km(a_position, b_position);
      for (int j = 0; j < 3; ++j)
        if (d_km < kBandEdges_km[j]) return j;
      return 3;
    }
  }
  return 3;
}

struct Anchor {
  std::size_t mention;
  std::uint32_t cand;  // index into Workspace::cands
  friend bool operator==(const Anchor&, const Anchor&) = default;
};

// What the confidently resolved mentions say about the document's geography.
struct Context {
  std::vector<Anchor> anchors;
  // The anchors whose place is local (is_local), by latitude: the distance scan of every local
  // candidate in every pass runs over those near its latitude, so they carry what it reads.
  struct Local {
    double lat_deg;
    std::size_t mention;
    std::int64_t geonameid;
    const geo::LonLat* position;
    std::uint32_t cand;
  };
  std::vector<Local> local_anchors;
  std::vector<std::uint32_t> anchor_of;  // mention -> its anchor's candidate, or kNone
  // Anchor weight by area (dense ids of country_key and admin1_key); 0 where no anchor lies.
  std::vector<double> country_weight;
  std::vector<double> admin1_weight;
  double total_weight = 0.0;
};

// One name's vote: (area id, share) pairs, at most one per area.
struct Share {
  std::uint32_t area;
  double w;
};

// Everything one call works on, kept per thread so that its buffers outlive the call.
struct Workspace {
  std::vector<Prepared> cands;       // every mention's candidates, mention after mention
  std::vector<Point> points;         // by Prepared::point
  std::vector<std::uint32_t> first;  // mention -> first candidate; [mentions] = cands.size()
  std::vector<double> scores;        // by candidate: the last score worked out
  std::vector<std::uint8_t> polity;  // mention -> names_polity
  std::vector<std::uint32_t> contained_first, contained;  // container -> contained mentions
  KeyIds country_ids, admin1_ids, group_ids;
  // Name groups and votes.
  std::vector<std::uint32_t> group;         // mention -> name group (same candidates)
  std::vector<std::uint32_t> group_first;   // group -> its first mention
  std::vector<std::uint32_t> group_size;    // group -> its mentions
  std::vector<std::uint32_t> ballot_first;  // group -> first Share of its ballots; [groups] = end
  std::vector<std::uint32_t> ballot_mid;    // group -> first Share of its country ballot
  std::vector<Share> ballots;               // per group: admin1 shares, then country shares
  std::vector<std::uint32_t> a1_slot, cc_slot;  // area -> its Share in the ballot being built
  std::vector<double> own_a1, own_cc;  // candidate of a group's first mention -> its own share
  std::vector<double> admin1_total, country_total, weights;
  // Passes.
  Context ctx;
  std::vector<Anchor> last_anchors;
  std::vector<Resolution> next, last_scored;
  // What choose() made of a mention's scores, valid while they stay the same.
  std::vector<Resolution> chosen;
  std::vector<std::uint8_t> chosen_valid;
  std::vector<double> sum, discourse;
  std::vector<std::uint32_t> member_first, members;
};

std::size_t candidate_count(const Workspace& ws, std::size_t m) {
  return ws.first[m + 1] - ws.first[m];
}

double base_score(const MentionToResolve& mention, const PlaceCandidate& c, double prior,
                  bool some_primary, bool country_primary, const ResolverOptions& options) {
  double s = prior;
  if (mention.type_hint != PlaceTypeHint::kNone)
    s += hint_matches(mention.type_hint, c) ? kTypeHintMatch : kTypeHintMismatch;
  if (mention.is_demonym && c.match != NameMatchKind::kDemonym) s -= 4.0;
  if (some_primary && c.match != NameMatchKind::kPrimary &&
      c.match != NameMatchKind::kAbbreviation && c.match != NameMatchKind::kDemonym)
    s += country_primary ? kAlternateBehindPrimary + kAlternateBehindCountry
                         : kAlternateBehindPrimary;
  if (std::find(options.country_hints.begin(), options.country_hints.end(), c.country_code) !=
      options.country_hints.end())
    s += kCountryHint;
  return s;
}

// True when both lists hold the same bytes, as a repeated name's copied candidates do (a false
// "no" only costs the work the copy saves).
bool same_bytes(const std::vector<PlaceCandidate>& a, const std::vector<PlaceCandidate>& b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(PlaceCandidate)) == 0);
}

// Fills ws.cands, the name groups and the per-mention tables: everything about a candidate that
// does not depend on the choices made in the passes.
void prepare(Workspace& ws, std::span<const MentionToResolve> mentions,
             const ResolverOptions& options) {
  const std::size_t n_mentions = mentions.size();
  std::size_t total = 0;
  for (const MentionToResolve& mention : mentions) total += mention.candidates.size();
  ws.cands.clear();
  ws.cands.reserve(total);
  ws.points.clear();
  ws.first.resize(n_mentions + 1);
  ws.scores.assign(total, 0.0);
  ws.polity.assign(n_mentions, 0);
  ws.country_ids.reset(16);
  ws.admin1_ids.reset(total);
  ws.group.resize(n_mentions);
  ws.group_first.clear();
  ws.group_size.clear();
  ws.group_ids.reset(n_mentions);
  for (std::size_t m = 0; m < n_mentions; ++m) {
    const MentionToResolve& mention = mentions[m];
    ws.first[m] = static_cast<std::uint32_t>(ws.cands.size());
    // Name groups: mentions with the same candidates (by id) and demonym flag.
    std::uint64_t h = mention.is_demonym ? 7 : 3;
    for (const PlaceCandidate& c : mention.candidates)
      h = (h ^ static_cast<std::uint64_t>(c.geonameid)) * 0x100000001b3ull + 0x9e3779b97f4a7c15ull;
    // Names the gazetteer does not know are each their own group.
    if (mention.candidates.empty()) h = ~static_cast<std::uint64_t>(m);
    const std::uint32_t g = ws.group_ids.id(h);
    ws.group[m] = g;
    if (g == ws.group_first.size()) {
      ws.group_first.push_back(static_cast<std::uint32_t>(m));
      ws.group_size.push_back(0);
    }
    ++ws.group_size[g];

    const bool some_primary =
        std::any_of(mention.candidates.begin(), mention.candidates.end(),
                    [](const PlaceCandidate& c) { return c.match == NameMatchKind::kPrimary; });
    const bool country_primary = std::any_of(
        mention.candidates.begin(), mention.candidates.end(), [](const PlaceCandidate& c) {
          return c.match == NameMatchKind::kPrimary && is_country(c);
        });
    // A repeated name: what is known of its candidates is known already.
    const std::uint32_t f = ws.group_first[g];
    if (f != m && same_bytes(mentions[f].candidates, mention.candidates)) {
      const bool same_base = mentions[f].type_hint == mention.type_hint &&
                             mentions[f].is_demonym == mention.is_demonym;
      ws.polity[m] = ws.polity[f];
      for (std::size_t k = 0; k < mention.candidates.size(); ++k) {
        Prepared p = ws.cands[ws.first[f] + k];
        p.c = &mention.candidates[k];
        p.holds = 0;
        if (!same_base)
          p.base = base_score(mention, *p.c, candidate_prior(*p.c), some_primary, country_primary,
                              options);
        ws.cands.push_back(p);
      }
      continue;
    }
    for (const PlaceCandidate& c : mention.candidates) {
      Prepared p;
      p.c = &c;
      p.country = is_country(c);
      p.first_level = is_first_level(c);
      p.second_level = is_second_level(c);
      p.local = is_local(c);
      // Some candidate is a country or first-level area: the name is read as that
      // ("Missouri", "Lebanon") and no neighbour makes it a namesake town.
      if (p.country || p.first_level) ws.polity[m] = 1;
      p.country_area = ws.country_ids.id(country_key(c));
      p.admin1_area = ws.admin1_ids.id(admin1_key(c));
      p.lat_deg = c.position.lat_deg;
      p.geonameid = c.geonameid;
      p.has_country_code = !c.country_code.empty();
      p.has_admin1_code = !c.admin1_code.empty();
      p.base = base_score(mention, c, candidate_prior(c), some_primary, country_primary, options);
      p.point = static_cast<std::uint32_t>(ws.points.size());
      ws.points.emplace_back();
      ws.cands.push_back(p);
    }
  }
  ws.first[n_mentions] = static_cast<std::uint32_t>(ws.cands.size());

  // Container -> the mentions it contains, in text order.
  ws.contained_first.assign(n_mentions + 1, 0);
  for (const MentionToResolve& mention : mentions)
    if (mention.container && *mention.container < n_mentions)
      ++ws.contained_first[*mention.container + 1];
  for (std::size_t m = 0; m < n_mentions; ++m) ws.contained_first[m + 1] += ws.contained_first[m];
  ws.contained.resize(ws.contained_first[n_mentions]);
  {
    std::vector<std::uint32_t>& fill = ws.member_first;  // scratch: next free slot
    fill.assign(ws.contained_first.begin(), ws.contained_first.end() - 1);
    for (std::size_t m = 0; m < n_mentions; ++m)
      if (mentions[m].container && *mentions[m].container < n_mentions)
        ws.contained[fill[*mentions[m].container]++] = static_cast<std::uint32_t>(m);
  }
  // A container candidate that holds one of its contained mention's candidates is likelier.
  for (std::size_t m = 0; m < n_mentions; ++m) {
    for (std::uint32_t i = ws.contained_first[m]; i < ws.contained_first[m + 1]; ++i) {
      const std::size_t other = ws.contained[i];
      for (std::uint32_t k = ws.first[m]; k < ws.first[m + 1]; ++k) {
        for (std::uint32_t j = ws.first[other]; j < ws.first[other + 1]; ++j) {
          if (contains(ws.cands[k], ws.cands[j])) {
            ++ws.cands[k].holds;
            break;
          }
        }
      }
    }
  }
}

// Adds `w` to `area`'s share of the ballot being built; slot[area] finds it (kNone: none yet).
void add_share(std::vector<Share>& ballots, std::vector<std::uint32_t>& slot, std::uint32_t area,
               double w) {
  if (slot[area] == kNone) {
    slot[area] = static_cast<std::uint32_t>(ballots.size());
    ballots.push_back({area, w});
  } else {
    ballots[slot[area]].w += w;
  }
}
double share_of(const std::vector<Share>& ballots, std::size_t from, std::size_t to,
                std::uint32_t area) {
  for (std::size_t i = from; i < to; ++i)
    if (ballots[i].area == area) return ballots[i].w;
  return 0.0;
}

// What every name of the document says about where it is, before any choice: each distinct
// name spreads one vote over the first-level areas (and, separately, the countries) its
// candidates lie in, in proportion to their priors (softmax). "Lufkin" with one candidate
// gives Texas a whole vote; "Springfield" with even namesakes in many states gives each a
// share. A candidate's support is the votes of the other names for its area, so a cluster of
// small towns in one state pulls each other there. Sets each vote_bonus.
void count_votes(Workspace& ws, std::span<const MentionToResolve> mentions) {
  const std::size_t n_mentions = mentions.size();
  ws.ballot_first.clear();
  ws.ballot_mid.clear();
  ws.ballots.clear();
  ws.admin1_total.assign(ws.admin1_ids.size(), 0.0);
  ws.country_total.assign(ws.country_ids.size(), 0.0);
  ws.a1_slot.assign(ws.admin1_ids.size(), kNone);
  ws.cc_slot.assign(ws.country_ids.size(), kNone);
  ws.own_a1.resize(ws.cands.size());
  ws.own_cc.resize(ws.cands.size());
  for (std::size_t g = 0; g < ws.group_first.size(); ++g) {
    const std::size_t m = ws.group_first[g];
    // The vote goes where the candidates' priors put the name: "California" votes for the
    // state, not for its namesake towns in Missouri and Pennsylvania.
    const std::uint32_t begin = ws.first[m];
    const std::size_t n = candidate_count(ws, m);
    ws.weights.resize(n);
    double top = -1e300;
    for (std::size_t k = 0; k < n; ++k)
      top = std::max(top, ws.weights[k] = candidate_prior(*ws.cands[begin + k].c));
    double z = 0.0;
    for (std::size_t k = 0; k < n; ++k) {
      const double p = ws.weights[k];
      z += (ws.weights[k] = p == top ? 1.0 : std::exp(p - top));
    }
    const std::size_t a1_from = ws.ballots.size();
    for (std::size_t k = 0; k < n; ++k) {
      const Prepared& c = ws.cands[begin + k];
      if (!c.has_country_code) continue;
      if (!c.country && c.has_admin1_code)
        add_share(ws.ballots, ws.a1_slot, c.admin1_area, ws.weights[k] / z);
    }
    const std::size_t cc_from = ws.ballots.size();
    for (std::size_t k = 0; k < n; ++k) {
      const Prepared& c = ws.cands[begin + k];
      if (!c.has_country_code) continue;
      add_share(ws.ballots, ws.cc_slot, c.country_area, ws.weights[k] / z);
    }
    // Each candidate's own name's share of its areas, for the bonus below.
    for (std::size_t k = 0; k < n; ++k) {
      const Prepared& c = ws.cands[begin + k];
      const std::uint32_t a1 = ws.a1_slot[c.admin1_area], cc = ws.cc_slot[c.country_area];
      ws.own_a1[begin + k] = a1 == kNone ? 0.0 : ws.ballots[a1].w;
      ws.own_cc[begin + k] = cc == kNone ? 0.0 : ws.ballots[cc].w;
    }
    for (std::size_t i = a1_from; i < cc_from; ++i) {
      ws.admin1_total[ws.ballots[i].area] += ws.ballots[i].w;
      ws.a1_slot[ws.ballots[i].area] = kNone;
    }
    for (std::size_t i = cc_from; i < ws.ballots.size(); ++i) {
      ws.country_total[ws.ballots[i].area] += ws.ballots[i].w;
      ws.cc_slot[ws.ballots[i].area] = kNone;
    }
    ws.ballot_first.push_back(static_cast<std::uint32_t>(a1_from));
    ws.ballot_mid.push_back(static_cast<std::uint32_t>(cc_from));
  }
  ws.ballot_first.push_back(static_cast<std::uint32_t>(ws.ballots.size()));
  // The score each candidate gains from the other names' votes, once: they do not change
  // between passes. An area no other name votes for adds log1p(0) = 0.
  const auto others = [](double total, double own) {
    const double x = std::max(0.0, total - own);
    return x == 0.0 ? x : std::log1p(x);
  };
  for (std::size_t m = 0; m < n_mentions; ++m) {
    const std::uint32_t g = ws.group[m];
    const std::uint32_t f = ws.group_first[g];
    const std::uint32_t begin = ws.first[m];
    const std::size_t n = candidate_count(ws, m);
    // A lone candidate is never scored (see score_mention): its bonus would go unread.
    if (n < 2) continue;
    // A repeated name (same group, same areas) gains what its first mention gained.
    if (f != m && candidate_count(ws, f) == n &&
        std::equal(ws.cands.begin() + begin, ws.cands.begin() + begin + n,
                   ws.cands.begin() + ws.first[f], [](const Prepared& a, const Prepared& b) {
                     return a.country_area == b.country_area && a.admin1_area == b.admin1_area &&
                            a.country == b.country && a.has_country_code == b.has_country_code &&
                            a.has_admin1_code == b.has_admin1_code;
                   })) {
      for (std::size_t k = 0; k < n; ++k)
        ws.cands[begin + k].vote_bonus = ws.cands[ws.first[f] + k].vote_bonus;
      continue;
    }
    for (std::size_t k = 0; k < n; ++k) {
      Prepared& c = ws.cands[begin + k];
      double s = 0.0;
      if (c.has_country_code) {
        const double own_cc =
            f == m ? ws.own_cc[begin + k]
                   : share_of(ws.ballots, ws.ballot_mid[g], ws.ballot_first[g + 1], c.country_area);
        s += kCountryVote * others(ws.country_total[c.country_area], own_cc);
        if (!c.country && c.has_admin1_code) {
          const double own_a1 =
              f == m ? ws.own_a1[begin + k]
                     : share_of(ws.ballots, ws.ballot_first[g], ws.ballot_mid[g], c.admin1_area);
          s += kAdmin1Vote * others(ws.admin1_total[c.admin1_area], own_a1);
        }
      }
      c.vote_bonus = s;
    }
  }
}

void build_context(Workspace& ws, std::span<const MentionToResolve> mentions,
                   const std::vector<Resolution>& current, double anchor_confidence) {
  Context& ctx = ws.ctx;
  ctx.anchors.clear();
  ctx.local_anchors.clear();
  ctx.anchor_of.assign(mentions.size(), kNone);
  ctx.country_weight.assign(ws.country_ids.size(), 0.0);
  ctx.admin1_weight.assign(ws.admin1_ids.size(), 0.0);
  ctx.total_weight = 0.0;
  for (std::size_t m = 0; m < mentions.size(); ++m) {
    const Resolution& r = current[m];
    if (!r.candidate) continue;
    const bool unambiguous = mentions[m].candidates.size() == 1;
    if (r.confidence < anchor_confidence && !unambiguous) continue;
    const std::uint32_t k = ws.first[m] + static_cast<std::uint32_t>(*r.candidate);
    const Prepared& c = ws.cands[k];
    ctx.anchors.push_back({m, k});
    ctx.anchor_of[m] = k;
    if (c.local) ctx.local_anchors.push_back({c.lat_deg, m, c.geonameid, &c.c->position, k});
    // A country named outright says more about where the story is than a town does.
    const double w = c.country ? 2.0 : 1.0;
    if (c.has_country_code) ctx.country_weight[c.country_area] += w;
    if (c.has_admin1_code && !c.country) ctx.admin1_weight[c.admin1_area] += 1.0;
    ctx.total_weight += w;
  }
  std::sort(ctx.local_anchors.begin(), ctx.local_anchors.end(),
            [](const Context::Local& a, const Context::Local& b) { return a.lat_deg < b.lat_deg; });
}

// Scores of every candidate of mention `m` into ws.scores; `ctx` is null in the first pass.
// Returns false when every score came out as it was (bit for bit).
bool score_mention(Workspace& ws, std::span<const MentionToResolve> mentions, std::size_t m,
                   const std::vector<Resolution>& current, const Context* ctx) {
  // A lone candidate's score is never read for anything but its own choice, which is that
  // candidate with confidence 1 whatever the score (and the mentions that share its scores in
  // the discourse step have the same lone candidate): it keeps the 0 prepare() gave it.
  if (ws.first[m + 1] - ws.first[m] < 2) return false;
  const MentionToResolve& mention = mentions[m];
  const std::uint32_t group = ws.group[m];
  // First-level areas named among the next few mentions (each mention has at most one anchor).
  std::array<const Prepared*, 2 * kAdmin1NamedReach + 1> named_states{};
  std::size_t n_states = 0;
  if (ctx && !ws.polity[m]) {
    const std::size_t from = m > kAdmin1NamedReach ? m - kAdmin1NamedReach : 0;
    const std::size_t to = std::min(mentions.size(), m + kAdmin1NamedReach + 1);
    for (std::size_t j = from; j < to; ++j) {
      const std::uint32_t a = ctx->anchor_of[j];
      if (a != kNone && ws.group[j] != group && ws.cands[a].first_level)
        named_states[n_states++] = &ws.cands[a];
    }
  }
  // This mention's own share of the context must not vote for itself.
  const Prepared* self = ctx && ctx->anchor_of[m] != kNone ? &ws.cands[ctx->anchor_of[m]] : nullptr;
  const Prepared* outer = nullptr;
  if (mention.container && *mention.container < mentions.size() &&
      current[*mention.container].candidate)
    outer = &ws.cands[ws.first[*mention.container] + *current[*mention.container].candidate];

  bool changed = false;
  for (std::uint32_t k = ws.first[m]; k < ws.first[m + 1]; ++k) {
    Prepared& p = ws.cands[k];
    const PlaceCandidate& c = *p.c;
    double s = p.base;
    if (outer) s += contains(*outer, p) ? kInsideContainer : kOutsideContainer;
    for (std::uint32_t i = 0; i < p.holds; ++i) s += kContainerHoldsSomething;
    s += p.vote_bonus;
    for (std::size_t i = 0; i < n_states; ++i) {
      if (contains(*named_states[i], p)) {
        s += kAdmin1Named;
        break;
      }
    }
    if (ctx && ctx->total_weight > 0) {
      double own_country = 0.0, own_admin1 = 0.0, own_total = 0.0;
      if (self) {
        own_total = self->country ? 2.0 : 1.0;
        // (Equal codes have equal area ids: the ids rule most pairs out first.)
        const bool same_country =
            self->country_area == p.country_area && self->c->country_code == c.country_code;
        if (same_country) own_country = own_total;
        if (!self->country && same_country && self->admin1_area == p.admin1_area &&
            self->c->admin1_code == c.admin1_code)
          own_admin1 = 1.0;
      }
      const double total = ctx->total_weight - own_total;
      if (total > 0) {
        // Anchor weights are sums of 1s and 2s: positive exactly where some anchor lies.
        const double cw = ctx->country_weight[p.country_area];
        if (cw > 0) s += kCountryContext * (cw - own_country) / total;
        if (!p.country && p.has_admin1_code) {
          const double aw = ctx->admin1_weight[p.admin1_area];
          if (aw > 0) s += kAdmin1Context * (aw - own_admin1) / total;
        }
      }
      // Stories are about places near each other: the nearest confident local place counts.
      if (p.local) {
        int band = 3;
        const Point* unit = nullptr;
        // Anchors farther in latitude than kLatitudeReach_deg fail the latitude test below for
        // certain; the order of the scan does not matter (the nearest counts).
        const auto from = std::lower_bound(
            ctx->local_anchors.begin(), ctx->local_anchors.end(), p.lat_deg - kLatitudeReach_deg,
            [](const Context::Local& a, double lat_deg) { return a.lat_deg < lat_deg; });
        for (auto it = from; it != ctx->local_anchors.end(); ++it) {
          const Context::Local& a = *it;
          if (a.lat_deg > p.lat_deg + kLatitudeReach_deg) break;
          if (a.mention == m || a.geonameid == p.geonameid) continue;
          // Only the bands matter: an anchor whose latitude alone puts it beyond the last one
          // cannot change the score, and a nearest place in the first band is final.
          // (1 km spare, so that rounding in haversine cannot matter).
          if (latitude_gap_km(a.lat_deg, p.lat_deg) > kLastDistanceBand_km + 1.0) continue;
          if (!unit) unit = &unit_of(ws.points, p);
          band = std::min(band, distance_band(unit_of(ws.points, ws.cands[a.cand]), *unit,
                                              *a.position, c.position));
          if (band == 0) break;
        }
        if (band == 0)
          s += 2.0;
        else if (band == 1)
          s += 1.5;
        else if (band == 2)
          s += 0.8;
      }
    }
    changed |= std::bit_cast<std::uint64_t>(ws.scores[k]) != std::bit_cast<std::uint64_t>(s);
    ws.scores[k] = s;
  }
  return changed;
}

// The best of mention m's n > 0 candidates by `scores`; ties go to the lower geonameid.
std::size_t best_of(const Workspace& ws, std::size_t m, const double* scores) {
  const std::size_t n = candidate_count(ws, m);
  const Prepared* cands = &ws.cands[ws.first[m]];
  std::size_t best = 0;
  for (std::size_t i = 1; i < n; ++i) {
    if (scores[i] > scores[best] ||
        (scores[i] == scores[best] && cands[i].geonameid < cands[best].geonameid))
      best = i;
  }
  return best;
}

Resolution choose(const Workspace& ws, std::size_t m, const double* scores) {
  Resolution r;
  const std::size_t n = candidate_count(ws, m);
  if (n == 0) return r;
  const std::size_t best = best_of(ws, m, scores);
  double denominator = 0.0;
  for (std::size_t i = 0; i < n; ++i)
    denominator += scores[i] == scores[best] ? 1.0 : std::exp(scores[i] - scores[best]);
  r.candidate = best;
  r.confidence = 1.0 / denominator;
  return r;
}

// choose() for the first pass, whose confidences only decide which mentions become anchors
// (confidence < anchor_confidence or not): the same candidate, and a confidence that is exact
// when the comparison is close and otherwise 0 or 1, on the side the exact one lies. The
// softmax denominator lies between 1 + e and 1 + (n - 1) e, e = exp(top), top the largest
// other score less the best: comparing top with `edge` = log(1 / anchor_confidence - 1)
// spares the exps. (The 1e-6 margins are far above the rounding of the exact sum.)
Resolution choose_anchor_side(const Workspace& ws, std::size_t m, double anchor_confidence,
                              double edge) {
  const double* scores = ws.scores.data() + ws.first[m];
  const std::size_t n = candidate_count(ws, m);
  if (n < 2 || !(anchor_confidence > 0.0 && anchor_confidence < 1.0)) return choose(ws, m, scores);
  const std::size_t best = best_of(ws, m, scores);
  double top = -std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < n; ++i)
    if (i != best) top = std::max(top, scores[i] - scores[best]);
  Resolution r;
  r.candidate = best;
  if (top > edge + 1e-6) {
    r.confidence = 0.0;  // below anchor_confidence
  } else if (top < edge - std::log(static_cast<double>(n - 1)) - 1e-6) {
    r.confidence = 1.0;  // above it
  } else {
    return choose(ws, m, scores);
  }
  return r;
}

// Scores mention `m` and chooses; what choose() made of the same scores before is reused.
Resolution score_and_choose(Workspace& ws, std::span<const MentionToResolve> mentions,
                            std::size_t m, const std::vector<Resolution>& current,
                            const Context* ctx) {
  if (score_mention(ws, mentions, m, current, ctx) || !ws.chosen_valid[m]) {
    ws.chosen[m] = choose(ws, m, ws.scores.data() + ws.first[m]);
    ws.chosen_valid[m] = 1;
  }
  return ws.chosen[m];
}

}  // namespace

double candidate_prior(const PlaceCandidate& c) {
  if (c.prior) return *c.prior;
  return gaz::place_importance(c.feature_class, c.feature_code, c.population) +
         gaz::name_kind_bonus(gazetteer_kind(c.match));
}

std::vector<Resolution> resolve_mentions(const std::vector<MentionToResolve>& mentions,
                                         const ResolverOptions& options) {
  return resolve_mentions(std::span<const MentionToResolve>(mentions), options);
}

std::vector<Resolution> resolve_mentions(std::span<const MentionToResolve> mentions,
                                         const ResolverOptions& options) {
  thread_local Workspace ws;
  const std::size_t n_mentions = mentions.size();
  prepare(ws, mentions, options);
  count_votes(ws, mentions);
  std::vector<Resolution> current(n_mentions);
  ws.chosen.resize(n_mentions);
  ws.chosen_valid.assign(n_mentions, 0);
  // Mentions whose choice the discourse step below makes again from their scores.
  const auto rechosen = [&](std::size_t m) {
    return ws.group_size[ws.group[m]] >= 2 &&
           !mentions[ws.group_first[ws.group[m]]].candidates.empty();
  };
  // Pass 1 settles containers and the obvious; two context passes let anchors inform the rest.
  const double anchor_edge = std::log(1.0 / options.anchor_confidence - 1.0);
  for (std::size_t m = 0; m < n_mentions; ++m) {
    score_mention(ws, mentions, m, current, nullptr);
    current[m] = choose_anchor_side(ws, m, options.anchor_confidence, anchor_edge);
  }
  // score_mention reads the resolutions only through the context (the anchors) and the choice
  // of the mention's container: when a pass has the same anchors as the one before, only
  // mentions whose container chose differently can score differently; the others keep theirs.
  ws.last_anchors.clear();
  for (int pass = 0; pass < 2; ++pass) {
    build_context(ws, mentions, current, options.anchor_confidence);
    const bool same_anchors = pass > 0 && ws.ctx.anchors == ws.last_anchors;
    ws.next.assign(n_mentions, Resolution{});
    for (std::size_t m = 0; m < n_mentions; ++m) {
      const std::optional<std::size_t>& holder = mentions[m].container;
      if (same_anchors && (!holder || *holder >= n_mentions ||
                           ws.last_scored[*holder].candidate == current[*holder].candidate)) {
        ws.next[m] = current[m];
        continue;
      }
      if (pass == 1 && rechosen(m)) {
        // Only the scores are needed: the choice would be made again below.
        score_mention(ws, mentions, m, current, &ws.ctx);
        ws.chosen_valid[m] = 0;
        continue;
      }
      ws.next[m] = score_and_choose(ws, mentions, m, current, &ws.ctx);
    }
    ws.last_anchors.swap(ws.ctx.anchors);
    std::swap(ws.last_scored, current);
    std::swap(current, ws.next);
  }
  // One sense per discourse: namesake mentions (same candidates) lean on each other's evidence,
  // so "Paris, Texas" early in a story settles a bare "Paris" later on.
  // Groups are numbered 0, 1, ... in order of first mention; members listed in text order.
  const std::size_t n_groups = ws.group_first.size();
  ws.member_first.assign(n_groups + 1, 0);
  for (std::size_t m = 0; m < n_mentions; ++m) ++ws.member_first[ws.group[m] + 1];
  for (std::size_t g = 0; g < n_groups; ++g) ws.member_first[g + 1] += ws.member_first[g];
  ws.members.resize(n_mentions);
  {
    std::vector<std::uint32_t>& fill = ws.contained_first;  // scratch: next free slot
    fill.assign(ws.member_first.begin(), ws.member_first.end() - 1);
    for (std::size_t m = 0; m < n_mentions; ++m)
      ws.members[fill[ws.group[m]]++] = static_cast<std::uint32_t>(m);
  }
  for (std::size_t g = 0; g < n_groups; ++g) {
    const std::uint32_t* ms = ws.members.data() + ws.member_first[g];
    const std::size_t n_members = ws.member_first[g + 1] - ws.member_first[g];
    if (n_members < 2 || mentions[ms[0]].candidates.empty()) continue;
    ws.sum.assign(candidate_count(ws, ms[0]), 0.0);
    for (std::size_t i = 0; i < n_members; ++i)
      for (std::size_t k = 0; k < ws.sum.size(); ++k) ws.sum[k] += ws.scores[ws.first[ms[i]] + k];
    const double others = static_cast<double>(n_members - 1);
    for (std::size_t i = 0; i < n_members; ++i) {
      const std::size_t m = ms[i];
      const double* own = ws.scores.data() + ws.first[m];
      ws.discourse.assign(own, own + candidate_count(ws, m));
      for (std::size_t k = 0; k < ws.discourse.size(); ++k)
        ws.discourse[k] += kDiscourse * (ws.sum[k] - own[k]) / others;
      current[m] = choose(ws, m, ws.discourse.data());
    }
  }
  // An area container with no candidate inside it stands in for the place (a hamlet the
  // gazetteer lacks). Not for a name that is itself a state or country: in "Alaska, Alabama"
  // the second name lists, it does not contain.
  for (std::size_t m = 0; m < n_mentions; ++m) {
    const MentionToResolve& mention = mentions[m];
    if (!mention.container || *mention.container >= n_mentions || mention.is_demonym ||
        ws.polity[m])
      continue;
    const std::size_t holder = *mention.container;
    if (!current[holder].candidate) continue;
    const Prepared& outer = ws.cands[ws.first[holder] + *current[holder].candidate];
    if (!outer.country && !outer.first_level && !outer.second_level) continue;
    bool inside = false;
    for (std::uint32_t k = ws.first[m]; k < ws.first[m + 1] && !inside; ++k)
      inside = contains(outer, ws.cands[k]);
    if (inside) continue;
    // Every mention of the name means that place.
    const std::uint32_t g = ws.group[m];
    for (std::uint32_t i = ws.member_first[g]; i < ws.member_first[g + 1]; ++i)
      current[ws.members[i]].stand_in = holder;
  }
  return current;
}

}  // namespace incidentmap
