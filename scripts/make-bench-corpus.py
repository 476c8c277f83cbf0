#!/usr/bin/env python3
"""Builds the news corpus `make bench` measures: JSONL, one document a line,
{"id", "date", "source", "url", "text"}, from the texts of the development corpora in
../shared/dev (lgl, geovirus, wiktor, geocorpora), repeated in rounds with new ids until it holds
at least --min-mb megabytes (10^6 bytes) of JSONL.

Deterministic: the same shared corpora give the same bytes (fixed order, dates derived from the
position). The corpus is written next to the build, never into the repository (the shared texts
must not be copied there). Written atomically (temporary name, then rename).

When the shared corpora are absent it prints "skipped: ../shared absent" and exits 0, so that
`make bench` still runs its other parts.

Usage: make-bench-corpus.py OUTPUT.jsonl [--min-mb 20] [--shared DIR]
DIR defaults to $INCIDENTMAP_SHARED_DIR, else ../shared beside the repository.
"""
import argparse
import datetime
import json
import os
import sys

CORPORA = ["lgl", "geovirus", "wiktor", "geocorpora"]
FIRST_DATE = datetime.date(2021, 1, 1)
DATE_SPAN_DAYS = 1096  # three years of publication dates


def default_shared_dir():
    env = os.environ.get("INCIDENTMAP_SHARED_DIR")
    if env:
        return env
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return os.path.join(os.path.dirname(repo), "shared")


def read_texts(dev_dir):
    """(corpus, doc_id, url, text) of every document, corpora in a fixed order."""
    docs = []
    for corpus in CORPORA:
        path = os.path.join(dev_dir, corpus, corpus + ".jsonl")
        with open(path, encoding="utf-8") as f:
            for line_number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                d = json.loads(line)
                text = d.get("text") or ""
                if not text.strip():
                    continue
                docs.append((corpus, str(d.get("doc_id", line_number)), d.get("url"), text))
    return docs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("output")
    ap.add_argument("--min-mb", type=float, default=20.0)
    ap.add_argument("--shared", default=default_shared_dir())
    args = ap.parse_args()

    dev_dir = os.path.join(args.shared, "dev")
    if not all(os.path.isfile(os.path.join(dev_dir, c, c + ".jsonl")) for c in CORPORA):
        print("skipped: ../shared absent (no development corpora under %s)" % dev_dir)
        return 0
    docs = read_texts(dev_dir)
    if not docs:
        print("skipped: the development corpora under %s hold no text" % dev_dir)
        return 0

    min_bytes = int(args.min_mb * 1e6)
    out_dir = os.path.dirname(os.path.abspath(args.output))
    os.makedirs(out_dir, exist_ok=True)
    tmp = args.output + ".tmp.%d" % os.getpid()
    written = 0
    count = 0
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as out:
            round_number = 0
            while written < min_bytes:
                for corpus, doc_id, url, text in docs:
                    record = {
                        "id": "%s-%s%s" % (corpus, doc_id,
                                           "-r%d" % round_number if round_number else ""),
                        "date": (FIRST_DATE + datetime.timedelta(
                            days=count * 7 % DATE_SPAN_DAYS)).isoformat(),
                        "source": corpus,
                    }
                    if url:
                        record["url"] = url
                    record["text"] = text
                    line = json.dumps(record, ensure_ascii=False) + "\n"
                    out.write(line)
                    written += len(line.encode("utf-8"))
                    count += 1
                round_number += 1
        os.replace(tmp, args.output)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    print("corpus: %s: %d documents, %.1f MB" % (args.output, count, written / 1e6))
    return 0


if __name__ == "__main__":
    sys.exit(main())
