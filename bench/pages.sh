#!/usr/bin/env bash
# Dataset pages at size (issue #21): a collection of N synthetic items (default 1,000,000) loaded into a fresh
# PostGIS of its own; then, in interleaved rounds, the collection's page (HTML, every chart and count from the
# aggregates PostgreSQL keeps), the same collection as JSON (its peer: the same counts, no template), the landing
# page, and the first requests the page's script makes (the gallery's 12 items, the map's first 1000 footprints).
#   bench/pages.sh [ITEMS] [ROUNDS]
# Output: per request, the median and range of its time over the rounds, and the page's ratio to the JSON;
# saved under bench/results/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ITEMS="${1:-1000000}"
ROUNDS="${2:-15}"
PORT="${PATCHSERVE_BENCH_PORT:-8091}"
DATA="$PATCHSERVE_ROOT/.state/bench-data/pages-$ITEMS"
RESULT="$PATCHSERVE_ROOT/bench/results/pages-$ITEMS-$(date -u +%Y%m%d-%H%M).md"

export PATCHSERVE_STATE="$PATCHSERVE_ROOT/.state/bench-pages" PATCHSERVE_PG_PORT=55436 PATCHSERVE_S3_PORT=59006
export PATCHSERVE_PG_OPTIONS="-c shared_buffers=1GB -c work_mem=32MB -c maintenance_work_mem=1GB -c max_wal_size=8GB"

fresh_stack
if [ ! -f "$DATA/.complete" ]; then
  log "generating $ITEMS items in $DATA ..."
  python3 bench/gen_items.py "$DATA" "$ITEMS" 1 1
  touch "$DATA/.complete"
fi
file="$(ls "$DATA"/bench-*.ndjson.gz | head -1)"
COLLECTION="$(basename "$file" .ndjson.gz)"
log "loading $ITEMS items into $COLLECTION ..."
QUARKUS_HTTP_HOST_ENABLED=false QUARKUS_LOG_LEVEL=WARN "${APP[@]}" ingest --format stac-items --collection "$COLLECTION" "$file" \
  | grep -E '^ingest'
PGPASSWORD=patchserve psql -X -q -h 127.0.0.1 -p "$PATCHSERVE_PG_PORT" -U patchserve -c "VACUUM (ANALYZE) item"
serve "$PORT"

BASE="http://localhost:$PORT"
declare -A URLS=(
  [page]="$BASE/collections/$COLLECTION?f=html"
  [json]="$BASE/collections/$COLLECTION?f=json"
  [landing]="$BASE/?f=html"
  [gallery]="$BASE/collections/$COLLECTION/items?limit=12"
  [map1000]="$BASE/collections/$COLLECTION/items?limit=1000&fields=type,id,geometry,bbox,collection"
)
ORDER=(page json landing gallery map1000)
for name in "${ORDER[@]}"; do curl -sf -o /dev/null "${URLS[$name]}"; done # warm: JIT, caches, templates
TIMES="$PATCHSERVE_STATE/times.tsv"
: > "$TIMES"
for round in $(seq 1 "$ROUNDS"); do
  for name in "${ORDER[@]}"; do
    printf '%s\t%s\n' "$name" "$(curl -sf -o /dev/null -w '%{time_total}' "${URLS[$name]}")" >> "$TIMES"
  done
done
{
  echo "# Dataset pages, one collection of $ITEMS items, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores; service -Xmx1g; $ROUNDS interleaved rounds of curl over loopback, warm."
  echo
  python3 - "$TIMES" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, t = line.split()
    rows.setdefault(name, []).append(float(t) * 1000)
print("| request | median ms | range ms |")
print("|---|---|---|")
for name, ts in rows.items():
    print(f"| {name} | {statistics.median(ts):.1f} | {min(ts):.1f}–{max(ts):.1f} |")
ratios = [p / j for p, j in zip(rows["page"], rows["json"])]
print(f"\nThe collection's page / its JSON, round by round: median {statistics.median(ratios):.2f}, "
      f"range {min(ratios):.2f}–{max(ratios):.2f}")
PY
} | tee "$RESULT"
log "results written to $RESULT"
