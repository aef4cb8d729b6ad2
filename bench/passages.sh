#!/usr/bin/env bash
# The checkpoint issue's figures on the district demo: passages recorded through the HTTP API by a
# guard (the pass's signature checked, the decision taken, the row inserted), closed-loop at full
# speed and open-loop at a fixed rate with p50/p95/p99; raw single-row INSERTs into the same table
# from the same number of client threads, and the ratio; the passage log read back.
# Usage: bench/passages.sh [threads] [seconds] [rate]     (defaults 8, 30, 500)
#   BENCH_SCALE=street bench/passages.sh 4 5 100   is a quick smoke run on the street demo
#   BENCH_CLIENT_OPTS="-Dwarmup=20 -Dholders=2000" sets the warm-up seconds (10) and the passes issued (1000)
set -euo pipefail
cd "$(dirname "$0")/.."
THREADS=${1:-8}
SECONDS_EACH=${2:-30}
RATE=${3:-500}
SCALE=${BENCH_SCALE:-district}
JAR=target/shouwang-0.1.0-SNAPSHOT.jar
[ -f "$JAR" ] || ./mvnw -q -B package -DskipTests
# run a copy, so that a build during the run (tests package the jar) cannot pull it from under the server
cp "$JAR" "${TMPDIR:-/tmp}/shouwang-bench-$$.jar" && JAR="${TMPDIR:-/tmp}/shouwang-bench-$$.jar"
if [ "$SCALE" = district ]; then DATA=${BENCH_DATA:-/tmp/shouwang-district}; else DATA=${BENCH_DATA:-/tmp/shouwang-$SCALE-bench}; fi
PORT=${BENCH_PORT:-18081}
PG_PORT=${BENCH_PG_PORT:-54330}
LOG=$(mktemp /tmp/shouwang-passage-bench.XXXXXX.log)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server: java -Xmx1g -jar $JAR ($SCALE demo in $DATA)"
java -Xmx1g -jar "$JAR" --shouwang.data-dir="$DATA" --shouwang.demo.scale="$SCALE" --server.port="$PORT" \
  --shouwang.embedded.port="$PG_PORT" > "$LOG" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true; wait $APP 2>/dev/null || true; rm -f "$JAR"' EXIT
until grep -q "Shouwang is ready" "$LOG"; do
  kill -0 "$APP" 2>/dev/null || { echo "server died, see $LOG"; exit 1; }
  sleep 0.5
done
javac -d target/bench bench/Bench.java bench/PassageBench.java
java -Xmx512m ${BENCH_CLIENT_OPTS:-} -cp target/bench PassageBench "http://localhost:$PORT" "$PG_PORT" "$JAR" "$THREADS" "$SECONDS_EACH" "$RATE"
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg); server log: $LOG"
