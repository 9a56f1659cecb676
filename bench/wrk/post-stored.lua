-- POST /v1/chat/completions, store:true with 4 metadata pairs whose values vary per request.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

local model = os.getenv("BENCH_MODEL") or "gpt-4o-mini"
local teams = { "red", "blue", "green", "gold" }

-- setup() runs in the main Lua state once per thread: give each thread an id so values differ across threads.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

local sent = 0
function request()
  sent = sent + 1
  local body = string.format(
    [[{"model":"%s","messages":[{"role":"user","content":"Write one sentence about a fox at sunset."}],"store":true,]] ..
    [["metadata":{"team":"%s","user":"user-%d","run":"t%d-%d","batch":"b%d"}}]],
    model, teams[sent % 4 + 1], sent % 100, thread_id, sent, sent % 10)
  return wrk.format("POST", "/v1/chat/completions", { ["Content-Type"] = "application/json" }, body)
end
