-- wrk helper for bench/serve_load.sh: each request picks the next of the queries the
-- dashboard and API clients make, so the mixed run measures more than one code path.
-- Only the server given on wrk's command line (127.0.0.1) is contacted.
local paths = {
  "/api/events",
  "/api/events?limit=1000",
  "/api/events?type=ASSAULT",
  "/api/events?status=denied",
  "/api/events?since=2020-01-01&until=2025-12-31",
  "/api/events?limit=20&offset=20",
  "/api/events?near=48.0,37.8,300",
  "/api/events?text=ceasefire",
  "/api/ceasefires",
  "/api/tally",
}
local i = 0

request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

-- Fail loudly if the server answers errors: a fast 500 is not a result.
local bad = 0
response = function(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
    if bad <= 3 then
      io.stderr:write("unexpected status " .. status .. ": " .. body:sub(1, 200) .. "\n")
    end
  end
end
