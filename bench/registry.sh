#!/usr/bin/env bash
# The registry issue's figures on the district demo (about 1.3 million persons):
# exact ID lookup p95, filtered list page p95, export of every person to .xlsx with a 512 MB heap.
# The district data directory is kept in $BENCH_DATA (default /tmp/shouwang-district) and made on
# the first run (about a minute). Usage: bench/registry.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/server.sh
start_server registry 512m district
grep -o 'Demo data (district) loaded: .*' "$LOG" || echo "district demo already present"
java bench/RegistryBench.java "http://localhost:$PORT"
