-- The soak: a mix of store:true creates, list pages (plain and filtered) and gets of ids seen in earlier answers.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

local model = os.getenv("BENCH_MODEL") or "gpt-4o-mini"
local teams = { "red", "blue", "green", "gold" }
local ids, sent = {}, 0

function request()
  sent = sent + 1
  local kind = sent % 4
  if kind == 0 or #ids == 0 then
    local body = string.format(
      [[{"model":"%s","messages":[{"role":"user","content":"Soak request %d."}],"store":true,"metadata":{"team":"%s","n":"%d"}}]],
      model, sent, teams[sent % 4 + 1], sent)
    return wrk.format("POST", "/v1/chat/completions", { ["Content-Type"] = "application/json" }, body)
  elseif kind == 1 then
    return wrk.format("GET", "/v1/chat/completions?limit=20&order=desc")
  elseif kind == 2 then
    return wrk.format("GET", "/v1/chat/completions/" .. ids[sent % #ids + 1])
  end
  return wrk.format("GET", "/v1/chat/completions?limit=20&metadata[team]=" .. teams[sent % 4 + 1])
end

-- Keep the ids of the last 100 answers to get them back later.
function response(status, headers, body)
  local id = body:match('"id":"(chatcmpl%-%w+)"')
  if id then ids[#ids % 100 + 1] = id end
end
