#!/usr/bin/env python3
"""Regenerates gazetteer/data/{countries.tsv,admin1.tsv,regions.txt} from GeoNames fact tables.

Usage: make-curated-tables.py [GAZETTEER_DIR] [OUT_DIR]
  GAZETTEER_DIR  folder holding countries_geonames.tsv, admin1CodesASCII.txt,
                 admin1CodesASCII_with_coords.tsv and no-country.txt
                 (default: ../shared/gazetteer beside the repository)
  OUT_DIR        where the three tables are written (default: gazetteer/data of this repository)

The committed outputs are the source of truth: the build never runs this script. It exists so the
tables can be checked against, and refreshed from, newer GeoNames files. Output is deterministic
(same inputs, same bytes) and each file is written atomically (temporary file + rename).
Python 3 standard library only.
"""

import os
import re
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ATTRIBUTION = "Source: GeoNames, geonames.org (CC BY 4.0)."

# GeoNames leaves feature_code blank in countries_geonames.tsv. Every country not listed here is an
# independent state (PCLI). The codes follow GeoNames' feature code definitions:
#   PCLD dependent political entity, PCLF freely associated state, PCLS semi-independent political
#   entity, PCLIX section of an independent political entity, TERR territory,
#   PCLH historical political entity.
# Taiwan (TW) and Kosovo (XK) are kept as PCLI: they are governed as independent states.
NON_INDEPENDENT = {
    # Dependencies with their own government.
    "AI": "PCLD", "AS": "PCLD", "AW": "PCLD", "BL": "PCLD", "BM": "PCLD", "CW": "PCLD",
    "FK": "PCLD", "FO": "PCLD", "GG": "PCLD", "GI": "PCLD", "GL": "PCLD", "GU": "PCLD",
    "IM": "PCLD", "JE": "PCLD", "KY": "PCLD", "MF": "PCLD", "MP": "PCLD", "MS": "PCLD",
    "NC": "PCLD", "PF": "PCLD", "PM": "PCLD", "PN": "PCLD", "PR": "PCLD", "SH": "PCLD",
    "SX": "PCLD", "TC": "PCLD", "VG": "PCLD", "VI": "PCLD", "WF": "PCLD",
    # Freely associated with New Zealand.
    "CK": "PCLF", "NU": "PCLF",
    # Special administrative regions.
    "HK": "PCLS", "MO": "PCLS",
    # Integral parts of a state (overseas departments, autonomous region, special municipalities).
    "AX": "PCLIX", "BQ": "PCLIX", "GF": "PCLIX", "GP": "PCLIX", "MQ": "PCLIX", "RE": "PCLIX",
    "YT": "PCLIX",
    # Territories: uninhabited or administered, or of disputed status.
    "AQ": "TERR", "BV": "TERR", "CC": "TERR", "CX": "TERR", "EH": "TERR", "GS": "TERR",
    "HM": "TERR", "IO": "TERR", "NF": "TERR", "PS": "TERR", "SJ": "TERR", "TF": "TERR",
    "TK": "TERR", "UM": "TERR",
    # Dissolved states still in countryInfo.
    "AN": "PCLH", "CS": "PCLH",
}

# regions.txt keeps the no-country features that news names. Class U (undersea features: seamounts,
# canyons, ridges, fracture zones, ~6,000 rows) is dropped entirely.
# Kept whatever their names: continents, oceans, seas, gulfs, straits, world regions, political
# unions and the historical USSR.
ALWAYS_KEEP = {
    ("L", "CONT"), ("H", "OCN"), ("H", "SEA"), ("H", "GULF"), ("H", "STRT"),
    ("L", "RGN"), ("L", "RGNE"), ("A", "ZN"), ("A", "PCLH"),
}
# Kept only when GeoNames lists at least MIN_ALTERNATE_NAMES alternate names: these codes mix major
# features (Bay of Bengal, Mozambique Channel, Himalayas, Iberian Peninsula) with local ones (the
# Spratly passes "North Pass", "The Channel" off St Kitts) whose generic names would capture common
# phrases. The count of alternate names is GeoNames' own measure of how widely a name is used.
KEEP_IF_NAMED = {
    ("H", "BAY"), ("H", "BGHT"), ("H", "CHN"), ("H", "CHNM"), ("H", "CHNN"), ("H", "ESTY"),
    ("T", "MTS"), ("T", "DSRT"), ("T", "PEN"), ("T", "ISLS"),
}
MIN_ALTERNATE_NAMES = 2
# ...and only when the name says more than a generic description ("North Pass", "The Channel",
# "Middle Islet"): such names are local and would capture ordinary phrases in text.
GENERIC_WORDS = {
    "the", "of", "north", "south", "east", "west", "northeast", "northwest", "southeast",
    "southwest", "middle", "central", "inner", "outer", "first", "second", "third", "fourth",
    "great", "little", "long", "pass", "passage", "channel", "bay", "sound", "islet", "islets",
    "island", "islands", "group", "cay", "cays", "reef", "reefs", "bank", "shoal",
}
# Rows never kept although their code is: names that are common phrases.
DROP_IDS = {
    7499596,  # "No Man's Land" (A ZN, Latrun)
}
# Individual features of other codes that are news subjects in their own right: the disputed
# features of the South China Sea, and the North Pole.
KEEP_IDS = {
    8774638,  # Second Thomas Shoal (H RF)
    9863478,  # Mischief Reef (T ATOL)
    1821182,  # Fiery Cross Reef (H RF)
    1820971,  # Woody Island (T ISL)
    1821143,  # Itu Aba Island (T ISL)
    6942237,  # North Pole (T PT)
    3831547,  # Northwest Passage (H CHNM; its name is all generic words)
}
# A name repeated within one feature code (two "Red Sea" rows, two "Strait of Malacca" rows) keeps
# only the row with the most alternate names (ties: the smaller id), so one name has one answer.


def read_lines(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [line.rstrip("\r\n") for line in f]


def read_table(src, name, columns, skip_header=False):
    """The tab-separated rows of src/name; exits naming file and line when a row is malformed."""
    lines = read_lines(os.path.join(src, name))
    first = 2 if skip_header else 1
    rows = []
    for number, line in enumerate(lines[first - 1:], start=first):
        if not line.strip():
            continue
        f = line.split("\t")
        if len(f) != columns:
            sys.exit(f"{name}:{number}: {len(f)} columns, expected {columns}")
        rows.append(f)
    return rows


def write_atomic(path, lines):
    directory = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            for line in lines:
                f.write(line + "\n")
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def make_countries(src):
    lines = read_lines(os.path.join(src, "countries_geonames.tsv"))
    header = lines[0].split("\t")
    expected = ["geonameid", "name", "feature_class", "feature_code", "country_code",
                "admin1_code", "lat", "lon"]
    if header != expected:
        sys.exit(f"countries_geonames.tsv: unexpected header {header}")
    out = ["\t".join(expected)]
    rows = read_table(src, "countries_geonames.tsv", 8, skip_header=True)
    for f in rows:
        f[1] = f[1].strip()  # one upstream name carries a trailing space
        if not f[3]:
            f[3] = NON_INDEPENDENT.get(f[4], "PCLI")
    rows.sort(key=lambda f: f[4])
    out += ["\t".join(f) for f in rows]
    us = [f for f in rows if f[4] == "US"]
    if not us or (us[0][0], us[0][6], us[0][7]) != ("6252001", "39.76", "-98.5"):
        sys.exit("countries_geonames.tsv: United States is not 6252001 at 39.76, -98.5")
    return out


def make_admin1(src):
    coords = {}
    for f in read_table(src, "admin1CodesASCII_with_coords.tsv", 9, skip_header=True):
        if f[8] != "missing" and f[6] and f[7]:
            coords[f"{f[4]}.{f[5]}"] = (f[0], f[6], f[7])
    out = [
        "# First-level administrative divisions: GeoNames admin1CodesASCII.txt in GeoNames' order,",
        "# with GeoNames' own ADM1 coordinates (rounded to 0.1 degree upstream) joined by code and id.",
        "# Rows GeoNames no longer places (abolished divisions) keep empty lat and lon.",
        f"# {ATTRIBUTION} Regenerate with scripts/make-curated-tables.py.",
        "# code\tname\tasciiname\tgeonameid\tlat\tlon",
    ]
    for f in read_table(src, "admin1CodesASCII.txt", 4):
        lat = lon = ""
        match = coords.get(f[0])
        if match and match[0] == f[3]:
            lat, lon = match[1], match[2]
        out.append("\t".join(f + [lat, lon]))
    return out


def alternate_count(f):
    return len([n for n in f[3].split(",") if n]) if f[3] else 0


def is_generic(name):
    return all(word in GENERIC_WORDS for word in re.findall(r"[a-z]+", name.lower()))


def make_regions(src):
    kept = []
    for f in read_table(src, "no-country.txt", 19):
        key = (f[6], f[7])
        if f[6] == "U" or int(f[0]) in DROP_IDS:
            continue
        if (key in ALWAYS_KEEP
                or (key in KEEP_IF_NAMED and alternate_count(f) >= MIN_ALTERNATE_NAMES
                    and not is_generic(f[1]))
                or int(f[0]) in KEEP_IDS):
            kept.append(f)
    best = {}
    for f in kept:
        key = (f[7], f[1])
        rank = (-alternate_count(f), int(f[0]))
        if key not in best or rank < best[key][0]:
            best[key] = (rank, f)
    rows = sorted((v[1] for v in best.values()), key=lambda f: (f[6], f[7], f[1], int(f[0])))
    out = [
        "# Continents, oceans, seas, gulfs, straits, world regions and unions: the rows of GeoNames'",
        "# no-country dump that news names, unchanged (19-column GeoNames dump format).",
        "# Filter (scripts/make-curated-tables.py): class U dropped; CONT OCN SEA GULF STRT RGN RGNE ZN",
        "# PCLH kept; BAY BGHT CHN CHNM CHNN ESTY MTS DSRT PEN ISLS kept with >= "
        f"{MIN_ALTERNATE_NAMES} alternate names",
        "# and a name that is not only generic words; a few listed ids kept or dropped;",
        "# one row per (feature code, name): the one with the most alternate names.",
        f"# {ATTRIBUTION}",
    ]
    out += ["\t".join(f) for f in rows]
    return out


def main(argv):
    src = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(REPO), "shared", "gazetteer")
    dst = argv[2] if len(argv) > 2 else os.path.join(REPO, "gazetteer", "data")
    if not os.path.isdir(src):
        sys.exit(f"no GeoNames folder at {src}")
    os.makedirs(dst, exist_ok=True)
    tables = {
        "countries.tsv": make_countries(src),
        "admin1.tsv": make_admin1(src),
        "regions.txt": make_regions(src),
    }
    for name, lines in tables.items():
        write_atomic(os.path.join(dst, name), lines)
        print(f"{name}: {sum(1 for l in lines if l and not l.startswith('#'))} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
