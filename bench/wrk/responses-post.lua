-- POST /v1/responses, store:false; the same turn as post.lua (instructions + input), so the two compare directly.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

local model = os.getenv("BENCH_MODEL") or "gpt-4o-mini"

wrk.method = "POST"
wrk.path = "/v1/responses"
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format([[{"model":"%s","instructions":"You are a helpful assistant.","input":"Write one sentence about a fox at sunset.","temperature":0.7,"max_output_tokens":64,"store":false}]], model)
