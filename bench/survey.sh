#!/usr/bin/env bash
# The survey issue's figures on the district demo (500,000 households): a round over the whole
# district is started, half of it is marked done (directly in the database: a fixture, not the
# measured path), then campaign progress is read at district, street and community level and
# visits are recorded through the API as a community worker.
# Usage: bench/survey.sh   (psql prepares the half-done round: apt-get install postgresql-client)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/shouwang-0.1.0-SNAPSHOT.jar
[ -f "$JAR" ] || ./mvnw -q -B package -DskipTests
# run a copy, so that a build during the run (tests package the jar) cannot pull it from under the server
cp "$JAR" "${TMPDIR:-/tmp}/shouwang-bench-$$.jar" && JAR="${TMPDIR:-/tmp}/shouwang-bench-$$.jar"
DATA=${BENCH_DATA:-/tmp/shouwang-district}
PORT=${BENCH_PORT:-18081}
PG_PORT=${BENCH_PG_PORT:-54330}
LOG=$(mktemp /tmp/shouwang-survey-bench.XXXXXX.log)
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
javac -d target/bench bench/Bench.java bench/SurveyBench.java
java -cp target/bench SurveyBench "http://localhost:$PORT" "$PG_PORT"
