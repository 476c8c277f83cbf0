#include "src/resolve/resolver.h"

#include "gazetteer/ranking.h"

#include <algorithm>
#include <cmath>
#include <map>

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
// A latitude difference beyond this many degrees alone makes two places more than 301 km
// apart (great-circle distance >= Earth radius x latitude difference; 6371 km x 2.71 deg x
// pi / 180 = 301.3 km), past the farthest distance band that scores.
constexpr double kFarLatitudeDeg = 2.71;

bool is_country(const PlaceCandidate& c) {
  return c.feature_class == 'A' && c.feature_code.starts_with("PCL");
}
bool is_first_level(const PlaceCandidate& c) {
  return c.feature_class == 'A' && c.feature_code == "ADM1";
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
  return false;
}

// What the confidently resolved mentions say about the document's geography.
struct Context {
  struct Anchor {
    std::size_t mention;
    const PlaceCandidate* place;
  };
  std::vector<Anchor> anchors;
  std::map<std::string, double> country_weight;
  std::map<std::string, double> admin1_weight;
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
    // A country named outright says more about where the story is than a town does.
    const double w = is_country(*c) ? 2.0 : 1.0;
    if (!c->country_code.empty()) ctx.country_weight[c->country_code] += w;
    if (!c->admin1_code.empty() && !is_country(*c))
      ctx.admin1_weight[c->country_code + "." + c->admin1_code] += 1.0;
    ctx.total_weight += w;
  }
  return ctx;
}

std::vector<double> score_mention(const std::vector<MentionToResolve>& mentions, std::size_t m,
                                  const std::vector<std::size_t>& contained,
                                  const std::vector<Resolution>& current, const Context* ctx,
                                  const ResolverOptions& options) {
  const MentionToResolve& mention = mentions[m];
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
        const auto cw = ctx->country_weight.find(c.country_code);
        if (cw != ctx->country_weight.end())
          s += kCountryContext * (cw->second - own_country) / total;
        if (!is_country(c) && !c.admin1_code.empty()) {
          const auto aw = ctx->admin1_weight.find(c.country_code + "." + c.admin1_code);
          if (aw != ctx->admin1_weight.end())
            s += kAdmin1Context * (aw->second - own_admin1) / total;
        }
      }
      // Stories are about places near each other: the nearest confident local place counts.
      if (is_local(c)) {
        double nearest_km = 1e9;
        for (const auto& a : ctx->anchors) {
          if (a.mention == m || !is_local(*a.place) || a.place->geonameid == c.geonameid) continue;
          // Only the bands below matter: an anchor whose latitude alone puts it beyond the
          // last one cannot change the score, and a nearest place in the first band is final.
          if (std::abs(a.place->position.lat_deg - c.position.lat_deg) > kFarLatitudeDeg) continue;
          nearest_km = std::min(nearest_km, geo::haversine_distance_km(a.place->position, c.position));
          if (nearest_km < 30) break;
        }
        if (nearest_km < 30) s += 2.0;
        else if (nearest_km < 100) s += 1.5;
        else if (nearest_km < 300) s += 0.8;
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
  std::vector<Resolution> current(mentions.size());
  // Pass 1 settles containers and the obvious; two context passes let anchors inform the rest.
  for (std::size_t m = 0; m < mentions.size(); ++m)
    current[m] =
        choose(mentions[m], score_mention(mentions, m, contained[m], current, nullptr, options));
  for (int pass = 0; pass < 2; ++pass) {
    const Context ctx = build_context(mentions, current, options.anchor_confidence);
    std::vector<Resolution> next(mentions.size());
    for (std::size_t m = 0; m < mentions.size(); ++m)
      next[m] = choose(mentions[m], score_mention(mentions, m, contained[m], current, &ctx, options));
    current = std::move(next);
  }
  return current;
}

}  // namespace incidentmap
