#pragma once
// Writes layers as PostGIS tables through GDAL's PostgreSQL driver, given a "PG:..."
// connection string as ogr2ogr takes it. All tables of one run are created (or, with
// overwrite, replaced) in one transaction: readers see either the old tables or all new ones.

#include <string>
#include <string_view>
#include <vector>

#include "src/output/gdal_writer.h"
#include "src/output/layer.h"

namespace incidentmap {

// The connection string with the value of any password=... keyword replaced by "***", for
// messages.
std::string redact_connection_string(const std::string& connection);

// Writes every layer to a table of the same name (in the schema of the SCHEMA layer creation
// option, default "public"), with an integer primary key `fid` holding the feature id and a
// `geom` column with a GiST index. Existing tables are an error unless spec.overwrite. Styled
// layers get their style as the default in public.layer_styles (QGIS's schema, created when
// missing), in the same transaction.
// Throws OutputError (password redacted) on any failure, after rolling back.
WriteResult write_postgis(const std::vector<Layer>& layers, const OutputSpec& spec);

}  // namespace incidentmap
