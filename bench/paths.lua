-- Requests drawn from a file of paths (one a line, written by keys.py: its repetitions carry the distribution,
-- uniform or Zipf), a random line per request. Counts answers served by the output cache (they carry an Age
-- header) and prints "cache_hits <n> of <m>" at the end. Usage: BENCH_PATHS=file wrk -s paths.lua http://host:port
local paths = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(os.getenv("BENCH_PATHS")) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
  hits = 0
  answers = 0
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function response(status, headers, body)
  answers = answers + 1
  if headers["Age"] ~= nil or headers["age"] ~= nil then hits = hits + 1 end
end

function done(summary, latency, requests)
  local h, a = 0, 0
  for _, thread in ipairs(threads) do
    h = h + thread:get("hits")
    a = a + thread:get("answers")
  end
  io.write(string.format("cache_hits %d of %d\n", h, a))
end
