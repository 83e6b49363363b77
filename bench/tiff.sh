#!/usr/bin/env bash
# GeoTIFF decoding on the BigEarthNet ingest path (issue #15): Patchserve's own reader against the JDK's ImageIO
# TIFF plugin, TwelveMonkeys imageio-tiff and Apache SIS sis-geotiff, same files, interleaved rounds.
#   bench/tiff.sh [PATCHES] [ROUNDS]
# The candidate libraries are resolved into .state/bench-tiff (not project dependencies).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../deploy/local/lib.sh"
cd "$PATCHSERVE_ROOT"

PATCHES="${1:-200}"
ROUNDS="${2:-5}"
WORK="$PATCHSERVE_ROOT/.state/bench-tiff"
RESULT="$PATCHSERVE_ROOT/bench/results/tiff-$PATCHES-$(date -u +%Y%m%d-%H%M).md"
use_java
ensure_command gdal_translate gdal-bin
ensure_python_env

mkdir -p "$WORK"
if [ ! -f "$WORK/release-$PATCHES/.complete" ]; then
  rm -rf "$WORK/release-$PATCHES"
  log "making $PATCHES BigEarthNet-like patches with GDAL ..."
  "$PATCHSERVE_PYTHON" src/test/python/make_bigearthnet.py "$WORK/release-$PATCHES" "$PATCHES" >/dev/null
  touch "$WORK/release-$PATCHES/.complete"
fi
cat > "$WORK/pom.xml" <<'POM'
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>tiff-readers</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.apache.sis.storage</groupId><artifactId>sis-geotiff</artifactId><version>1.6</version></dependency>
    <dependency><groupId>com.twelvemonkeys.imageio</groupId><artifactId>imageio-tiff</artifactId><version>3.14.0</version></dependency>
  </dependencies>
</project>
POM
./mvnw -q -B -f "$WORK/pom.xml" dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
./mvnw -q -B compile
{
  echo "# GeoTIFF readers on BigEarthNet-like patches ($(date -u +%Y-%m-%dT%H:%MZ))"
  echo
  java -Xmx1g -cp "target/classes:$(cat "$WORK/cp.txt")" bench/TiffBench.java "$WORK/release-$PATCHES" "$ROUNDS" 2>/dev/null
} | tee "$RESULT"
