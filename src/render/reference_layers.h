#pragma once
// Reference layers for regional maps, taken from the gazetteer index the pipeline already has:
// first-level divisions (the index's Natural Earth admin-1 polygons) and towns (the national
// capital, admin-1 seats and large cities). They orient the reader of a map of one region, where
// the world-atlas basemap shows little but one country's outline.

#include "gazetteer/index.h"
#include "geo/extent.h"
#include "src/render/basemap.h"

namespace incidentmap {

// Maps finer than this many kilometres per pixel are regional: they get admin-1 outlines and
// towns. Coarser maps (a continent, the world) show countries only.
inline constexpr double kRegionalMaxKmPerPx = 5.0;

// Appends to basemap.admin1 every admin-1 area of the index whose polygon's bounding box meets
// `view` (which may cross the antimeridian), and to basemap.towns the towns inside `view` worth
// showing at km_per_px: the national capital and admin-1 seats always, other populated places
// from 1,000,000 inhabitants (200,000 below 1 km/px, 50,000 below 0.3 km/px). Towns are sorted
// capitals first, then admin-1 seats, then the others, each by population (then name), so that
// greedy label placement keeps the most useful ones (a state capital before its larger suburb).
// Areas keep index order. Cost: one pass over the index's places (about 10 ms for 250,000 places)
// plus decoding the admin-1 polygons of the view.
void add_reference_layers(const gaz::Index& index, const geo::LonLatBox& view, double km_per_px,
                          Basemap& basemap);

}  // namespace incidentmap
