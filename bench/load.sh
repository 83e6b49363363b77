#!/usr/bin/env bash
# Load test (issue #16): CLIENTS concurrent clients with a mixed workload (search, item pages, asset ranges,
# crops, small bundles) and one client downloading a large bundle, for SECONDS; 0 errors expected.
#   bench/load.sh [CLIENTS] [SECONDS]      (default 200 clients, 60 s)
# Output: bench/results/load-CLIENTS-DATE.md
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CLIENTS="${1:-200}"
SECONDS_RUN="${2:-60}"
PORT="${PATCHSERVE_BENCH_PORT:-8093}"
DATA="$PATCHSERVE_ROOT/.state/bench-data/load"
RESULT="$PATCHSERVE_ROOT/bench/results/load-$CLIENTS-$(date -u +%Y%m%d-%H%M).md"

export PATCHSERVE_STATE="$PATCHSERVE_ROOT/.state/bench-load" PATCHSERVE_PG_PORT=55436 PATCHSERVE_S3_PORT=59004
ensure_command gdal_translate gdal-bin
ensure_python_env
fresh_stack

if [ ! -f "$DATA/.complete" ]; then
  rm -rf "$DATA"
  log "making 100 BigEarthNet-like patches (GDAL) and 40 SMCEFR-like 1024x1024 PNGs (Pillow) in $DATA ..."
  "$PATCHSERVE_PYTHON" src/test/python/make_bigearthnet.py "$DATA/ben" 100 >/dev/null
  "$PATCHSERVE_PYTHON" - "$DATA/smcefr" <<'PYEOF'
import os, sys
import numpy as np
from PIL import Image
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(7)
for i in range(40):
    name = f"S3A_OL_1_EFR____202112{1 + i % 28:02d}T1340{i % 60:02d}_202112{1 + i % 28:02d}T1343{i % 60:02d}_202112{2 + i % 28:02d}T184123_0179_080_{100 + i:03d}_{2000 + i:04d}_LN1_O_NT_002"
    Image.fromarray(rng.integers(0, 256, (1024, 1024, 3), dtype=np.uint8)).save(os.path.join(out, name + ".png"))
PYEOF
  touch "$DATA/.complete"
fi
QUARKUS_HTTP_HOST_ENABLED=false QUARKUS_LOG_LEVEL=WARN "${APP[@]}" ingest --format bigearthnet --collection ben-load "$DATA/ben" | tail -1
QUARKUS_HTTP_HOST_ENABLED=false QUARKUS_LOG_LEVEL=WARN "${APP[@]}" ingest --format smcefr --collection smcefr-load "$DATA/smcefr" | tail -1

serve "$PORT"
trap 'kill $SERVICE 2>/dev/null || true; deploy/local/stack.sh stop >/dev/null 2>&1 || true' EXIT

mkdir -p "$(dirname "$RESULT")"
{
  echo "# Load test, $CLIENTS clients, $SECONDS_RUN s, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores; service -Xmx1g; client on the same machine; 100 BigEarthNet-like patches, 40 PNGs of 3 MB"
  echo
  java -Xmx1g bench/LoadBench.java "http://localhost:$PORT" "$CLIENTS" "$SECONDS_RUN" "$SERVICE" ben-load smcefr-load
  echo
  echo "Service log lines at WARN or above during the run: $(grep -cE ' (WARN|ERROR) ' "$PATCHSERVE_STATE/service.log" || true)"
} | tee "$RESULT"
log "results written to $RESULT"
