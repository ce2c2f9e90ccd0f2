#!/usr/bin/env bash
# Everything CI runs: install, build (warnings are errors), then unit (GoogleTest via CTest),
# functional (pytest against build/simreg on SQLite and PostgreSQL), web unit (Vitest) and browser
# (Playwright + Debian's Chromium) suites. A throwaway PostgreSQL is started on a loopback port and
# stopped at the end. Ends with one line `N passed, N failed` over every suite.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RESULTS="$ROOT/test-results"
JOBS=${JOBS:-$(nproc)}

scripts/install-deps.sh || exit 1
rm -rf "$RESULTS" && mkdir -p "$RESULTS/screenshots"

echo "== build"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSIMREG_WERROR=ON -USIMREG_MODULES >/dev/null || exit 1
cmake --build build -j "$JOBS" || exit 1
(cd web && npm run --silent build >/dev/null) || { echo "web build failed"; exit 1; }

PGDIR=$(mktemp -d /tmp/simreg-pg.XXXXXX)
cleanup() { scripts/pg-test-server.sh stop "$PGDIR" >/dev/null 2>&1 || true; rm -rf "$PGDIR"; }
trap cleanup EXIT
SIMREG_TEST_PG_URL=$(scripts/pg-test-server.sh start "$PGDIR") || { echo "PostgreSQL did not start"; exit 1; }
export SIMREG_TEST_PG_URL SIMREG_BIN="$ROOT/build/simreg"

echo "== unit tests (C++, SQLite + PostgreSQL)"
(cd build && ctest -j "$JOBS" --timeout 300 --output-on-failure --output-junit "$RESULTS/unit-junit.xml" 2>&1 | tail -n 15)

echo "== functional tests (HTTP against build/simreg, SQLite + PostgreSQL)"
/usr/bin/python3 -m pytest -q -p no:cacheprovider tests/functional --junitxml="$RESULTS/functional-junit.xml" 2>&1 | tail -n 25

echo "== web unit tests (Vitest)"
(cd web && npm run --silent test 2>&1 | tail -n 8)

echo "== browser tests (Playwright, Chromium)"
(cd web && npm run --silent e2e 2>&1 | tail -n 20)

echo "== summary"
exec /usr/bin/python3 scripts/junit-summary.py "$RESULTS/unit-junit.xml" "$RESULTS/functional-junit.xml" \
  "$RESULTS/web-unit-junit.xml" "$RESULTS/browser-junit.xml"
