#!/usr/bin/env bash
# `make bench`: every benchmark of the project against one binary, each with its baseline measured
# in the same run — HTTP vs nginx (bench/run.sh), upload checks vs OpenCV alone (bench/image),
# SIM import vs `sqlite3 .import` (bench/import), the review back office on SQLite and PostgreSQL
# (bench/review; a throwaway PostgreSQL is started when SIMREG_TEST_PG_URL is unset).
# Exit 0 when every benchmark met its target, 1 when one missed, 2 when one could not run.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
build=${BENCH_BUILD_DIR:-$root/build-release}
export SIMREG_BIN=${SIMREG_BIN:-$build/simreg}
image_bench=${IMAGE_BENCH:-$build/src/imaging/bench_image/simreg_image_bench}

pg_dir=""
cleanup() { [[ -n $pg_dir ]] && "$root/scripts/pg-test-server.sh" stop "$pg_dir" >/dev/null 2>&1; }
trap cleanup EXIT
if [[ -z ${SIMREG_TEST_PG_URL:-} ]]; then
  pg_dir=$(mktemp -d /tmp/simreg-bench-pg.XXXXXX)
  if "$root/scripts/pg-test-server.sh" start "$pg_dir" >/dev/null; then
    SIMREG_TEST_PG_URL=$(cat "$pg_dir/url")
    export SIMREG_TEST_PG_URL
  else
    echo "bench: could not start PostgreSQL; the review bench runs on SQLite only" >&2
  fi
fi

worst=0
run() {
  local name=$1
  shift
  echo "== bench: $name"
  "$@"
  local status=$?
  echo "== bench: $name exit $status"
  ((status > worst)) && worst=$status
  summary+=("$name: $([[ $status == 0 ]] && echo PASS || { [[ $status == 1 ]] && echo FAIL || echo 'COULD NOT RUN'; })")
}
summary=()
run "http (wrk vs nginx)" "$here/run.sh"
run "image checks (vs OpenCV decode + detector)" "$image_bench"
run "sims import (vs sqlite3 .import)" env SIMREG="$SIMREG_BIN" "$here/import/run.sh"
run "review (claims and decisions)" "$here/review/run.sh"
printf '%s\n' "== bench summary" "${summary[@]}"
exit $worst
