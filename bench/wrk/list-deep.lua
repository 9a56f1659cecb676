-- GET /v1/chat/completions?limit=20&after=ID: a page deep in the walk (BENCH_DEEP_ID, 90 % of the way in).
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

wrk.method = "GET"
wrk.path = "/v1/chat/completions?limit=20&after=" .. assert(os.getenv("BENCH_DEEP_ID"), "set BENCH_DEEP_ID")
