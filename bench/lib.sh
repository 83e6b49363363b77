# Shared by the benchmark scripts (source it after setting PATCHSERVE_STATE and the ports): a fresh stack of
# the benchmark's own, the packaged service, and starting it.
source "$(dirname "${BASH_SOURCE[0]}")/../deploy/local/lib.sh"
cd "$PATCHSERVE_ROOT"

# Stops and wipes $PATCHSERVE_STATE, starts PostGIS and S3 there, exports their settings and packages the
# service; APP then runs the packaged jar (the ingest command with arguments, the service without).
fresh_stack() {
  use_java
  deploy/local/stack.sh stop >/dev/null 2>&1 || true
  rm -rf "$PATCHSERVE_STATE"
  start_stack
}

# Starts the stack in $PATCHSERVE_STATE (as it is), exports its settings and packages the service.
start_stack() {
  deploy/local/stack.sh start
  set -a; eval "$(deploy/local/stack.sh env)"; set +a
  package_app
}

# Packages the service; APP then runs the packaged jar. PATCHSERVE_BENCH_JVM_OPTS adds JVM options, e.g. a
# flight recording to profile a run:
# PATCHSERVE_BENCH_JVM_OPTS="-XX:StartFlightRecording=filename=/tmp/run.jfr,settings=profile" bench/crop.sh 60 4 10
package_app() {
  ./mvnw -q -B package -DskipTests
  # shellcheck disable=SC2206
  # compiler threads kept (not stopped when idle), so that proc_cpu.py can tell the JIT's share of the service's CPU
  local run=(-Xmx1g -XX:-UseDynamicNumberOfCompilerThreads ${PATCHSERVE_BENCH_JVM_OPTS:-} -jar target/quarkus-app/quarkus-run.jar)
  APP=(java "${PATCHSERVE_JVM_OPTS[@]}" "${run[@]}")
  # the same with an ingest's JVM options (the one-shot command's and an import process's)
  INGEST_APP=(java "${PATCHSERVE_COMMAND_JVM_OPTS[@]}" "${run[@]}")
}

# kept_stack KEY: like fresh_stack, but keeps the stack of an earlier run whose data is KEY (written by
# loaded KEY once its data is in): then it only starts it again and packages the service. Returns 0 when the
# data is there already, 1 when the caller must load it.
kept_stack() {
  if [ -f "$PATCHSERVE_STATE/.loaded" ] && [ "$(cat "$PATCHSERVE_STATE/.loaded")" = "$1" ]; then
    use_java
    start_stack
    log "reusing the data loaded into $PATCHSERVE_STATE ($1)"
    return 0
  fi
  fresh_stack
  return 1
}

# loaded KEY: marks the stack's data as loaded for kept_stack.
loaded() { echo "$1" > "$PATCHSERVE_STATE/.loaded"; }

# serve PORT: starts the service in the background (log: $PATCHSERVE_STATE/service.log), killed on exit; sets
# SERVICE to its pid and returns once it is ready. Settings can be given as assignments before the call.
serve() {
  QUARKUS_HTTP_PORT="$1" QUARKUS_LOG_LEVEL=WARN "${APP[@]}" >"$PATCHSERVE_STATE/service.log" 2>&1 &
  SERVICE=$!
  trap 'kill $SERVICE 2>/dev/null || true' EXIT
  wait_ready "$1"
}

# wait_ready PORT: returns once the service on PORT is ready; gives up after ~30 s.
wait_ready() {
  for _ in $(seq 1 100); do curl -sf "http://localhost:$1/q/health/ready" >/dev/null && return; sleep 0.3; done
  die "the service did not become ready on port $1 (see its log in $PATCHSERVE_STATE)"
}

# run_import PORT COLLECTION: imports the BigEarthNet-like folders "ben" (under the service's import root) into
# COLLECTION through the HTTP API (write key bench-key), waits for the import to end and prints its last status.
run_import() {
  local id status
  id="$(curl -sf -H 'X-API-Key: bench-key' -H 'Content-Type: application/json' -d '{"format":"bigearthnet","source":"ben"}' \
    "http://localhost:$1/collections/$2/imports" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
  while :; do
    status="$(curl -sf -H 'X-API-Key: bench-key' "http://localhost:$1/imports/$id")"
    case "$status" in *'"state":"running"'*) ;; *) break ;; esac
    sleep 0.5
  done
  echo "$status"
}

# Seconds and bytes of a command's stdout, read through a pipe to the end ("SECONDS BYTES").
timed() { python3 "$PATCHSERVE_ROOT/bench/timed.py" "$@"; }

# Runs a command (stdout to $PATCHSERVE_STATE/last.txt) while sampling the RSS of the service ($SERVICE, see
# serve) every 0.2 s; prints the peak in MB.
peak_rss() { # runs a command while sampling the service's RSS; prints the peak in MB
  local peak=0 rss
  "$@" > "$PATCHSERVE_STATE/last.txt" &
  local job=$!
  while kill -0 $job 2>/dev/null; do
    rss=$(awk '/VmRSS/{print $2}' /proc/$SERVICE/status); [ "$rss" -gt "$peak" ] && peak=$rss; sleep 0.2
  done
  wait $job
  echo $((peak / 1024))
}
