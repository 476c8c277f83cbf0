#pragma once
// Forward and inverse map projections through PROJ, from WGS84 longitude/latitude degrees to the
// plane of any target CRS and back. Axis order on the geographic side is always lon, lat
// (OGC:CRS84 plus proj_normalize_for_visualization), whatever the EPSG definition says.

#include <array>
#include <span>
#include <string>
#include <vector>

#include "geo/lonlat.h"

struct pj_ctx;
struct PJconsts;

namespace incidentmap::geo {

// A point in a projected CRS, in the CRS's own units: metres for the projections the map
// renderer chooses (laea, Equal Earth). x is easting, y northing.
struct XY {
  double x_m = 0.0;
  double y_m = 0.0;

  friend bool operator==(const XY&, const XY&) = default;
};

// One PROJ transformation with its own PJ_CONTEXT, so an object is never shared between threads
// behind PROJ's back; create one per thread instead (about 1 ms each, proj.db is opened once per
// context). Not thread-safe, even for const calls: PROJ keeps error state in the objects.
// Move-only; a moved-from object may only be destroyed or assigned to.
class Projection {
 public:
  // target_crs: anything proj_create accepts as a CRS: "EPSG:8857", WKT, or a PROJ string
  // ("+proj=laea +lat_0=20 +lon_0=-100 +datum=WGS84 +units=m"; " +type=crs" is added when it is
  // missing, as PROJ otherwise reads the string as a bare conversion).
  // Throws GeoError with PROJ's message when the CRS is unknown or no operation exists.
  explicit Projection(const std::string& target_crs);
  ~Projection();
  Projection(Projection&& other) noexcept;
  Projection& operator=(Projection&& other) noexcept;
  Projection(const Projection&) = delete;
  Projection& operator=(const Projection&) = delete;

  // The target CRS string as given to the constructor.
  const std::string& target_crs() const { return target_crs_; }

  // Projects one point. Longitudes outside [-180, 180] wrap around, as PROJ does.
  // Throws GeoError (PROJ's message, e.g. "Invalid coordinate" for latitude 91, "Point outside
  // of projection domain" for the antipode of a laea centre).
  XY forward(LonLat p) const;

  // The inverse of forward(). Throws GeoError when PROJ reports a failure. Beware: some
  // projections (Equal Earth) return a clamped point instead of failing for x, y off the globe;
  // callers that need to know should forward() the result again and compare.
  LonLat inverse(XY p) const;

  // Projects many points in one PROJ call (proj_trans_generic, several times faster than a
  // loop of forward()). Points that fail come back with both values NaN instead of throwing,
  // so a basemap ring with one bad vertex still draws.
  std::vector<XY> forward_all(std::span<const LonLat> points) const;

 private:
  void release() noexcept;
  // Releases what the constructor created and throws GeoError with the context's last error.
  [[noreturn]] void fail_construction(const std::string& what);
  // One point through proj_trans; direction is PJ_FWD or PJ_INV. Throws GeoError on failure.
  std::array<double, 2> transform(int direction, double a, double b) const;
  // Throws GeoError prefixed by `what` with the message of the last PROJ error.
  [[noreturn]] void fail(const std::string& what, int error_code) const;

  std::string target_crs_;
  pj_ctx* ctx_ = nullptr;
  PJconsts* pj_ = nullptr;
};

}  // namespace incidentmap::geo
