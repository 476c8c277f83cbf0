#include "src/render/reference_layers.h"

#include <algorithm>
#include <string>
#include <tuple>

#include "geo/polygon.h"

namespace incidentmap {

namespace {

// True when the longitudes [lo, hi] (unwrapped) and the latitudes [south, north] meet the view,
// trying the data shifted by a whole turn either way.
bool meets(const geo::LonLatBox& view, double lon_lo, double lon_hi, double south, double north) {
  if (north < view.south_deg || south > view.north_deg) return false;
  const double x0 = view.west_deg;
  const double x1 = view.west_deg + geo::lon_span_deg(view);
  for (const double k : {0.0, -360.0, 360.0}) {
    if (lon_hi + k >= x0 && lon_lo + k <= x1) return true;
  }
  return false;
}

std::int64_t min_town_population(double km_per_px) {
  if (km_per_px < 0.3) return 50'000;
  if (km_per_px < 1.0) return 200'000;
  return 1'000'000;
}

}  // namespace

void add_reference_layers(const gaz::Index& index, const geo::LonLatBox& view, double km_per_px,
                          Basemap& basemap) {
  const std::int64_t min_population = min_town_population(km_per_px);
  std::vector<BasemapTown> towns;
  for (std::size_t i = 0; i < index.place_count(); ++i) {
    const gaz::PlaceView place = index.place(static_cast<std::uint32_t>(i));
    const std::string_view code = place.feature_code();
    if (code == "ADM1") {
      const std::optional<std::uint32_t> ref = place.polygon_ref();
      if (!ref) continue;
      geo::MultiPolygon shape = index.polygon(*ref);
      const geo::BoundingBox b = geo::bounding_box(shape);
      if (shape.empty() ||
          !meets(view, b.min_lon_deg, b.max_lon_deg, b.min_lat_deg, b.max_lat_deg)) {
        continue;
      }
      basemap.admin1.push_back({std::string(place.name()), std::move(shape)});
      continue;
    }
    if (place.feature_class() != 'P' || !place.has_position()) continue;
    const bool capital = code == "PPLC";
    if (!capital && code != "PPLA" && place.population() < min_population) continue;
    const geo::LonLat p = place.position();
    if (!meets(view, p.lon_deg, p.lon_deg, p.lat_deg, p.lat_deg)) continue;
    towns.push_back({std::string(place.name()), p, place.population(), capital, code == "PPLA"});
  }
  const auto rank = [](const BasemapTown& t) { return t.capital ? 0 : t.admin1_seat ? 1 : 2; };
  std::sort(towns.begin(), towns.end(), [&](const BasemapTown& a, const BasemapTown& b) {
    return std::tuple(rank(a), -a.population, a.name, a.position.lon_deg) <
           std::tuple(rank(b), -b.population, b.name, b.position.lon_deg);
  });
  basemap.towns.insert(basemap.towns.end(), towns.begin(), towns.end());
}

}  // namespace incidentmap
