#!/usr/bin/env bash
# The checkpoint issue's figures on the district demo: passages recorded through the HTTP API by a
# guard (the pass's signature checked, the decision taken, the row inserted), closed-loop at full
# speed and open-loop at a fixed rate with p50/p95/p99; raw single-row INSERTs into the same table
# from the same number of client threads, and the ratio; the passage log read back.
# Usage: bench/passages.sh [threads] [seconds] [rate]     (defaults 8, 30, 500)
#   BENCH_SCALE=street bench/passages.sh 4 5 100   is a quick smoke run on the street demo
#   BENCH_CLIENT_OPTS="-Dwarmup=20 -Dholders=2000 -Dbatch=50 -Donly=a" sets the warm-up seconds (60: on 2 cores the JIT compiles the request path for about a minute; a 10 s warm-up measured 287/s where 60 s measured 520/s) the passes issued (1000) the scans in one upload of phase (a') (50), and stops after phase (a) (for profiling)
set -euo pipefail
cd "$(dirname "$0")/.."
THREADS=${1:-8}
SECONDS_EACH=${2:-30}
RATE=${3:-500}
SCALE=${BENCH_SCALE:-district}
source bench/server.sh
start_server passage 1g "$SCALE"
javac -d target/bench bench/Bench.java bench/PassageBench.java
java -Xmx512m ${BENCH_CLIENT_OPTS:-} -cp target/bench PassageBench "http://localhost:$PORT" "$PG_PORT" "$JAR" "$THREADS" "$SECONDS_EACH" "$RATE"
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg); server log: $LOG"
