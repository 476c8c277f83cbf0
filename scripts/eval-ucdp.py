#!/usr/bin/env python3
"""Incident figures on UCDP GED Mexico (../shared/dev/ucdp_ged_mexico/ged_mexico_all.csv).

A. Location and date on single-article English headlines: each headline is a document dated by
   its article; the first event incidentmap extracts is compared with the UCDP event: within
   25 km of its point, and its date inside [date_start, date_end]. Headlines with no event found
   fall back to the first resolved literal place (location only).
B. Merging: every article of the UCDP events that cite several (UCDP's own deduplication) becomes
   a document, single-article events are added as distractors, and `incidentmap map` runs over
   all of them; pairwise precision and recall of "same incident" against "same UCDP event".

naming_gold_place is the share of headlines in which a word of UCDP's place name appears (in the
headline or the outlet's name), within_25km_of_naming the within-25-km rate on those: the other
headlines ("Mexico hit by wave of drug gang killings") cannot be placed within 25 km from their text.

--split tune|heldout keeps one deterministic half of the UCDP events (a hash of the event id, as
in eval-event-location.py), for both parts. --errors PREFIX writes PREFIX.location.jsonl (part A
headlines placed over 25 km away or not located) and PREFIX.merge.jsonl (gold events whose
articles were not all merged, and predicted incidents mixing events).

Usage: scripts/eval-ucdp.py BIN [GED_CSV] [--limit N] [--split tune|heldout] [--errors PREFIX]
"""
import csv
import hashlib
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

EN = set("the a of in and killed dead after for to on at by with are is was were police gunmen shot "
         "found men man woman attack near killing".split())
ES = set("el la los las de del en y por con un una asesinan muertos hallan ataque balacera".split())


def fold(text):
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(c) != "Mn")


# Type words of UCDP's where_coordinates ("Culiacán town") and words too common to count.
NOT_NAMES = {"ciudad", "santa", "san", "town", "city", "village", "state", "municipality", "province",
             "area", "region", "district", "prison", "between", "road", "highway", "and", "the", "del",
             "los", "las", "near", "border"}


def names_gold_place(row, headline, outlet):
    """True when a word (4+ letters) of UCDP's place name appears in the headline or the outlet's
    name: a rough bound on which headlines a geoparser could place within 25 km at all."""
    words = [w for w in re.findall(r"[a-z]+", fold(row["where_coordinates"])) if len(w) >= 4 and w not in NOT_NAMES]
    text = fold(headline + " " + outlet)
    return any(re.search(r"\b" + w + r"\b", text) for w in words)


def english(text):
    words = re.findall(r"[a-záéíóúñ]+", text.lower())
    return sum(w in EN for w in words) >= 2 and sum(w in EN for w in words) > sum(w in ES for w in words)


def split_half(key):
    """'tune' or 'heldout': the low bit of the first SHA-1 byte of the id."""
    return "tune" if hashlib.sha1(key.encode("utf-8")).digest()[0] % 2 == 0 else "heldout"


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def articles(row):
    out = []
    for part in re.findall(r'"([^"]*)"', row["source_article"]) or [row["source_article"]]:
        bits = part.split(",", 2)
        if len(bits) == 3 and re.match(r"\d{4}-\d{2}-\d{2}$", bits[1].strip()):
            out.append((bits[0].strip(), bits[1].strip(), bits[2].strip()))
    return out


def run(binary, args, docs):
    return subprocess.run([binary] + args, input="".join(json.dumps(d) + "\n" for d in docs),
                          capture_output=True, text=True, check=False).stdout


def main():
    binary = sys.argv[1]
    path = sys.argv[2] if len(sys.argv) > 2 and not sys.argv[2].startswith("--") else \
        os.path.join(os.path.dirname(__file__), "..", "..", "shared", "dev", "ucdp_ged_mexico", "ged_mexico_all.csv")
    limit = int(sys.argv[sys.argv.index("--limit") + 1]) if "--limit" in sys.argv else 3000
    split = sys.argv[sys.argv.index("--split") + 1] if "--split" in sys.argv else None
    errors = sys.argv[sys.argv.index("--errors") + 1] if "--errors" in sys.argv else None
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    if split:
        rows = [r for r in rows if split_half(r["id"]) == split]

    # A. single-article English headlines
    single = []
    for r in rows:
        arts = articles(r)
        if len(arts) == 1 and arts[0][2] and english(arts[0][2]):
            single.append((r, arts[0]))
    single = single[:: max(1, len(single) // limit)][:limit]
    docs = [{"id": r["id"], "text": a[2], "date": a[1], "source": a[0]} for r, a in single]
    first_event, first_place = {}, {}
    for line in run(binary, ["extract", "-", "-q"], docs).splitlines():
        rec = json.loads(line)
        if rec["record"] == "event" and rec["doc_id"] not in first_event:
            first_event[rec["doc_id"]] = rec
        if rec["record"] == "mention" and rec["role"] == "literal" and rec["doc_id"] not in first_place:
            first_place[rec["doc_id"]] = rec
    within = located = dated_ok = dated = 0
    named = within_named = 0
    loc_errors = []
    for r, art in single:
        e = first_event.get(r["id"]) or first_place.get(r["id"])
        is_named = names_gold_place(r, art[2], art[0])
        named += is_named
        err = {"id": r["id"], "headline": art[2], "where": r["where_coordinates"],
               "where_prec": r["where_prec"], "description": r["where_description"],
               "adm1": r["adm_1"]}
        if e is None:
            loc_errors.append(err)
            continue
        located += 1
        d = km(e["lat"], e["lon"], float(r["latitude"]), float(r["longitude"]))
        within += d <= 25
        within_named += is_named and d <= 25
        if d > 25:
            err.update({"got": e.get("place_name") or e.get("name"), "km": round(d),
                        "from": "event" if r["id"] in first_event else "place"})
            loc_errors.append(err)
        if r["id"] in first_event and first_event[r["id"]]["date_start"]:
            ev = first_event[r["id"]]
            dated += 1
            dated_ok += ev["date_start"] <= r["date_end"] and ev["date_end"] >= r["date_start"]
    a = {"headlines": len(single), "located": located, "within_25km_of_located": round(within / max(located, 1), 4),
         "within_25km_of_all": round(within / max(len(single), 1), 4),
         "naming_gold_place": round(named / max(len(single), 1), 4),
         "within_25km_of_naming": round(within_named / max(named, 1), 4), "events_dated": dated,
         "date_overlaps_ucdp": round(dated_ok / max(dated, 1), 4)}

    # B. merging
    docs, gold = [], {}
    for r in rows:
        arts = articles(r)
        if len(arts) >= 2:
            for k, (outlet, date, headline) in enumerate(arts):
                did = f"{r['id']}#{k}"
                docs.append({"id": did, "text": headline, "date": date, "source": outlet})
                gold[did] = r["id"]
    multi_docs = len(docs)
    for r, art in single[: multi_docs // 2]:
        docs.append({"id": r["id"] + "#s", "text": art[2], "date": art[1], "source": art[0]})
        gold[r["id"] + "#s"] = r["id"] + "#s"
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([binary, "map", "-", "-q", "-o", out], input="".join(json.dumps(d) + "\n" for d in docs),
                       capture_output=True, text=True, check=False)
        incidents = json.load(open(os.path.join(out, "incidents.geojson")))["features"]
    pred_pairs = set()
    for f in incidents:
        ids = sorted(set(f["properties"]["doc_ids"]))
        pred_pairs |= {(x, y) for i, x in enumerate(ids) for y in ids[i + 1:]}
    by_event = {}
    for did, ev in gold.items():
        by_event.setdefault(ev, []).append(did)
    gold_pairs = {(x, y) for ids in by_event.values() for i, x in enumerate(sorted(ids)) for y in sorted(ids)[i + 1:]}
    tp = len(pred_pairs & gold_pairs)
    if errors:
        with open(errors + ".location.jsonl", "w", encoding="utf-8") as f:
            for e in loc_errors:
                f.write(json.dumps(e, ensure_ascii=False) + "\n")
        incident_of = {}
        for f in incidents:
            for did in f["properties"]["doc_ids"]:
                incident_of.setdefault(did, []).append(
                    (f["properties"].get("place_name"), f["properties"].get("event_date"),
                     f["properties"].get("event_type")))
        text_of = {d["id"]: (d["text"], d["date"]) for d in docs}
        with open(errors + ".merge.jsonl", "w", encoding="utf-8") as f:
            for ev, ids in sorted(by_event.items()):
                pairs = {(x, y) for i, x in enumerate(sorted(ids)) for y in sorted(ids)[i + 1:]}
                if pairs and not pairs <= pred_pairs:
                    f.write(json.dumps({"missed_event": ev, "docs": [
                        {"id": d, "text": text_of[d][0], "date": text_of[d][1],
                         "incidents": incident_of.get(d, [])} for d in sorted(ids)]},
                        ensure_ascii=False) + "\n")
            for inc in incidents:
                ids = sorted(set(inc["properties"]["doc_ids"]))
                if len({gold[d] for d in ids}) > 1:
                    f.write(json.dumps({"mixed_incident": inc["properties"].get("place_name"),
                                        "date": inc["properties"].get("event_date"),
                                        "docs": [{"id": d, "text": text_of[d][0], "date": text_of[d][1]}
                                                 for d in ids]}, ensure_ascii=False) + "\n")
    b = {"split": split or "all", "documents": len(docs), "multi_article_documents": multi_docs, "gold_pairs": len(gold_pairs),
         "predicted_pairs": len(pred_pairs), "pair_precision": round(tp / max(len(pred_pairs), 1), 4),
         "pair_recall": round(tp / max(len(gold_pairs), 1), 4)}
    print(json.dumps({"location_and_date": a, "merge": b}))


if __name__ == "__main__":
    main()
