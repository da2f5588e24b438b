-- wrk script for the webhook benchmarks (WrkLoad), run with one connection per wrk thread: each thread sends its own
-- slice of pre-built requests, one after the other. The requests file has one request a line: TAB-separated "Name: value" headers, then the body (one line).
-- Arguments after "--": <requests file> <number of wrk threads> <once: 1 or 0> <marker file prefix>.
-- once = 1: each request is sent once; when a thread has all its answers it writes <prefix><thread> and stops.
-- once = 0: a thread that runs out starts its slice again (duplicate deliveries) until wrk's duration ends.
-- Environment WRK_NODES="host:port host:port ...": thread (connection) i connects to the (i mod n)th of them instead of
-- the URL's host, for several nodes behind no balancer (the path and Host header stay those of the URL).
-- Prints one machine-readable WRK line at the end.
local threads = {}
local nodes = {}
for hostport in (os.getenv("WRK_NODES") or ""):gmatch("%S+") do
  table.insert(nodes, hostport)
end

function setup(thread)
  if #nodes > 0 then
    local host, port = nodes[#threads % #nodes + 1]:match("^(.*):(%d+)$")
    thread.addr = wrk.lookup(host, port)[1]
  end
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  local file, nthreads = args[1], tonumber(args[2])
  once, marker = args[3] == "1", args[4]
  reqs = {}
  local i = 0
  for line in io.lines(file) do
    if i % nthreads == tid then
      local fields = {}
      for field in (line .. "\t"):gmatch("([^\t]*)\t") do
        table.insert(fields, field)
      end
      local headers = {}
      for k = 1, #fields - 1 do
        local name, value = fields[k]:match("^([^:]+): (.*)$")
        headers[name] = value
      end
      table.insert(reqs, wrk.format("POST", wrk.path, headers, fields[#fields]))
    end
    i = i + 1
  end
  n = 0
  answered = 0
  -- wrk calls request() once on its first thread before sending anything, to check the request: that call must not
  -- use up a request, or the first one would never be sent
  verified = tid ~= 0
end

function request()
  if not verified then
    verified = true
    return reqs[1]
  end
  n = n + 1
  if n > #reqs then
    n = once and #reqs or 1
  end
  return reqs[n]
end

function response(status, headers, body)
  answered = answered + 1
  if once and answered == #reqs then
    local f = io.open(marker .. tid, "w")
    f:close()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
