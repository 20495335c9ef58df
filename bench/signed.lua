-- wrk script for bench/run: each wrk thread sends the pre-signed requests of its own file (FILE.<thread>), one line
-- "path-and-query<TAB>body" per request, in order. Replies that are not HTTP 200 with resultCode 000000/000004 are
-- counted as bad; running past the end of a file (which would replay nonces) is counted as wrapped.
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  requests = {}
  for line in io.lines(args[1] .. "." .. id) do
    local tab = line:find("\t", 1, true)
    requests[#requests + 1] = wrk.format("POST", line:sub(1, tab - 1),
      { ["Content-Type"] = "application/json" }, line:sub(tab + 1))
  end
  index = 0
  ok = 0
  bad = 0
  wrapped = 0
end

function request()
  index = index + 1
  if index > #requests then
    index = 1
    wrapped = wrapped + 1
  end
  return requests[index]
end

function response(status, headers, body)
  if status == 200 and (body:find('"resultCode":"000000"', 1, true) or body:find('"resultCode":"000004"', 1, true)) then
    ok = ok + 1
  else
    bad = bad + 1
    if bad == 1 then io.stderr:write("first bad reply: ", status, " ", body, "\n") end
  end
end

function done(summary, latency, requests)
  local good, failed, wraps = 0, 0, 0
  for _, thread in ipairs(threads) do
    good = good + thread:get("ok")
    failed = failed + thread:get("bad")
    wraps = wraps + thread:get("wrapped")
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("KOOGATE-WRK requests=%d ok=%d bad=%d wrapped=%d errors=%d rps=%.1f p50=%.3f p90=%.3f p99=%.3f max=%.3f\n",
    summary.requests, good, failed, wraps, errors, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
