#include "src/output/postgis_writer.h"

#include <regex>

#include "src/output/ogr_layer_writer.h"

namespace incidentmap {

std::string redact_connection_string(const std::string& connection) {
  // libpq keyword=value syntax: the value is either single-quoted (with \' escapes) or runs to
  // the next space; the URI form carries the password between ':' and '@'.
  static const std::regex kKeyword(R"((password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s]*))",
                                   std::regex::icase);
  static const std::regex kUri(R"((postgres(?:ql)?://[^:/@\s]*:)[^@\s]*@)", std::regex::icase);
  std::string out = std::regex_replace(connection, kKeyword, "$1***");
  return std::regex_replace(out, kUri, "$1***@");
}

WriteResult write_postgis(const std::vector<Layer>& layers, const OutputSpec& spec) {
  validate_layers(layers);
  const std::string where = redact_connection_string(spec.path);
  if (spec.path.size() < 3 ||
      (spec.path.compare(0, 3, "PG:") != 0 && spec.path.compare(0, 3, "pg:") != 0)) {
    throw OutputError(where + ": a PostgreSQL destination is a PG:... connection string");
  }
  std::string schema = "public";
  for (const std::string& kv : spec.lco) {
    if (kv.rfind("SCHEMA=", 0) == 0) schema = kv.substr(7);
  }
  if (!is_valid_name(schema)) {
    throw OutputError("SCHEMA '" + schema + "' must match ^[a-z_][a-z0-9_]{0,62}$");
  }

  OutputCrs crs(spec.t_srs);
  const FormatTraits& format = traits(OutputFormat::PostgreSQL);
  GdalScope scope;
  const char* drivers[] = {"PostgreSQL", nullptr};
  GDALDatasetUniquePtr ds(GDALDataset::Open(spec.path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE,
                                            drivers, nullptr, nullptr));
  if (!ds) throw_output_error(where, "cannot connect", scope);

  WriteResult result;
  for (const Layer& layer : layers) {
    const std::string table = schema + "." + layer.name;
    if (!spec.overwrite && ds->GetLayerByName(table.c_str()) != nullptr) {
      throw OutputError(where + ": table " + quote_identifier(schema) + "." +
                        quote_identifier(layer.name) +
                        " already exists (use -overwrite to replace it)");
    }
    result.files.push_back(table);
  }
  scope.clear_error();
  if (ds->StartTransaction(TRUE) != OGRERR_NONE) {
    throw_output_error(where, "cannot start a transaction", scope);
  }
  try {
    for (const Layer& layer : layers) {
      std::vector<std::string> defaults = default_layer_options(format, layer, spec.path);
      defaults.push_back("SCHEMA=" + schema);
      if (spec.overwrite) defaults.push_back("OVERWRITE=YES");
      write_layer(*ds, layer, format, crs, defaults, spec.lco, where, scope);
    }
    if (ds->CommitTransaction() != OGRERR_NONE) {
      throw_output_error(where, "cannot commit", scope);
    }
  } catch (...) {
    ds->RollbackTransaction();
    throw;
  }
  for (const std::string& w : scope.warnings()) result.warnings.push_back(where + ": " + w);
  return result;
}

}  // namespace incidentmap
