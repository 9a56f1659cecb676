#!/usr/bin/env bash
# The walkthrough of docs/testing-your-llm-app.md, end to end on loopback: rules over HTTP, the request journal,
# record and replay. A second ChatApi stands in for the real model server (OpenAI, vLLM…), so nothing leaves the machine.
# Run from anywhere: bash docs/testing-walkthrough.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

echo "== build once"
dotnet publish "$repo/src/ChatApi" -c Release -o "$work/bin" --nologo -v quiet >/dev/null

# start PORT [settings...]: a ChatApi on 127.0.0.1:PORT with its own database, ready when /v1/models answers.
start() {
  local port=$1; shift
  (cd "$work/bin" && exec dotnet ChatApi.dll --urls "http://127.0.0.1:$port" \
     --ConnectionStrings:ChatApi="Data Source=$work/$port-$RANDOM.db" --Logging:LogLevel:Default=Warning "$@") &
  pids+=($!)
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/v1/models" >/dev/null && return; sleep 0.2; done
  echo "ChatApi on $port did not start" >&2; exit 1
}
stop_all() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; pids=(); }

api=http://127.0.0.1:5100
chat() { curl -s "$api/v1/chat/completions" -H 'Content-Type: application/json' -H 'Authorization: Bearer sk-my-app-key' -d "$1"; }

echo "== 1. record: ChatApi in front of the 'real' model server, recording what is missing, journal on"
start 5101                                                     # the stand-in for the real model server
start 5100 --Backends:Upstreams:real:BaseUrl=http://127.0.0.1:5101/v1 --Backends:Upstreams:real:ApiKey=sk-upstream-secret \
  --Backends:Routes:gpt-4o*=real --Recording:Mode=record-missing --Recording:Directory="$work/cassettes" --Storage:Capture=all

echo "-- load a rule over HTTP (the weather question gets a tool call)"
curl -s -X PUT "$api/admin/rules" -H 'Content-Type: application/json' -d '{ "rules": [ {
    "name": "weather", "match": { "lastUserMessage": "weather" },
    "answer": { "toolCalls": [ { "name": "get_weather", "arguments": { "city": "Oslo" } } ] } } ] }' | jq -c .

echo "-- the app under test sends two requests, neither with store: true"
chat '{"model":"gpt-4o-mini","messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"What is the weather in Oslo?"}],
       "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]}' \
  | jq -c '.choices[0].message.tool_calls[0].function'
chat '{"model":"gpt-4o-mini","temperature":0.2,"messages":[{"role":"user","content":"Write a haiku about tests."}]}' > "$work/recorded.json"
jq -c '{id, content: .choices[0].message.content}' "$work/recorded.json"

echo "-- the journal: what did the app send?"
first=$(curl -s "$api/v1/chat/completions?model=gpt-4o-mini&order=asc" | jq -r '.data[0].id')
curl -s "$api/v1/chat/completions/$first/messages?order=asc" | jq -c '[.data[] | {role, content}]'
curl -s "$api/v1/chat/completions?model=gpt-4o-mini&order=asc" | jq -c '[.data[] | {temperature, tools: (.tools // [] | map(.function.name))}]'
curl -s -X DELETE "$api/admin/captured" | jq -c .

echo "-- cassettes written (the scripted answer is the test's own and is not recorded):"
(cd "$work/cassettes" && find . -name '*.json' | sort)
if grep -rl -e sk-upstream-secret -e sk-my-app-key "$work/cassettes"; then echo "a key was written!" >&2; exit 1; fi
echo "   no API key in any cassette"

echo "== 2. replay: the model server is gone; CI answers from the cassettes"
stop_all
start 5100 --Backends:Upstreams:real:BaseUrl=http://127.0.0.1:5101/v1 --Backends:Routes:gpt-4o*=real \
  --Recording:Mode=replay --Recording:Directory="$work/cassettes"
chat '{"model":"gpt-4o-mini","temperature":0.2,"messages":[{"role":"user","content":"Write a haiku about tests."}],"user":"ci-run-42"}' > "$work/replayed.json"
cmp "$work/recorded.json" "$work/replayed.json" && echo "   replayed answer: the very bytes recorded"
echo "-- a request that drifted from the recording fails loudly:"
curl -s -o "$work/missing.json" -w '   HTTP %{http_code}\n' "$api/v1/chat/completions" -H 'Content-Type: application/json' \
  -d '{"model":"gpt-4o-mini","temperature":0.3,"messages":[{"role":"user","content":"Write a haiku about tests."}]}'
jq -r '.error.message' "$work/missing.json"
echo "== done"
