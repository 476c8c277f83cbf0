#pragma once
// Sizes of longitude/latitude boxes in km on the WGS84 ellipsoid, and the padding that gives a
// map's extent a minimum size.
//
// Apart from geo/extent.h because the heights are geodesic (geo/geodesic.h, PROJ): the CLI
// parses --bbox with extent.h and so does not link libproj (see geodesic.h for why that matters).

#include <span>

#include "geo/extent.h"

namespace incidentmap::geo {

// Length in km of the box's parallel through its centre latitude (WGS84 ellipsoid), i.e. its
// east-west size where the map is drawn. 0 for a box centred on a pole.
double width_km(const LonLatBox& box);

// Length in km of the box's central meridian from south to north (geodesic).
double height_km(const LonLatBox& box);

// Adds padding_fraction of the box's span on each side (0.1 adds 10% of the width to both west
// and east, likewise for latitude), then widens the box about its centre until it is at least
// min_size_km wide (width_km) and high (height_km), so a single point still gets a map. Latitudes
// are kept within [-90, 90] by shifting the box; a box reaching 360 degrees of longitude becomes
// the whole world (-180..180). Preconditions: valid box, padding_fraction >= 0, min_size_km >= 0.
LonLatBox padded(const LonLatBox& box, double padding_fraction, double min_size_km);

// bounding_box followed by padded: the automatic extent of a map.
LonLatBox box_around(std::span<const LonLat> points, double padding_fraction, double min_size_km);

}  // namespace incidentmap::geo
