#!/usr/bin/env bash
# Stacked-export benchmark (issue #19): bundle.h5 of N BigEarthNet-like patches (default 20,000: ~3.2 GB of
# uint16 pixels) streamed beside bundle.tar of the same items, in interleaved rounds; the service's peak RSS
# while streaming bundle.h5 of the 2,000-patch val split and of all N; the big file read back with h5py and xarray.
#   bench/stack.sh [PATCHES] [ROUNDS]       (defaults 20000 and 2)
# The ingested stack is kept in .state/bench-stack and reused by the next run with the same PATCHES.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PATCHES="${1:-20000}"
ROUNDS="${2:-2}"
VAL=2000
PORT="${PATCHSERVE_BENCH_PORT:-8093}"
DATA="$PATCHSERVE_ROOT/.state/bench-data/stack-$PATCHES"
RESULT="$PATCHSERVE_ROOT/bench/results/stack-$PATCHES-$(date -u +%Y%m%d-%H%M).md"
export PATCHSERVE_STATE="$PATCHSERVE_ROOT/.state/bench-stack" PATCHSERVE_PG_PORT=55437 PATCHSERVE_S3_PORT=59005
PY="$PATCHSERVE_ROOT/.state/venv/bin/python"
[ -x "$PY" ] || PY=python3

if [ -f "$PATCHSERVE_STATE/.ingested-$PATCHES" ]; then
  use_java
  deploy/local/stack.sh start
  set -a; eval "$(deploy/local/stack.sh env)"; set +a
  ./mvnw -q -B package -DskipTests
  APP=(java "${PATCHSERVE_JVM_OPTS[@]}" -Xmx1g -jar target/quarkus-app/quarkus-run.jar)
else
  fresh_stack
  if [ ! -f "$DATA/.complete" ]; then
    rm -rf "$DATA"
    log "making 100 BigEarthNet-like patches with GDAL and growing them to $PATCHES (hard links) in $DATA ..."
    "$PY" src/test/python/make_bigearthnet.py "$DATA/seed" 100 >/dev/null
    "$PY" bench/clone_bigearthnet.py "$DATA/seed" "$DATA/release" "$PATCHES" "$VAL"
    touch "$DATA/.complete"
  fi
  QUARKUS_HTTP_HOST_ENABLED=false QUARKUS_LOG_LEVEL=WARN "${APP[@]}" ingest --format bigearthnet --collection ben-stack \
    "$DATA/release" | grep -E '^ingest' >&2
  touch "$PATCHSERVE_STATE/.ingested-$PATCHES"
fi

serve "$PORT"
BASE="http://localhost:$PORT/collections/ben-stack"
curl -sf "$BASE/bundle.h5?ids=x" -o /dev/null  # warm-up
VAL_FILTER="filter=split%3D%27val%27"
BIG="$PATCHSERVE_STATE/stack.h5"
# the same pair for bundle.tar (flat by bench/bundle.sh) as a control, then bundle.h5, then its small export again:
# a JVM's RSS keeps the heap G1 grew to under the allocation rate, so "again" tells heap sizing from retention
rss_tar_small=$(peak_rss curl -sf "$BASE/bundle.tar?$VAL_FILTER" -o /dev/null)
rss_tar_large=$(peak_rss curl -sf "$BASE/bundle.tar" -o /dev/null)
rss_small=$(peak_rss curl -sf "$BASE/bundle.h5?$VAL_FILTER" -o /dev/null -w '%{size_download}')
small_bytes=$(cat "$PATCHSERVE_STATE/last.txt")
rss_large=$(peak_rss curl -sf "$BASE/bundle.h5" -o "$BIG" -w '%{size_download}')
large_bytes=$(cat "$PATCHSERVE_STATE/last.txt")
rss_again=$(peak_rss curl -sf "$BASE/bundle.h5?$VAL_FILTER" -o /dev/null)
jcmd "$SERVICE" GC.run >/dev/null
live_heap=$(jcmd "$SERVICE" GC.heap_info | awk '/garbage-first heap/{for (i = 1; i <= NF; i++) if ($i == "used") print $(i + 1)}')
rss_after_gc=$(( $(awk '/VmRSS/{print $2}' /proc/$SERVICE/status) / 1024 ))
readback=$("$PY" - "$BIG" "$BASE" <<'PYEOF'
import io, sys, urllib.request
import h5py, numpy as np, xarray as xr
path, base = sys.argv[1], sys.argv[2]
with h5py.File(path, "r") as h5:
    n = h5["10m"].shape[0]
    ids = [i.decode() for i in h5["ids"][:]]
    for k in (0, n // 2, n - 1):
        with urllib.request.urlopen(f"{base}/items/{ids[k]}") as r:
            import json
            href = json.load(r)["assets"]["data"]["href"]
        with urllib.request.urlopen(href) as r, h5py.File(io.BytesIO(r.read()), "r") as item:
            assert np.array_equal(h5["10m"][k], item["10m"][()]), f"item {k}: 10m differs"
            assert np.array_equal(h5["60m"][k], item["60m"][()]), f"item {k}: 60m differs"
    shapes = {g: h5[g].shape for g in ("10m", "20m", "60m")}
with xr.open_dataset(path, engine="h5netcdf", mask_and_scale=False) as ds:
    assert ds["10m"].dims == ("item", "band_10m", "y_10m", "x_10m") and ds["ids"].size == n
    assert int(ds["20m"].isel(item=n - 1).sel(band_20m=3).max()) > 0
print(f"h5py and xarray read {n} items {shapes}; items 0, {n // 2} and {n - 1} equal their own HDF5 assets")
PYEOF
)
rm -f "$BIG"
{
  echo "# Stacked export benchmark, $PATCHES BigEarthNet-like patches, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; service -Xmx1g; client (curl) on the same machine."
  echo
  echo "| peak RSS of the service while streaming bundle.h5 | bytes | MB |"
  echo "|---|---|---|"
  echo "| bundle.tar, val split ($VAL patches), control | | $rss_tar_small |"
  echo "| bundle.tar, all $PATCHES patches, control | | $rss_tar_large |"
  echo "| val split ($VAL patches) | $small_bytes | $rss_small |"
  echo "| all $PATCHES patches | $large_bytes | $rss_large |"
  echo "| val split again, after all | | $rss_again |"
  echo
  echo "Difference: $((rss_large - rss_small)) MB (target: within 64 MB); bundle.tar's: $((rss_tar_large - rss_tar_small)) MB."
  echo "After the exports and a full GC: live heap $live_heap, RSS $rss_after_gc MB."
  echo
  echo "Read back: $readback."
} | tee "$RESULT"
for round in $(seq 1 "$ROUNDS"); do
  read -r tar_s tar_n < <(timed curl -sf "$BASE/bundle.tar")
  read -r h5_s h5_n < <(timed curl -sf "$BASE/bundle.h5")
  echo "$tar_s $tar_n $h5_s $h5_n"
done > "$PATCHSERVE_STATE/rounds.txt"
"$PY" - "$PATCHSERVE_STATE/rounds.txt" "$PATCHES" <<'PYEOF' | tee -a "$RESULT"
import statistics, sys
rounds = [tuple(map(float, line.split())) for line in open(sys.argv[1]) if line.strip()]
n = int(sys.argv[2])
print(f"\n## bundle.tar and bundle.h5 of the same {n} items, interleaved rounds\n")
print("| round | bundle.tar s | MB | items/s | bundle.h5 s | MB | items/s | bundle.h5 vs bundle.tar (items/s) |")
print("|---|---|---|---|---|---|---|---|")
for i, (ts, tn, hs, hn) in enumerate(rounds, 1):
    print(f"| {i} | {ts:.1f} | {tn / 1e6:.0f} | {n / ts:.0f} | {hs:.1f} | {hn / 1e6:.0f} | {n / hs:.0f} | {ts / hs:.2f}x |")
ratios = [ts / hs for ts, _, hs, _ in rounds]
print(f"\nbundle.h5 {min(ratios):.2f}x to {max(ratios):.2f}x bundle.tar's item rate (median {statistics.median(ratios):.2f}x; target >= 0.8x).")
PYEOF
log "results written to $RESULT"
