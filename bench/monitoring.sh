#!/usr/bin/env bash
# The monitoring issue's figures on the district demo: 50,000 persons under measures for 14 days
# with two checks a day (1.4 million checks, 3% missed) are made by a fixture (psql, not the
# measured path); then the not-reported list and the team dashboard are read, and checks are
# recorded through the API.
# Usage: bench/monitoring.sh   (psql makes the fixture: apt-get install postgresql-client)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/server.sh
start_server monitoring 1g district
javac -d target/bench bench/Bench.java bench/MonitoringBench.java
java -cp target/bench MonitoringBench "http://localhost:$PORT" "$PG_PORT"
