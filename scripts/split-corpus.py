#!/usr/bin/env python3
"""Deterministic tuning / held-out split of a geoparsing corpus (unified JSONL schema).

A document goes to the tuning half when the first 8 hex digits of SHA-1(doc_id), read as an
integer, are even; otherwise to the held-out half. The split depends on the id alone, so it is
the same on every machine and stays stable when documents are added or reordered. Study errors
and fit weights on the tuning half only; report the held-out half.

    python3 scripts/split-corpus.py ../shared/dev/lgl/lgl.jsonl -o /tmp/splits
    # -> /tmp/splits/lgl.tune.jsonl, /tmp/splits/lgl.held.jsonl

Lines are copied byte for byte; lines that are not JSON objects with doc_id (or id) stop the
script with the file name and line number.
"""

import argparse
import hashlib
import json
import os
import sys


def half_of(doc_id: str) -> str:
    """'tune' or 'held' for a document id (its str() form, as the scorer keys documents)."""
    digest = hashlib.sha1(doc_id.encode("utf-8")).hexdigest()
    return "tune" if int(digest[:8], 16) % 2 == 0 else "held"


def split(path: str, out_dir: str) -> dict:
    stem = os.path.basename(path)
    for ext in (".gz", ".jsonl"):
        if stem.endswith(ext):
            stem = stem[: -len(ext)]
    counts = {"tune": 0, "held": 0}
    outs = {}
    tmp = {}
    for half in counts:
        final = os.path.join(out_dir, f"{stem}.{half}.jsonl")
        tmp[half] = (final + ".tmp", final)
        outs[half] = open(final + ".tmp", "w", encoding="utf-8")
    try:
        with open(path, encoding="utf-8") as f:
            for line_no, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    doc = json.loads(line)
                    doc_id = doc.get("doc_id", doc.get("id"))
                except (json.JSONDecodeError, AttributeError) as e:
                    sys.exit(f"{path}:{line_no}: not a JSON object: {e}")
                if doc_id is None:
                    sys.exit(f"{path}:{line_no}: no doc_id")
                half = half_of(str(doc_id))
                outs[half].write(line if line.endswith("\n") else line + "\n")
                counts[half] += 1
    finally:
        for o in outs.values():
            o.close()
    for t, final in tmp.values():
        os.replace(t, final)
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="+", help="JSONL corpora (unified schema)")
    ap.add_argument("-o", "--out-dir", required=True, help="folder for <stem>.{tune,held}.jsonl")
    args = ap.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    for path in args.corpus:
        counts = split(path, args.out_dir)
        print(f"{path}: tune {counts['tune']}, held {counts['held']}")


if __name__ == "__main__":
    main()
