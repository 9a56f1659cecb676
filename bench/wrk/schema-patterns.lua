-- POST /v1/chat/completions with a json_schema of five string fields that each carry a pattern.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

wrk.method = "POST"
wrk.path = "/v1/chat/completions"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Make up a flight booking."}],"store":false,"response_format":{"type":"json_schema","json_schema":{"name":"booking","strict":true,"schema":{"type":"object","additionalProperties":false,"required":["zip","from","to","flight","date"],"properties":{"zip":{"type":"string","pattern":"^\\d{5}$"},"from":{"type":"string","pattern":"^[A-Z]{3}$"},"to":{"type":"string","pattern":"^[A-Z]{3}$"},"flight":{"type":"string","pattern":"^[A-Z]{2}\\d{3,4}$"},"date":{"type":"string","pattern":"^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$"}}}}}}]]
