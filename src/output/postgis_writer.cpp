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

namespace {

// A SQL string literal (standard_conforming_strings, PostgreSQL's default: only ' is special).
std::string sql_literal(const std::string& text) {
  std::string out = "'";
  for (const char c : text) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

void execute(GDALDataset& ds, const std::string& sql, const std::string& where,
             const std::string& what, GdalScope& scope) {
  scope.clear_error();
  if (OGRLayer* rows = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr)) ds.ReleaseResultSet(rows);
  if (!scope.last_error().empty()) throw_output_error(where, what, scope);
}

// Each styled layer's style as the default in public.layer_styles, the table (and schema) QGIS
// itself creates when a style is saved to the database, so that QGIS opens the table styled.
// `type` stays null: QGIS matches it against the geometry type of the layer's source string,
// which is unknown when a user types the connection without `type=Point`, and null matches any.
// A style of the same name for the same table is replaced; other styles of the table stay but
// are no longer the default.
void write_pg_styles(GDALDataset& ds, const std::vector<Layer>& layers, const std::string& schema,
                     const std::string& where, GdalScope& scope) {
  bool any = false;
  for (const Layer& layer : layers) any = any || layer.style.has_value();
  if (!any) return;
  execute(ds,
          "CREATE TABLE IF NOT EXISTS public.layer_styles (id SERIAL PRIMARY KEY, "
          "f_table_catalog varchar, f_table_schema varchar, f_table_name varchar, "
          "f_geometry_column varchar, stylename text, styleqml xml, stylesld xml, "
          "useasdefault boolean, description text, owner varchar(63) DEFAULT CURRENT_USER, "
          "ui xml, update_time timestamp DEFAULT CURRENT_TIMESTAMP, type varchar)",
          where, "cannot create public.layer_styles", scope);
  for (const Layer& layer : layers) {
    if (!layer.style) continue;
    const std::string table =
        "f_table_catalog = current_database() AND f_table_schema = " + sql_literal(schema) +
        " AND f_table_name = " + sql_literal(layer.name);
    const std::string what = "cannot write the style of table '" + layer.name + "'";
    execute(ds,
            "DELETE FROM public.layer_styles WHERE " + table +
                " AND stylename = " + sql_literal(layer.style->name),
            where, what, scope);
    execute(ds, "UPDATE public.layer_styles SET useasdefault = false WHERE " + table, where, what,
            scope);
    execute(ds,
            "INSERT INTO public.layer_styles (f_table_catalog, f_table_schema, f_table_name, "
            "f_geometry_column, stylename, styleqml, stylesld, useasdefault, description, type) "
            "VALUES (current_database(), " +
                sql_literal(schema) + ", " + sql_literal(layer.name) + ", 'geom', " +
                sql_literal(layer.style->name) + ", XMLPARSE(DOCUMENT " +
                sql_literal(to_qml(*layer.style)) +
                "), NULL, true, 'written by incidentmap', NULL)",
            where, what, scope);
  }
}

}  // namespace

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
    write_pg_styles(*ds, layers, schema, where, scope);
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
