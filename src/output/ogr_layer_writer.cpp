#include "src/output/ogr_layer_writer.h"

#include <cpl_conv.h>
#include <cpl_error.h>

#include <cmath>
#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>

namespace incidentmap {

void ensure_gdal_registered() {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
}

GdalScope::GdalScope() {
  ensure_gdal_registered();
  CPLErrorReset();
  CPLPushErrorHandlerEx(&GdalScope::handle, this);
}

GdalScope::~GdalScope() {
  CPLPopErrorHandler();
  for (auto it = saved_config_.rbegin(); it != saved_config_.rend(); ++it) {
    CPLSetThreadLocalConfigOption(it->first.c_str(), it->second ? it->second->c_str() : nullptr);
  }
}

void GdalScope::set_config(const char* key, const std::string& value) {
  const char* old = CPLGetThreadLocalConfigOption(key, nullptr);
  saved_config_.emplace_back(key, old ? std::optional<std::string>(old) : std::nullopt);
  CPLSetThreadLocalConfigOption(key, value.c_str());
}

void CPL_STDCALL GdalScope::handle(CPLErr level, CPLErrorNum /*number*/, const char* message) {
  auto* self = static_cast<GdalScope*>(CPLGetErrorHandlerUserData());
  if (self == nullptr) return;
  const std::string text = message ? message : "";
  if (level == CE_Warning) {
    self->warnings_.push_back(text);
  } else if (level == CE_Failure || level == CE_Fatal) {
    self->last_error_ = text;
  }
}

void throw_output_error(const std::string& where, const std::string& what, const GdalScope& scope) {
  std::string message = where + ": " + what;
  if (!scope.last_error().empty()) message += ": " + scope.last_error();
  throw OutputError(message);
}

OutputCrs::OutputCrs(const std::string& t_srs) {
  ensure_gdal_registered();
  GdalScope scope;
  OGRSpatialReference wgs84;
  wgs84.importFromEPSG(4326);
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  if (t_srs.empty()) {
    srs_ = wgs84;
  } else if (srs_.SetFromUserInput(t_srs.c_str()) != OGRERR_NONE) {
    throw_output_error("-t_srs '" + t_srs + "'", "not a CRS GDAL understands", scope);
  }
  srs_.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  if (!srs_.IsSame(&wgs84)) {
    transform_.reset(OGRCreateCoordinateTransformation(&wgs84, &srs_));
    if (!transform_) {
      throw_output_error("-t_srs '" + t_srs + "'", "no transformation from WGS84", scope);
    }
    step_ = srs_.IsProjected() ? 1e-2 : 1e-6;
  }
}

std::pair<double, double> OutputCrs::project(geo::LonLat p, const std::string& where) const {
  double x = p.lon_deg, y = p.lat_deg;
  if (transform_) {
    GdalScope scope;
    if (!transform_->Transform(1, &x, &y) || !std::isfinite(x) || !std::isfinite(y)) {
      throw_output_error(where, "cannot transform the point to the output CRS", scope);
    }
  }
  return {round_to_step(x, step_), round_to_step(y, step_)};
}

CPLStringList make_options(const std::vector<std::string>& defaults,
                           const std::vector<std::string>& user) {
  CPLStringList out;
  for (const auto* list : {&defaults, &user}) {
    for (const std::string& kv : *list) {
      const auto eq = kv.find('=');
      if (eq == std::string::npos || eq == 0) {
        throw OutputError("option '" + kv + "' is not NAME=VALUE");
      }
      out.SetNameValue(kv.substr(0, eq).c_str(), kv.substr(eq + 1).c_str());
    }
  }
  return out;
}

std::vector<std::string> default_layer_options(const FormatTraits& format, const Layer& layer,
                                               const std::string& path) {
  std::vector<std::string> o;
  const bool has_description = !layer.description.empty();
  switch (format.format) {
    case OutputFormat::GeoJSON:
      o = {"RFC7946=YES", "COORDINATE_PRECISION=6", "WRITE_NAME=YES"};
      if (has_description) o.push_back("DESCRIPTION=" + layer.description);
      break;
    case OutputFormat::GeoJSONSeq:
      o = {"COORDINATE_PRECISION=6"};
      o.push_back(wants_record_separator(path) ? "RS=YES" : "RS=NO");
      break;
    case OutputFormat::GPKG:
      o = {"GEOMETRY_NAME=geom", "FID=fid", "SPATIAL_INDEX=YES", "IDENTIFIER=" + layer.name};
      if (has_description) o.push_back("DESCRIPTION=" + layer.description);
      break;
    case OutputFormat::CSV:
      // CREATE_CSVT also makes GDAL write the .prj; gdal_writer replaces the .csvt with its own.
      o = {"LINEFORMAT=LF", "STRING_QUOTING=IF_NEEDED", "WRITE_BOM=NO", "CREATE_CSVT=YES"};
      if (layer.geometry == GeometryKind::Point) o.push_back("GEOMETRY=AS_WKT");
      break;
    case OutputFormat::FlatGeobuf:
      o = {"SPATIAL_INDEX=YES"};  // GDAL 3.6 has no TITLE/DESCRIPTION yet
      break;
    case OutputFormat::KML:
      break;
    case OutputFormat::PostgreSQL:
      o = {"GEOMETRY_NAME=geom", "FID=fid", "SPATIAL_INDEX=GIST", "LAUNDER=NO", "PRECISION=NO"};
      if (has_description) o.push_back("DESCRIPTION=" + layer.description);
      break;
  }
  return o;
}

namespace {

// Sets type, subtype and width of `fd` (created as OFTString) for `def` in `format`.
void configure_field(OGRFieldDefn& fd, const FieldDef& def, const FormatTraits& format) {
  switch (def.type) {
    case FieldType::Integer64:
      fd.SetType(format.int64 ? OFTInteger64 : OFTInteger);
      break;
    case FieldType::Real:
      fd.SetType(OFTReal);
      break;
    case FieldType::String:
      fd.SetWidth(def.width);
      break;
    case FieldType::Date:
      if (format.native_dates) fd.SetType(OFTDate);
      break;
    case FieldType::DateTime:
      if (format.native_dates) fd.SetType(OFTDateTime);
      break;
    case FieldType::StringList:
      if (format.native_string_list) {
        fd.SetType(OFTStringList);
      } else {
        fd.SetSubType(OFSTJSON);
      }
      break;
    case FieldType::Boolean:
      fd.SetType(OFTInteger);
      fd.SetSubType(OFSTBoolean);
      break;
  }
}

void set_value(OGRFeature& f, int index, const FieldValue& value, const FormatTraits& format) {
  struct Visitor {
    OGRFeature& f;
    int i;
    const FormatTraits& format;
    void operator()(std::monostate) const { f.SetFieldNull(i); }
    void operator()(std::int64_t v) const {
      if (!format.int64 && (v < INT32_MIN || v > INT32_MAX)) {
        throw OutputError(std::string(format.driver) + " holds 32-bit integers only, not " +
                          std::to_string(v));
      }
      f.SetField(i, static_cast<GIntBig>(v));
    }
    void operator()(double v) const { f.SetField(i, v); }
    void operator()(const std::string& v) const {
      // Formats differ in whether "" and null can be told apart (CSV, KML cannot): never "".
      if (v.empty()) {
        f.SetFieldNull(i);
      } else {
        f.SetField(i, v.c_str());
      }
    }
    void operator()(const CivilDate& d) const {
      if (format.native_dates) {
        f.SetField(i, d.year, d.month, d.day);
      } else {
        f.SetField(i, format_iso_date(d).c_str());
      }
    }
    void operator()(const UtcDateTime& t) const {
      if (!format.native_dates) {
        f.SetField(i, format_iso_datetime(t).c_str());
        return;
      }
      f.SetField(i, t.date.year, t.date.month, t.date.day, t.hour, t.minute,
                 static_cast<float>(t.second), 100);  // 100 = UTC
    }
    void operator()(bool v) const { f.SetField(i, v ? 1 : 0); }
    void operator()(const std::vector<std::string>& list) const {
      if (format.native_string_list) {
        CPLStringList items;
        for (const std::string& s : list) items.AddString(s.c_str());
        f.SetField(i, items.List());
      } else {
        f.SetField(i, nlohmann::json(list).dump().c_str());
      }
    }
  };
  std::visit(Visitor{f, index, format}, value);
}

}  // namespace

OGRLayer* write_layer(GDALDataset& ds, const Layer& layer, const FormatTraits& format,
                      OutputCrs& crs, const std::vector<std::string>& defaults,
                      const std::vector<std::string>& user, const std::string& where,
                      const GdalScope& scope) {
  const std::string at = where + ": layer '" + layer.name + "'";
  if (!format.null_geometry) {
    // GDAL 3.6's FlatGeobuf writer silently drops such features: refuse instead.
    const char* problem = nullptr;
    if (layer.geometry == GeometryKind::None) problem = "has no geometry";
    for (const Feature& feature : layer.features) {
      if (!feature.point) problem = "has features without a point";
    }
    if (problem != nullptr) {
      throw OutputError(at + " " + problem + ", which " + std::string(format.driver) +
                        " cannot store (use GPKG)");
    }
  }
  CPLStringList lco = make_options(defaults, user);
  const OGRwkbGeometryType gtype = layer.geometry == GeometryKind::Point ? wkbPoint : wkbNone;
  // The SRS even for attribute-only layers: GeoJSON warns without one.
  OGRLayer* out = ds.CreateLayer(layer.name.c_str(), &crs.srs(), gtype, lco.List());
  if (out == nullptr) throw_output_error(at, "cannot create layer", scope);

  auto create_field = [&](OGRFieldDefn&& fd) {
    if (out->CreateField(&fd) != OGRERR_NONE) {
      throw_output_error(at, std::string("cannot create field '") + fd.GetNameRef() + "'", scope);
    }
  };
  const bool add_id = !format.native_fid;
  const bool add_lonlat =
      format.format == OutputFormat::CSV && layer.geometry == GeometryKind::Point;
  if (add_id) create_field(OGRFieldDefn("id", format.int64 ? OFTInteger64 : OFTInteger));
  if (add_lonlat) {
    create_field(OGRFieldDefn("lon", OFTReal));
    create_field(OGRFieldDefn("lat", OFTReal));
  }
  for (const FieldDef& def : layer.fields) {
    OGRFieldDefn fd(def.name.c_str(), OFTString);
    configure_field(fd, def, format);
    create_field(std::move(fd));
  }

  // Drivers may add columns of their own, so look every index up by name once.
  OGRFeatureDefn* defn = out->GetLayerDefn();
  auto index_of = [&](const char* name) {
    const int i = defn->GetFieldIndex(name);
    if (i < 0)
      throw_output_error(at, std::string("field '") + name + "' missing after creation", scope);
    return i;
  };
  const int id_index = add_id ? index_of("id") : -1;
  const int lon_index = add_lonlat ? index_of("lon") : -1;
  const int lat_index = add_lonlat ? index_of("lat") : -1;
  std::vector<int> indices;
  for (const FieldDef& def : layer.fields) indices.push_back(index_of(def.name.c_str()));

  for (const Feature& feature : layer.features) {
    const std::string feature_where = at + " feature " + std::to_string(feature.id);
    OGRFeatureUniquePtr f(OGRFeature::CreateFeature(defn));
    if (!f) throw_output_error(feature_where, "cannot allocate feature", scope);
    if (format.native_fid) f->SetFID(feature.id);
    if (add_id) {
      if (!format.int64 && feature.id > INT32_MAX) {
        throw OutputError(feature_where + ": " + std::string(format.driver) +
                          " holds 32-bit integers only, not this id");
      }
      f->SetField(id_index, static_cast<GIntBig>(feature.id));
    }
    if (add_lonlat) {
      if (feature.point) {
        f->SetField(lon_index, round_to_step(feature.point->lon_deg, 1e-6));
        f->SetField(lat_index, round_to_step(feature.point->lat_deg, 1e-6));
      } else {
        f->SetFieldNull(lon_index);
        f->SetFieldNull(lat_index);
      }
    }
    for (std::size_t i = 0; i < layer.fields.size(); ++i) {
      try {
        set_value(*f, indices[i], feature.values[i], format);
      } catch (const OutputError& e) {
        throw OutputError(feature_where + ", field '" + layer.fields[i].name + "': " + e.what());
      }
    }
    if (feature.point) {
      const auto [x, y] = crs.project(*feature.point, feature_where);
      OGRPoint point(x, y);
      if (f->SetGeometry(&point) != OGRERR_NONE) {
        throw_output_error(feature_where, "cannot set geometry", scope);
      }
    }
    if (out->CreateFeature(f.get()) != OGRERR_NONE) {
      throw_output_error(feature_where, "cannot write feature", scope);
    }
  }
  return out;
}

}  // namespace incidentmap
