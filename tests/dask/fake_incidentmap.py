#!/usr/bin/python3
"""A stand-in for the incidentmap binary with the same extract / merge / map contract, to test
the Dask driver's plumbing on its own: partitioning, worker subprocesses, gathering in completion
order, streaming into one merge.

  extract -            documents (JSONL) on stdin -> one record per capitalised word on stdout
  merge - -o DIR       records on stdin, in any order -> DIR/incidents.geojson, mentions.geojson
  map INPUT... -o DIR  extract + merge in one process

The "incidents" group records by word, so the layers depend only on the set of records, as the
real merge's do. A document whose text contains "FAIL" is skipped with a message and exit 1.
"""
import json
import os
import re
import sys


def extract(lines):
    records, skipped = [], 0
    for line in lines:
        if not line.strip():
            continue
        doc = json.loads(line)
        if "FAIL" in doc["text"]:
            print("extract: skipped document %s" % doc["id"], file=sys.stderr)
            skipped += 1
            continue
        for index, word in enumerate(re.findall(r"\b[A-Z][a-z]+\b", doc["text"])):
            records.append(json.dumps({"doc_id": doc["id"], "event_index": index, "word": word},
                                      sort_keys=True))
    return records, skipped


def write_atomically(path, text):
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(path + ".tmp", path)


def merge(record_lines, out_dir):
    records = [json.loads(line) for line in record_lines if line.strip()]
    records.sort(key=lambda r: (r["doc_id"], r["event_index"]))
    incidents = {}
    for r in records:
        incidents.setdefault(r["word"], []).append(r["doc_id"])
    os.makedirs(out_dir, exist_ok=True)
    write_atomically(os.path.join(out_dir, "mentions.geojson"),
                     json.dumps({"type": "FeatureCollection", "features": records}, indent=1))
    write_atomically(os.path.join(out_dir, "incidents.geojson"),
                     json.dumps({"type": "FeatureCollection",
                                 "features": [{"word": w, "docs": sorted(set(d))}
                                              for w, d in sorted(incidents.items())]}, indent=1))


def main(argv):
    if len(argv) >= 2 and argv[1] == "--help":
        print("Usage: incidentmap %s [OPTIONS]" % argv[0])
        return 0
    command, args = argv[0], argv[1:]
    out_dir = args[args.index("-o") + 1] if "-o" in args else None
    inputs = [a for i, a in enumerate(args) if a != "-o" and (i == 0 or args[i - 1] != "-o")]
    if command == "extract":
        records, skipped = extract(sys.stdin)
        sys.stdout.write("".join(r + "\n" for r in records))
        return 1 if skipped else 0
    if command == "merge":
        merge(sys.stdin, out_dir)
        return 0
    if command == "map":
        lines = [line for path in inputs for line in open(path, encoding="utf-8")]
        records, skipped = extract(lines)
        merge(records, out_dir)
        return 1 if skipped else 0
    print("unknown command %s" % command, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
