#!/usr/bin/env bash
# The reports issue's figures on the district demo (13 streets, 331 communities): the roll-up of
# the whole district computed from the records (every module's one grouped query over the 13
# streets, and over the 331 communities at a street), and read from stored daily figures once
# every community has submitted (the submissions are a psql fixture, not the measured path);
# then a community's report computed and submitted through the API.
# Usage: bench/reports.sh   (psql writes the fixture: apt-get install postgresql-client)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/shouwang-0.1.0-SNAPSHOT.jar
[ -f "$JAR" ] || ./mvnw -q -B package -DskipTests
cp "$JAR" "${TMPDIR:-/tmp}/shouwang-bench-$$.jar" && JAR="${TMPDIR:-/tmp}/shouwang-bench-$$.jar"
DATA=${BENCH_DATA:-/tmp/shouwang-district}
PORT=${BENCH_PORT:-18081}
PG_PORT=${BENCH_PG_PORT:-54330}
LOG=$(mktemp /tmp/shouwang-reports-bench.XXXXXX.log)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "server: java -Xmx1g -jar $JAR (district demo in $DATA)"
java -Xmx1g -jar "$JAR" --shouwang.data-dir="$DATA" --shouwang.demo.scale=district --server.port="$PORT" \
  --shouwang.embedded.port="$PG_PORT" > "$LOG" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true; wait $APP 2>/dev/null || true; rm -f "$JAR"' EXIT
until grep -q "Shouwang is ready" "$LOG"; do
  kill -0 "$APP" 2>/dev/null || { echo "server died, see $LOG"; exit 1; }
  sleep 0.5
done
javac -d target/bench bench/Bench.java bench/ReportsBench.java
java -cp target/bench ReportsBench "http://localhost:$PORT" "$PG_PORT"
