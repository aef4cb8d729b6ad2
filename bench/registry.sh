#!/usr/bin/env bash
# The registry issue's figures on the district demo (about 1.3 million persons):
# exact ID lookup p95, filtered list page p95, export of every person to .xlsx with a 512 MB heap.
# The district data directory is kept in $BENCH_DATA (default /tmp/shouwang-district) and made on
# the first run (about a minute). Usage: bench/registry.sh
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/shouwang-0.1.0-SNAPSHOT.jar
[ -f "$JAR" ] || ./mvnw -q -B package -DskipTests
# run a copy, so that a build during the run (tests package the jar) cannot pull it from under the server
cp "$JAR" "${TMPDIR:-/tmp}/shouwang-bench-$$.jar" && JAR="${TMPDIR:-/tmp}/shouwang-bench-$$.jar"
DATA=${BENCH_DATA:-/tmp/shouwang-district}
PORT=${BENCH_PORT:-18081}
LOG=$(mktemp /tmp/shouwang-registry-bench.XXXXXX.log)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "server: java -Xmx512m -jar $JAR (district demo in $DATA)"
java -Xmx512m -jar "$JAR" --shouwang.data-dir="$DATA" --shouwang.demo.scale=district --server.port="$PORT" --shouwang.embedded.port="${BENCH_PG_PORT:-54330}" > "$LOG" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true; wait $APP 2>/dev/null || true; rm -f "$JAR"' EXIT
until grep -q "Shouwang is ready" "$LOG"; do
  kill -0 "$APP" 2>/dev/null || { echo "server died, see $LOG"; exit 1; }
  sleep 0.5
done
grep -o 'Demo data (district) loaded: .*' "$LOG" || echo "district demo already present"
java bench/RegistryBench.java "http://localhost:$PORT"
