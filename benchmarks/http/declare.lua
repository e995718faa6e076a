-- wrk script: each request declares a new operation (PUT with a fresh id) of a random partner token.
-- The workload matches benchmarks/Tahaluf.Load: circles 1-30 km across over 2,000 x 2,000 km around
-- 35 N 38 E, bands 300-3,000 m thick within 0-15 km, windows 10 min-4 h within 7 days of 2015-11-24.
-- Environment: TAHALUF_TOKENS (space-separated bearer tokens), TAHALUF_PREFIX (id prefix), TAHALUF_SPREAD_KM,
-- TAHALUF_CENTER ("lat,lng" of the area's centre, default "35,38").
local tokens = {}
for t in string.gmatch(os.getenv("TAHALUF_TOKENS") or "", "%S+") do tokens[#tokens + 1] = t end
local prefix = os.getenv("TAHALUF_PREFIX") or "w"
local spread = tonumber(os.getenv("TAHALUF_SPREAD_KM") or "2000")
local center_lat, center_lng = string.match(os.getenv("TAHALUF_CENTER") or "35,38", "^%s*([-%d.]+)%s*,%s*([-%d.]+)%s*$")
center_lat, center_lng = tonumber(center_lat), tonumber(center_lng)
local counter = 0
local thread_id = 0
local epoch = 1448323200 -- 2015-11-24T00:00:00Z

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

function init(args)
  math.randomseed(os.time() + (tid or 0) * 7919)
end

local function iso(t)
  return os.date("!%Y-%m-%dT%H:%M:%SZ", t)
end

function request()
  counter = counter + 1
  local lat = center_lat + (math.random() - 0.5) * spread / 111.0
  local lng = center_lng + (math.random() - 0.5) * spread / (111.0 * math.cos(math.rad(center_lat)))
  local radius = (1 + math.random() * 29) * 500
  local thick = 300 + math.random() * 2700
  local lower = math.random() * (15000 - thick)
  local start = epoch + math.random(0, 7 * 24 * 60) * 60
  local finish = start + (10 + math.random(0, 230)) * 60
  local body = string.format(
    '{"state":"planned","category":"transit","volumes":[{"volume":{"outline_circle":{"center":{"lat":%.6f,"lng":%.6f},"radius":{"value":%.1f,"units":"M"}},' ..
    '"altitude_lower":{"value":%.1f,"reference":"W84","units":"M"},"altitude_upper":{"value":%.1f,"reference":"W84","units":"M"}},' ..
    '"time_start":{"value":"%s","format":"RFC3339"},"time_end":{"value":"%s","format":"RFC3339"}}]}',
    lat, lng, radius, lower, lower + thick, iso(start), iso(finish))
  local headers = {
    ["Authorization"] = "Bearer " .. tokens[(counter % #tokens) + 1],
    ["Content-Type"] = "application/json",
  }
  return wrk.format("PUT", string.format("/api/v1/operations/%s-%d-%d", prefix, tid or 0, counter), headers, body)
end

local failures = 0
function response(status, headers, body)
  if status ~= 201 and status ~= 200 then failures = failures + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("wrk: %d requests in %.1f s = %.0f/s; latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms; non-2xx %d, socket errors %d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
