#!/usr/bin/env bash
# The reports issue's figures on the district demo (13 streets, 331 communities): the roll-up of
# the whole district computed from the records (every module's one grouped query over the 13
# streets, and over the 331 communities at a street), and read from stored daily figures once
# every community has submitted (the submissions are a psql fixture, not the measured path);
# then a community's report computed and submitted through the API.
# Usage: bench/reports.sh   (psql writes the fixture: apt-get install postgresql-client)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/server.sh
start_server reports 1g district
javac -d target/bench bench/Bench.java bench/ReportsBench.java
java -cp target/bench ReportsBench "http://localhost:$PORT" "$PG_PORT"
