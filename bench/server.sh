# Sourced by the benchmark scripts: starts Shouwang from a copy of the jar on a demo database
# and waits until it is ready; stops it and removes the copy when the script exits.
#   start_server NAME HEAP [SCALE]    e.g. start_server survey 1g district
# BENCH_JAVA_OPTS adds JVM options to the server (e.g. -XX:StartFlightRecording=filename=/tmp/p.jfr to profile).
# Sets JAR, DATA, PORT, PG_PORT, LOG and APP. The database stays in $BENCH_DATA
# (default /tmp/shouwang-district for the district demo) so the next run starts in seconds.
start_server() {
  local name=$1 heap=$2 scale=${3:-district}
  JAR=target/shouwang-0.1.0-SNAPSHOT.jar
  [ -f "$JAR" ] || ./mvnw -q -B package -DskipTests
  # run a copy, so that a build during the run (tests package the jar) cannot pull it from under the server
  cp "$JAR" "${TMPDIR:-/tmp}/shouwang-bench-$$.jar" && JAR="${TMPDIR:-/tmp}/shouwang-bench-$$.jar"
  if [ "$scale" = district ]; then DATA=${BENCH_DATA:-/tmp/shouwang-district}; else DATA=${BENCH_DATA:-/tmp/shouwang-$scale-bench}; fi
  PORT=${BENCH_PORT:-18081}
  PG_PORT=${BENCH_PG_PORT:-54330}
  LOG=$(mktemp "/tmp/shouwang-$name-bench.XXXXXX.log")
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "server: java -Xmx$heap -jar $JAR ($scale demo in $DATA)"
  java -Xmx"$heap" ${BENCH_JAVA_OPTS:-} -jar "$JAR" --shouwang.data-dir="$DATA" --shouwang.demo.scale="$scale" --server.port="$PORT" \
    --shouwang.embedded.port="$PG_PORT" > "$LOG" 2>&1 &
  APP=$!
  trap 'kill $APP 2>/dev/null || true; wait $APP 2>/dev/null || true; rm -f "$JAR"' EXIT
  until grep -q "Shouwang is ready" "$LOG"; do
    kill -0 "$APP" 2>/dev/null || { echo "server died, see $LOG"; exit 1; }
    sleep 0.5
  done
}
