#!/usr/bin/env bash
# Measures what the foundation issue asks for, on this machine:
#   1. first start of the built jar on a fresh data directory (street demo generated on the way)
#   2. cold start of the same jar on the existing data (JVM and PostgreSQL both start cold)
#   3. heap in use after start, after a full GC
#   4. time to generate the district demo (500,000 households, ~1.3 million persons)
# Usage: bench/startup.sh [--skip-district]
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/shouwang-0.1.0-SNAPSHOT.jar
[ -f "$JAR" ] || ./mvnw -q -B package -DskipTests
# run a copy, so that a build during the run (tests package the jar) cannot pull it from under the server
cp "$JAR" "${TMPDIR:-/tmp}/shouwang-bench-$$.jar" && JAR="${TMPDIR:-/tmp}/shouwang-bench-$$.jar"
WORK=$(mktemp -d /tmp/shouwang-bench.XXXXXX)
PORT=${BENCH_PORT:-18080}

start() { # $1 = data dir, $2 = log, rest = extra args; sets APP (pid) and ELAPSED (seconds to ready)
  local t0 t1
  t0=$(date +%s.%N)
  java -jar "$JAR" --shouwang.data-dir="$1" --server.port="$PORT" "${@:3}" > "$2" 2>&1 &
  APP=$!
  until grep -q "Shouwang is ready" "$2"; do
    if ! kill -0 "$APP" 2>/dev/null; then echo "app died, see $2" >&2; exit 1; fi
    sleep 0.1
  done
  t1=$(date +%s.%N)
  ELAPSED=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
}
stop() { kill "$APP"; wait "$APP" 2>/dev/null || true; }
trap 'kill "${APP:-}" 2>/dev/null || true; rm -f "$JAR"' EXIT

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
start "$WORK/street" "$WORK/first.log"; first=$ELAPSED
echo "first start (fresh data dir, street demo generated): ${first} s  [$(grep -o 'loaded: .*' "$WORK/first.log")]"
stop
start "$WORK/street" "$WORK/cold.log"; cold=$ELAPSED
echo "cold start to ready (existing data, street demo):    ${cold} s  [Spring: $(grep -o 'Started ShouwangApplication in [0-9.]* seconds' "$WORK/cold.log")]"
jcmd "$APP" GC.run > /dev/null
heap=$(jcmd "$APP" GC.heap_info | awk '/garbage-first heap/ {for (i=1;i<=NF;i++) if ($i=="used") print $(i+1)}')
echo "heap in use after start and a full GC:              ${heap}"
stop
if [ "${1:-}" != "--skip-district" ]; then
  start "$WORK/district" "$WORK/district.log" --shouwang.demo.scale=district; district=$ELAPSED
  echo "district demo generated and ready:                  ${district} s  [$(grep -o 'loaded: .*' "$WORK/district.log")]"
  echo "district data directory size:                       $(du -sh "$WORK/district" | cut -f1)"
  # the district admin's pages, which count and list over the whole district
  jar="$WORK/cookies"; base="http://localhost:$PORT"
  csrf=$(curl -s -c "$jar" -b "$jar" "$base/login" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//;s/"$//')
  curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "username=admin" --data-urlencode "password=Demo@2026!" \
    --data-urlencode "_csrf=$csrf" "$base/login"
  for page in / /jurisdictions/1 /users /audit; do
    curl -s -b "$jar" -o /dev/null "$base$page"   # warm-up
    t=$(for i in 1 2 3 4 5; do curl -s -b "$jar" -o /dev/null -w '%{time_total}\n' "$base$page"; done | sort -n | sed -n 3p)
    echo "district admin page $page, median of 5:            ${t} s"
  done
  stop
fi
rm -rf "$WORK"
