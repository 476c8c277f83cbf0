#!/usr/bin/python3
"""`incidentmap map` on a Dask cluster: extract on the workers, one merge at the end.

    python3 scripts/dask_map.py --scheduler ADDRESS|local [--workers N] [--bin PATH]
                                INPUT.jsonl... -o OUTDIR

map = extract + merge. dask.bag reads the JSONL inputs in partitions of --blocksize bytes (cut at
line ends); each worker pipes its partition through `incidentmap extract -` (documents on stdin,
one event record per line on stdout), and the driver streams every partition's records, in
whatever order they finish, into one `incidentmap merge - -o OUTDIR`. Records carry everything
merging needs and merge's result depends only on the set of records, so OUTDIR holds the same
layers, byte for byte, as `incidentmap map INPUT... -o OUTDIR` on one machine, whatever the
partitioning and the number of workers. Only the records (a few hundred bytes per event) travel
back to the driver; the documents stay on the workers.

Requirements (docs/distributed.md): Debian's python3-dask and python3-distributed on the driver
and every worker; the incidentmap binary at the same --bin path on every worker; inputs at a
path every worker can read (a shared file system, or a URL fsspec understands such as s3://...
with s3fs installed). Documents should carry an "id": a document without one is named after its
position, which differs between a partition and the whole file.

--scheduler local starts a LocalCluster of --workers processes with one thread each (default 2);
otherwise ADDRESS is a running scheduler (tcp://host:8786) and --workers, when given, waits
until that many workers have joined. Repeat --extract-arg / --merge-arg to pass options through
(e.g. --extract-arg=--gazetteer=/data/gazetteer.gpkg).

Exit codes as incidentmap's: 0 all done; 1 done, but some documents were skipped (the workers'
messages are printed), or a step failed; 2 bad usage.
"""
import argparse
import os
import shutil
import subprocess
import sys
import time

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
COMPRESSED = (".gz", ".bz2", ".xz", ".zst")


def extract_partition(lines, binary, extra_args):
    """Runs on a worker: one partition's documents through `incidentmap extract -`.

    Returns a one-element list (a partition's result) holding (exit code, records, messages).
    Lines are passed through as the bytes read (surrogateescape), so that invalid UTF-8 is
    repaired by incidentmap exactly as `map` would.
    """
    data = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
    proc = subprocess.run([binary, "extract", "-", *extra_args],
                          input=data.encode("utf-8", "surrogateescape"),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    records = proc.stdout
    if records and not records.endswith(b"\n"):
        records += b"\n"
    return [(proc.returncode, records, proc.stderr.decode("utf-8", "replace"))]


def parse_blocksize(text):
    return int(text) if text.isdigit() else text  # dask parses "64MB", "1MiB"...


def connect(args):
    from distributed import Client, LocalCluster

    if args.scheduler == "local":
        cluster = LocalCluster(n_workers=args.workers or 2, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        return Client(cluster), cluster
    client = Client(args.scheduler)
    if args.workers:
        client.wait_for_workers(args.workers, timeout=args.wait_timeout)
    return client, None


def run(args):
    import dask.bag as db
    from distributed import as_completed

    compressed = any(path.endswith(COMPRESSED) for path in args.inputs)
    # Compressed files cannot be cut into blocks: one partition each.
    bag = db.read_text(args.inputs, blocksize=None if compressed else args.blocksize,
                       compression="infer", encoding="utf-8", errors="surrogateescape")
    partitions = bag.map_partitions(extract_partition, args.bin, args.extract_arg).to_delayed()
    log(args, "%d partitions over %s" % (len(partitions), ", ".join(args.inputs)))

    client, cluster = connect(args)
    status = EXIT_OK
    merge = None
    try:
        merge = subprocess.Popen([args.bin, "merge", "-", "-o", args.output, *args.merge_arg],
                                 stdin=subprocess.PIPE)
        started = time.monotonic()
        done = 0
        for future in as_completed(client.compute(partitions)):
            [(code, records, messages)] = future.result()
            future.release()
            if messages:
                sys.stderr.write(messages if messages.endswith("\n") else messages + "\n")
            if code == EXIT_FAILED:
                status = EXIT_FAILED  # finished, with skipped documents
            elif code != EXIT_OK:
                raise RuntimeError("incidentmap extract failed on a worker (exit %d)" % code)
            merge.stdin.write(records)
            done += 1
            log(args, "partition %d/%d extracted (%.1f s)"
                % (done, len(partitions), time.monotonic() - started))
        merge.stdin.close()
        code = merge.wait()
        merge = None
        if code not in (EXIT_OK, EXIT_FAILED):
            raise RuntimeError("incidentmap merge failed (exit %d)" % code)
        return max(status, code)
    finally:
        if merge is not None:  # an error above: do not leave a merge waiting for input
            merge.kill()
            merge.wait()
        client.close()
        if cluster is not None:
            cluster.close()


def log(args, message):
    if not args.quiet:
        print("dask_map: " + message, file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Example: python3 scripts/dask_map.py --scheduler local --workers 2 "
               "--bin build/release/src/incidentmap news-*.jsonl -o layers/")
    ap.add_argument("inputs", nargs="+", help="JSONL documents (paths or URLs the workers read)")
    ap.add_argument("-o", "--output", required=True, help="output directory, as for map")
    ap.add_argument("--scheduler", default="local", help="tcp://HOST:PORT, or local (default)")
    ap.add_argument("--workers", type=int, default=0,
                    help="local: worker processes (default 2); remote: workers to wait for")
    ap.add_argument("--wait-timeout", type=float, default=120.0, help="seconds, remote only")
    ap.add_argument("--bin", default=shutil.which("incidentmap") or "incidentmap",
                    help="the incidentmap binary, at this path on every worker")
    ap.add_argument("--blocksize", type=parse_blocksize, default="64MiB",
                    help="bytes of input per partition (default 64MiB)")
    ap.add_argument("--extract-arg", action="append", default=[], metavar="ARG")
    ap.add_argument("--merge-arg", action="append", default=[], metavar="ARG")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()

    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as e:
        print("dask_map: %s (install Debian's python3-dask and python3-distributed)" % e,
              file=sys.stderr)
        return EXIT_FAILED
    if args.scheduler == "local" and not os.access(args.bin, os.X_OK) \
            and not shutil.which(args.bin):
        print("dask_map: no incidentmap binary at %s (use --bin)" % args.bin, file=sys.stderr)
        return EXIT_USAGE
    try:
        return run(args)
    except (RuntimeError, OSError) as e:
        print("dask_map: error: %s" % e, file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
