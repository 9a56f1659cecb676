-- POST /v1/chat/completions with a json_schema of five string fields (no patterns).
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

wrk.method = "POST"
wrk.path = "/v1/chat/completions"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Make up a flight booking."}],"store":false,"response_format":{"type":"json_schema","json_schema":{"name":"booking","strict":true,"schema":{"type":"object","additionalProperties":false,"required":["zip","from","to","flight","date"],"properties":{"zip":{"type":"string"},"from":{"type":"string"},"to":{"type":"string"},"flight":{"type":"string"},"date":{"type":"string"}}}}}}]]
