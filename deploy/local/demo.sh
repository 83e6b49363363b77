#!/usr/bin/env bash
# Runs Patchserve with two generated demo collections on http://localhost:8080 (PATCHSERVE_PORT to change):
# smcefr-demo (RGB PNGs) and bigearthnet-demo (12-band GeoTIFF patches, made with GDAL like the real release).
# Installs PostGIS, GDAL and a Python venv (numpy, h5py, Pillow) when missing, starts the local PostGIS and S3
# server, builds, ingests, serves. Ctrl-C stops the service; `deploy/local/stack.sh stop` stops PostGIS and S3.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$PATCHSERVE_ROOT"

PORT="${PATCHSERVE_PORT:-8080}"
DEMO_DIR="$PATCHSERVE_ROOT/.state/demo-release"
DEMO_COUNT="${PATCHSERVE_DEMO_COUNT:-24}"
COLLECTION=smcefr-demo

use_java
ensure_command gdal_translate gdal-bin
ensure_python_env
deploy/local/stack.sh start
set -a; eval "$(deploy/local/stack.sh env)"; set +a

log "building (first build downloads dependencies through Maven) ..."
./mvnw -q -B package -DskipTests
APP=(java "${PATCHSERVE_JVM_OPTS[@]}" -jar target/quarkus-app/quarkus-run.jar)

MARKER="$PATCHSERVE_ROOT/.state/demo-release-$DEMO_COUNT.complete"
if [ ! -f "$MARKER" ]; then
  log "generating $DEMO_COUNT demo patches in $DEMO_DIR ..."
  rm -rf "$DEMO_DIR"
  QUARKUS_HTTP_HOST_ENABLED=false QUARKUS_LOG_LEVEL=WARN "${APP[@]}" demo-data "$DEMO_DIR" "$DEMO_COUNT"
  touch "$MARKER"
fi

log "ingesting the demo release into collection $COLLECTION (rerunning is safe: unchanged items are skipped) ..."
QUARKUS_HTTP_HOST_ENABLED=false "${APP[@]}" ingest --format smcefr --collection "$COLLECTION" \
  --title "SMCEFR demo (generated)" --license CC0-1.0 \
  --description "Generated SMCEFR-like patches: synthetic RGB scenes named by Sentinel-3 OLCI product names." \
  "$DEMO_DIR"

BEN_DIR="$PATCHSERVE_ROOT/.state/demo-bigearthnet"
if [ ! -f "$BEN_DIR/.complete" ]; then
  log "making 24 BigEarthNet-like patches with GDAL in $BEN_DIR ..."
  rm -rf "$BEN_DIR"
  "$PATCHSERVE_PYTHON" src/test/python/make_bigearthnet.py "$BEN_DIR" 24 >/dev/null
  touch "$BEN_DIR/.complete"
fi
log "ingesting them into collection bigearthnet-demo ..."
QUARKUS_HTTP_HOST_ENABLED=false "${APP[@]}" ingest --format bigearthnet --collection bigearthnet-demo \
  --title "BigEarthNet-S2 demo (generated)" --license CC0-1.0 "$BEN_DIR"

# A write key for this machine's demo, made once and kept in the ignored state folder: writes, imports and
# releases need one (PATCHSERVE_AUTH_WRITE_KEYS), and a newcomer should be able to try them.
KEY_FILE="$PATCHSERVE_ROOT/.state/demo-write-key"
if [ ! -s "$KEY_FILE" ]; then
  (umask 077; od -An -tx1 -N24 /dev/urandom | tr -d ' \n' > "$KEY_FILE")
fi
WRITE_KEY="$(cat "$KEY_FILE")"
export PATCHSERVE_AUTH_WRITE_KEYS="${PATCHSERVE_AUTH_WRITE_KEYS:+$PATCHSERVE_AUTH_WRITE_KEYS,}$WRITE_KEY"
export PATCHSERVE_INGEST_IMPORT_ROOT="${PATCHSERVE_INGEST_IMPORT_ROOT:-$PATCHSERVE_ROOT/.state}"

FIRST_ITEM="$(ls "$DEMO_DIR" | grep -m1 '\.png$' | sed 's/\.png$//')"
BEN_ITEM="$(ls "$BEN_DIR" | grep -m1 MSIL2A)"
BASE="http://localhost:$PORT"
cat <<URLS

  Patchserve is starting on $BASE  (Ctrl-C to stop)
  Try:
    curl $BASE/
    curl $BASE/collections/$COLLECTION
    curl '$BASE/collections/$COLLECTION/items?limit=5'
    curl $BASE/collections/$COLLECTION/items/$FIRST_ITEM
    curl -OJ $BASE/collections/$COLLECTION/items/$FIRST_ITEM/assets/image
    curl '$BASE/collections/$COLLECTION/items/$FIRST_ITEM/crop.png?window=0,0,64,64' -o crop.png
    curl -o smcefr.tar.gz $BASE/collections/$COLLECTION/bundle.tar.gz        # resume with curl -C -
    curl $BASE/collections/bigearthnet-demo/statistics
    curl '$BASE/collections/bigearthnet-demo/items/$BEN_ITEM/crop.png?bands=B08,B04,B03&width=256' -o false-colour.png
    curl -o train.h5 "$BASE/collections/bigearthnet-demo/bundle.h5?filter=split='train'"
    curl $BASE/q/health/ready

  Writes and imports take this demo's write key (kept in .state/demo-write-key), e.g. the BigEarthNet demo
  release imported again over HTTP (imports read from .state here), then its status:
    curl -i -X POST -H 'Authorization: Bearer $WRITE_KEY' -H 'Content-Type: application/json' \\
      -d '{"format": "bigearthnet", "source": "demo-bigearthnet"}' $BASE/collections/bigearthnet-demo/imports
    curl $BASE/imports/ID-FROM-THE-LOCATION-HEADER

URLS
QUARKUS_HTTP_PORT="$PORT" exec "${APP[@]}"
