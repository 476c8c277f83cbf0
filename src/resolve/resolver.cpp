#include "src/resolve/resolver.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <string_view>
#include <unordered_map>

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
double latitude_gap_km(const geo::LonLat& a, const geo::LonLat& b) {
  constexpr double kKmPerLatitudeDeg = 6371.0 * std::numbers::pi / 180.0;
  return std::abs(a.lat_deg - b.lat_deg) * kKmPerLatitudeDeg;
}

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
    case NameMatchKind::kPrimary: return gaz::format::NameKind::kPrimary;
    case NameMatchKind::kAlternate: return gaz::format::NameKind::kAlternate;
    case NameMatchKind::kAbbreviation: return gaz::format::NameKind::kAbbreviation;
    case NameMatchKind::kDemonym: return gaz::format::NameKind::kDemonym;
    case NameMatchKind::kHistoric: return gaz::format::NameKind::kHistoric;
    case NameMatchKind::kColloquial: return gaz::format::NameKind::kColloquial;
  }
  return gaz::format::NameKind::kAlternate;
}

bool hint_matches(PlaceTypeHint hint, const PlaceCandidate& c) {
  switch (hint) {
    case PlaceTypeHint::kNone: return true;
    case PlaceTypeHint::kCountry: return is_country(c);
    case PlaceTypeHint::kFirstLevel: return is_first_level(c);
    case PlaceTypeHint::kSecondLevel:
      return c.feature_class == 'A' && c.feature_code.starts_with("ADM") && !is_first_level(c);
    case PlaceTypeHint::kPopulated: return c.feature_class == 'P';
    case PlaceTypeHint::kWater: return c.feature_class == 'H';
    case PlaceTypeHint::kFacility: return c.feature_class == 'S';
    case PlaceTypeHint::kTerrain: return c.feature_class == 'T';
  }
  return true;
}

// True when `inner` lies inside the area `outer` names (country or first-level area).
bool contains(const PlaceCandidate& outer, const PlaceCandidate& inner) {
  if (outer.geonameid == inner.geonameid || outer.country_code.empty()) return false;
  if (is_country(outer)) return inner.country_code == outer.country_code;
  if (is_first_level(outer))
    return inner.country_code == outer.country_code && !outer.admin1_code.empty() &&
           inner.admin1_code == outer.admin1_code && !is_first_level(inner);
  // Second-level areas have no codes here: near the county's point, in its state.
  if (is_second_level(outer))
    return inner.country_code == outer.country_code && inner.admin1_code == outer.admin1_code &&
           !is_country(inner) && !is_first_level(inner) &&
           latitude_gap_km(outer.position, inner.position) < kCountyReach_km &&
           geo::haversine_distance_km(outer.position, inner.position) < kCountyReach_km;
  return false;
}

// A country, first- or second-level area: a container whose point may stand in for a place
// inside it.
bool is_area(const PlaceCandidate& c) {
  return is_country(c) || is_first_level(c) || is_second_level(c);
}

// Some candidate is a country or first-level area: the name is read as that ("Missouri",
// "Lebanon") and no neighbour makes it a namesake town.
bool names_polity(const MentionToResolve& mention) {
  for (const PlaceCandidate& c : mention.candidates)
    if (is_country(c) || is_first_level(c)) return true;
  return false;
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

// What the confidently resolved mentions say about the document's geography.
struct Context {
  struct Anchor {
    std::size_t mention;
    const PlaceCandidate* place;
  };
  std::vector<Anchor> anchors;
  // The anchors whose place is local (is_local), in the same order: the distance scan of every
  // local candidate in every pass runs over these.
  std::vector<Anchor> local_anchors;
  // Anchor weight by area: country_key and admin1_key of the anchors' places.
  std::unordered_map<std::uint64_t, double> country_weight;
  std::unordered_map<std::uint64_t, double> admin1_weight;
  double total_weight = 0.0;
};

Context build_context(const std::vector<MentionToResolve>& mentions,
                      const std::vector<Resolution>& current, double anchor_confidence) {
  Context ctx;
  for (std::size_t m = 0; m < mentions.size(); ++m) {
    const Resolution& r = current[m];
    if (!r.candidate) continue;
    const bool unambiguous = mentions[m].candidates.size() == 1;
    if (r.confidence < anchor_confidence && !unambiguous) continue;
    const PlaceCandidate* c = &mentions[m].candidates[*r.candidate];
    ctx.anchors.push_back({m, c});
    if (is_local(*c)) ctx.local_anchors.push_back({m, c});
    // A country named outright says more about where the story is than a town does.
    const double w = is_country(*c) ? 2.0 : 1.0;
    if (!c->country_code.empty()) ctx.country_weight[country_key(*c)] += w;
    if (!c->admin1_code.empty() && !is_country(*c)) ctx.admin1_weight[admin1_key(*c)] += 1.0;
    ctx.total_weight += w;
  }
  return ctx;
}

// What every name of the document says about where it is, before any choice: each distinct
// name spreads one vote over the first-level areas (and, separately, the countries) its
// candidates lie in, in proportion to their priors (softmax). "Lufkin" with one candidate
// gives Texas a whole vote; "Springfield" with even namesakes in many states gives each a
// share. A candidate's support is the votes of the other names for its area, so a cluster of
// small towns in one state pulls each other there.
struct Votes {
  std::vector<std::size_t> group;          // mention -> name group (same candidates)
  std::vector<std::vector<double>> bonus;  // mention -> candidate -> score from the votes
};

// One name's vote: (area key, share) pairs, at most one per area.
using Ballot = std::vector<std::pair<std::uint64_t, double>>;
void add_share(Ballot& ballot, std::uint64_t key, double w) {
  for (auto& [k, v] : ballot) {
    if (k == key) {
      v += w;
      return;
    }
  }
  ballot.emplace_back(key, w);
}
double share_of(const Ballot& ballot, std::uint64_t key) {
  for (const auto& [k, v] : ballot)
    if (k == key) return v;
  return 0.0;
}

Votes count_votes(const std::vector<MentionToResolve>& mentions) {
  Votes v;
  v.group.resize(mentions.size());
  std::unordered_map<std::uint64_t, std::size_t> groups;  // hash of the candidate ids -> group
  std::vector<Ballot> admin1, country;                    // by group
  std::unordered_map<std::uint64_t, double> admin1_total, country_total;
  for (std::size_t m = 0; m < mentions.size(); ++m) {
    const std::vector<PlaceCandidate>& cands = mentions[m].candidates;
    std::uint64_t h = mentions[m].is_demonym ? 7 : 3;
    for (const PlaceCandidate& c : cands)
      h = (h ^ static_cast<std::uint64_t>(c.geonameid)) * 0x100000001b3ull + 0x9e3779b97f4a7c15ull;
    // Names the gazetteer does not know are each their own group.
    if (cands.empty()) h = ~static_cast<std::uint64_t>(m);
    const auto [it, added] = groups.emplace(h, groups.size());
    v.group[m] = it->second;
    if (!added) continue;
    // The vote goes where the candidates' priors put the name: "California" votes for the
    // state, not for its namesake towns in Missouri and Pennsylvania.
    std::vector<double> prior(cands.size());
    double top = -1e300;
    for (std::size_t k = 0; k < cands.size(); ++k)
      top = std::max(top, prior[k] = candidate_prior(cands[k]));
    double z = 0.0;
    for (double& p : prior) z += (p = std::exp(p - top));
    Ballot a1, cc;
    for (std::size_t k = 0; k < cands.size(); ++k) {
      const PlaceCandidate& c = cands[k];
      if (c.country_code.empty()) continue;
      const double w = prior[k] / z;
      add_share(cc, country_key(c), w);
      if (!is_country(c) && !c.admin1_code.empty()) add_share(a1, admin1_key(c), w);
    }
    for (const auto& [key, w] : a1) admin1_total[key] += w;
    for (const auto& [key, w] : cc) country_total[key] += w;
    admin1.push_back(std::move(a1));
    country.push_back(std::move(cc));
  }
  // The score each candidate gains from the other names' votes, once: they do not change
  // between passes.
  const auto others = [](const std::unordered_map<std::uint64_t, double>& total, const Ballot& own,
                         std::uint64_t key) {
    const auto t = total.find(key);
    return t == total.end() ? 0.0 : std::max(0.0, t->second - share_of(own, key));
  };
  v.bonus.resize(mentions.size());
  for (std::size_t m = 0; m < mentions.size(); ++m) {
    const std::size_t g = v.group[m];
    for (const PlaceCandidate& c : mentions[m].candidates) {
      double s = 0.0;
      if (!c.country_code.empty()) {
        s += kCountryVote * std::log1p(others(country_total, country[g], country_key(c)));
        if (!is_country(c) && !c.admin1_code.empty())
          s += kAdmin1Vote * std::log1p(others(admin1_total, admin1[g], admin1_key(c)));
      }
      v.bonus[m].push_back(s);
    }
  }
  return v;
}

std::vector<double> score_mention(const std::vector<MentionToResolve>& mentions, std::size_t m,
                                  const std::vector<std::size_t>& contained,
                                  const std::vector<Resolution>& current, const Context* ctx,
                                  const Votes& votes, const ResolverOptions& options) {
  const MentionToResolve& mention = mentions[m];
  const std::size_t group = votes.group[m];
  const bool polity_name = names_polity(mention);
  const bool some_primary =
      std::any_of(mention.candidates.begin(), mention.candidates.end(),
                  [](const PlaceCandidate& c) { return c.match == NameMatchKind::kPrimary; });
  const bool country_primary =
      std::any_of(mention.candidates.begin(), mention.candidates.end(), [](const PlaceCandidate& c) {
        return c.match == NameMatchKind::kPrimary && is_country(c);
      });
  // First-level areas named among the next few mentions.
  std::vector<const PlaceCandidate*> named_states;
  if (ctx && !polity_name) {
    for (const auto& a : ctx->anchors) {
      const std::size_t gap = a.mention > m ? a.mention - m : m - a.mention;
      if (gap <= kAdmin1NamedReach && votes.group[a.mention] != group && is_first_level(*a.place))
        named_states.push_back(a.place);
    }
  }
  std::vector<double> scores;
  scores.reserve(mention.candidates.size());
  // This mention's own share of the context must not vote for itself.
  const PlaceCandidate* self = nullptr;
  if (ctx)
    for (const auto& a : ctx->anchors)
      if (a.mention == m) self = a.place;

  for (const PlaceCandidate& c : mention.candidates) {
    double s = candidate_prior(c);
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

    if (mention.container && *mention.container < mentions.size() &&
        current[*mention.container].candidate) {
      const MentionToResolve& holder = mentions[*mention.container];
      const PlaceCandidate& outer = holder.candidates[*current[*mention.container].candidate];
      s += contains(outer, c) ? kInsideContainer : kOutsideContainer;
    }
    // A container candidate that holds one of its contained mention's candidates is likelier.
    for (std::size_t other : contained) {
      for (const PlaceCandidate& inner : mentions[other].candidates)
        if (contains(c, inner)) {
          s += kContainerHoldsSomething;
          break;
        }
    }

    s += votes.bonus[m][static_cast<std::size_t>(&c - mention.candidates.data())];

    for (const PlaceCandidate* state : named_states) {
      if (contains(*state, c)) {
        s += kAdmin1Named;
        break;
      }
    }

    if (ctx && ctx->total_weight > 0) {
      double own_country = 0.0, own_admin1 = 0.0, own_total = 0.0;
      if (self) {
        own_total = is_country(*self) ? 2.0 : 1.0;
        if (self->country_code == c.country_code) own_country = own_total;
        if (!is_country(*self) && self->country_code == c.country_code &&
            self->admin1_code == c.admin1_code)
          own_admin1 = 1.0;
      }
      const double total = ctx->total_weight - own_total;
      if (total > 0) {
        const auto cw = ctx->country_weight.find(country_key(c));
        if (cw != ctx->country_weight.end())
          s += kCountryContext * (cw->second - own_country) / total;
        if (!is_country(c) && !c.admin1_code.empty()) {
          const auto aw = ctx->admin1_weight.find(admin1_key(c));
          if (aw != ctx->admin1_weight.end())
            s += kAdmin1Context * (aw->second - own_admin1) / total;
        }
      }
      // Stories are about places near each other: the nearest confident local place counts.
      if (is_local(c)) {
        double nearest_km = 1e9;
        for (const auto& a : ctx->local_anchors) {
          if (a.mention == m || a.place->geonameid == c.geonameid) continue;
          // Only the bands below matter: an anchor whose latitude alone puts it beyond the
          // last one cannot change the score, and a nearest place in the first band is final.
          // (1 km spare, so that rounding in haversine cannot matter).
          if (latitude_gap_km(a.place->position, c.position) > kLastDistanceBand_km + 1.0) {
            continue;
          }
          nearest_km = std::min(nearest_km, geo::haversine_distance_km(a.place->position, c.position));
          if (nearest_km < 30) break;
        }
        if (nearest_km < 30) s += 2.0;
        else if (nearest_km < 100) s += 1.5;
        else if (nearest_km < kLastDistanceBand_km) s += 0.8;
      }
    }
    scores.push_back(s);
  }
  return scores;
}

Resolution choose(const MentionToResolve& mention, const std::vector<double>& scores) {
  Resolution r;
  if (scores.empty()) return r;
  std::size_t best = 0;
  for (std::size_t i = 1; i < scores.size(); ++i) {
    if (scores[i] > scores[best] ||
        (scores[i] == scores[best] &&
         mention.candidates[i].geonameid < mention.candidates[best].geonameid))
      best = i;
  }
  double denominator = 0.0;
  for (double s : scores) denominator += std::exp(s - scores[best]);
  r.candidate = best;
  r.confidence = 1.0 / denominator;
  return r;
}

}  // namespace

double candidate_prior(const PlaceCandidate& c) {
  if (c.prior) return *c.prior;
  return gaz::place_importance(c.feature_class, c.feature_code, c.population) +
         gaz::name_kind_bonus(gazetteer_kind(c.match));
}

std::vector<Resolution> resolve_mentions(const std::vector<MentionToResolve>& mentions,
                                         const ResolverOptions& options) {
  std::vector<std::vector<std::size_t>> contained(mentions.size());
  for (std::size_t m = 0; m < mentions.size(); ++m)
    if (mentions[m].container && *mentions[m].container < mentions.size())
      contained[*mentions[m].container].push_back(m);
  const Votes votes = count_votes(mentions);
  std::vector<Resolution> current(mentions.size());
  std::vector<std::vector<double>> scores(mentions.size());
  // Pass 1 settles containers and the obvious; two context passes let anchors inform the rest.
  for (std::size_t m = 0; m < mentions.size(); ++m) {
    scores[m] = score_mention(mentions, m, contained[m], current, nullptr, votes, options);
    current[m] = choose(mentions[m], scores[m]);
  }
  // score_mention reads the resolutions only through the context (the anchors) and the choice
  // of the mention's container: when a pass has the same anchors as the one before, only
  // mentions whose container chose differently can score differently; the others keep theirs.
  std::vector<Context::Anchor> last_anchors;
  std::vector<Resolution> last_scored;  // the resolutions the last pass scored with
  for (int pass = 0; pass < 2; ++pass) {
    const Context ctx = build_context(mentions, current, options.anchor_confidence);
    const bool same_anchors =
        pass > 0 && std::equal(ctx.anchors.begin(), ctx.anchors.end(), last_anchors.begin(),
                               last_anchors.end(), [](const auto& a, const auto& b) {
                                 return a.mention == b.mention && a.place == b.place;
                               });
    std::vector<Resolution> next(mentions.size());
    for (std::size_t m = 0; m < mentions.size(); ++m) {
      const std::optional<std::size_t>& holder = mentions[m].container;
      if (same_anchors && (!holder || *holder >= mentions.size() ||
                           last_scored[*holder].candidate == current[*holder].candidate)) {
        next[m] = current[m];
        continue;
      }
      scores[m] = score_mention(mentions, m, contained[m], current, &ctx, votes, options);
      next[m] = choose(mentions[m], scores[m]);
    }
    last_anchors = ctx.anchors;
    last_scored = std::move(current);
    current = std::move(next);
  }
  // One sense per discourse: namesake mentions (same candidates) lean on each other's evidence,
  // so "Paris, Texas" early in a story settles a bare "Paris" later on.
  // Groups are numbered 0, 1, ... in order of first mention.
  std::vector<std::vector<std::size_t>> members(mentions.size());
  for (std::size_t m = 0; m < mentions.size(); ++m) members[votes.group[m]].push_back(m);
  for (const std::vector<std::size_t>& ms : members) {
    if (ms.size() < 2 || mentions[ms[0]].candidates.empty()) continue;
    std::vector<double> sum(mentions[ms[0]].candidates.size(), 0.0);
    for (std::size_t m : ms)
      for (std::size_t k = 0; k < sum.size(); ++k) sum[k] += scores[m][k];
    const double others = static_cast<double>(ms.size() - 1);
    for (std::size_t m : ms) {
      std::vector<double> s = scores[m];
      for (std::size_t k = 0; k < s.size(); ++k)
        s[k] += kDiscourse * (sum[k] - scores[m][k]) / others;
      current[m] = choose(mentions[m], s);
    }
  }
  // An area container with no candidate inside it stands in for the place (a hamlet the
  // gazetteer lacks). Not for a name that is itself a state or country: in "Alaska, Alabama"
  // the second name lists, it does not contain.
  for (std::size_t m = 0; m < mentions.size(); ++m) {
    const MentionToResolve& mention = mentions[m];
    if (!mention.container || *mention.container >= mentions.size() || mention.is_demonym ||
        names_polity(mention))
      continue;
    const std::size_t holder = *mention.container;
    if (!current[holder].candidate) continue;
    const PlaceCandidate& outer = mentions[holder].candidates[*current[holder].candidate];
    if (!is_area(outer)) continue;
    const bool inside = std::any_of(mention.candidates.begin(), mention.candidates.end(),
                                    [&](const PlaceCandidate& c) { return contains(outer, c); });
    if (inside) continue;
    // Every mention of the name means that place.
    for (std::size_t k : members[votes.group[m]]) current[k].stand_in = holder;
  }
  return current;
}

}  // namespace incidentmap
