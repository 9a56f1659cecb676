-- GET /v1/chat/completions?limit=20&metadata[tag]=rare: a filter that matches 1 row in 10,000.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

wrk.method = "GET"
wrk.path = "/v1/chat/completions?limit=20&metadata%5Btag%5D=rare"
