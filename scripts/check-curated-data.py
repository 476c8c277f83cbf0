#!/usr/bin/env python3
"""Validates the curated gazetteer tables in gazetteer/data (run by ctest as `curated_data`).

Usage: check-curated-data.py [DATA_DIR] [--stats]
  DATA_DIR  folder holding countries.tsv, admin1.tsv, regions.txt, supplement.txt
            (default: gazetteer/data of this repository)
  --stats   also print row counts per file and per feature class/code

Checks column counts, numeric and unique ids, coordinate ranges, feature classes and codes,
admin1 codes, the alias-row convention of supplement.txt (an id below 9000000000 repeats a
GeoNames feature: when that feature is in the project tables, the point must be the same), and
that the entries news needs are present by name. Prints one line per problem as FILE:LINE: reason
and exits 1 when there is any. Python 3 standard library only.
"""

import collections
import os
import re
import sys

FIRST_CURATED_ID = 9_000_000_000
FEATURE_CLASSES = set("AHLPRSTUV")
COUNTRY_CODES = {"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCLH", "TERR"}
COUNTRY_HEADER = ["geonameid", "name", "feature_class", "feature_code", "country_code",
                  "admin1_code", "lat", "lon"]

# Names (primary or alternate, exact spelling) that must resolve through regions.txt or
# supplement.txt: the continents, world regions and seas news names, the short forms of
# countries and US states, and the facilities the project's issue asks for by name.
REQUIRED_REGION_NAMES = [
    "Africa", "Asia", "Europe", "North America", "South America", "Oceania", "Antarctica",
    "Middle East", "Caribbean", "Levant", "Western Africa", "Mediterranean Sea", "Pacific Ocean",
    "Atlantic Ocean", "Indian Ocean", "Arctic Ocean", "Persian Gulf", "Red Sea", "Black Sea",
    "Caspian Sea", "Balkans", "Sahel", "Horn of Africa", "Central America", "Western Europe",
    "Eastern Europe", "Scandinavia", "South China Sea", "Gulf of Aden", "European Union",
]
REQUIRED_ANYWHERE = REQUIRED_REGION_NAMES + [
    "West Africa", "Latin America", "Southeast Asia", "Gulf of Mexico", "EU", "USSR",
    "Soviet Union", "U.S.", "U.S.A.", "USA", "America", "U.K.", "UK", "Britain",
    "Great Britain", "DRC", "D.R. Congo", "UAE", "D.C.", "Washington D.C.", "NYC", "L.A.",
    "Kan.", "Calif.", "N.Y.", "Tex.", "W.Va.", "NSW", "Qld", "Vic.", "Ont.", "B.C.", "Que.",
    "Edomex", "State of Mexico", "Estado de México", "CDMX", "Ciudad de México", "D.F.",
    "Distrito Federal", "Altiplano", "El Altiplano", "Altiplano prison",
    "Altiplano federal prison", "CEFERESO 1", "Almoloya prison", "Puente Grande",
    "Islas Marías", "Guantanamo Bay detention camp", "ADX Florence", "Rikers Island",
    "San Quentin", "Evin Prison", "Abu Ghraib prison", "Saydnaya Prison", "Belmarsh",
    "Robben Island", "San Ysidro Port of Entry", "Paso del Norte", "Rafah crossing",
    "Kerem Shalom", "Zaporizhzhia Nuclear Power Plant", "Chernobyl", "Rio Grande", "Nile",
    "Euphrates", "Tigris", "Danube", "Andes", "Himalayas", "Alps", "Sierra Madre Occidental",
    "Golden Triangle", "Darfur", "Donbas", "Kashmir", "Gaza Strip", "West Bank", "Sinai",
    "Kurdistan", "Patagonia", "Siberia",
]
# Names that must have at least these (feature class, feature code) readings, so both senses
# exist: the Mexican federal prison and the Andean plateau; the Mexican and the Asian triangle.
REQUIRED_READINGS = {
    "Altiplano": {("S", "PRN"), ("T", "PLAT")},
    "Golden Triangle": {("L", "RGN")},
}
REQUIRED_GOLDEN_TRIANGLE_COUNTRIES = {"MX", "TH"}

errors = []


def error(path, line, message):
    errors.append(f"{os.path.basename(path)}:{line}: {message}")


def read_rows(path, comments):
    """Yields (line number, fields) for each data line; '#' lines skipped when `comments`."""
    with open(path, encoding="utf-8", newline="") as f:
        for number, raw in enumerate(f, start=1):
            line = raw.rstrip("\r\n")
            if not line.strip() or (comments and line.startswith("#")):
                continue
            yield number, line.split("\t")


def parse_id(path, number, text):
    if not re.fullmatch(r"[1-9][0-9]*", text):
        error(path, number, f"geonameid {text!r} is not a positive integer")
        return None
    return int(text)


def parse_point(path, number, lat_text, lon_text, allow_empty=False):
    if allow_empty and lat_text == "" and lon_text == "":
        return None
    try:
        lat, lon = float(lat_text), float(lon_text)
    except ValueError:
        error(path, number, f"coordinates {lat_text!r}, {lon_text!r} are not numbers")
        return None
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        error(path, number, f"coordinates {lat}, {lon} out of range")
        return None
    return (lat_text, lon_text)


def check_countries(path):
    table = {}
    rows = list(read_rows(path, comments=False))
    if not rows or rows[0][1] != COUNTRY_HEADER:
        error(path, 1, f"header must be {' '.join(COUNTRY_HEADER)}")
        return table
    codes = set()
    for number, f in rows[1:]:
        if len(f) != 8:
            error(path, number, f"{len(f)} columns, expected 8")
            continue
        gid = parse_id(path, number, f[0])
        point = parse_point(path, number, f[6], f[7])
        if f[2] != "A":
            error(path, number, f"feature class {f[2]!r}, expected A")
        if f[3] not in COUNTRY_CODES:
            error(path, number, f"feature code {f[3]!r} is not a country code")
        if not re.fullmatch(r"[A-Z]{2}", f[4]) or f[4] in codes:
            error(path, number, f"country code {f[4]!r} malformed or repeated")
        codes.add(f[4])
        if gid is not None:
            if gid in table:
                error(path, number, f"geonameid {gid} repeated")
            table[gid] = (f[1], point)
    us = table.get(6252001)
    if not us or us[1] != ("39.76", "-98.5"):
        error(path, 0, "United States 6252001 must be at GeoNames' 39.76, -98.5")
    if len(table) < 250:
        error(path, 0, f"only {len(table)} countries")
    return table


def check_admin1(path):
    table, codes = {}, set()
    empty = 0
    for number, f in read_rows(path, comments=True):
        if len(f) != 6:
            error(path, number, f"{len(f)} columns, expected 6")
            continue
        if not re.fullmatch(r"[A-Z]{2}\.[0-9A-Za-z]+", f[0]) or f[0] in codes:
            error(path, number, f"code {f[0]!r} malformed or repeated")
        codes.add(f[0])
        if not f[1] or not f[2]:
            error(path, number, "empty name")
        gid = parse_id(path, number, f[3])
        point = parse_point(path, number, f[4], f[5], allow_empty=True)
        if point is None and f[4] == "" and f[5] == "":
            empty += 1
        if gid is not None:
            if gid in table:
                error(path, number, f"geonameid {gid} repeated")
            table[gid] = (f[1], point)
    if len(codes) < 3800:
        error(path, 0, f"only {len(codes)} admin1 codes")
    if empty > 100:
        error(path, 0, f"{empty} admin1 rows without coordinates")
    return table, codes


def check_dump(path, admin1_codes, known, supplement):
    """Checks a 19-column GeoNames file; returns {name: [(class, code, country, id)]}."""
    names = collections.defaultdict(list)
    seen_ids, seen_pairs = set(), set()
    codes = collections.Counter()
    for number, f in read_rows(path, comments=True):
        if len(f) != 19:
            error(path, number, f"{len(f)} columns, expected 19")
            continue
        gid = parse_id(path, number, f[0])
        point = parse_point(path, number, f[4], f[5])
        if not f[1].strip() or f[1] != f[1].strip():
            error(path, number, f"name {f[1]!r} empty or padded")
        if not f[2] or not all(ord(c) < 128 for c in f[2]):
            error(path, number, f"asciiname {f[2]!r} empty or not ASCII")
        if f[6] not in FEATURE_CLASSES:
            error(path, number, f"feature class {f[6]!r} is not one of {''.join(sorted(FEATURE_CLASSES))}")
        if f[6] == "U":
            error(path, number, "undersea feature (class U) in a curated file")
        if not re.fullmatch(r"[A-Z][A-Z0-9]{1,9}", f[7]):
            error(path, number, f"feature code {f[7]!r} malformed")
        if f[8] and not re.fullmatch(r"[A-Z]{2}", f[8]):
            error(path, number, f"country code {f[8]!r} malformed")
        if f[14] and not re.fullmatch(r"-?[0-9]+", f[14]):
            error(path, number, f"population {f[14]!r} is not an integer")
        alternates = f[3].split(",") if f[3] else []
        if any(a != a.strip() or not a for a in alternates):
            error(path, number, "empty or padded alternate name")
        if supplement:
            if f[8] and f[10] and f[10] != "00" and f"{f[8]}.{f[10]}" not in admin1_codes:
                error(path, number, f"admin1 code {f[8]}.{f[10]} not in admin1.tsv")
            if f[18] and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", f[18]):
                error(path, number, f"modification date {f[18]!r} malformed")
        if gid is None:
            continue
        pair = (gid, f[1])
        if pair in seen_pairs:
            error(path, number, f"row ({gid}, {f[1]}) repeated")
        seen_pairs.add(pair)
        if supplement:
            if gid >= FIRST_CURATED_ID:
                if gid in seen_ids:
                    error(path, number, f"curated id {gid} repeated")
            elif gid in known:
                # Alias row: it must repeat the GeoNames feature exactly, so merging is safe.
                name, known_point = known[gid]
                if name != f[1]:
                    error(path, number, f"alias row names {f[1]!r}, GeoNames {gid} is {name!r}")
                if known_point is not None and point is not None and known_point != point:
                    error(path, number, f"alias row point {point} differs from {known_point}")
            elif not alternates:
                error(path, number, f"row with GeoNames id {gid} adds no alternate name")
        elif gid in seen_ids:
            error(path, number, f"geonameid {gid} repeated")
        seen_ids.add(gid)
        codes[(f[6], f[7])] += 1
        for n in [f[1]] + alternates:
            names[n].append((f[6], f[7], f[8], gid))
    return names, codes


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    stats = "--stats" in argv[1:]
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    data = args[0] if args else os.path.join(here, "gazetteer", "data")
    paths = {n: os.path.join(data, n) for n in
             ("countries.tsv", "admin1.tsv", "regions.txt", "supplement.txt", "README.md")}
    missing = [n for n, p in paths.items() if not os.path.isfile(p)]
    if missing:
        print(f"missing in {data}: {', '.join(missing)}")
        return 1

    countries = check_countries(paths["countries.tsv"])
    admin1, admin1_codes = check_admin1(paths["admin1.tsv"])
    regions, region_codes = check_dump(paths["regions.txt"], admin1_codes, {}, supplement=False)
    known = dict(countries)
    known.update(admin1)
    with open(paths["regions.txt"], encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#") and line.strip():
                c = line.rstrip("\r\n").split("\t")
                if len(c) == 19:
                    known[int(c[0])] = (c[1], (c[4], c[5]))
    supplement, supplement_codes = check_dump(paths["supplement.txt"], admin1_codes, known,
                                              supplement=True)

    for name in REQUIRED_REGION_NAMES:
        if name not in regions:
            error(paths["regions.txt"], 0, f"required entry {name!r} missing")
    for name in REQUIRED_ANYWHERE:
        if name not in regions and name not in supplement:
            error(paths["supplement.txt"], 0, f"required entry {name!r} missing")
    for name, readings in REQUIRED_READINGS.items():
        have = {(c, k) for c, k, _, _ in regions.get(name, []) + supplement.get(name, [])}
        if not readings <= have:
            error(paths["supplement.txt"], 0, f"{name!r} lacks readings {sorted(readings - have)}")
    triangles = {cc for _, _, cc, _ in supplement.get("Golden Triangle", [])}
    if not REQUIRED_GOLDEN_TRIANGLE_COUNTRIES <= triangles:
        error(paths["supplement.txt"], 0, "Golden Triangle needs both the Mexican and Asian rows")

    if stats:
        print(f"countries.tsv: {len(countries)} rows")
        print(f"admin1.tsv: {len(admin1_codes)} rows")
        for label, codes in (("regions.txt", region_codes), ("supplement.txt", supplement_codes)):
            print(f"{label}: {sum(codes.values())} rows")
            for (cls, code), n in sorted(codes.items(), key=lambda kv: (-kv[1], kv[0])):
                print(f"  {cls} {code}: {n}")
    for e in errors:
        print(e)
    print(f"curated data: {len(errors)} problems in {data}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
