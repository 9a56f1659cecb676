-- GET /v1/chat/completions?limit=20: the first page of stored completions.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

wrk.method = "GET"
wrk.path = "/v1/chat/completions?limit=20"
