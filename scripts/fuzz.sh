#!/usr/bin/env bash
# Runs the libFuzzer targets of the `fuzz` preset (tests/fuzz, docs/fuzzing.md), one after the
# other, each for a fixed time, and prints one line of figures per target.
#
#   scripts/fuzz.sh [--seconds N] [--scratch DIR] [--keep] [TARGET...]
#
#   --seconds N   time budget per target (libFuzzer -max_total_time; default 5)
#   --scratch DIR where new corpus entries and crash inputs go, DIR/<target>/ and
#                 DIR/<target>/crashes/ (default: a temporary directory, removed afterwards
#                 unless something crashed); the repository's seed corpus and regression
#                 inputs are read, never written
#   TARGET        target names (text_pipeline, jsonl, index, ...); default all that are built
#
# Environment: FUZZ_BUILD_DIR (default build/fuzz), FUZZ_JOBS (targets run at once, default 1),
# INCIDENTMAP_FUZZ_GAZETTEER (an index file for the text pipeline target instead of the
# fixture index), FUZZ_ARGS (extra libFuzzer flags). Exit code 1 when any target found a
# failure; its input is kept under the scratch directory and the command to replay it printed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${FUZZ_BUILD_DIR:-$here/build/fuzz}"
seconds=5
scratch=""
targets=()
while (($#)); do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --scratch) scratch="$2"; shift 2 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done

log() { printf 'fuzz: %s\n' "$*" >&2; }

if ((${#targets[@]} == 0)); then
  for exe in "$build"/tests/fuzz/*_fuzz; do
    [[ -x "$exe" ]] && targets+=("$(basename "$exe" _fuzz)")
  done
fi
((${#targets[@]})) || { log "no fuzz targets in $build/tests/fuzz (cmake --build --preset fuzz)"; exit 1; }

temporary=0
if [[ -z "$scratch" ]]; then
  scratch="$(mktemp -d "${TMPDIR:-/tmp}/incidentmap-fuzz.XXXXXX")"
  temporary=1
fi

# One target: its scratch corpus first (libFuzzer writes new inputs into the first folder), then
# the repository's seeds and regression inputs. Prints "name runs exec/s new_units status".
run_target() {
  local name="$1"
  local exe="$build/tests/fuzz/${name}_fuzz"
  local dir="$scratch/$name"
  mkdir -p "$dir/corpus" "$dir/crashes"
  local status=ok
  # A target without saved crash inputs has no regressions folder (git keeps no empty folders),
  # and libFuzzer refuses a folder that does not exist.
  local inputs=("$dir/corpus")
  local d
  for d in "$here/tests/fuzz/corpus/$name" "$here/tests/fuzz/regressions/$name"; do
    [[ -d "$d" ]] && inputs+=("$d")
  done
  # shellcheck disable=SC2086
  "$exe" "${inputs[@]}" \
    -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2560 -print_final_stats=1 \
    -artifact_prefix="$dir/crashes/" ${FUZZ_ARGS:-} >"$dir/log.txt" 2>&1 || status=FAILED
  local runs rate units
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log.txt" | tail -1)"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/log.txt" | tail -1)"
  units="$(sed -n 's/^stat::new_units_added: *//p' "$dir/log.txt" | tail -1)"
  printf '%-16s %10s %8s %6s  %s\n' "$name" "${runs:-?}" "${rate:-?}" "${units:-?}" "$status"
  if [[ "$status" != ok ]]; then
    grep -m 12 -E 'ERROR|SUMMARY|FUZZ_CHECK|terminate|what\(\)|Test unit written' "$dir/log.txt" >&2 || true
    log "$name failed; log $dir/log.txt; replay: $exe $dir/crashes/<file>"
    touch "$scratch/.failed"
    return 1
  fi
}

log "${#targets[@]} targets, ${seconds} s each; scratch corpus in $scratch"
printf '%-16s %10s %8s %6s  %s\n' target runs exec/s new status
failed=0
jobs_max="${FUZZ_JOBS:-1}"
rm -f "$scratch/.failed"
for t in "${targets[@]}"; do
  [[ -x "$build/tests/fuzz/${t}_fuzz" ]] || { log "no target $t in $build/tests/fuzz"; failed=1; continue; }
  run_target "$t" &
  while (($(jobs -rp | wc -l) >= jobs_max)); do wait -n || true; done
done
wait || true
[[ -e "$scratch/.failed" ]] && failed=1
rm -f "$scratch/.failed"

if ((failed)); then
  log "failures found; inputs kept in $scratch/<target>/crashes"
  exit 1
fi
((temporary)) && rm -rf "$scratch"
exit 0
