#!/usr/bin/env bash
# Shared helpers for the local scripts: where things live and which JDK to use.
# Sourced, not executed.

PATCHSERVE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PATCHSERVE_ROOT

log() { printf '[patchserve] %s\n' "$*" >&2; }
die() { printf '[patchserve] error: %s\n' "$*" >&2; exit 1; }

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

# Finds a JDK of version 21 or later: JAVA_HOME if it is one, then Temurin, then any under /usr/lib/jvm.
find_java_home() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25* /usr/lib/jvm/temurin-2[1-9]* /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    local major; major="$(java_major "$candidate")"
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then echo "$candidate"; return 0; fi
  done
  return 1
}

use_java() {
  JAVA_HOME="$(find_java_home)" || die "no JDK 21+ found (set JAVA_HOME, or install one under /usr/lib/jvm)"
  export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
}

# The JVM's collector, by what it runs (bench/README.md, session 19). Serving: G1, as the container image, whose
# heap stays flat however long a bundle streams. One-shot commands (ingest): the throughput collector, as the
# service gives its import processes (ImportProcess): an ingest under G1 spent ~20 % more CPU per patch (its
# barriers, concurrent marking and pinned regions around each deflate), and a batch job has no latency to keep.
# shellcheck disable=SC2034
PATCHSERVE_JVM_OPTS=(-XX:+UseG1GC)
# shellcheck disable=SC2034
PATCHSERVE_COMMAND_JVM_OPTS=(-XX:+UseParallelGC)

as_root_or_sudo() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root to run: $*"; fi
}

# Installs a Debian package when its command is missing (GDAL makes and reads the GeoTIFF test fixtures).
ensure_command() {
  local command=$1 package=$2
  command -v "$command" >/dev/null && return 0
  log "installing $package (for $command)"
  as_root_or_sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$package" >/dev/null 2>&1 \
    || { as_root_or_sudo apt-get update -q >/dev/null && as_root_or_sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$package" >/dev/null; } \
    || die "could not install $package"
}

# The browser tests' tools: Debian's chromium (the browser, never one a tool downloads) and, under .state/node,
# playwright-core (drives it), html-validate and axe-core (validity and accessibility, run on each page), and
# the BibTeX parser of Zotero's Better BibTeX (reads the pages' citations back), from npm.
ensure_browser_tools() {
  ensure_command chromium chromium
  local dir="$PATCHSERVE_ROOT/.state/node"
  local packages=(playwright-core@1.56.1 html-validate@9.7.1 axe-core@4.10.3 @retorquere/bibtex-parser@9.0.29)
  if [ ! -f "$dir/.installed" ] || [ "$(cat "$dir/.installed")" != "${packages[*]}" ]; then
    log "installing ${packages[*]} into $dir"
    mkdir -p "$dir"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --prefix "$dir" "${packages[@]}" >/dev/null 2>&1 \
      || die "could not install ${packages[*]} with npm"
    echo "${packages[*]}" > "$dir/.installed"
  fi
  export PATCHSERVE_NODE_MODULES="$dir/node_modules" PATCHSERVE_CHROMIUM="$(command -v chromium)"
}

# A Python venv with numpy, h5py, Pillow, tifffile (imagecodecs: LZW), pyarrow, xarray (netCDF4, h5netcdf), geopandas, and for the notebooks torch,
# matplotlib, requests and nbclient, under .state/venv, for tests that make fixtures with the
# tools publishers use and check outputs the way a notebook reads them. Uses the machine's package index (a
# local mirror when there is one).
ensure_python_env() {
  local venv="$PATCHSERVE_ROOT/.state/venv"
  local packages=(numpy h5py pillow tifffile imagecodecs hypothesis pyarrow xarray netCDF4 h5netcdf geopandas requests matplotlib torch
                  nbclient nbformat ipykernel)
  # one line: an import statement cannot go on past a line break (the check had always failed, reinstalling each time)
  local modules="numpy, h5py, PIL, tifffile, imagecodecs, hypothesis, pyarrow, xarray, netCDF4, h5netcdf, geopandas, requests"
  modules+=", matplotlib, torch, nbclient, nbformat, ipykernel"
  if ! "$venv/bin/python" -c "import $modules" 2>/dev/null; then
    log "creating Python environment $venv (${packages[*]})"
    python3 -m venv "$venv"
    local index=()
    [ -d /opt/pypi/simple ] && index=(--index-url file:///opt/pypi/simple)
    [ -d /opt/pypi-more/simple ] && index+=(--extra-index-url file:///opt/pypi-more/simple)
    [ -d /opt/wheels ] && index+=(--find-links /opt/wheels)
    "$venv/bin/pip" install -q "${index[@]}" "${packages[@]}" >/dev/null 2>&1 \
      || "$venv/bin/pip" install -q "${packages[@]}" \
      || die "could not install ${packages[*]} into $venv"
  fi
  export PATCHSERVE_PYTHON="$venv/bin/python"
}
