#!/usr/bin/env bash
# The main job on the example articles of examples/, as `make run` does it: incident layers
# (GeoJSON and GeoPackage), report.json and a static map, into OUTPUT_DIR.
# Usage: scripts/run-examples.sh BIN OUTPUT_DIR
set -euo pipefail
bin="$1"
out="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "$out"
"$bin" map "$here/examples/articles.jsonl" -o "$out" -f GeoJSON -f GPKG \
  --map "$out/map.png" --title "Example incidents"
echo "make run: wrote $(cd "$out" && ls | tr '\n' ' ')into $out/" >&2
