#!/usr/bin/env bash
# Search benchmark (issue #3): loads N synthetic items (default 1,000,000) across 3 collections into a fresh
# PostGIS of its own, then measures search latency and throughput over HTTP on loopback.
#   bench/search.sh [ITEMS] [CLIENTS] [SECONDS]
# Output: the load rate and the tables printed by SearchBench.java, also saved under bench/results/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ITEMS="${1:-1000000}"
CLIENTS="${2:-8}"
SECONDS_MIXED="${3:-30}"
PORT="${PATCHSERVE_BENCH_PORT:-8090}"
DATA="$PATCHSERVE_ROOT/.state/bench-data/search-$ITEMS"
RESULT="$PATCHSERVE_ROOT/bench/results/search-$ITEMS-$(date -u +%Y%m%d-%H%M).md"

export PATCHSERVE_STATE="$PATCHSERVE_ROOT/.state/bench" PATCHSERVE_PG_PORT=55434 PATCHSERVE_S3_PORT=59002
export PATCHSERVE_PG_OPTIONS="-c shared_buffers=2GB -c effective_cache_size=12GB -c work_mem=32MB -c maintenance_work_mem=1GB -c max_wal_size=8GB -c checkpoint_timeout=30min"

fresh_stack

if [ ! -f "$DATA/.complete" ]; then
  log "generating $ITEMS items in $DATA ..."
  python3 bench/gen_items.py "$DATA" "$ITEMS" 3 1
  touch "$DATA/.complete"
fi

mkdir -p "$(dirname "$RESULT")"
{
  echo "# Search benchmark, $ITEMS items in 3 collections, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; service -Xmx1g; PostgreSQL $PATCHSERVE_PG_OPTIONS"
  echo
  echo "## Bulk load (ingest --format stac-items: NDJSON.gz -> COPY -> merge, then summary refresh and ANALYZE)"
  echo
} | tee "$RESULT"
START=$(date +%s.%N)
for file in "$DATA"/bench-*.ndjson.gz; do
  name="$(basename "$file" .ndjson.gz)"
  QUARKUS_HTTP_HOST_ENABLED=false QUARKUS_LOG_LEVEL=WARN "${APP[@]}" ingest --format stac-items --collection "$name" "$file" \
    | grep -E '^ingest' | sed 's/^/    /' | tee -a "$RESULT"
done
END=$(date +%s.%N)
python3 -c "print(f'\nTotal: $ITEMS items in {$END-$START:.1f} s wall clock (with JVM starts) = {$ITEMS/($END-$START):.0f} items/s\n')" | tee -a "$RESULT"

# A published dataset is read for months after its load: measure it vacuumed (hint bits set, visibility map
# current), as autovacuum leaves it, not in the minutes when autovacuum is still at work on it.
log "VACUUM (ANALYZE) item ..."
PGPASSWORD=patchserve psql -X -q -h 127.0.0.1 -p "$PATCHSERVE_PG_PORT" -U patchserve -c "VACUUM (ANALYZE) item"

serve "$PORT"
command -v wrk >/dev/null || as_root_or_sudo apt-get install -y -q wrk >/dev/null
# A replica serves for days: measure it warm. The JIT is still compiling the search path for the first minute
# or two of load (searches/s rose from ~230 to ~370 over that time), so a 90 s warm-up precedes the timings.
log "warming up (90 s of the mix) ..."
SEARCH_BENCH_REQUESTS="$PATCHSERVE_STATE/requests.tsv" java bench/SearchBench.java --write-requests-only \
  "http://localhost:$PORT" "$CLIENTS" 1 bench-a >/dev/null
wrk -t2 -c"$CLIENTS" -d90s -s bench/mix.lua "http://localhost:$PORT" -- "$PATCHSERVE_STATE/requests.tsv" >/dev/null 2>&1
SEARCH_BENCH_REQUESTS="$PATCHSERVE_STATE/requests.tsv" \
  java bench/SearchBench.java "http://localhost:$PORT" "$CLIENTS" "$SECONDS_MIXED" bench-a | tee -a "$RESULT"

# The same mix driven by wrk (a C client, lighter than the JDK one on these two shared cores), with the CPU
# time the service and PostgreSQL spent per search over the run.
{
  echo
  echo "## Throughput with wrk, $CLIENTS connections, 2 threads, ${SECONDS_MIXED} s"
  echo
  echo '```'
  read -r service0 pg0 _ < <(python3 bench/proc_cpu.py)
  wrk -t2 -c"$CLIENTS" -d"${SECONDS_MIXED}s" --latency -s bench/mix.lua "http://localhost:$PORT" -- "$PATCHSERVE_STATE/requests.tsv" 2>&1 | tee "$PATCHSERVE_STATE/wrk.txt"
  read -r service1 pg1 _ < <(python3 bench/proc_cpu.py)
  echo '```'
  requests=$(grep -o '[0-9]* requests in' "$PATCHSERVE_STATE/wrk.txt" | cut -d' ' -f1)
  python3 -c "print(f'\nCPU per search over that run: service {($service1-$service0)/$requests:.2f} ms, PostgreSQL {($pg1-$pg0)/$requests:.2f} ms')"
} | tee -a "$RESULT"
log "results written to $RESULT"
