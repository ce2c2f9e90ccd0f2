#!/usr/bin/env bash
# Benchmarks simreg with wrk on loopback against an nginx static-file baseline; see bench/README.md.
# Contract: starts its own nginx and simreg on 127.0.0.1, stops both on exit (trap), every step bounded
# in time. Exit 0 when every target PASSes, 1 when one FAILs, 2 when the run itself could not be done.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"
SIMREG_BIN="${SIMREG_BIN:-$REPO_DIR/build/simreg}"
NGINX_BIN="${NGINX_BIN:-/usr/sbin/nginx}"
DURATION="${BENCH_DURATION:-10s}"
THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
RESULTS_FILE="${BENCH_RESULTS_FILE:-$BENCH_DIR/RESULTS.md}"
SETTLE_SECONDS="${BENCH_SETTLE_SECONDS:-2}"
# Extra `simreg serve` flags for experiments, e.g. BENCH_SERVE_ARGS="--workers 4".
SERVE_ARGS="${BENCH_SERVE_ARGS:-}"
BASELINE_ONLY=0
WRITE_RESULTS=1

# Targets of this milestone.
readonly kMeMinRatio="0.5"
readonly kMeMaxP99Ms="10"
readonly kIdleRssMaxMb="50"

usage() {
  cat <<'USAGE'
usage: bench/run.sh [--duration 10s] [--baseline-only] [--no-write]
  --duration D      wrk duration per run (wrk syntax: 10s, 1m; env BENCH_DURATION)
  --baseline-only   only benchmark the nginx baseline (no simreg binary needed)
  --no-write        print the results but leave bench/RESULTS.md alone
env: SIMREG_BIN (default <repo>/build/simreg), BENCH_THREADS (2), BENCH_CONNECTIONS (64),
     BENCH_SERVE_ARGS (extra serve flags), BENCH_KEEP=1 (keep the temp dir with raw wrk output),
     NGINX_BIN (/usr/sbin/nginx)
USAGE
}

while (($#)); do
  case "$1" in
    --duration) DURATION="${2:?--duration needs a value}"; shift 2 ;;
    --baseline-only) BASELINE_ONLY=1; shift ;;
    --no-write) WRITE_RESULTS=0; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "bench: unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done

log() { printf '[bench] %s\n' "$*" >&2; }
die() {
  printf '[bench] ERROR: %s\n' "$*" >&2
  exit 2
}

# --- duration: plain numbers are seconds; the bound on each wrk process derives from it ---
[[ "$DURATION" =~ ^[0-9]+$ ]] && DURATION="${DURATION}s"
case "$DURATION" in
  *s) DURATION_SECONDS="${DURATION%s}" ;;
  *m) DURATION_SECONDS="$((${DURATION%m} * 60))" ;;
  *) die "--duration must look like 10s, 1m or 10 (got '$DURATION')" ;;
esac
[[ "$DURATION_SECONDS" =~ ^[0-9]+$ && "$DURATION_SECONDS" -ge 1 && "$DURATION_SECONDS" -le 600 ]] ||
  die "duration must be between 1 s and 10 min (got '$DURATION')"
[[ "$THREADS" =~ ^[0-9]+$ && "$CONNECTIONS" =~ ^[0-9]+$ ]] || die "BENCH_THREADS/BENCH_CONNECTIONS must be integers"

for tool in wrk curl jq awk timeout; do
  command -v "$tool" >/dev/null || die "'$tool' is not installed"
done
[[ -x "$NGINX_BIN" ]] || die "nginx not found at $NGINX_BIN (apt-get install -y nginx-light)"
if ((!BASELINE_ONLY)); then
  [[ -x "$SIMREG_BIN" ]] || die "simreg binary not found at $SIMREG_BIN (build it, or set SIMREG_BIN)"
fi

# --- lifecycle: everything started here is recorded in PIDS and stopped on any exit ---
WORK="$(mktemp -d /tmp/simreg-bench.XXXXXX)"
PIDS=()
# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
  local rc=$?
  local pid waited
  for pid in "${PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    waited=0
    while kill -0 "$pid" 2>/dev/null && ((waited < 50)); do
      sleep 0.1
      waited=$((waited + 1))
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if ((rc == 2)) && [[ -s "$WORK/simreg.err" ]]; then
    echo "[bench] last lines of the simreg log:" >&2
    tail -n 20 "$WORK/simreg.err" >&2 || true
  fi
  if [[ "${BENCH_KEEP:-0}" == "1" ]]; then
    echo "[bench] kept raw output in $WORK" >&2
  else
    rm -rf "$WORK"
  fi
  exit "$rc"
}
trap cleanup EXIT

# A reaped PID may be reused by someone else's process: drop it so cleanup never signals it.
forget_pid() {
  local pid kept=()
  for pid in "${PIDS[@]}"; do
    [[ "$pid" == "$1" ]] || kept+=("$pid")
  done
  PIDS=("${kept[@]}")
}
trap 'exit 2' INT TERM HUP

free_port() {
  # Bind-to-0 asks the kernel for a free port; the tiny race before nginx binds it is acceptable here.
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_for_http URL SECONDS PID: polls until URL answers 200, failing early if PID died.
wait_for_http() {
  local url=$1 seconds=$2 pid=$3 deadline
  deadline=$((SECONDS + seconds))
  while ((SECONDS < deadline)); do
    kill -0 "$pid" 2>/dev/null || return 1
    [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)" == "200" ]] && return 0
    sleep 0.2
  done
  return 1
}

# --- results: R["<scenario>:<connections>:<field>"] holds the fields of the BENCH line ---
declare -A R
SCENARIOS_RUN=()

# run_wrk SCENARIO CONNECTIONS URL SCRIPT [extra wrk args...]; TARGET_PID is the server under test.
run_wrk() {
  local scenario=$1 connections=$2 url=$3 script=$4
  shift 4
  local threads=$THREADS
  ((connections < threads)) && threads=$connections
  local out="$WORK/wrk-$scenario-c$connections.txt"
  log "wrk $scenario: $threads threads, $connections connections, $DURATION"
  # In the background and waited for, so a signal reaches the trap at once, not after the run.
  BENCH_LUA_DIR="$BENCH_DIR/lua" timeout --kill-after=5 "$((DURATION_SECONDS + 30))" \
    wrk -t"$threads" -c"$connections" -d"$DURATION" --timeout 5s --latency -s "$script" "$@" "$url" \
    >"$out" 2>&1 &
  local wrk_pid=$!
  PIDS+=("$wrk_pid")
  local wrk_status=0
  wait "$wrk_pid" || wrk_status=$?
  forget_pid "$wrk_pid"
  if ((wrk_status != 0)); then
    cat "$out" >&2
    die "wrk failed for scenario $scenario"
  fi
  [[ "${BENCH_VERBOSE:-0}" == "1" ]] && cat "$out" >&2
  local line
  line="$(grep '^BENCH ' "$out" | tail -n 1)" || {
    cat "$out" >&2
    die "wrk printed no BENCH line for scenario $scenario"
  }
  local pair
  for pair in ${line#BENCH }; do
    R["$scenario:$connections:${pair%%=*}"]="${pair#*=}"
  done
  # Memory of the server under test right after the load, to spot growth per scenario.
  R["$scenario:$connections:rss_mb"]="$(proc_status_mb "$TARGET_PID" VmRSS)"
  R["$scenario:$connections:hwm_mb"]="$(proc_status_mb "$TARGET_PID" VmHWM)"
  SCENARIOS_RUN+=("$scenario:$connections")
}

us_to_ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

# --- nginx baseline: own config, single foreground process, access log off ---
start_nginx() {
  local dir="$WORK/nginx"
  mkdir -p "$dir/www" "$dir/tmp" "$dir/logs"
  printf '{"status":"ok"}' >"$dir/www/healthz.json"
  NGINX_PORT="$(free_port)"
  cat >"$dir/nginx.conf" <<EOF
daemon off;
master_process off;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 65s;
  keepalive_requests 1000000;
  client_body_temp_path $dir/tmp/client_body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  default_type application/json;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $dir/www;
    location = /healthz.json { }
  }
}
EOF
  "$NGINX_BIN" -p "$dir/" -e "$dir/logs/error.log" -c "$dir/nginx.conf" -t >"$dir/logs/test.log" 2>&1 || {
    cat "$dir/logs/test.log" >&2
    die "nginx rejected the generated config"
  }
  "$NGINX_BIN" -p "$dir/" -e "$dir/logs/error.log" -c "$dir/nginx.conf" >"$dir/logs/stdout.log" 2>&1 &
  NGINX_PID=$!
  PIDS+=("$NGINX_PID")
  NGINX_URL="http://127.0.0.1:$NGINX_PORT/healthz.json"
  wait_for_http "$NGINX_URL" 10 "$NGINX_PID" || {
    cat "$dir/logs/error.log" >&2 || true
    die "nginx did not come up on 127.0.0.1:$NGINX_PORT"
  }
  log "nginx (pid $NGINX_PID) serving $NGINX_URL"
}

stop_pid() {
  local pid=$1 waited=0
  forget_pid "$pid"
  kill -TERM "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null && ((waited < 50)); do
    sleep 0.1
    waited=$((waited + 1))
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# --- simreg ---
start_simreg() {
  DATA_DIR="$WORK/data"
  mkdir -p "$DATA_DIR"
  # shellcheck disable=SC2086  # SERVE_ARGS is a deliberate word list of extra flags.
  "$SIMREG_BIN" serve --data-dir "$DATA_DIR" --listen 127.0.0.1:0 --demo --log-level warn $SERVE_ARGS \
    >"$WORK/simreg.out" 2>"$WORK/simreg.err" &
  SIMREG_PID=$!
  PIDS+=("$SIMREG_PID")
  local deadline=$((SECONDS + 30)) line=""
  while ((SECONDS < deadline)); do
    kill -0 "$SIMREG_PID" 2>/dev/null || die "simreg exited during startup"
    line="$(grep -m1 -oE 'simreg listening on http://127\.0\.0\.1:[0-9]+' "$WORK/simreg.out" || true)"
    [[ -n "$line" ]] && break
    sleep 0.1
  done
  [[ -n "$line" ]] || die "simreg printed no 'simreg listening on http://127.0.0.1:PORT' line within 30 s"
  BASE_URL="${line#simreg listening on }"
  ORIGIN="$BASE_URL"
  # Ready means migrations are current and the database answers; measuring before that is meaningless.
  local ready=0
  deadline=$((SECONDS + 20))
  while ((SECONDS < deadline)); do
    if [[ "$(curl -s -o "$WORK/readyz.json" -w '%{http_code}' --max-time 2 "$BASE_URL/readyz" || true)" == "200" ]]; then
      ready=1
      break
    fi
    sleep 0.2
  done
  ((ready)) || die "simreg at $BASE_URL never became ready: $(cat "$WORK/readyz.json" 2>/dev/null)"
  log "simreg (pid $SIMREG_PID) ready at $BASE_URL"
}

proc_status_mb() { # PID FIELD -> MiB with one decimal, from /proc/PID/status (kB)
  awk -v field="$2:" '$1 == field { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
}

# http METHOD PATH [JSON]: one API call carrying Origin, CSRF token and cookies; sets HTTP_CODE and
# leaves the body in $WORK/http.body and the headers in $WORK/http.headers.
CSRF_COOKIE=""
CSRF_TOKEN=""
SESSION_COOKIE=""
http() {
  local method=$1 path=$2 body=${3:-}
  local cookies=()
  [[ -n "$CSRF_COOKIE" ]] && cookies+=("__Host-simreg-csrf=$CSRF_COOKIE")
  [[ -n "$SESSION_COOKIE" ]] && cookies+=("__Host-simreg=$SESSION_COOKIE")
  local args=(-s --max-time 15 -X "$method" -D "$WORK/http.headers" -o "$WORK/http.body" -w '%{http_code}'
    -H "Origin: $ORIGIN")
  if ((${#cookies[@]})); then
    local joined
    joined="$(printf '%s; ' "${cookies[@]}")"
    args+=(-H "Cookie: ${joined%; }")
  fi
  [[ -n "$CSRF_TOKEN" ]] && args+=(-H "X-CSRF-Token: $CSRF_TOKEN")
  [[ -n "$body" ]] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  HTTP_CODE="$(curl "${args[@]}" "$BASE_URL$path" || echo 000)"
}

# set_cookie_value NAME: the value of cookie NAME from the last response's Set-Cookie headers.
set_cookie_value() {
  tr -d '\r' <"$WORK/http.headers" | awk -v name="$1" '
    tolower($1) == "set-cookie:" && index($2, name "=") == 1 {
      value = substr($2, length(name) + 2); sub(/;.*/, "", value); print value }' | tail -n 1
}

problem_code() { jq -r '.code // empty' "$WORK/http.body" 2>/dev/null || true; }

expect_status() { # EXPECTED WHAT
  [[ "$HTTP_CODE" == "$1" ]] || die "$2: expected HTTP $1, got $HTTP_CODE $(problem_code)"
}

fetch_csrf() {
  http GET /api/v1/auth/csrf
  expect_status 200 "GET /api/v1/auth/csrf"
  local cookie
  cookie="$(set_cookie_value __Host-simreg-csrf)"
  [[ -n "$cookie" ]] && CSRF_COOKIE="$cookie"
  [[ -n "$CSRF_COOKIE" ]] || die "GET /api/v1/auth/csrf set no __Host-simreg-csrf cookie"
  CSRF_TOKEN="$(jq -r '.csrf_token // empty' "$WORK/http.body")"
  [[ -n "$CSRF_TOKEN" ]] || die "GET /api/v1/auth/csrf returned no csrf_token"
}

random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

# Reads the newest verification code for ADDRESS from the outbox through the CLI, as an operator would.
verification_code() {
  local address=$1 deadline=$((SECONDS + 15)) code=""
  while ((SECONDS < deadline)); do
    if "$SIMREG_BIN" outbox list --to "$address" --json --data-dir "$DATA_DIR" \
      >"$WORK/outbox.jsonl" 2>"$WORK/outbox.err"; then
      code="$(jq -rs '
          (map(select((.template // "") | test("verif"; "i")))) as $verify
          | (if ($verify | length) > 0 then $verify else . end)
          | sort_by(.created_at) | reverse | map(.body // "") | .[]' "$WORK/outbox.jsonl" |
        grep -oE '\b[0-9]{6}\b' | head -n 1 || true)"
      [[ -n "$code" ]] && break
    fi
    sleep 0.3
  done
  [[ -n "$code" ]] || die "no verification code for the bench account in 'simreg outbox list' within 15 s: $(cat "$WORK/outbox.err" 2>/dev/null)"
  printf '%s' "$code"
}

# Signs up, verifies and signs in a fresh subscriber; leaves the session token in SESSION_COOKIE.
create_session() {
  BENCH_EMAIL="bench-$(random_hex 6)@example.com"
  local password
  password="Wrk-load-$(random_hex 10)-pw"
  fetch_csrf
  http POST /api/v1/auth/signup "{\"email\":\"$BENCH_EMAIL\",\"password\":\"$password\",\"locale\":\"en\"}"
  expect_status 201 "sign-up"
  local code
  code="$(verification_code "$BENCH_EMAIL")"
  http POST /api/v1/auth/verify-email "{\"email\":\"$BENCH_EMAIL\",\"code\":\"$code\"}"
  expect_status 200 "verify-email"
  http POST /api/v1/auth/login "{\"email\":\"$BENCH_EMAIL\",\"password\":\"$password\"}"
  expect_status 200 "sign-in"
  SESSION_COOKIE="$(set_cookie_value __Host-simreg)"
  [[ -n "$SESSION_COOKIE" ]] || die "sign-in set no __Host-simreg session cookie"
  http GET /api/v1/me
  expect_status 200 "GET /api/v1/me with the new session"
  [[ "$(jq -r '.kind // empty' "$WORK/http.body")" == "subscriber" ]] || die "GET /api/v1/me did not return a subscriber"
  log "signed in a verified bench subscriber"
}

build_type_of() { # best effort: the CMAKE_BUILD_TYPE of the tree the binary came from
  local dir
  dir="$(dirname "$(readlink -f "$1")")"
  local cache
  for cache in "$dir/CMakeCache.txt" "$dir/../CMakeCache.txt"; do
    if [[ -f "$cache" ]]; then
      sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$cache" | head -n 1
      return
    fi
  done
  echo "unknown"
}

# ============================== the run ==============================
start_nginx
TARGET_PID="$NGINX_PID"
run_wrk nginx "$CONNECTIONS" "$NGINX_URL" "$BENCH_DIR/lua/report.lua"
run_wrk nginx 1 "$NGINX_URL" "$BENCH_DIR/lua/report.lua"
# nginx stays down while simreg is measured so the two never share the CPUs.
stop_pid "$NGINX_PID"

if ((BASELINE_ONLY)); then
  for key in "${SCENARIOS_RUN[@]}"; do
    printf 'nginx %-4s conns: %10.0f req/s  p50 %s ms  p99 %s ms  non-2xx %s\n' "${key#*:}" \
      "${R[$key:rps]}" "$(us_to_ms "${R[$key:p50_us]}")" "$(us_to_ms "${R[$key:p99_us]}")" "${R[$key:non2xx3xx]}"
  done
  exit 0
fi

start_simreg
sleep "$SETTLE_SECONDS"
IDLE_RSS_MB="$(proc_status_mb "$SIMREG_PID" VmRSS)"
TARGET_PID="$SIMREG_PID"
IDLE_THREADS="$(awk '$1 == "Threads:" { print $2 }' "/proc/$SIMREG_PID/status")"
log "idle RSS ${IDLE_RSS_MB} MiB, ${IDLE_THREADS} threads"

run_wrk healthz "$CONNECTIONS" "$BASE_URL/healthz" "$BENCH_DIR/lua/report.lua"
run_wrk healthz 1 "$BASE_URL/healthz" "$BENCH_DIR/lua/report.lua"

create_session
run_wrk me "$CONNECTIONS" "$BASE_URL/api/v1/me" "$BENCH_DIR/lua/report.lua" -H "Cookie: __Host-simreg=$SESSION_COOKIE"
run_wrk me 1 "$BASE_URL/api/v1/me" "$BENCH_DIR/lua/report.lua" -H "Cookie: __Host-simreg=$SESSION_COOKIE"

# The burst runs last: it throttles the bench account and the loopback client address on purpose.
# An anonymous CSRF pair, as a credential-stuffing client would hold.
SESSION_COOKIE=""
CSRF_COOKIE=""
CSRF_TOKEN=""
fetch_csrf
export BENCH_ORIGIN="$ORIGIN" BENCH_CSRF_TOKEN="$CSRF_TOKEN" BENCH_CSRF_COOKIE="$CSRF_COOKIE" BENCH_LOGIN_EMAIL="$BENCH_EMAIL"
run_wrk failed_login "$CONNECTIONS" "$BASE_URL/api/v1/auth/login" "$BENCH_DIR/lua/failed_login.lua"
run_wrk failed_login 1 "$BASE_URL/api/v1/auth/login" "$BENCH_DIR/lua/failed_login.lua"

kill -0 "$SIMREG_PID" 2>/dev/null || die "simreg died during the run"
PEAK_RSS_MB="$(proc_status_mb "$SIMREG_PID" VmHWM)"
AFTER_RSS_MB="$(proc_status_mb "$SIMREG_PID" VmRSS)"
stop_pid "$SIMREG_PID"

# ============================== report ==============================
# shellcheck disable=SC2016  # the backquotes are Markdown, not command substitution
label_of() {
  case "$1" in
    nginx) echo 'nginx static JSON (baseline)' ;;
    healthz) echo 'simreg `GET /healthz`' ;;
    me) echo 'simreg `GET /api/v1/me` (signed in)' ;;
    failed_login) echo 'simreg `POST /api/v1/auth/login` wrong password' ;;
  esac
}

TABLE="| Scenario | Conns | Req/s | p50 ms | p99 ms | max ms | × nginx req/s | Non-2xx | Socket errors (c/r/w/timeout) | Server RSS after / peak MiB |
|---|---:|---:|---:|---:|---:|---:|---:|---|---:|"
for key in "${SCENARIOS_RUN[@]}"; do
  scenario="${key%%:*}"
  conns="${key#*:}"
  TABLE+="
| $(label_of "$scenario") | $conns | $(printf '%.0f' "${R[$key:rps]}") | $(us_to_ms "${R[$key:p50_us]}") | $(us_to_ms "${R[$key:p99_us]}") | $(us_to_ms "${R[$key:max_us]}") | $(ratio "${R[$key:rps]}" "${R[nginx:$conns:rps]}") | ${R[$key:non2xx3xx]} | ${R[$key:err_connect]}/${R[$key:err_read]}/${R[$key:err_write]}/${R[$key:err_timeout]} | ${R[$key:rss_mb]} / ${R[$key:hwm_mb]} |"
done

STATUS_LINES=""
for conns in "$CONNECTIONS" 1; do
  key="failed_login:$conns"
  STATUS_LINES+="- failed sign-ins, $conns connection(s): ${R[$key:requests]} answers — 401 × ${R[$key:status_401]}, 429 × ${R[$key:status_429]}, 403 × ${R[$key:status_403]}, 2xx × ${R[$key:status_2xx]}, other × ${R[$key:status_other]}
"
done

ME="me:$CONNECTIONS"
ME_RATIO="$(ratio "${R[$ME:rps]}" "${R[nginx:$CONNECTIONS:rps]}")"
ME_P99_MS="$(us_to_ms "${R[$ME:p99_us]}")"
verdict() { if awk "BEGIN { exit !($1) }"; then echo PASS; else echo FAIL; fi; }
RATIO_VERDICT="$(verdict "${R[$ME:rps]} >= $kMeMinRatio * ${R[nginx:$CONNECTIONS:rps]}")"
P99_VERDICT="$(verdict "$ME_P99_MS < $kMeMaxP99Ms")"
RSS_VERDICT="$(verdict "$IDLE_RSS_MB < $kIdleRssMaxMb")"
# A run whose success paths answered errors measured the wrong thing; say so rather than PASS it.
SANITY_VERDICT="$(verdict "${R[healthz:$CONNECTIONS:non2xx3xx]} + ${R[healthz:1:non2xx3xx]} + ${R[$ME:non2xx3xx]} + ${R[me:1:non2xx3xx]} == 0 && ${R[failed_login:$CONNECTIONS:status_403]} + ${R[failed_login:$CONNECTIONS:status_2xx]} + ${R[failed_login:$CONNECTIONS:status_other]} == 0")"
TARGETS="$RATIO_VERDICT: /api/v1/me req/s at $CONNECTIONS connections = $ME_RATIO × nginx (target ≥ $kMeMinRatio)
$P99_VERDICT: /api/v1/me p99 at $CONNECTIONS connections = $ME_P99_MS ms (target < $kMeMaxP99Ms ms)
$RSS_VERDICT: idle RSS after startup = $IDLE_RSS_MB MiB (target < $kIdleRssMaxMb MiB)
$SANITY_VERDICT: success scenarios answered only 2xx; failed sign-ins answered only 401/429"

CPU_MODEL="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
BUILD_TYPE="$(build_type_of "$SIMREG_BIN")"
COMMIT="$(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo 'no commit yet')"
RUN_AT="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
MACHINE="$(nproc) CPUs, ${CPU_MODEL:-unknown CPU}, $(awk '/^MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo), Linux $(uname -r)"

LATEST="## Latest run

- When: $RUN_AT; commit $COMMIT; binary \`${SIMREG_BIN#"$REPO_DIR"/}\` (CMAKE_BUILD_TYPE=$BUILD_TYPE)
- Machine: $MACHINE
- Tools: $(wrk --version 2>&1 | head -n 1 | awk '{ print $1, $2 }'), $("$NGINX_BIN" -v 2>&1 | sed 's/^nginx version: //')
- wrk: $THREADS threads (1 for the 1-connection runs), $DURATION per run, \`--latency --timeout 5s\`
- simreg: \`serve --demo --log-level warn${SERVE_ARGS:+ $SERVE_ARGS}\`, SQLite in a temp dir; idle after startup $IDLE_RSS_MB MiB RSS and $IDLE_THREADS OS threads; after the run $AFTER_RSS_MB MiB RSS (peak $PEAK_RSS_MB MiB)

$TABLE

$STATUS_LINES
### Targets

\`\`\`
$TARGETS
\`\`\`
"

echo
echo "$LATEST"

if ((WRITE_RESULTS)); then
  # The notes section (anything from '## Notes' on) is hand-written and survives reruns.
  NOTES=""
  [[ -f "$RESULTS_FILE" ]] && NOTES="$(sed -n '/^## Notes/,$p' "$RESULTS_FILE")"
  {
    cat <<EOF
# simreg benchmark results

Written by \`bench/run.sh\` (\`make bench\`); the "Latest run" section is overwritten on every run.
Method: wrk on 127.0.0.1 against simreg and, in the same run, against nginx serving a 15-byte static
JSON file with the same wrk settings (nginx: one worker process, access log off; it is stopped before
simreg starts so the two never share the CPUs). wrk runs on the same machine as the server, so the
client takes CPU from the server; ratios to nginx matter more than absolute req/s. Latencies are wrk's
measured per-request latencies (no coordinated-omission correction). Idle RSS is VmRSS from
/proc/PID/status ${SETTLE_SECONDS} s after simreg reports ready. simreg runs with \`--log-level warn\`: at
info, the access log line per request would dominate the cost being measured.
Machine of the latest run: $(nproc) CPUs (nproc), ${CPU_MODEL:-unknown CPU}.

EOF
    echo "$LATEST"
    if [[ -n "$NOTES" ]]; then
      echo "$NOTES"
    fi
  } >"$RESULTS_FILE"
  log "wrote $RESULTS_FILE"
fi

if [[ "$TARGETS" == *FAIL* ]]; then
  exit 1
fi
exit 0
