-- Write mix for wrk: POST /api/v1/people creates a person; its Location and ETag feed exactly one
-- PUT with If-Match on that person. Each created person is replaced once, so no two connections race on
-- the same ETag and a 412 would be a real error. Any non-2xx/3xx is counted by wrk as an error.
local queue = {}
local counter = 0
local key = os.getenv("BENCH_KEY") or "bench-key"

local function headers(extra)
  local h = { ["Content-Type"] = "application/json", ["X-Api-Key"] = key }
  for k, v in pairs(extra or {}) do h[k] = v end
  return h
end

request = function()
  local item = table.remove(queue)
  counter = counter + 1
  if item then
    return wrk.format("PUT", item.path, headers({ ["If-Match"] = item.etag }),
      '{"name":"Bench Person ' .. counter .. ' (replaced)","notes":"replaced by the bench write mix",' ..
      '"sources":[{"title":"bench","url":"https://example.org/bench"}]}')
  end
  return wrk.format("POST", "/api/v1/people", headers(),
    '{"name":"Bench Person ' .. counter .. '","notes":"created by the bench write mix",' ..
    '"sources":[{"title":"bench","url":"https://example.org/bench"}]}')
end

response = function(status, hdrs, body)
  if status ~= 201 then return end
  local location, etag
  for k, v in pairs(hdrs) do
    local lk = string.lower(k)
    if lk == "location" then location = v elseif lk == "etag" then etag = v end
  end
  if location and etag then
    local path = string.match(location, "(/api/v1/people/[%x%-]+)")
    if path then table.insert(queue, { path = path, etag = etag }) end
  end
end
