#!/usr/bin/env bash
# The survey issue's figures on the district demo (500,000 households): a round over the whole
# district is started, half of it is marked done (directly in the database: a fixture, not the
# measured path), then campaign progress is read at district, street and community level and
# visits are recorded through the API as a community worker.
# Usage: bench/survey.sh   (psql prepares the half-done round: apt-get install postgresql-client)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/server.sh
start_server survey 1g district
javac -d target/bench bench/Bench.java bench/SurveyBench.java
java -cp target/bench SurveyBench "http://localhost:$PORT" "$PG_PORT"
