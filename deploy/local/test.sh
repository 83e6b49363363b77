#!/usr/bin/env bash
# Runs every test against a real PostGIS and S3 server: starts the test stack (its own state folder and
# ports, so a running demo is untouched), runs `mvnw verify`, and stops the stack again.
# Extra arguments go to Maven, e.g. deploy/local/test.sh -Dtest=AssetDownloadTest
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$PATCHSERVE_ROOT"

# Must match io.patchserve.testing.LocalStack.
export PATCHSERVE_STATE="$PATCHSERVE_ROOT/.state/test" PATCHSERVE_PG_PORT=55433 PATCHSERVE_S3_PORT=59001
export PATCHSERVE_PG_OPTIONS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"

use_java
ensure_command gdal_translate gdal-bin
ensure_command zstd zstd
ensure_python_env
ensure_browser_tools
trap 'deploy/local/stack.sh stop' EXIT
deploy/local/stack.sh start
./mvnw -B verify "$@"
