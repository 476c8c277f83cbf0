#!/usr/bin/env python3
"""Writes a synthetic GeoNames dump (19 columns, as allCountries.txt) for the scale benchmark.

Rows are cities500 rows cycled with fresh geonameids; every copy after the first changes each
name by a suffix (" Ab", " Ac", ...) so that the index sees new keys, as in the real dump.
Alternate names are cut to at most MAX_ALTS per row so that the file has the size of the real
allCountries.txt (about 125 bytes a row: 12 M rows, 1.5 GB).

usage: make-synthetic-dump.py CITIES500 OUT [ROWS]   (ROWS defaults to 12,000,000)
"""
import sys

MAX_ALTS = 3
FIRST_ID = 20_000_000


def suffix(k: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    s = ""
    while k > 0:
        k, r = divmod(k, 26)
        s = letters[r] + s
    return " " + s.capitalize() if s else ""


def main() -> int:
    if len(sys.argv) not in (3, 4):
        print(__doc__, file=sys.stderr)
        return 2
    source, out_path = sys.argv[1], sys.argv[2]
    rows = int(sys.argv[3]) if len(sys.argv) == 4 else 12_000_000
    with open(source, encoding="utf-8") as f:
        base = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    written = 0
    with open(out_path, "w", encoding="utf-8") as out:
        copy = 0
        while written < rows:
            sfx = suffix(copy)
            for cols in base:
                if written >= rows:
                    break
                c = list(cols)
                c[0] = str(FIRST_ID + written)
                c[1] += sfx
                c[2] += sfx
                alts = [a for a in c[3].split(",") if a][:MAX_ALTS]
                c[3] = ",".join(a + sfx for a in alts)
                out.write("\t".join(c) + "\n")
                written += 1
            copy += 1
    print(f"wrote {written} rows to {out_path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
