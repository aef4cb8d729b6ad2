#!/usr/bin/env bash
# The registry import figure: a 1,000,000-row .xlsx imported through the application on the
# district demo (the same upload, mapping and background job as the page), against a raw COPY.
# Usage: bench/import.sh [rows]   (needs psql for the COPY comparison: apt-get install postgresql-client)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/shouwang-0.1.0-SNAPSHOT.jar
[ -f "$JAR" ] || ./mvnw -q -B package -DskipTests
# run a copy, so that a build during the run (tests package the jar) cannot pull it from under the server
cp "$JAR" "${TMPDIR:-/tmp}/shouwang-bench-$$.jar" && JAR="${TMPDIR:-/tmp}/shouwang-bench-$$.jar"
[ -f target/cp.txt ] || ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/cp.txt
DATA=${BENCH_DATA:-/tmp/shouwang-district}
PORT=${BENCH_PORT:-18081}
PG_PORT=${BENCH_PG_PORT:-54330}
LOG=$(mktemp /tmp/shouwang-import-bench.XXXXXX.log)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
java -Xmx1g -jar "$JAR" --shouwang.data-dir="$DATA" --shouwang.demo.scale=district --server.port="$PORT" \
  --shouwang.embedded.port="$PG_PORT" > "$LOG" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true; wait $APP 2>/dev/null || true; rm -f "$JAR"' EXIT
until grep -q "Shouwang is ready" "$LOG"; do
  kill -0 "$APP" 2>/dev/null || { echo "server died, see $LOG"; exit 1; }
  sleep 0.5
done
java -Xmx1g -cp "$(cat target/cp.txt)" bench/ImportBench.java "http://localhost:$PORT" "${1:-1000000}" "$PG_PORT"
