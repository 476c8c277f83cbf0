#include "geo/projection.h"

#include <proj.h>

#include <array>
#include <cmath>
#include <limits>
#include <utility>

namespace incidentmap::geo {

namespace {

// A PROJ string without +type=crs describes an operation, which proj_create_crs_to_crs refuses.
std::string as_crs_definition(const std::string& crs) {
  const bool proj_string = crs.find("+proj=") != std::string::npos;
  if (proj_string && crs.find("+type=crs") == std::string::npos) return crs + " +type=crs";
  return crs;
}

}  // namespace

Projection::Projection(const std::string& target_crs) : target_crs_(target_crs) {
  ctx_ = proj_context_create();
  if (ctx_ == nullptr) throw GeoError("PROJ: cannot create a context");
  proj_log_level(ctx_, PJ_LOG_NONE);
  PJ* raw =
      proj_create_crs_to_crs(ctx_, "OGC:CRS84", as_crs_definition(target_crs).c_str(), nullptr);
  if (raw == nullptr) fail_construction("cannot transform to '" + target_crs + "'");
  // OGC:CRS84 is already lon, lat; normalising also fixes targets with northing-first axes.
  pj_ = proj_normalize_for_visualization(ctx_, raw);
  proj_destroy(raw);
  if (pj_ == nullptr) fail_construction("cannot normalise the axis order of '" + target_crs + "'");
}

void Projection::fail_construction(const std::string& what) {
  const char* message = proj_context_errno_string(ctx_, proj_context_errno(ctx_));
  GeoError error("PROJ: " + what + ": " + (message != nullptr ? message : "unknown PROJ error"));
  release();
  throw error;
}

Projection::~Projection() { release(); }

Projection::Projection(Projection&& other) noexcept
    : target_crs_(std::move(other.target_crs_)),
      ctx_(std::exchange(other.ctx_, nullptr)),
      pj_(std::exchange(other.pj_, nullptr)) {}

Projection& Projection::operator=(Projection&& other) noexcept {
  if (this != &other) {
    release();
    target_crs_ = std::move(other.target_crs_);
    ctx_ = std::exchange(other.ctx_, nullptr);
    pj_ = std::exchange(other.pj_, nullptr);
  }
  return *this;
}

void Projection::release() noexcept {
  if (pj_ != nullptr) proj_destroy(pj_);
  if (ctx_ != nullptr) proj_context_destroy(ctx_);
  pj_ = nullptr;
  ctx_ = nullptr;
}

void Projection::fail(const std::string& what, int error_code) const {
  proj_errno_reset(pj_);
  const char* message = proj_context_errno_string(ctx_, error_code);
  throw GeoError(what + ": " + (message != nullptr ? message : "unknown PROJ error"));
}

std::array<double, 2> Projection::transform(int direction, double a, double b) const {
  const PJ_COORD out =
      proj_trans(pj_, static_cast<PJ_DIRECTION>(direction), proj_coord(a, b, 0, 0));
  const int code = proj_errno(pj_);
  if (code != 0 || !std::isfinite(out.xy.x) || !std::isfinite(out.xy.y)) {
    fail(std::string("PROJ: cannot ") + (direction == PJ_FWD ? "project (" : "unproject (") +
             std::to_string(a) + ", " + std::to_string(b) +
             (direction == PJ_FWD ? ") to " : ") from ") + target_crs_,
         code);
  }
  return {out.xy.x, out.xy.y};
}

XY Projection::forward(LonLat p) const {
  const auto [x, y] = transform(PJ_FWD, p.lon_deg, p.lat_deg);
  return {x, y};
}

LonLat Projection::inverse(XY p) const {
  const auto [lon, lat] = transform(PJ_INV, p.x_m, p.y_m);
  return {lon, lat};
}

std::vector<XY> Projection::forward_all(std::span<const LonLat> points) const {
  std::vector<XY> out(points.size());
  if (points.empty()) return out;
  for (std::size_t i = 0; i < points.size(); ++i) out[i] = {points[i].lon_deg, points[i].lat_deg};
  constexpr std::size_t kStride = sizeof(XY);
  proj_trans_generic(pj_, PJ_FWD, &out[0].x_m, kStride, out.size(), &out[0].y_m, kStride,
                     out.size(), nullptr, 0, 0, nullptr, 0, 0);
  proj_errno_reset(pj_);
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  for (XY& xy : out) {
    if (!std::isfinite(xy.x_m) || !std::isfinite(xy.y_m)) xy = {kNaN, kNaN};
  }
  return out;
}

}  // namespace incidentmap::geo
