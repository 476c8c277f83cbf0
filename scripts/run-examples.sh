#!/usr/bin/env bash
# The main job on the example articles of examples/articles, as `make run` does it.
# Usage: scripts/run-examples.sh BIN OUTPUT_DIR
set -euo pipefail
bin="$1"
out="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "$out"
"$bin" version
echo "make run: the pipeline is not built yet; see the README for what exists." >&2
