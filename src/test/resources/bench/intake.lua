-- wrk script for InboxIntakeBenchmarkTest: each wrk thread sends its own slice of pre-signed catalog webhooks
-- (one per line of the requests file: event id TAB signature TAB body), each once, in order.
-- Arguments after "--": <requests file> <number of wrk threads>. Prints one machine-readable WRK line at the end.
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  local file, nthreads = args[1], tonumber(args[2])
  reqs = {}
  local i = 0
  for line in io.lines(file) do
    if i % nthreads == tid then
      local eid, sig, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
      table.insert(reqs, wrk.format("POST", wrk.path,
        { ["Content-Type"] = "application/json", ["X-Hub-Event-Id"] = eid, ["X-Hub-Signature-256"] = sig }, body))
    end
    i = i + 1
  end
  n = 0
  sent = 0
end

function request()
  n = n + 1
  sent = sent + 1
  if n > #reqs then
    n = 1 -- the slice is used up: starting again sends duplicates, which the count of stored events shows
  end
  return reqs[n]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
