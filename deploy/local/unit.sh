#!/usr/bin/env bash
# The fast tier: tests of pure logic, tagged "unit" (parsers, compilers, codecs, archive framing, the package
# map), with no PostGIS and no S3 server; they run in seconds. Extra arguments go to Maven, e.g.
#   deploy/local/unit.sh -Dtest=FilterCompilerTest
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$PATCHSERVE_ROOT"

use_java
ensure_command gdal_translate gdal-bin
ensure_command zstd zstd
ensure_python_env
# Only the tagged classes are handed to surefire: Quarkus 3.37 builds an application for every @QuarkusTest class
# JUnit loads, even one a tag filter then excludes (quarkusio/quarkus#54435), which cost ~45 s here.
unit_classes="$(grep -rl --include='*.java' '@Tag("unit")' src/test/java | xargs -n1 basename | sed 's/\.java$//' | sort | paste -sd, -)"
./mvnw -B test -Dgroups=unit -Dtest="$unit_classes" -Dsurefire.failIfNoSpecifiedTests=false "$@"
