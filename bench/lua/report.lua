-- Shared wrk `done` hook: prints one machine-readable "BENCH ..." line that bench/run.sh parses.
-- Contract: latencies in microseconds as wrk measures them; callers may append extra key=value text.
-- Runs in wrk's setup/done Lua state only (never on the hot request path), so it costs nothing per request.

function bench_report(summary, latency, extra)
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_s=%.3f rps=%.2f p50_us=%d p90_us=%d p99_us=%d mean_us=%.1f max_us=%d " ..
    "non2xx3xx=%d err_connect=%d err_read=%d err_write=%d err_timeout=%d%s\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50.0), latency:percentile(90.0), latency:percentile(99.0),
    latency.mean, latency.max,
    errors.status, errors.connect, errors.read, errors.write, errors.timeout,
    extra or ""))
end

-- Scripts that need their own `done` (e.g. failed_login.lua) overwrite this after loading the file.
function done(summary, latency, requests)
  bench_report(summary, latency, "")
end
