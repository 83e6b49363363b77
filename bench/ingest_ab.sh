#!/usr/bin/env bash
# Ingest A/B (issue #23): two builds of the service side by side on bench/crop.sh's stack and data, importing the
# same BigEarthNet-like folders in turn, so that both see the same minutes of this machine's drifting speed.
#   bench/ingest_ab.sh OLD_APP_DIR [PATCHES]
# OLD_APP_DIR is a copy of an earlier build's target/quarkus-app (cp -r target/quarkus-app /tmp/app-old before the
# change); the working tree is packaged as the new one. Needs bench/crop.sh PATCHES to have run once (its data
# and stack; default 300). AB_WARM (default 2) warm-up imports each, then AB_ROUNDS (default 5) rounds; each
# prints the service CPU per patch with and without its JIT compiler threads, old then new. Methods called once
# per patch reach the C2 compiler only after thousands of patches: AB_WARM=14 (4,200 patches) measures the steady
# state of a long ingest. AB_OPTS adds JVM options to both, AB_NEW_OPTS to the new one only (to try a JVM flag:
# the same build as OLD_APP_DIR, AB_NEW_OPTS set). Both run an import process's JVM options, its collector
# (-XX:+UseParallelGC) among them: another collector must turn that one off, e.g. AB_NEW_OPTS="-XX:-UseParallelGC
# -XX:+UseG1GC" (two collectors stop a JVM). AB_JFR, a JFR settings file, records the new build's measured
# rounds (not its warm-up) to $PATCHSERVE_STATE/ab-new.jfr.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

OLD="${1:?usage: bench/ingest_ab.sh OLD_APP_DIR [PATCHES]}"
PATCHES="${2:-300}"
DATA="$PATCHSERVE_ROOT/.state/bench-data/crop-$PATCHES"
[ -f "$OLD/quarkus-run.jar" ] || die "$OLD has no quarkus-run.jar"
[ -f "$DATA/.complete" ] || die "no data in $DATA: run bench/crop.sh $PATCHES first"
export PATCHSERVE_STATE="$PATCHSERVE_ROOT/.state/bench-crop" PATCHSERVE_PG_PORT=55435 PATCHSERVE_S3_PORT=59003
use_java
start_stack

start() { # APP_DIR PORT [JVM OPTIONS]: the service of that build, importing in its own JVM with an import
  # process's JVM options (the throughput collector); prints its pid
  PATCHSERVE_INGEST_IMPORT_ROOT="$DATA" PATCHSERVE_AUTH_WRITE_KEYS=bench-key PATCHSERVE_INGEST_IMPORT_ISOLATION=in-service \
    QUARKUS_HTTP_PORT="$2" QUARKUS_LOG_LEVEL=WARN java "${PATCHSERVE_COMMAND_JVM_OPTS[@]}" -Xmx1g -XX:-UseDynamicNumberOfCompilerThreads ${AB_OPTS:-} ${3:-} \
    -jar "$1/quarkus-run.jar" > "$PATCHSERVE_STATE/ab-$2.log" 2>&1 &
  echo $!
}
OLD_PID=$(start "$OLD" 8091)
NEW_PID=$(start target/quarkus-app 8093 "${AB_NEW_OPTS:-}")
trap 'kill $OLD_PID $NEW_PID 2>/dev/null || true' EXIT
wait_ready 8091
wait_ready 8093

cpu() { (cd bench && python3 -c "from proc_cpu import used_ms, compiler_ms; print(used_ms('/proc/$1/stat'), compiler_ms($1))"); }
import_cpu() { # PORT PID COLLECTION: "ms/patch ms/patch-without-JIT"
  local status before after
  before=$(cpu "$2")
  status="$(run_import "$1" "$3")"
  after=$(cpu "$2")
  python3 -c '
import json, sys
s = json.loads(sys.argv[1]); b = sys.argv[2].split(); a = sys.argv[3].split(); n = s["created"]
if s["state"] != "succeeded" or n == 0: sys.exit("import " + s["state"] + ": " + sys.argv[1])
total, jit = (float(a[0]) - float(b[0])) / n, (float(a[1]) - float(b[1])) / n
print(f"{total:.1f} {total - jit:.1f}")' "$status" "$before" "$after"
}

RUN=$(date +%s)
for warm in $(seq 1 "${AB_WARM:-2}"); do
  import_cpu 8091 "$OLD_PID" "ab-old-warm$warm-$RUN" >/dev/null
  import_cpu 8093 "$NEW_PID" "ab-new-warm$warm-$RUN" >/dev/null
done
[ -z "${AB_JFR:-}" ] || jcmd "$NEW_PID" JFR.start name=ab settings="$AB_JFR" > /dev/null
echo "| round | old ms/patch | old without JIT | new ms/patch | new without JIT |"
echo "|---|---|---|---|---|"
for round in $(seq 1 "${AB_ROUNDS:-5}"); do
  read -r old old_warm < <(import_cpu 8091 "$OLD_PID" "ab-old-$round-$RUN")
  read -r new new_warm < <(import_cpu 8093 "$NEW_PID" "ab-new-$round-$RUN")
  echo "| $round | $old | $old_warm | $new | $new_warm |"
done
if [ -n "${AB_JFR:-}" ]; then
  jcmd "$NEW_PID" JFR.dump name=ab filename="$PATCHSERVE_STATE/ab-new.jfr" > /dev/null
  echo "the new build's rounds recorded in $PATCHSERVE_STATE/ab-new.jfr"
fi
