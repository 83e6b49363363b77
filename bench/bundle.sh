#!/usr/bin/env bash
# Bundle benchmark (issues #5, #23): a ~2 GB bundle of PNG patches over loopback against GNU tar (+ gzip) over
# the same files on local disk and against reading the same objects straight from the S3 server (its floor) and
# through a relay that only passes bytes on (bench/relay_floor.py: the floor of any service in between), in
# interleaved rounds of one run, and the service's peak RSS while streaming ~2 GB and ~10 GB bundles.
#   bench/bundle.sh [--quick] [PATCHES] [COPIES]   (defaults 700 patches of 3 MB = 2.1 GB; 5 copies = 10.5 GB)
# --quick: 200 patches and 2 copies, the interleaved rounds and peak RSS only (a few minutes once loaded).
# The loaded stack is kept: a later run with the same PATCHES and COPIES reuses it instead of ingesting again
# (BUNDLE_FRESH=1 starts from nothing). BUNDLE_ROUNDS (default 5) sets the number of rounds.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

QUICK=false
if [ "${1:-}" = --quick ]; then QUICK=true; shift; fi
PATCHES="${1:-$($QUICK && echo 200 || echo 700)}"
COPIES="${2:-$($QUICK && echo 2 || echo 5)}"
PORT="${PATCHSERVE_BENCH_PORT:-8092}"
DATA="$PATCHSERVE_ROOT/.state/bench-data/bundle-$PATCHES"
RESULT="$PATCHSERVE_ROOT/bench/results/bundle-$PATCHES-$(date -u +%Y%m%d-%H%M).md"
export PATCHSERVE_STATE="$PATCHSERVE_ROOT/.state/bench-bundle" PATCHSERVE_PG_PORT=55436 PATCHSERVE_S3_PORT=59004

[ "${BUNDLE_FRESH:-0}" = 1 ] && rm -f "$PATCHSERVE_STATE/.loaded"
if ! kept_stack "bundle-$PATCHES x $COPIES"; then
  if [ ! -f "$DATA/.complete" ]; then
    rm -rf "$DATA"
    log "writing $PATCHES incompressible 1000x1000 RGB PNGs (3 MB each) to $DATA ..."
    python3 bench/make_pngs.py "$DATA/release" "$PATCHES" 1000
    touch "$DATA/.complete"
  fi
  for copy in $(seq 1 "$COPIES"); do
    QUARKUS_HTTP_HOST_ENABLED=false QUARKUS_LOG_LEVEL=WARN "${APP[@]}" ingest --format smcefr --collection "pngs-$copy" "$DATA/release" \
      | grep -E '^ingest' >&2
  done
  loaded "bundle-$PATCHES x $COPIES"
fi

serve "$PORT"
curl -sf "http://localhost:$PORT/collections/pngs-1/bundle.tar?ids=x" -o /dev/null  # warm-up
# timed and peak_rss (lib.sh): the page cache holds the release and the S3 files alike after the first read

{
  echo "# Bundle benchmark, $PATCHES PNG patches (~$((PATCHES * 3)) MB), $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; service -Xmx1g; client (curl) on the same machine."
  echo
  echo "| what | seconds | bytes | MB/s | vs GNU |"
  echo "|---|---|---|---|---|"
} | tee "$RESULT"
# Each pair is measured twice: from disk (page cache dropped first, when root may: the usual case for a 2 GB
# bundle) and from memory (everything cached: a CPU-bound comparison).
drop_caches() { sync; if [ -w /proc/sys/vm/drop_caches ]; then echo 3 > /proc/sys/vm/drop_caches; return 0; fi; return 1; }
measure() { # label, then a command whose stdout is the archive
  local label=$1; shift
  if drop_caches; then read -r t n < <(timed "$@"); echo "$label|disk|$t|$n"; fi
  timed "$@" >/dev/null
  read -r t n < <(timed "$@"); echo "$label|cache|$t|$n"
}
# The ceiling that S3 sets: the same objects fetched straight from the S3 server by curl (one connection, the
# bundle's order, SigV4), with no service and no archive in between. A bundle cannot be faster than its reads.
# Body hashes are not signed (UNSIGNED-PAYLOAD), as the service's own client does for GETs.
S3_GETS="$PATCHSERVE_STATE/s3-gets.curl"
{
  echo 'header = "x-amz-content-sha256: UNSIGNED-PAYLOAD"'
  PGPASSWORD="$QUARKUS_DATASOURCE_PASSWORD" psql -X -At -h 127.0.0.1 -p "$PATCHSERVE_PG_PORT" -U "$QUARKUS_DATASOURCE_USERNAME" \
    -c "SELECT a.value->>'objectKey' FROM item i, jsonb_each(i.assets) a WHERE i.collection_id = 'pngs-1' ORDER BY i.id, a.key" \
    | while read -r key; do printf 'url = "%s/%s/%s"\noutput = "/dev/stdout"\n' "$PATCHSERVE_STORAGE_ENDPOINT" "$PATCHSERVE_STORAGE_BUCKET" "$key"; done
} > "$S3_GETS"
# sh -c "$S3_READ" "$S3_GETS" [RELAY_PORT]: those reads, straight from S3 or through a relay on RELAY_PORT
S3_READ='curl -sf --aws-sigv4 "aws:amz:us-east-1:s3" --user "$PATCHSERVE_STORAGE_ACCESS_KEY:$PATCHSERVE_STORAGE_SECRET_KEY" ${1:+--connect-to "::127.0.0.1:$1"} -K "$0"'
$QUICK || {
  (cd "$DATA/release" && measure "GNU tar + gzip -6, local files" sh -c 'tar -cf - . | gzip -6')
  (cd "$DATA/release" && measure "GNU tar -cf, local files" tar -cf - .)
  measure "Patchserve bundle.tar.gz over HTTP" curl -sf "http://localhost:$PORT/collections/pngs-1/bundle.tar.gz"
  measure "Patchserve bundle.tar over HTTP" curl -sf "http://localhost:$PORT/collections/pngs-1/bundle.tar"
  measure "S3 server alone: the same objects by curl" sh -c "$S3_READ" "$S3_GETS"
} > "$PATCHSERVE_STATE/timings.txt"
$QUICK || python3 - "$PATCHSERVE_STATE/timings.txt" <<'PYEOF' | tee -a "$RESULT"
import sys
rows = [line.strip().split("|") for line in open(sys.argv[1]) if line.strip()]
t = {(label, where): (float(sec), float(n)) for label, where, sec, n in rows}
ref = {"Patchserve bundle.tar.gz over HTTP": ("GNU tar + gzip -6, local files", 1.5),
       "Patchserve bundle.tar over HTTP": ("GNU tar -cf, local files", 0.8),
       "S3 server alone: the same objects by curl": ("GNU tar -cf, local files", 0.8)}
for (label, where), (sec, n) in t.items():
    note = ""
    if label in ref and (ref[label][0], where) in t:
        gnu = t[(ref[label][0], where)][0]
        note = f"{gnu / sec:.2f}x the speed of {ref[label][0].split(',')[0]}"
        note += " (the ceiling for bundle.tar)" if label.startswith("S3") else f" (target >= {ref[label][1]}x)"
    print(f"| {label} ({'page cache dropped' if where == 'disk' else 'all in page cache'}) | {sec:.1f} | {n:.0f} | {n / sec / 1e6:.0f} | {note} |")
PYEOF

COLLECTIONS="$(python3 -c "import json,sys; print(json.dumps({'collections': ['pngs-%d' % i for i in range(1, $COPIES + 1)]}))")"
rss_small=$(peak_rss curl -sf "http://localhost:$PORT/collections/pngs-1/bundle.tar.gz" -o /dev/null -w '%{size_download}')
small_bytes=$(cat "$PATCHSERVE_STATE/last.txt")
rss_large=$(peak_rss curl -sf -X POST -H 'Content-Type: application/json' -d "$COLLECTIONS" "http://localhost:$PORT/search/bundle.tar.gz" -o /dev/null -w '%{size_download}')
large_bytes=$(cat "$PATCHSERVE_STATE/last.txt")
{
  echo
  echo "| peak RSS of the service while streaming | MB |"
  echo "|---|---|"
  echo "| $small_bytes bytes (one collection) | $rss_small |"
  echo "| $large_bytes bytes ($COPIES collections, POST /search/bundle.tar.gz) | $rss_large |"
  echo
  echo "Difference: $((rss_large - rss_small)) MB (target: within 64 MB)."
} | tee -a "$RESULT"
# GNU tar -cf of cached files took anywhere from 1.2 to 10 s on this VM within one afternoon, so one pair of
# runs says little about the .tar ratio: five interleaved rounds of the three .tar readers, all cached, with
# each round's ratios and the medians.
ROUNDS="${BUNDLE_ROUNDS:-5}"
# The floor of any relay: the same S3 reads through bench/relay_floor.py, which only passes bytes on (by splice(2),
# and by a user-space copy as a JVM must), so they cross loopback twice as a bundle's do.
RELAY_SPLICE=$((PORT + 100)) RELAY_COPY=$((PORT + 101))
python3 bench/relay_floor.py "$RELAY_SPLICE" "$PATCHSERVE_S3_PORT" > "$PATCHSERVE_STATE/relay-splice.log" &
RELAYS=$!
python3 bench/relay_floor.py "$RELAY_COPY" "$PATCHSERVE_S3_PORT" --copy > "$PATCHSERVE_STATE/relay-copy.log" &
RELAYS="$RELAYS $!"
trap 'kill $SERVICE $RELAYS 2>/dev/null || true' EXIT
until grep -q ready "$PATCHSERVE_STATE/relay-splice.log" && grep -q ready "$PATCHSERVE_STATE/relay-copy.log"; do sleep 0.1; done
s3_read() { # [RELAY_PORT]: the bundle's objects by curl, straight from S3 or through a relay
  timed sh -c "$S3_READ" "$S3_GETS" "${1:-}"
}
# the 10.5 GB bundle above pushed the release and the 2.1 GB of objects out of the page cache: read them back first
(cd "$DATA/release" && timed tar -cf - . >/dev/null)
timed curl -sf "http://localhost:$PORT/collections/pngs-1/bundle.tar" >/dev/null
for round in $(seq 1 "$ROUNDS"); do
  read -r tar_s _ < <(cd "$DATA/release" && timed tar -cf - .)
  read -r bundle_s _ < <(timed curl -sf "http://localhost:$PORT/collections/pngs-1/bundle.tar")
  read -r s3_s s3_n < <(s3_read)
  read -r splice_s splice_n < <(s3_read "$RELAY_SPLICE")
  read -r copy_s copy_n < <(s3_read "$RELAY_COPY")
  [ "$s3_n" = "$splice_n" ] && [ "$s3_n" = "$copy_n" ] || die "the relays passed on $splice_n and $copy_n bytes of $s3_n"
  echo "$tar_s $bundle_s $s3_s $splice_s $copy_s"
done > "$PATCHSERVE_STATE/rounds.txt"
python3 - "$PATCHSERVE_STATE/rounds.txt" <<'PYEOF' | tee -a "$RESULT"
import statistics, sys
rounds = [tuple(map(float, line.split())) for line in open(sys.argv[1]) if line.strip()]
print("\n## .tar in interleaved rounds (all in page cache)\n")
print("| round | GNU tar -cf s | bundle.tar s | S3 server alone s | via splice relay s | via copying relay s "
      "| **bundle.tar vs the S3 read** | splice relay vs the S3 read | copying relay vs the S3 read "
      "| bundle.tar vs the copying relay | bundle.tar vs tar -cf |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for i, (tar, bundle, s3, splice, copy) in enumerate(rounds, 1):
    print(f"| {i} | {tar:.2f} | {bundle:.2f} | {s3:.2f} | {splice:.2f} | {copy:.2f} | **{s3 / bundle:.2f}x** "
          f"| {s3 / splice:.2f}x | {s3 / copy:.2f}x | {copy / bundle:.2f}x | {tar / bundle:.2f}x |")
def summary(ratios):
    return f"median {statistics.median(ratios):.2f}x, range {min(ratios):.2f}-{max(ratios):.2f}x"
floor = [r[2] / r[1] for r in rounds]
print(f"\nbundle.tar's speed vs reading the same objects straight from S3 (its floor): {summary(floor)}, "
      f"target >= 0.8x met in {sum(r >= 0.8 for r in floor)} of {len(floor)} rounds.")
print(f"The same S3 reads through a relay that only passes bytes on, vs straight from S3: splice {summary([r[2] / r[3] for r in rounds])}, "
      f"user-space copy {summary([r[2] / r[4] for r in rounds])}. bundle.tar vs the copying relay: {summary([r[4] / r[1] for r in rounds])}.")
print(f"Medians vs tar -cf: bundle.tar {statistics.median(r[0] / r[1] for r in rounds):.2f}x, "
      f"the S3 server alone {statistics.median(r[0] / r[2] for r in rounds):.2f}x.")
PYEOF
log "results written to $RESULT"
