#!/usr/bin/env bash
# Multi-band benchmark (issue #4): BigEarthNet-like ingest rate, then crop.png latency and throughput over
# HTTP on loopback, against the same decode-crop-encode in Pillow/numpy in the same run.
#   bench/crop.sh [BEN_PATCHES] [CLIENTS] [SECONDS]
# Output: tables printed below, also saved under bench/results/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PATCHES="${1:-300}"
CLIENTS="${2:-8}"
SECONDS_MIXED="${3:-20}"
PORT="${PATCHSERVE_BENCH_PORT:-8091}"
DATA="$PATCHSERVE_ROOT/.state/bench-data/crop-$PATCHES"
RESULT="$PATCHSERVE_ROOT/bench/results/crop-$PATCHES-$(date -u +%Y%m%d-%H%M).md"
SMCEFR_ID=S3A_OL_1_EFR____20211230T134025_20211230T134325_20211231T184123_0179_080_181_2700_LN1_O_NT_002

export PATCHSERVE_STATE="$PATCHSERVE_ROOT/.state/bench-crop" PATCHSERVE_PG_PORT=55435 PATCHSERVE_S3_PORT=59003
ensure_command gdal_translate gdal-bin
ensure_python_env
PY="$PATCHSERVE_PYTHON"

fresh_stack

if [ ! -f "$DATA/.complete" ]; then
  rm -rf "$DATA"
  log "making $PATCHES BigEarthNet-like patches with GDAL and a 1024x1024 RGB PNG with Pillow in $DATA ..."
  "$PY" src/test/python/make_bigearthnet.py "$DATA/ben" "$PATCHES" >/dev/null
  mkdir -p "$DATA/smcefr"
  "$PY" - "$DATA/smcefr/$SMCEFR_ID.png" <<'PYEOF'
import sys
import numpy as np
from PIL import Image
rng = np.random.default_rng(3)
y, x = np.mgrid[0:1024, 0:1024]
rgb = np.stack([(x / 4) % 256, (y / 4) % 256, ((x + y) / 8) % 256], axis=-1) + rng.integers(0, 24, (1024, 1024, 3))
Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8)).save(sys.argv[1])
PYEOF
  touch "$DATA/.complete"
fi

mkdir -p "$(dirname "$RESULT")"
{
  echo "# Multi-band benchmark, $PATCHES BigEarthNet-like patches, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; service -Xmx1g; client on the same machine"
  echo
  echo "## Ingest of BigEarthNet-like folders (12 GeoTIFFs each, mixed GDAL layouts; canonical HDF5 + preview + statistics)"
  echo
} | tee "$RESULT"
START=$(date +%s.%N)
QUARKUS_HTTP_HOST_ENABLED=false QUARKUS_LOG_LEVEL=WARN \
  "${APP[@]}" ingest --format bigearthnet --collection ben-bench "$DATA/ben" | grep -E '^ingest' | sed "s/^/    one-shot command (cold JVM): /" | tee -a "$RESULT"
END=$(date +%s.%N)
python3 -c "print(f'    wall clock with JVM start: {$PATCHES/($END-$START):.0f} patches/s')" | tee -a "$RESULT"
QUARKUS_HTTP_HOST_ENABLED=false QUARKUS_LOG_LEVEL=WARN "${APP[@]}" ingest --format smcefr --collection smcefr-bench "$DATA/smcefr" >/dev/null

PATCHSERVE_INGEST_IMPORT_ROOT="$DATA" PATCHSERVE_AUTH_WRITE_KEYS=bench-key \
  serve "$PORT"
BEN_ID="$(ls "$DATA/ben" | grep MSIL2A | sed -n 1p)"

# Ingest in a warm JVM (an import through the running service), after one import to warm it up.
import_rate() {
  local id before after
  before="$("$PY" bench/proc_cpu.py)"
  id="$(curl -sf -H 'X-API-Key: bench-key' -H 'Content-Type: application/json' \
    -d '{"format":"bigearthnet","source":"ben"}' "http://localhost:$PORT/collections/$1/imports" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
  while :; do
    status="$(curl -sf -H 'X-API-Key: bench-key' "http://localhost:$PORT/imports/$id")"
    case "$status" in *'"state":"running"'*) ;; *) break ;; esac
    sleep 0.5
  done
  after="$("$PY" bench/proc_cpu.py)"
  echo "$status" | "$PY" -c '
import json, sys
s = json.load(sys.stdin)
used = [(b - a) / max(s["created"], 1) for a, b in zip(map(float, sys.argv[1].split()), map(float, sys.argv[2].split()))]
print("    import into {collection} (warm JVM): {created} created, {skipped} skipped, {itemsPerSecond} patches/s ({state})".format(**s))
print("    CPU per patch during it: service %.1f ms, PostgreSQL %.1f ms, S3 server %.1f ms" % tuple(used))' "$before" "$after"
}
import_rate ben-warmup >/dev/null
import_rate ben-import | tee -a "$RESULT"
POSTGRES_MS="$(sed -n 's/.*PostgreSQL \([0-9.]*\) ms.*/\1/p' "$RESULT" | tail -1)"
{
  echo
  echo "## What this machine spends per patch outside our code (bench/ingest_floor.py)"
  echo
} | tee -a "$RESULT"
(cd bench && "$PY" ingest_floor.py "$DATA/ben" "$PATCHSERVE_STATE/s3/data" ben-import "$POSTGRES_MS" 4) | tee -a "$RESULT"
{
  echo
  echo "## crop.png over HTTP (Patchserve)"
  echo
} | tee -a "$RESULT"
java bench/CropBench.java "http://localhost:$PORT" "$CLIENTS" "$SECONDS_MIXED" "smcefr-bench/$SMCEFR_ID" "ben-bench/$BEN_ID" | tee -a "$RESULT"

curl -sf "http://localhost:$PORT/collections/ben-bench/items/$BEN_ID/assets/data" -o "$PATCHSERVE_STATE/ben.h5"
RANGES="$(curl -sf "http://localhost:$PORT/collections/ben-bench/statistics" | "$PY" -c 'import json,sys; b=json.load(sys.stdin)["bands"]; print(json.dumps([[b[n]["p2"], b[n]["p98"]] for n in ("B04","B03","B02")]))')"
{
  echo
  echo "## The same decode-crop-encode in Pillow + numpy (in-process, no HTTP; PNG compress_level 1 as the service)"
  echo
} | tee -a "$RESULT"
"$PY" bench/crop_baseline.py "$DATA/smcefr/$SMCEFR_ID.png" "$PATCHSERVE_STATE/ben.h5" "$RANGES" 200 | tee -a "$RESULT"
log "results written to $RESULT"
