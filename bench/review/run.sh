#!/usr/bin/env bash
# bench/review/run.sh — review back office figures on both engines (claim latency p50/p99 with 50
# concurrent reviewers, decisions per second through the API). PostgreSQL runs when
# SIMREG_TEST_PG_URL is set (scripts/pg-test-server.sh start DIR). Prints one JSON line per engine.
# Usage: bench/review/run.sh [extra review_bench.py args]      env: SIMREG_BIN, SIMREG_TEST_PG_URL
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
status=0
/usr/bin/python3 "$here/review_bench.py" --engine sqlite "$@" || status=1
if [[ -n ${SIMREG_TEST_PG_URL:-} ]]; then
  /usr/bin/python3 "$here/review_bench.py" --engine postgres "$@" || status=1
else
  echo "bench/review: SIMREG_TEST_PG_URL not set, PostgreSQL skipped" >&2
fi
exit $status
