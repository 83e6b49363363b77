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

as_root_or_sudo() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root to run: $*"; fi
}
