#pragma once
// Geodesic distance on the WGS84 ellipsoid.
//
// Kept apart from geo/lonlat.h because it is the one piece of geo/ that calls PROJ: a program
// that never measures a geodesic (the text pipeline only uses haversine distances) then does not
// link libproj, whose forty dependent libraries (curl, TLS, Kerberos, LDAP, SQLite, TIFF) cost
// about 13 ms of dynamic loading at every start.

#include "geo/lonlat.h"

namespace incidentmap::geo {

// Geodesic distance on WGS84 in kilometres (Karney's algorithm via PROJ's geodesic.h).
// Precondition: both points valid. Accurate to nanometres; about 1 µs per call.
double geodesic_distance_km(LonLat a, LonLat b);

}  // namespace incidentmap::geo
