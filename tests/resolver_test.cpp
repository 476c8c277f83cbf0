#include "src/resolve/resolver.h"

#include <gtest/gtest.h>

#include <cmath>
#include <utility>
#include <vector>

#include "geo/lonlat.h"

namespace incidentmap {
namespace {

// Candidates written as "geonameid class.code CC admin1 population lon lat".
PlaceCandidate cand(std::int64_t id, char cls, const char* code, const char* cc, const char* admin1,
                    std::int64_t population, double lon, double lat,
                    NameMatchKind match = NameMatchKind::kPrimary) {
  PlaceCandidate c;
  c.place = static_cast<std::uint32_t>(id % 1000000);
  c.geonameid = id;
  c.feature_class = cls;
  c.feature_code = code;
  c.country_code = cc;
  c.admin1_code = admin1;
  c.population = population;
  c.position = {lon, lat};
  c.match = match;
  return c;
}

// A small world of namesakes, as a gazetteer would return them.
const PlaceCandidate kSonoraState = cand(3982846, 'A', "ADM1", "MX", "26", 2944840, -110.5, 29.5);
const PlaceCandidate kSonoraTexas = cand(4733313, 'P', "PPLA2", "US", "TX", 2691, -100.64, 30.57);
const PlaceCandidate kHermosillo = cand(4004898, 'P', "PPLA", "MX", "26", 784342, -110.96, 29.10);
const PlaceCandidate kParisFrance = cand(2988507, 'P', "PPLC", "FR", "11", 2138551, 2.35, 48.85);
const PlaceCandidate kParisTexas = cand(4717560, 'P', "PPLA2", "US", "TX", 24782, -95.56, 33.66);
const PlaceCandidate kTexas = cand(4736286, 'A', "ADM1", "US", "TX", 25145561, -99.25, 31.25);
const PlaceCandidate kTexasHonduras = cand(3600000, 'P', "PPL", "HN", "07", 900, -86.1, 14.7);
const PlaceCandidate kMoscowRussia = cand(524901, 'P', "PPLC", "RU", "48", 10381222, 37.62, 55.75);
const PlaceCandidate kMoscowIdaho = cand(5601538, 'P', "PPL", "US", "ID", 25435, -117.0, 46.73);
const PlaceCandidate kIdaho = cand(5596512, 'A', "ADM1", "US", "ID", 1567582, -114.25, 44.5);
const PlaceCandidate kGeorgiaCountry = cand(614540, 'A', "PCLI", "GE", "", 3731000, 43.5, 42.0);
const PlaceCandidate kGeorgiaState = cand(4197000, 'A', "ADM1", "US", "GA", 9919945, -83.5, 32.75);
const PlaceCandidate kAtlanta = cand(4180439, 'P', "PPLA", "US", "GA", 463878, -84.39, 33.75);
const PlaceCandidate kAtlantaTexas = cand(4671000, 'P', "PPL", "US", "TX", 5675, -94.16, 33.11);
const PlaceCandidate kMexico = cand(3996063, 'A', "PCLI", "MX", "", 112468855, -102.0, 23.0);
const PlaceCandidate kMexicanDemonym =
    cand(3996063, 'A', "PCLI", "MX", "", 112468855, -102.0, 23.0, NameMatchKind::kDemonym);
const PlaceCandidate kMexicoVillage = cand(4400000, 'P', "PPL", "US", "MO", 11500, -91.88, 39.17);
// The capital, which GeoNames also calls "Mexico" (an alternate name).
const PlaceCandidate kMexicoCity = cand(3530597, 'P', "PPLC", "MX", "09", 12294193, -99.13, 19.43);
const PlaceCandidate kMexicoCityAsMexico =
    cand(3530597, 'P', "PPLC", "MX", "09", 12294193, -99.13, 19.43, NameMatchKind::kAlternate);
// Three small-town names, each with a slightly larger namesake elsewhere and a smaller one in
// one shared state (code "TX"), far from each other: alone each is the larger town.
const PlaceCandidate kAlderTexas = cand(9100001, 'P', "PPL", "US", "TX", 1000, -95.0, 31.0);
const PlaceCandidate kAlderOhio = cand(9100002, 'P', "PPL", "US", "OH", 10000, -82.0, 40.0);
const PlaceCandidate kBirchTexas = cand(9100003, 'P', "PPL", "US", "TX", 1000, -97.0, 29.0);
const PlaceCandidate kBirchMaine = cand(9100004, 'P', "PPL", "US", "ME", 10000, -69.0, 45.0);
const PlaceCandidate kCedarTexas = cand(9100005, 'P', "PPL", "US", "TX", 1000, -101.0, 33.0);
const PlaceCandidate kCedarOregon = cand(9100006, 'P', "PPL", "US", "OR", 10000, -122.0, 44.0);
// A fourth whose namesake elsewhere is a county seat ten times its size.
const PlaceCandidate kDogwoodTexas = cand(9100007, 'P', "PPL", "US", "TX", 3000, -99.0, 30.0);
const PlaceCandidate kDogwoodGeorgia = cand(9100008, 'P', "PPLA2", "US", "GA", 30000, -84.0, 33.0);

MentionToResolve mention(std::vector<PlaceCandidate> candidates,
                         PlaceTypeHint hint = PlaceTypeHint::kNone,
                         std::optional<std::size_t> container = std::nullopt) {
  MentionToResolve m;
  m.candidates = std::move(candidates);
  m.type_hint = hint;
  m.container = container;
  return m;
}

struct ResolveCase {
  const char* name;
  std::vector<MentionToResolve> mentions;
  std::vector<std::int64_t> expected;  // chosen geonameid per mention (0: none)
};

class ResolveTableTest : public ::testing::TestWithParam<ResolveCase> {};

TEST_P(ResolveTableTest, ChoosesThePlaceTheDocumentMeans) {
  const ResolveCase& c = GetParam();
  const auto got = resolve_mentions(c.mentions);
  ASSERT_EQ(got.size(), c.expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    const std::int64_t id =
        got[i].candidate ? c.mentions[i].candidates[*got[i].candidate].geonameid : 0;
    EXPECT_EQ(id, c.expected[i]) << c.name << ", mention " << i;
    if (got[i].candidate) {
      EXPECT_GT(got[i].confidence, 0.0);
      EXPECT_LE(got[i].confidence, 1.0);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, ResolveTableTest,
    ::testing::Values(
        ResolveCase{"a state name alone is the state",
                    {mention({kSonoraTexas, kSonoraState})},
                    {kSonoraState.geonameid}},
        ResolveCase{"a capital alone beats its namesakes",
                    {mention({kParisTexas, kParisFrance})},
                    {kParisFrance.geonameid}},
        ResolveCase{"an explicit container wins: Paris, Texas",
                    {mention({kParisFrance, kParisTexas}, PlaceTypeHint::kNone, 1),
                     mention({kTexasHonduras, kTexas})},
                    {kParisTexas.geonameid, kTexas.geonameid}},
        ResolveCase{
            "Moscow, Idaho",
            {mention({kMoscowRussia, kMoscowIdaho}, PlaceTypeHint::kNone, 1), mention({kIdaho})},
            {kMoscowIdaho.geonameid, kIdaho.geonameid}},
        ResolveCase{"document context: Georgia in a story about Atlanta is the state",
                    {mention({kAtlanta, kAtlantaTexas}), mention({kGeorgiaCountry, kGeorgiaState}),
                     mention({kTexas})},
                    {kAtlanta.geonameid, kGeorgiaState.geonameid, kTexas.geonameid}},
        ResolveCase{
            "a type word: 'Sonora state' even beside a Texas story",
            {mention({kSonoraTexas, kSonoraState}, PlaceTypeHint::kFirstLevel), mention({kTexas})},
            {kSonoraState.geonameid, kTexas.geonameid}},
        ResolveCase{"a type word for a town: 'the town of Sonora'",
                    {mention({kSonoraTexas, kSonoraState}, PlaceTypeHint::kPopulated)},
                    {kSonoraTexas.geonameid}},
        ResolveCase{
            "a demonym resolves to its country",
            {MentionToResolve{
                {kMexicoVillage, kMexicanDemonym}, PlaceTypeHint::kNone, std::nullopt, true}},
            {kMexico.geonameid}},
        ResolveCase{"a country name beats a namesake village",
                    {mention({kMexicoVillage, kMexico})},
                    {kMexico.geonameid}},
        ResolveCase{"a country's own name beside its capital: 'Mexico City ... Mexico'",
                    {mention({kMexicoCity}), mention({kMexicoCityAsMexico, kMexico})},
                    {kMexicoCity.geonameid, kMexico.geonameid}},
        ResolveCase{"proximity: Hermosillo makes Sonora the Mexican state",
                    {mention({kHermosillo}), mention({kSonoraTexas, kSonoraState})},
                    {kHermosillo.geonameid, kSonoraState.geonameid}},
        ResolveCase{"one state's namesakes together: each name votes for where it may lie",
                    {mention({kAlderOhio, kAlderTexas}), mention({kBirchMaine, kBirchTexas}),
                     mention({kCedarOregon, kCedarTexas})},
                    {kAlderTexas.geonameid, kBirchTexas.geonameid, kCedarTexas.geonameid}},
        ResolveCase{
            "one state's towns pull a fourth from a bigger county seat",
            {mention({kAlderOhio, kAlderTexas}), mention({kBirchMaine, kBirchTexas}),
             mention({kCedarOregon, kCedarTexas}), mention({kDogwoodGeorgia, kDogwoodTexas})},
            {kAlderTexas.geonameid, kBirchTexas.geonameid, kCedarTexas.geonameid,
             kDogwoodTexas.geonameid}},
        ResolveCase{"alone, the county seat",
                    {mention({kDogwoodGeorgia, kDogwoodTexas})},
                    {kDogwoodGeorgia.geonameid}},
        ResolveCase{"alone, the larger namesake",
                    {mention({kAlderOhio, kAlderTexas})},
                    {kAlderOhio.geonameid}},
        ResolveCase{"one sense per discourse: 'Paris, Texas' settles a later bare 'Paris'",
                    {mention({kParisFrance, kParisTexas}, PlaceTypeHint::kNone, 1),
                     mention({kTexasHonduras, kTexas}), mention({kParisFrance, kParisTexas})},
                    {kParisTexas.geonameid, kTexas.geonameid, kParisTexas.geonameid}},
        ResolveCase{"a state named next to a small town holds it",
                    {mention({kAlderOhio, kAlderTexas}), mention({kTexas})},
                    {kAlderTexas.geonameid, kTexas.geonameid}},
        ResolveCase{"a state named next to a state's name does not make it a namesake town",
                    {mention({kGeorgiaCountry, kGeorgiaState}), mention({kTexas})},
                    {kGeorgiaState.geonameid, kTexas.geonameid}},
        ResolveCase{"no candidates, no resolution", {mention({})}, {0}}),
    [](const auto& param_info) { return "case" + std::to_string(param_info.index); });

// A county (code "TX"), near the Texas namesakes above and far from the others.
const PlaceCandidate kOakCounty = cand(9100007, 'A', "ADM2", "US", "TX", 50000, -95.3, 31.2);

TEST(Resolver, AnAreaContainerStandsInForAPlaceTheGazetteerLacks) {
  // "Alder is a village in Oak County": no Alder lies in the county, so the county stands in.
  auto got = resolve_mentions({mention({kAlderOhio}, PlaceTypeHint::kNone, 1),
                               mention({kOakCounty}), mention({kAlderOhio})});
  ASSERT_TRUE(got[0].stand_in);
  EXPECT_EQ(*got[0].stand_in, 1u);
  ASSERT_TRUE(got[2].stand_in);  // the name's later mention means the same place
  EXPECT_EQ(*got[2].stand_in, 1u);
  EXPECT_FALSE(got[1].stand_in);
  // A namesake inside the county (within its reach, in its state) is chosen instead.
  got = resolve_mentions(
      {mention({kAlderOhio, kAlderTexas}, PlaceTypeHint::kNone, 1), mention({kOakCounty})});
  EXPECT_FALSE(got[0].stand_in);
  ASSERT_TRUE(got[0].candidate);
  EXPECT_EQ(*got[0].candidate, 1u);
  // A name that is a state's lists, it is not contained: "Georgia, Texas and Ohio".
  got = resolve_mentions(
      {mention({kGeorgiaCountry, kGeorgiaState}, PlaceTypeHint::kNone, 1), mention({kTexas})});
  EXPECT_FALSE(got[0].stand_in);
  // A town is no container.
  got = resolve_mentions({mention({kAlderOhio}, PlaceTypeHint::kNone, 1), mention({kParisTexas})});
  EXPECT_FALSE(got[0].stand_in);
}

TEST(Resolver, AnAlternateNameYieldsToAPlaceOfThatName) {
  // A larger town once called "Paris" loses to the town whose own name it is.
  const PlaceCandidate own = cand(9200001, 'P', "PPL", "US", "KY", 9000, -84.25, 38.2);
  const PlaceCandidate alias =
      cand(9200002, 'P', "PPL", "US", "ME", 300000, -70.5, 44.2, NameMatchKind::kAlternate);
  const auto got = resolve_mentions({mention({alias, own})});
  ASSERT_TRUE(got[0].candidate);
  EXPECT_EQ(*got[0].candidate, 1u);
}

TEST(Resolver, CountryHintTipsAnEvenChoice) {
  const PlaceCandidate a = cand(1, 'P', "PPL", "AR", "01", 5000, -60, -34);
  const PlaceCandidate b = cand(2, 'P', "PPL", "CL", "01", 5000, -70, -33);
  ResolverOptions options;
  options.country_hints = {"CL"};
  const auto got = resolve_mentions({mention({a, b})}, options);
  ASSERT_TRUE(got[0].candidate);
  EXPECT_EQ(*got[0].candidate, 1u);
  // Without the hint the tie goes to the lower geonameid.
  EXPECT_EQ(*resolve_mentions({mention({a, b})})[0].candidate, 0u);
}

// A candidate near a confident local place gains by band (below 30 km +2, below 100 km +1.5);
// right at a band's edge the band is the one haversine_distance_km gives, not an estimate.
TEST(Resolver, DistanceBandsFollowHaversineAtTheirEdges) {
  const PlaceCandidate anchor = cand(9300001, 'P', "PPL", "US", "TX", 5000, -97.0, 30.0);
  // Adjacent latitudes due north of the anchor: haversine < 30 km at `inside`, >= at `outside`.
  double inside = 30.0, outside = 31.0;
  while (std::nextafter(inside, outside) != outside) {
    const double mid = inside + (outside - inside) / 2;
    if (mid == inside || mid == outside) break;
    (geo::haversine_distance_km(anchor.position, {-97.0, mid}) < 30.0 ? inside : outside) = mid;
  }
  ASSERT_LT(geo::haversine_distance_km(anchor.position, {-97.0, inside}), 30.0);
  ASSERT_GE(geo::haversine_distance_km(anchor.position, {-97.0, outside}), 30.0);
  // Same codes for both namesakes, so only the prior and the band tell them apart: the near
  // one wins with the first band's 2 (5 + 2 > 6.6), loses with the second's 1.5.
  PlaceCandidate far = cand(9300002, 'P', "PPL", "US", "TX", 5000, -80.0, 40.0);
  far.prior = 6.6;
  for (const auto& [lat, expected] : {std::pair{inside, 9300003}, std::pair{outside, 9300002}}) {
    PlaceCandidate near = cand(9300003, 'P', "PPL", "US", "TX", 5000, -97.0, lat);
    near.prior = 5.0;
    const auto got = resolve_mentions({mention({anchor}), mention({near, far})});
    ASSERT_TRUE(got[1].candidate);
    EXPECT_EQ(*got[1].candidate == 0 ? near.geonameid : far.geonameid, expected) << lat;
  }
}

// Repeats of a name share what is worked out for their candidates once; the resolutions are
// exactly those of separately built equal candidates (`place` is not read by the scoring).
TEST(Resolver, ARepeatedNameResolvesAsIfItsCandidatesWereNew) {
  const std::vector<MentionToResolve> repeated = {
      mention({kSonoraTexas, kSonoraState}, PlaceTypeHint::kPopulated), mention({kTexas}),
      mention({kSonoraTexas, kSonoraState}), mention({kHermosillo}),
      mention({kSonoraTexas, kSonoraState}, PlaceTypeHint::kFirstLevel)};
  std::vector<MentionToResolve> separate = repeated;
  for (std::size_t m = 0; m < separate.size(); ++m)
    for (PlaceCandidate& c : separate[m].candidates) c.place += static_cast<std::uint32_t>(m);
  const auto got = resolve_mentions(repeated);
  const auto want = resolve_mentions(separate);
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t m = 0; m < got.size(); ++m) {
    EXPECT_EQ(got[m].candidate, want[m].candidate) << m;
    EXPECT_EQ(got[m].confidence, want[m].confidence) << m;
    EXPECT_EQ(got[m].stand_in, want[m].stand_in) << m;
  }
}

// A mention with one candidate has it, with confidence exactly 1, whatever its context says
// against it (a type word, a container it lies outside, a repeat); its anchors still count.
TEST(Resolver, ALoneCandidateIsChosenWithFullConfidence) {
  const std::vector<MentionToResolve> mentions = {
      mention({kHermosillo}, PlaceTypeHint::kWater, 1), mention({kTexas}),
      mention({kSonoraTexas, kSonoraState}), mention({kHermosillo}), mention({kMoscowIdaho})};
  const auto got = resolve_mentions(mentions);
  ASSERT_EQ(got.size(), 5u);
  for (std::size_t m : {0u, 1u, 3u, 4u}) {
    EXPECT_EQ(got[m].candidate, std::optional<std::size_t>(0)) << m;
    EXPECT_EQ(got[m].confidence, 1.0) << m;
  }
  // Hermosillo (twice) anchors the story in Sonora, Mexico.
  EXPECT_EQ(got[2].candidate, std::optional<std::size_t>(1));
}

TEST(Resolver, PriorsOrderFeatureTypes) {
  EXPECT_GT(candidate_prior(kMexico), candidate_prior(kSonoraState));
  EXPECT_GT(candidate_prior(kSonoraState), candidate_prior(kHermosillo));
  EXPECT_GT(candidate_prior(kHermosillo), candidate_prior(kSonoraTexas));
  PlaceCandidate historic = kHermosillo;
  historic.match = NameMatchKind::kHistoric;
  EXPECT_LT(candidate_prior(historic), candidate_prior(kHermosillo));
}

}  // namespace
}  // namespace incidentmap
