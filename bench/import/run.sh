#!/usr/bin/env bash
# bench/import/run.sh — the SIM inventory import benchmark (issue 3): `simreg sims import` of N
# generated rows (default 1,000,000) into a fresh SQLite data dir against the sqlite3 shell's
# `.import` of the same CSV into a plain table, measured in the same run, alternating, best of
# RUNS (default 3) each. Prints both times and the ratio (sqlite3 time / simreg time; >= 1 means
# simreg is at least as fast), writes bench/import/RESULTS.md, and exits 1 when simreg is slower.
#
# Usage: bench/import/run.sh [ROWS]      env: SIMREG (binary, default build/simreg), RUNS,
#                                              SIMREG_BENCH_DIR (scratch, default a temp dir)
set -euo pipefail

readonly here=$(cd "$(dirname "$0")" && pwd)
readonly root=$(cd "$here/../.." && pwd)
readonly rows=${1:-1000000}
readonly runs=${RUNS:-3}
simreg=${SIMREG:-$root/build/simreg}
[[ $simreg == /* ]] || simreg="$PWD/$simreg"
readonly simreg

die() {
  echo "bench/import: $*" >&2
  exit 2
}

command -v sqlite3 >/dev/null || die "sqlite3 not found (apt-get install sqlite3)"
[[ -x $simreg ]] || die "$simreg not found: build it first (make build) or set SIMREG"
[[ $rows =~ ^[0-9]+$ && $rows -gt 0 ]] || die "ROWS must be a positive number"

scratch=${SIMREG_BENCH_DIR:-}
cleanup_scratch=0
if [[ -z $scratch ]]; then
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/simreg-import-bench.XXXXXX")
  cleanup_scratch=1
fi
mkdir -p "$scratch"
cleanup() {
  rm -rf "$scratch/plain.db" "$scratch/plain.db-journal" "$scratch/data" "$scratch"/same.db*
  if [[ $cleanup_scratch -eq 1 ]]; then rm -rf "$scratch"; fi
}
trap cleanup EXIT

csv="$scratch/sims-$rows.csv"
if [[ ! -s $csv ]]; then
  echo "Generating $rows rows ..." >&2
  python3 "$here/generate_csv.py" "$rows" "$csv"
fi

now() { python3 -c 'import time; print(f"{time.monotonic():.6f}")'; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$1" "$2"; }

# sqlite3's .import: one transaction into a new table with no constraints or indexes.
time_sqlite3() {
  rm -f "$scratch/plain.db" "$scratch/plain.db-journal"
  local start end
  start=$(now)
  sqlite3 "$scratch/plain.db" ".mode csv" ".import $csv plain"
  end=$(now)
  local count
  count=$(sqlite3 "$scratch/plain.db" "SELECT COUNT(*) FROM plain")
  [[ $count -eq $rows ]] || die "sqlite3 imported $count rows, expected $rows"
  elapsed "$start" "$end"
}

# The second baseline: sqlite3 doing simreg's storage work alone — the same columns, value sizes and
# indexes, WAL with synchronous=FULL, checkpointed at the end — with no validation or crypto. It says
# how much of simreg's time is the storage the issue's plain-table baseline leaves out.
readonly same_schema="PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;
CREATE TABLE sim_lines (id TEXT PRIMARY KEY, msisdn_index TEXT NOT NULL, msisdn_sealed BLOB NOT NULL,
  iccid TEXT NOT NULL, status TEXT NOT NULL, activated_at BIGINT NOT NULL, registration_deadline BIGINT NOT NULL,
  created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);"
readonly same_indexes="CREATE UNIQUE INDEX sim_lines_by_msisdn ON sim_lines (msisdn_index);
CREATE UNIQUE INDEX sim_lines_by_iccid ON sim_lines (iccid);
CREATE INDEX sim_lines_by_deadline ON sim_lines (status, registration_deadline);
PRAGMA wal_checkpoint(TRUNCATE);"
same_csv="$scratch/same-work-$rows.csv"
time_same_work() {
  rm -f "$scratch/same.db" "$scratch/same.db-wal" "$scratch/same.db-shm"
  sqlite3 "$scratch/same.db" "$same_schema" >/dev/null
  local start end
  start=$(now)
  sqlite3 "$scratch/same.db" ".mode csv" ".import $same_csv sim_lines" "$same_indexes" >/dev/null
  end=$(now)
  local count
  count=$(sqlite3 "$scratch/same.db" "SELECT COUNT(*) FROM sim_lines")
  [[ $count -eq $rows ]] || die "sqlite3 (same work) imported $count rows, expected $rows"
  elapsed "$start" "$end"
}

# simreg: a fresh data dir, migrated before the clock starts; the whole import command is timed.
time_simreg() {
  rm -rf "$scratch/data"
  mkdir -m 700 "$scratch/data"
  "$simreg" migrate --data-dir "$scratch/data" >/dev/null
  local start end summary
  start=$(now)
  summary=$("$simreg" sims import "$csv" --data-dir "$scratch/data" --json)
  end=$(now)
  local imported
  imported=$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["imported"])' "$summary")
  [[ $imported -eq $rows ]] || die "simreg imported $imported rows, expected $rows: $summary"
  echo "$(elapsed "$start" "$end") $summary"
}

sqlite_times=()
simreg_times=()
same_times=()
summaries=()
for ((run = 1; run <= runs; run++)); do
  sqlite_time=$(time_sqlite3)
  read -r simreg_time summary < <(time_simreg)
  if [[ ! -s $same_csv ]]; then python3 "$here/same_work_csv.py" "$scratch/data/simreg.db" "$same_csv"; fi
  same_time=$(time_same_work)
  sqlite_times+=("$sqlite_time")
  simreg_times+=("$simreg_time")
  same_times+=("$same_time")
  summaries+=("$summary")
  echo "run $run: sqlite3 .import ${sqlite_time} s, simreg sims import ${simreg_time} s, sqlite3 same work ${same_time} s  $summary" >&2
done

best() { printf '%s\n' "$@" | sort -g | head -1; }
sqlite_best=$(best "${sqlite_times[@]}")
simreg_best=$(best "${simreg_times[@]}")
ratio=$(python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$sqlite_best" "$simreg_best")
same_best=$(best "${same_times[@]}")
same_ratio=$(python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$same_best" "$simreg_best")
verdict=$(python3 -c "import sys; print('PASS' if float(sys.argv[1]) >= 1.0 else 'FAIL')" "$ratio")

machine="$(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(uname -r)"
load=$(cut -d' ' -f1-3 /proc/loadavg)
bytes=$(stat -c %s "$csv")
results="$here/RESULTS.md"
{
  echo "# SIM import benchmark"
  echo
  echo "Written by \`bench/import/run.sh\`. $rows generated rows (\`generate_csv.py\`: CN mobile numbers in"
  echo "E.164, 20-digit ICCIDs with Luhn digit, activation dates; $bytes bytes), best of $runs alternating runs."
  echo "sqlite3: \`sqlite3 plain.db \".mode csv\" \".import FILE plain\"\` into a new file (a plain TEXT table)."
  echo "simreg: \`simreg sims import FILE --json\` into a freshly migrated data dir (SQLite, WAL, synchronous=FULL),"
  echo "whole process timed: validation (libphonenumber), blind index and sealing of every MSISDN, primary key + 3 indexes."
  echo
  echo "- When: $(date -u +%Y-%m-%dT%H:%M:%SZ); machine: $machine; load average at the end: $load"
  echo "- Binary: \`${simreg#"$root"/}\`"
  echo "- sqlite3 .import: ${sqlite_times[*]} s (best $sqlite_best s)"
  echo "- simreg sims import: ${simreg_times[*]} s (best $simreg_best s)"
  echo "- sqlite3 doing simreg's storage work (same columns, value sizes and indexes; WAL, synchronous=FULL;"
  echo "  no validation, no crypto; \`same_work_csv.py\`): ${same_times[*]} s (best $same_best s)"
  echo "- simreg summaries: ${summaries[*]}"
  echo
  echo "**Ratio (sqlite3 time / simreg time): $ratio — $verdict** (target >= 1.00)"
  echo
  echo "Ratio against sqlite3 doing the same storage work: $same_ratio (information, not the issue's target)"
} >"$results"

echo "sqlite3 .import:    $sqlite_best s (runs: ${sqlite_times[*]})"
echo "simreg sims import: $simreg_best s (runs: ${simreg_times[*]})"
echo "sqlite3 same work:  $same_best s (runs: ${same_times[*]})"
echo "ratio (sqlite3 / simreg): $ratio  $verdict  (written to ${results#"$root"/})"
echo "ratio (sqlite3 same storage work / simreg): $same_ratio"
[[ $verdict == PASS ]]
