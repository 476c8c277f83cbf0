#include "src/output/gdal_dataset.h"

#include <algorithm>
#include <cstring>

#include "src/output/ogr_layer_writer.h"
#include "src/output/style.h"

namespace incidentmap {

namespace fs = std::filesystem;

namespace {

std::string iso_timestamp_millis(const UtcDateTime& t) {
  std::string s = format_iso_datetime(t);  // ...:SSZ
  s.insert(s.size() - 1, ".000");
  return s;
}

// QGIS's own schema (qgsogrproviderutils saveStyle), so that QGIS finds and can update it.
void write_gpkg_styles(GDALDataset& ds, const std::vector<const Layer*>& layers,
                       const UtcDateTime& when, const std::string& where, const GdalScope& scope) {
  CPLStringList lco;
  lco.SetNameValue("FID", "id");
  OGRLayer* table = ds.CreateLayer("layer_styles", nullptr, wkbNone, lco.List());
  if (table == nullptr) throw_output_error(where, "cannot create layer_styles", scope);
  struct Column {
    const char* name;
    OGRFieldType type;
    int width;
  };
  static constexpr Column kColumns[] = {
      {"f_table_catalog", OFTString, 256},
      {"f_table_schema", OFTString, 256},
      {"f_table_name", OFTString, 256},
      {"f_geometry_column", OFTString, 256},
      {"styleName", OFTString, 30},
      {"styleQML", OFTString, 0},
      {"styleSLD", OFTString, 0},
      {"useAsDefault", OFTInteger, 0},
      {"description", OFTString, 0},
      {"owner", OFTString, 30},
      {"ui", OFTString, 30},
      {"update_time", OFTDateTime, 0},
  };
  for (const Column& c : kColumns) {
    OGRFieldDefn fd(c.name, c.type);
    fd.SetWidth(c.width);
    if (std::strcmp(c.name, "useAsDefault") == 0) fd.SetSubType(OFSTBoolean);
    if (c.type == OFTDateTime) fd.SetDefault("CURRENT_TIMESTAMP");
    if (table->CreateField(&fd) != OGRERR_NONE) {
      throw_output_error(where, std::string("cannot create layer_styles.") + c.name, scope);
    }
  }
  for (const Layer* layer : layers) {
    OGRFeatureUniquePtr f(OGRFeature::CreateFeature(table->GetLayerDefn()));
    f->SetField("f_table_catalog", "");
    f->SetField("f_table_schema", "");  // QGIS looks styles up with f_table_schema=''
    f->SetField("f_table_name", layer->name.c_str());
    f->SetField("f_geometry_column", "geom");
    f->SetField("styleName", layer->style->name.c_str());
    f->SetField("styleQML", to_qml(*layer->style).c_str());
    f->SetField("styleSLD", "");
    f->SetField("useAsDefault", 1);
    f->SetField("description", "written by incidentmap");
    f->SetField("owner", "");
    f->SetField("update_time", when.date.year, when.date.month, when.date.day, when.hour,
                when.minute, static_cast<float>(when.second), 100);
    if (table->CreateFeature(f.get()) != OGRERR_NONE) {
      throw_output_error(where, "cannot write the style of layer '" + layer->name + "'", scope);
    }
  }
}

// The CSV type sidecar (GDAL's .csvt) of a layer as write_layer lays out its columns: WKT, id,
// lon, lat (point layers), then the fields. GDAL's own .csvt would call the ISO date columns
// "String", since they are written as text (see docs/output-contract.md); this one lets GDAL,
// and so QGIS, read them back as dates.
std::string csvt_line(const Layer& layer) {
  std::vector<std::string> types;
  const bool point = layer.geometry == GeometryKind::Point;
  if (point) types.push_back("WKT");
  types.push_back("Integer64");
  if (point) types.insert(types.end(), {"Real", "Real"});
  // GDAL's names, in FieldType's order.
  static constexpr const char* kTypeNames[] = {
      "Integer64", "Real", "String", "Date", "DateTime", "JSonStringList", "Integer(Boolean)"};
  for (const FieldDef& f : layer.fields) {
    std::string name = kTypeNames[static_cast<int>(f.type)];
    if (f.type == FieldType::String && f.width > 0) name += "(" + std::to_string(f.width) + ")";
    types.push_back(std::move(name));
  }
  std::string line;
  for (const std::string& t : types) line += (line.empty() ? "" : ",") + t;
  return line + "\n";
}

// Reopens what was written and counts features per layer, so that a write that GDAL did not
// report as failed (a full disk under a driver that ignores write errors) still fails here.
void verify_written(const fs::path& path, const FormatTraits& format,
                    const std::vector<const Layer*>& layers, const std::string& where) {
  GdalScope scope;
  // GDAL's own KML reader skips placemarks without geometry; LIBKML (what QGIS uses when
  // present) reads them all.
  const bool libkml = format.format == OutputFormat::KML &&
                      GetGDALDriverManager()->GetDriverByName("LIBKML") != nullptr;
  const char* drivers[] = {libkml ? "LIBKML" : format.driver.data(), nullptr};
  // A one-feature GeoJSONSeq file is also plain GeoJSON; only the prefix makes the driver
  // claim it.
  const std::string name =
      format.format == OutputFormat::GeoJSONSeq ? "GeoJSONSeq:" + path.string() : path.string();
  GDALDatasetUniquePtr ds(GDALDataset::Open(name.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                            drivers, nullptr, nullptr));
  if (!ds) throw_output_error(where, "cannot reopen the written file", scope);
  for (const Layer* layer : layers) {
    OGRLayer* read = format.multi_layer ? ds->GetLayerByName(layer->name.c_str()) : ds->GetLayer(0);
    if (read == nullptr) throw_output_error(where, "layer '" + layer->name + "' missing", scope);
    GIntBig expected = static_cast<GIntBig>(layer->features.size());
    if (format.format == OutputFormat::KML && !libkml) {
      expected = std::count_if(layer->features.begin(), layer->features.end(),
                               [](const Feature& f) { return f.point.has_value(); });
    }
    const GIntBig n = read->GetFeatureCount(TRUE);
    if (n != expected) {
      throw_output_error(where,
                         "layer '" + layer->name + "' reads back " + std::to_string(n) +
                             " features instead of " + std::to_string(expected),
                         scope);
    }
  }
}

// Writes one dataset (one file) holding `layers` at `file` (inside the staging directory).
void write_dataset(const fs::path& file, const std::string& final_path,
                   const std::vector<const Layer*>& layers, const OutputSpec& spec, OutputCrs& crs,
                   const UtcDateTime& when, WriteResult& result) {
  const FormatTraits& format = traits(spec.format);
  GdalScope scope;
  scope.set_config("OGR_CURRENT_DATE", iso_timestamp_millis(when));
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(format.driver.data());
  if (driver == nullptr) {
    throw OutputError(final_path + ": GDAL has no " + std::string(format.driver) + " driver");
  }
  {
    CPLStringList dsco = make_options({}, spec.dsco);
    GDALDatasetUniquePtr ds(driver->Create(file.c_str(), 0, 0, 0, GDT_Unknown, dsco.List()));
    if (!ds) throw_output_error(final_path, "cannot create", scope);
    const bool transaction = format.format == OutputFormat::GPKG;
    if (transaction && ds->StartTransaction() != OGRERR_NONE) {
      throw_output_error(final_path, "cannot start a transaction", scope);
    }
    std::vector<const Layer*> styled;
    for (const Layer* layer : layers) {
      write_layer(*ds, *layer, format, crs, default_layer_options(format, *layer, final_path),
                  spec.lco, final_path, scope);
      if (layer->style) styled.push_back(layer);
    }
    if (format.format == OutputFormat::GPKG && !styled.empty()) {
      write_gpkg_styles(*ds, styled, when, final_path, scope);
    }
    if (transaction && ds->CommitTransaction() != OGRERR_NONE) {
      throw_output_error(final_path, "cannot commit", scope);
    }
    scope.clear_error();
    ds.reset();  // closing flushes; GDAL 3.6 reports close errors only through CPLError
    if (!scope.last_error().empty()) throw_output_error(final_path, "cannot close", scope);
  }
  if (format.format == OutputFormat::CSV) {
    // GDAL wrote the .prj and a .csvt (CREATE_CSVT=YES); ours replaces that .csvt.
    write_text_file(fs::path(file).replace_extension(".csvt"), csvt_line(*layers.front()));
  }
  verify_written(file, format, layers, final_path);
  for (const std::string& w : scope.warnings()) result.warnings.push_back(final_path + ": " + w);
}

class GdalDatasetWriter final : public DatasetWriter {
 public:
  explicit GdalDatasetWriter(const OutputSpec& spec) : spec_(spec), crs_(spec.t_srs) {
    const FormatTraits& format = traits(spec.format);
    if (!format.any_crs && !crs_.is_wgs84()) {
      throw OutputError("-t_srs: " + std::string(format.driver) +
                        " output is always WGS84 longitude/latitude");
    }
  }
  void write(const fs::path& file, const std::string& final_path,
             const std::vector<const Layer*>& layers, const UtcDateTime& when,
             WriteResult& result) override {
    write_dataset(file, final_path, layers, spec_, crs_, when, result);
  }

 private:
  OutputSpec spec_;
  OutputCrs crs_;
};

}  // namespace

std::unique_ptr<DatasetWriter> make_dataset_writer(const OutputSpec& spec) {
  return std::make_unique<GdalDatasetWriter>(spec);
}

}  // namespace incidentmap
