-- POST /v1/chat/completions, store:false; the same body every time.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

local model = os.getenv("BENCH_MODEL") or "gpt-4o-mini"

wrk.method = "POST"
wrk.path = "/v1/chat/completions"
wrk.headers["Content-Type"] = "application/json"
local key = os.getenv("BENCH_API_KEY")
if key and key ~= "" then wrk.headers["Authorization"] = "Bearer " .. key end
wrk.body = string.format([[{"model":"%s","messages":[{"role":"system","content":"You are a helpful assistant."},{"role":"user","content":"Write one sentence about a fox at sunset."}],"temperature":0.7,"max_completion_tokens":64,"store":false}]], model)
