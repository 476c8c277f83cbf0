#!/usr/bin/env python3
"""Event-location accuracy on Halterman's event_location gold (../shared/dev/event_location).

Each gold record is one sentence with one event trigger (VERB) and the LOCATION spans where that
event happened (none when the sentence states no location). The sentences go through
`incidentmap extract` as one document each; a record counts as correct when
  - it has gold locations and the place incidentmap put the sentence's event at overlaps one, or
  - it has none and incidentmap placed no event at a place named in the sentence.
Records where incidentmap found no event at all are counted apart (trigger missed).

--split tune|heldout keeps one deterministic half of the records, chosen by a hash of the record
id (split_half below), so rules can be tuned on one half and reported on the other. --part a|b keeps one half of that
again (a second bit of the same hash, part_of below): read errors on one part only and keep a rule
only when the other part, unread, agrees.

Usage: scripts/eval-event-location.py BIN GOLD.jsonl [--split tune|heldout] [--part a|b] [--errors FILE]
"""
import hashlib
import json
import subprocess
import sys


def split_half(key):
    """'tune' or 'heldout': the low bit of the first SHA-1 byte of the id."""
    return "tune" if hashlib.sha1(key.encode("utf-8")).digest()[0] % 2 == 0 else "heldout"


def part_of(key):
    """'a' or 'b': the low bit of the second SHA-1 byte of the id, independent of split_half."""
    return "a" if hashlib.sha1(key.encode("utf-8")).digest()[1] % 2 == 0 else "b"


def main():
    binary, gold_path = sys.argv[1], sys.argv[2]
    split = sys.argv[sys.argv.index("--split") + 1] if "--split" in sys.argv else None
    part = sys.argv[sys.argv.index("--part") + 1] if "--part" in sys.argv else None
    errors_path = sys.argv[sys.argv.index("--errors") + 1] if "--errors" in sys.argv else None
    gold = [json.loads(line) for line in open(gold_path, encoding="utf-8") if line.strip()]
    if split:
        gold = [g for g in gold if split_half(g["id"]) == split]
    if part:
        gold = [g for g in gold if part_of(g["id"]) == part]
    docs = "".join(json.dumps({"id": str(i), "text": g["text"]}) + "\n" for i, g in enumerate(gold))
    out = subprocess.run([binary, "extract", "-", "-q", "--threads", "1"], input=docs,
                         capture_output=True, text=True, check=False).stdout
    placed = {}  # doc id -> list of (start, end) of mentions events were placed at
    has_event = set()
    for line in out.splitlines():
        r = json.loads(line)
        if r["record"] == "event":
            has_event.add(r["doc_id"])
        elif r["record"] == "mention" and r["event_indexes"]:
            placed.setdefault(r["doc_id"], []).append((r["char_start"], r["char_end"]))
    errors = []
    n = correct = no_event = with_loc = with_loc_correct = 0
    for i, g in enumerate(gold):
        did = str(i)
        locs = [(s["start"], s["end"]) for s in g["spans"] if s["label"] == "LOCATION"]
        n += 1
        if did not in has_event:
            no_event += 1
        got = placed.get(did, [])
        if locs:
            with_loc += 1
            ok = any(a < e2 and s2 < b for (a, b) in got for (s2, e2) in locs)
            with_loc_correct += ok
        else:
            ok = not got
        correct += ok
        if not ok:
            errors.append({"id": g["id"], "text": g["text"],
                           "verb": [s["text"] for s in g["spans"] if s["label"] == "VERB"],
                           "gold": [s["text"] for s in g["spans"] if s["label"] == "LOCATION"],
                           "got": [g["text"][a:b] for (a, b) in got], "event": did in has_event})
    if errors_path:
        with open(errors_path, "w", encoding="utf-8") as f:
            for e in errors:
                f.write(json.dumps(e, ensure_ascii=False) + "\n")
    print(json.dumps({"split": split or "all", "part": part or "both", "records": n, "accuracy": round(correct / n, 4),
                      "with_location": with_loc,
                      "accuracy_with_location": round(with_loc_correct / max(with_loc, 1), 4),
                      "without_location": n - with_loc,
                      "no_event_found": no_event}))


if __name__ == "__main__":
    main()
