// Static map costs: decoding the Natural Earth TopoJSON at each scale, clipping it to a regional
// view, and drawing a map of four incidents to PNG and SVG. Skips what needs the data cache when
// it is absent.

#include <benchmark/benchmark.h>

#include <filesystem>

#include "src/render/basemap.h"
#include "src/render/renderer.h"

namespace {

using namespace incidentmap;

bool have_world_atlas(BasemapResolution r) {
  return std::filesystem::exists(default_world_atlas_dir() /
                                 ("countries-" + std::string(to_string(r)) + ".json"));
}

std::vector<MapFeature> mexico() {
  return {{{-107.39, 24.80}, "Culiacán", "Armed clash", 8.0, true},
          {{-99.75, 19.33}, "Altiplano prison", "Prison escape", std::nullopt, true},
          {{-96.73, 17.06}, "Oaxaca", "Press statement", std::nullopt, true},
          {{-99.13, 19.43}, "Mexico City", "Protest", std::nullopt, true}};
}

void BM_LoadBasemap(benchmark::State& state) {
  const auto r = static_cast<BasemapResolution>(state.range(0));
  if (!have_world_atlas(r)) {
    state.SkipWithError("world-atlas not in the data cache");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(load_basemap(default_world_atlas_dir(), r));
  state.SetLabel(std::string(to_string(r)));
}
BENCHMARK(BM_LoadBasemap)
    ->Arg(static_cast<int>(BasemapResolution::k110m))
    ->Arg(static_cast<int>(BasemapResolution::k50m))
    ->Arg(static_cast<int>(BasemapResolution::k10m))
    ->Unit(benchmark::kMillisecond);

void BM_ClipBasemap10mMexico(benchmark::State& state) {
  if (!have_world_atlas(BasemapResolution::k10m)) {
    state.SkipWithError("world-atlas not in the data cache");
    return;
  }
  const Basemap full = load_basemap(default_world_atlas_dir(), BasemapResolution::k10m);
  const MapView view = compute_map_view(mexico(), MapOptions{});
  for (auto _ : state) benchmark::DoNotOptimize(clip_basemap(full, view.visible));
}
BENCHMARK(BM_ClipBasemap10mMexico)->Unit(benchmark::kMillisecond);

void BM_RenderMexico(benchmark::State& state) {
  if (!have_world_atlas(BasemapResolution::k10m)) {
    state.SkipWithError("world-atlas not in the data cache");
    return;
  }
  const auto format = static_cast<MapFormat>(state.range(0));
  MapOptions options;
  options.title = "Incidents in Sinaloa and central Mexico";
  const MapView view = compute_map_view(mexico(), options);
  const Basemap basemap =
      clip_basemap(load_basemap(default_world_atlas_dir(), BasemapResolution::k10m), view.visible);
  for (auto _ : state) {
    benchmark::DoNotOptimize(render_map(mexico(), options, view, basemap, format));
  }
  state.SetLabel(format == MapFormat::kPng ? "png" : format == MapFormat::kSvg ? "svg" : "pdf");
}
BENCHMARK(BM_RenderMexico)
    ->Arg(static_cast<int>(MapFormat::kPng))
    ->Arg(static_cast<int>(MapFormat::kSvg))
    ->Arg(static_cast<int>(MapFormat::kPdf))
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
