#!/usr/bin/env bash
# The registry import figure: a 1,000,000-row .xlsx imported through the application on the
# district demo (the same upload, mapping and background job as the page), against a raw COPY.
# Usage: bench/import.sh [rows]   (needs psql for the COPY comparison: apt-get install postgresql-client)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/server.sh
[ -f target/cp.txt ] || ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/cp.txt
start_server import 1g district
java -Xmx1g -cp "$(cat target/cp.txt)" bench/ImportBench.java "http://localhost:$PORT" "${1:-1000000}" "$PG_PORT"
