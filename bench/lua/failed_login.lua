-- wrk script for the failed sign-in burst: POST /api/v1/auth/login with a wrong password, CSRF-valid.
-- Inputs from the environment (set by bench/run.sh): BENCH_LUA_DIR, BENCH_ORIGIN, BENCH_CSRF_TOKEN,
-- BENCH_CSRF_COOKIE, BENCH_LOGIN_EMAIL. Each wrk thread counts statuses in its own Lua state; done() sums them.

dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  count_401, count_429, count_403, count_2xx, count_other = 0, 0, 0, 0, 0
  local body = string.format('{"email":"%s","password":"%s"}',
                             os.getenv("BENCH_LOGIN_EMAIL"), "definitely-not-the-password-0")
  local headers = {
    ["Content-Type"] = "application/json",
    ["Origin"] = os.getenv("BENCH_ORIGIN"),
    ["X-CSRF-Token"] = os.getenv("BENCH_CSRF_TOKEN"),
    ["Cookie"] = "__Host-simreg-csrf=" .. os.getenv("BENCH_CSRF_COOKIE"),
  }
  -- Built once: the request never changes, and formatting per request would skew the client side.
  login_request = wrk.format("POST", "/api/v1/auth/login", headers, body)
end

function request()
  return login_request
end

function response(status, headers, body)
  if status == 401 then
    count_401 = count_401 + 1
  elseif status == 429 then
    count_429 = count_429 + 1
  elseif status == 403 then
    -- 403 here means the CSRF handshake was rejected: the scenario is broken, not the password.
    count_403 = count_403 + 1
  elseif status >= 200 and status < 300 then
    count_2xx = count_2xx + 1
  else
    count_other = count_other + 1
  end
end

function done(summary, latency, requests)
  local totals = { count_401 = 0, count_429 = 0, count_403 = 0, count_2xx = 0, count_other = 0 }
  for _, thread in ipairs(threads) do
    for name, value in pairs(totals) do
      totals[name] = value + (thread:get(name) or 0)
    end
  end
  bench_report(summary, latency, string.format(
    " status_401=%d status_429=%d status_403=%d status_2xx=%d status_other=%d",
    totals.count_401, totals.count_429, totals.count_403, totals.count_2xx, totals.count_other))
end
