-- POST /v1/embeddings, one input of 20 tokens (cl100k_base), floats as JSON.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

wrk.method = "POST"
wrk.path = "/v1/embeddings"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{"model":"text-embedding-3-small","input":"The quick brown fox jumps over the lazy dog while the sun sets slowly behind the quiet hills"}]]
