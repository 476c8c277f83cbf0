#!/usr/bin/python3
"""QGIS itself opens what `incidentmap map` writes, as an analyst would: no conversion, no setup.

Runs the real CLI on tests/fixtures/outputs/articles.jsonl (five short reports written for this
test: a clash in Culiacán told by two outlets, a killing in nearby Navolato, a protest in Mexico
City, an attack in Guadalajara), then loads every layer with QGIS's own providers (qgis.core,
no GUI, QT_QPA_PLATFORM=offscreen) and checks, per format:
  - the layer names the dataset offers, the exact feature counts and the point geometry;
  - the CRS (EPSG:4326) of every spatial layer;
  - the contract's field names, in order, with a type of the expected kind for that format
    (docs/output-contract.md), and no field but the ones the format adds itself;
  - values: the incidents' places, the Culiacán incident's date and fatalities, null never "";
  - the incidents layer opens styled: a categorised renderer on event_type with the marker size
    driven by fatalities (the GeoPackage's layer_styles, the .qml beside single files, PostGIS's
    public.layer_styles); the other layers open with QGIS's default.

  test_qgis_outputs.py --bin PATH/incidentmap             every file format
  test_qgis_outputs.py --bin PATH/incidentmap --postgis   PostGIS: a throwaway PostgreSQL server
      on loopback receives the layers; ST_DWithin around Culiacán returns the right incidents
      and QGIS's postgres provider loads the table.
Exits 77 (ctest SKIP_RETURN_CODE) when python3-qgis is missing, or for --postgis when the
PostgreSQL server or PostGIS is; 1 on any failed check; 0 otherwise. Prints the time each part
takes.
"""
import argparse
import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

SKIP = 77
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
FIXTURE = os.path.join(REPO, "tests", "fixtures", "outputs", "articles.jsonl")

# The layer contract (src/incidents/incident_layers.cpp, docs/output-contract.md).
INCIDENT_FIELDS = [
    ("incident_id", "String"), ("event_type", "String"), ("sub_event_type", "String"),
    ("event_kind", "String"), ("event_date", "Date"), ("event_date_end", "Date"),
    ("date_precision", "Integer64"), ("place_name", "String"), ("geonameid", "Integer64"),
    ("feature_code", "String"), ("country_code", "String"), ("admin1", "String"),
    ("admin2", "String"), ("geo_precision", "Integer64"), ("geo_precision_acled", "Integer64"),
    ("fatalities", "Integer64"), ("fatalities_min", "Integer64"), ("fatalities_max", "Integer64"),
    ("actor1", "String"), ("actor2", "String"), ("n_sources", "Integer64"),
    ("doc_ids", "StringList"), ("sources", "StringList"), ("evidence", "String"),
    ("confidence", "Real"),
]
MENTION_FIELDS = [
    ("doc_id", "String"), ("char_start", "Integer64"), ("char_end", "Integer64"),
    ("surface", "String"), ("name", "String"), ("geonameid", "Integer64"),
    ("feature_code", "String"), ("country_code", "String"), ("admin1", "String"),
    ("role", "String"), ("incident_id", "String"), ("confidence", "Real"),
]
SOURCE_FIELDS = [
    ("incident_id", "String"), ("doc_id", "String"), ("source", "String"), ("url", "String"),
    ("doc_date", "Date"), ("fatalities", "Integer64"),
]
LAYER_FIELDS = {"incidents": INCIDENT_FIELDS, "mentions": MENTION_FIELDS,
                "sources": SOURCE_FIELDS}
EVENT_TYPES = ["Battles", "Violence against civilians", "Explosions/Remote violence", "Riots",
               "Protests", "Strategic developments"]

# What the fixture holds: four incidents (the two Culiacán reports merge) reported by five
# documents; the mentions count comes from report.json.
EXPECTED_PLACES = {"Culiacán", "Mexico City", "Guadalajara", "Navolato"}
EXPECTED_SOURCES = 5
CULIACAN = (-107.3940, 24.8091)  # lon, lat of the city centre

# Columns a format adds itself beside the contract's fields, as QGIS lists them.
EXTRA_FIELDS = {
    "GeoJSON": set(), "GeoJSONSeq": set(),
    "GPKG": {"fid"},
    "CSV": {"WKT", "id", "lon", "lat"},
    "FlatGeobuf": {"id"},
    # LIBKML's own placemark fields.
    "KML": {"id", "name", "description", "timestamp", "begin", "end", "altitudeMode",
            "tessellate", "extrude", "visibility", "drawOrder", "icon", "snippet", "Name",
            "Description"},
    "PostgreSQL": {"fid"},
}

# The kind of QGIS field type each contract type must come back as, per format. Integer64 may
# come back as 32-bit where the values fit (GeoJSON's reader types by value; KML has int only).
DEFAULT_KINDS = {"Integer64": "int", "Real": "real", "String": "string", "Date": "date",
                 "DateTime": "datetime", "StringList": "stringlist", "Boolean": "int"}
FORMAT_KINDS = {
    "GeoJSON": {}, "GeoJSONSeq": {},
    "GPKG": {"StringList": "json"},     # JSON text, subtype JSON: QGIS shows JSON
    "CSV": {},                          # typed by the .csvt sidecar
    "FlatGeobuf": {"Date": "datetime", "StringList": "string"},
    "KML": {"Date": "string", "DateTime": "string", "StringList": "string"},
    "PostgreSQL": {},
}
# Formats that cannot tell an empty text from a missing one (docs/output-contract.md).
NO_NULL_TEXT = {"CSV", "KML"}


class Checker:
    def __init__(self):
        self.failures = []
        self.checks = 0

    def eq(self, what, actual, expected):
        self.checks += 1
        if actual != expected:
            self.failures.append(f"{what}: got {actual!r}, expected {expected!r}")

    def true(self, what, cond, detail=""):
        self.checks += 1
        if not cond:
            self.failures.append(f"{what}{': ' + detail if detail else ''}")


def start_qgis():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("XDG_RUNTIME_DIR", tempfile.mkdtemp(prefix="incidentmap-xdg-"))
    try:
        from qgis.core import QgsApplication
    except ImportError as e:
        print(f"SKIP: QGIS's Python bindings are missing (apt-get install python3-qgis): {e}")
        sys.exit(SKIP)
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    return app


def type_kind(field):
    from PyQt5.QtCore import QVariant
    return {QVariant.Int: "int", QVariant.LongLong: "int", QVariant.Double: "real",
            QVariant.String: "string", QVariant.Date: "date", QVariant.DateTime: "datetime",
            QVariant.StringList: "stringlist", QVariant.Bool: "int",
            QVariant.Map: "json"}.get(field.type(),
                                                                         field.typeName())


def dataset_layers(path):
    """The layer names QGIS offers when the file is added (GeoPackage: without layer_styles)."""
    from qgis.core import QgsProviderRegistry
    return sorted(d.name() for d in QgsProviderRegistry.instance().querySublayers(path))


def check_layer(c, fmt, layer, name, expected_count):
    """Everything about one loaded layer but its style."""
    from qgis.core import QgsWkbTypes
    where = f"{fmt} {name}"
    c.true(f"{where}: loads", layer.isValid(), layer.source())
    if not layer.isValid():
        return
    c.eq(f"{where}: feature count", layer.featureCount(), expected_count)
    spatial = name != "sources"
    if spatial:
        c.eq(f"{where}: CRS", layer.crs().authid(), "EPSG:4326")
        c.eq(f"{where}: geometry", layer.geometryType(), QgsWkbTypes.PointGeometry)
    contract = LAYER_FIELDS[name]
    names = [f.name() for f in layer.fields()]
    contract_names = [n for n, _ in contract]
    ordered = contract_names
    kml_name = fmt == "KML" and "name" in contract_names and "Name" in names
    if kml_name:
        # KML's placemark <name> takes a field called name; LIBKML reads it back as its own
        # first field, Name.
        names[names.index("Name")] = "name"
        ordered = [n for n in contract_names if n != "name"]
        c.true(f"{where}: name as the placemark name", True)
    c.eq(f"{where}: contract fields in order", [n for n in names if n in ordered], ordered)
    extra = sorted(set(names) - set(contract_names) - EXTRA_FIELDS[fmt])
    c.eq(f"{where}: fields the format does not explain", extra, [])
    kinds = dict(DEFAULT_KINDS, **FORMAT_KINDS[fmt])
    fields = layer.fields()
    for field_name, field_type in contract:
        i = fields.indexOf("Name" if kml_name and field_name == "name" else field_name)
        if i < 0:
            continue
        c.eq(f"{where}: type of {field_name}", type_kind(fields.at(i)), kinds[field_type])
    if fmt in NO_NULL_TEXT:
        return
    for feature in layer.getFeatures():
        for field_name, field_type in contract:
            if field_type == "String" and feature[field_name] == "":
                c.true(f"{where}: feature {feature.id()} {field_name} is '' instead of null",
                       False)


def check_incident_values(c, fmt, layer):
    places = {f["place_name"] for f in layer.getFeatures()}
    c.eq(f"{fmt} incidents: places", places, EXPECTED_PLACES)
    for f in layer.getFeatures():
        if f["place_name"] != "Culiacán":
            continue
        c.eq(f"{fmt} incidents: Culiacán fatalities", int(f["fatalities"]), 6)
        date = f["event_date"]
        text = date.toString("yyyy-MM-dd") if hasattr(date, "toString") else str(date)
        c.eq(f"{fmt} incidents: Culiacán date", text[:10], "2024-05-06")
        c.eq(f"{fmt} incidents: Culiacán sources", int(f["n_sources"]), 2)
        point = f.geometry().asPoint()
        c.true(f"{fmt} incidents: Culiacán position",
               abs(point.x() - CULIACAN[0]) < 0.1 and abs(point.y() - CULIACAN[1]) < 0.1,
               f"{point.x()}, {point.y()}")


def check_style(c, fmt, layer, name):
    from qgis.core import QgsSymbolLayer
    renderer = layer.renderer()
    where = f"{fmt} {name}: default style"
    if name == "sources":
        c.true(f"{where}: attribute table without a renderer", renderer is None)
        return
    if name != "incidents":
        # No style of ours: QGIS's default (KML: the placemarks' own KML styles).
        c.eq(f"{where} renderer", renderer.type(),
             "embeddedSymbol" if fmt == "KML" else "singleSymbol")
        return
    c.eq(f"{where} renderer", renderer.type(), "categorizedSymbol")
    if renderer.type() != "categorizedSymbol":
        return
    c.eq(f"{where} category field", renderer.classAttribute(), "event_type")
    categories = renderer.categories()  # keep alive: symbols belong to the categories
    c.eq(f"{where} categories", [k.value() for k in categories], EVENT_TYPES + [""])
    for k in categories:
        symbol = k.symbol()
        size = symbol.symbolLayer(0).dataDefinedProperties().property(QgsSymbolLayer.PropertySize)
        c.true(f"{where} size of '{k.value()}' follows fatalities",
               size.isActive() and '"fatalities"' in size.expressionString(),
               size.expressionString())


def run_cli(binary, out_dir, extra_args):
    cmd = [binary, "map", FIXTURE, "-o", out_dir] + extra_args
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        print(f"FAIL: {' '.join(cmd)} exited {r.returncode}:\n{r.stderr}")
        sys.exit(1)


def file_formats(binary, c):
    tmp = tempfile.mkdtemp(prefix="incidentmap-qgis-")
    try:
        t0 = time.monotonic()
        formats = ["GeoJSON", "GeoJSONSeq", "GPKG", "CSV", "FlatGeobuf", "KML"]
        args = []
        for f in formats:
            args += ["-f", f]
        run_cli(binary, tmp, args)
        t1 = time.monotonic()
        with open(os.path.join(tmp, "report.json"), encoding="utf-8") as f:
            report = json.load(f)
        counts = {"incidents": report["counts"]["incidents"],
                  "mentions": report["counts"]["mentions"], "sources": EXPECTED_SOURCES}
        c.eq("report: incidents", counts["incidents"], len(EXPECTED_PLACES))

        from qgis.core import QgsVectorLayer
        # format -> [(layer name, QGIS source, the layer names of its file)]
        def single(ext, names):
            return [(n, os.path.join(tmp, n + ext), [n]) for n in names]
        gpkg = os.path.join(tmp, "incidentmap.gpkg")
        layouts = {
            "GeoJSON": single(".geojson", ["incidents", "mentions"]),
            "GeoJSONSeq": single(".geojsonl", ["incidents", "mentions"]),
            "GPKG": [(n, f"{gpkg}|layername={n}", ["incidents", "mentions", "sources"])
                     for n in ["incidents", "mentions", "sources"]],
            "CSV": single(".csv", ["incidents", "mentions", "sources"]),
            "FlatGeobuf": single(".fgb", ["incidents", "mentions"]),
            "KML": single(".kml", ["incidents", "mentions"]),
        }
        for fmt in formats:
            for name, source, file_layers in layouts[fmt]:
                layer = QgsVectorLayer(source, name, "ogr")
                c.eq(f"{fmt} {name}: layers offered", dataset_layers(source.split("|")[0]),
                     sorted(file_layers))
                check_layer(c, fmt, layer, name, counts[name])
                if not layer.isValid():
                    continue
                if name == "incidents":
                    check_incident_values(c, fmt, layer)
                check_style(c, fmt, layer, name)
        t2 = time.monotonic()
        print(f"file formats: CLI {t1 - t0:.1f} s, QGIS checks {t2 - t1:.1f} s")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# --- PostGIS -------------------------------------------------------------------------------

class Postgres:
    """A throwaway server in /tmp on a free loopback port, as the postgres account when root."""

    def __init__(self):
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not bins or shutil.which("psql") is None:
            raise LookupError("PostgreSQL server binaries or psql not found "
                              "(apt-get install postgresql-15)")
        self.bindir = os.path.dirname(bins[-1])
        self.as_user = []
        self.dir = tempfile.mkdtemp(prefix="incidentmap-pg-")
        if os.geteuid() == 0:
            self.as_user = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.dir, user="postgres")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        data = os.path.join(self.dir, "data")
        self._run([f"{self.bindir}/initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E",
                   "UTF8", "--locale=C", "--no-sync"])
        self._run([f"{self.bindir}/pg_ctl", "-D", data, "-w", "-t", "30", "-l",
                   os.path.join(self.dir, "log"), "-o",
                   f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off",
                   "start"])
        self.stop_cmd = [f"{self.bindir}/pg_ctl", "-D", data, "-m", "immediate", "stop"]
        try:
            self.sql("CREATE EXTENSION postgis")
        except RuntimeError as e:
            self.stop()
            raise LookupError(f"PostGIS is not installed (postgresql-15-postgis-3): {e}")

    def _run(self, cmd):
        r = subprocess.run(self.as_user + cmd, capture_output=True, text=True)
        if r.returncode != 0:
            raise LookupError(f"{' '.join(cmd)}: {r.stdout}{r.stderr}")

    def sql(self, query):
        r = subprocess.run(["psql", "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-h",
                            "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d",
                            "postgres", "-c", query], capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(r.stderr)
        return r.stdout

    def stop(self):
        subprocess.run(self.as_user + self.stop_cmd, capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)


def postgis(binary, c):
    t0 = time.monotonic()
    try:
        pg = Postgres()
    except LookupError as e:
        print(f"SKIP: {e}")
        sys.exit(SKIP)
    try:
        t1 = time.monotonic()
        tmp = tempfile.mkdtemp(prefix="incidentmap-qgis-pg-")
        conn = f"PG:host=127.0.0.1 port={pg.port} user=postgres dbname=postgres"
        run_cli(binary, conn, [])
        shutil.rmtree(tmp, ignore_errors=True)
        t2 = time.monotonic()
        c.eq("PostGIS: tables", pg.sql(
            "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables "
            "WHERE schemaname = 'public' AND tablename <> 'spatial_ref_sys'"),
            "incidents,layer_styles,mentions,sources\n")
        # Geodesic distance on the geography type: Navolato is about 30 km from Culiacán,
        # Guadalajara and Mexico City are hundreds away.
        near = pg.sql(
            "SELECT string_agg(place_name, ',' ORDER BY place_name) FROM incidents WHERE "
            f"ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint({CULIACAN[0]}, "
            f"{CULIACAN[1]}), 4326)::geography, 50000)")
        c.eq("PostGIS: incidents within 50 km of Culiacán", near, "Culiacán,Navolato\n")
        c.eq("PostGIS: Culiacán sources", pg.sql(
            "SELECT count(*) FROM sources s JOIN incidents i USING (incident_id) "
            "WHERE i.place_name = 'Culiacán'"), "2\n")

        from qgis.core import QgsVectorLayer
        for name in ["incidents", "mentions", "sources"]:
            # The source string QGIS's own PostgreSQL connection dialog builds.
            uri = (f"dbname='postgres' host=127.0.0.1 port={pg.port} user='postgres' "
                   f"key='fid' table=\"public\".\"{name}\"")
            if name != "sources":
                uri += " (geom)"
            layer = QgsVectorLayer(uri, name, "postgres")
            expected = int(pg.sql(f"SELECT count(*) FROM {name}"))
            check_layer(c, "PostgreSQL", layer, name, expected)
            if not layer.isValid():
                continue
            if name == "incidents":
                check_incident_values(c, "PostgreSQL", layer)
            check_style(c, "PostgreSQL", layer, name)  # from public.layer_styles
        t3 = time.monotonic()
        print(f"PostGIS: server start {t1 - t0:.1f} s, CLI {t2 - t1:.1f} s, "
              f"SQL and QGIS checks {t3 - t2:.1f} s")
    finally:
        pg.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", required=True, help="the incidentmap executable")
    parser.add_argument("--postgis", action="store_true", help="check the PostGIS output")
    args = parser.parse_args()
    start = time.monotonic()
    app = start_qgis()  # must stay referenced: providers crash once it is collected
    print(f"QGIS started in {time.monotonic() - start:.1f} s")
    c = Checker()
    if args.postgis:
        postgis(os.path.abspath(args.bin), c)
    else:
        file_formats(os.path.abspath(args.bin), c)
    for f in c.failures:
        print(f"FAIL: {f}")
    print(f"{c.checks - len(c.failures)} of {c.checks} checks passed in "
          f"{time.monotonic() - start:.1f} s")
    sys.stdout.flush()
    # QgsApplication.exitQgis() can crash when layers outlive it; the checks are done.
    del app
    os._exit(1 if c.failures else 0)


if __name__ == "__main__":
    main()
