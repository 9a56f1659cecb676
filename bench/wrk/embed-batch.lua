-- POST /v1/embeddings, a batch of 100 inputs of about 20 tokens each, floats as JSON.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

local inputs = {}
for i = 1, 100 do
  inputs[i] = string.format([["Document number %d talks about foxes, rivers, hills and the quiet evening light in the valley"]], i)
end

wrk.method = "POST"
wrk.path = "/v1/embeddings"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{"model":"text-embedding-3-small","input":[]] .. table.concat(inputs, ",") .. "]}"
