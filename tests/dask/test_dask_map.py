#!/usr/bin/python3
"""The Dask driver (scripts/dask_map.py) gives the same layers as the single-process `map`.

Starts a LocalCluster of two worker processes with one thread each, runs the driver against its
scheduler on a small JSONL input cut into several partitions, runs `map` on the same input, and
compares incidents.geojson and mentions.geojson byte for byte, and the exit codes.

  test_dask_map.py --bin PATH/incidentmap   the real binary; skipped (exit 77) while it has no
                                            extract/merge/map subcommands
  test_dask_map.py --fake                   tests/dask/fake_incidentmap.py: the driver's plumbing
Exit 77 (ctest SKIP_RETURN_CODE) also when python3-distributed is missing.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
LAYERS = ["incidents.geojson", "mentions.geojson"]

# Short news-like reports written for this test. Two pairs report the same happening from
# different outlets, so that merging must join records that land in different partitions.
DOCUMENTS = [
    ("t01", "2024-03-03", "Harbour Gazette",
     "An explosion at a fuel depot near Kharkiv on Sunday killed three workers, regional "
     "officials said. Firefighters worked through the night to contain the blaze."),
    ("t02", "2024-03-05", "Daily Ledger",
     "Police in Nairobi dispersed a protest outside parliament on Tuesday and arrested two "
     "demonstrators, witnesses said."),
    ("t03", "2024-03-06", "Coastal Times",
     "Flooding forced about 300 families from their homes in Porto Alegre on Wednesday, the "
     "state civil defence agency said."),
    ("t04", "2024-03-08", "Sahel Dispatch",
     "Three soldiers were killed when their convoy struck a roadside bomb north of Gao on "
     "Friday, the army said in a statement."),
    ("t05", "2024-03-04", "Evening Post",
     "The blast at a fuel depot outside Kharkiv on Sunday killed three people, local media "
     "reported on Monday."),
    ("t06", "2024-03-10", "Northern Herald",
     "Armed men stormed a village in Zamfara state overnight and abducted at least 12 "
     "residents, police said on Sunday."),
    ("t07", "2024-03-13", "Island Courier",
     "Fishermen clashed with coast guard officers off Mindanao on Wednesday; no injuries were "
     "reported."),
    ("t08", "2024-03-09", "Sahel Dispatch",
     "A second report said the roadside bomb near Gao on Friday killed three soldiers and "
     "wounded two."),
    ("t09", "2024-03-14", "Valley News",
     "A court in Lahore on Thursday sentenced two men over an attack on a bus station last "
     "year."),
]


def write_input(path, fake):
    with open(path, "w", encoding="utf-8") as f:
        for doc_id, date, source, text in DOCUMENTS:
            f.write(json.dumps({"id": doc_id, "date": date, "source": source, "text": text}) + "\n")
        if fake:  # the fake skips such a document, to check that exit code 1 comes through
            f.write(json.dumps({"id": "t10", "date": "2024-03-15", "text": "FAIL here"}) + "\n")


def has_subcommand(binary, name):
    try:
        proc = subprocess.run([binary, name, "--help"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, timeout=60)
    except OSError:
        return False
    # A missing subcommand's --help prints the program's help with exit 0: check the usage line.
    return proc.returncode == 0 and re.search(
        r"^Usage: .*incidentmap %s( |$)" % name, proc.stdout.decode(), re.M) is not None


def main():
    ap = argparse.ArgumentParser()
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--bin")
    group.add_argument("--fake", action="store_true")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = ap.parse_args()

    try:
        from distributed import LocalCluster
    except ImportError:
        print("SKIP: python3-distributed is not installed (Debian package python3-distributed)")
        return SKIP
    binary = os.path.join(HERE, "fake_incidentmap.py") if args.fake else args.bin
    if not args.fake:
        missing = [c for c in ("extract", "merge", "map") if not has_subcommand(binary, c)]
        if missing:
            print("SKIP: %s has no %s subcommand yet" % (binary, "/".join(missing)))
            return SKIP

    tmp = tempfile.mkdtemp(prefix="incidentmap_dask_test_")
    try:
        docs = os.path.join(tmp, "docs.jsonl")
        write_input(docs, args.fake)
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster:
            driver = subprocess.run(
                [sys.executable, os.path.join(REPO, "scripts", "dask_map.py"),
                 "--scheduler", cluster.scheduler_address, "--workers", "2", "--bin", binary,
                 "--blocksize", "400", docs, "-o", os.path.join(tmp, "dask")],
                stderr=subprocess.PIPE, timeout=600)
        messages = driver.stderr.decode()
        sys.stderr.write(messages)
        single = subprocess.run([binary, "map", docs, "-o", os.path.join(tmp, "single")],
                                timeout=600)

        failures = []
        partitions = re.search(r"(\d+) partitions", messages)
        if not partitions or int(partitions.group(1)) < 3:
            failures.append("the input was not cut into at least 3 partitions")
        if driver.returncode != single.returncode:
            failures.append("exit codes differ: driver %d, map %d"
                            % (driver.returncode, single.returncode))
        if args.fake and driver.returncode != 1:
            failures.append("the skipped document did not give exit code 1")
        for layer in LAYERS:
            paths = [os.path.join(tmp, d, layer) for d in ("dask", "single")]
            if not all(os.path.isfile(p) for p in paths):
                failures.append("%s missing from an output" % layer)
                continue
            with open(paths[0], "rb") as a, open(paths[1], "rb") as b:
                if a.read() != b.read():
                    failures.append("%s differs between the driver and map (%s)" % (layer, tmp))
                    args.keep = True
        for f in failures:
            print("FAIL: " + f)
        if not failures:
            print("OK: %s and map give identical layers over %s partitions"
                  % ("the driver", partitions.group(1)))
        return 1 if failures else 0
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
