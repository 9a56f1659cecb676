#!/usr/bin/env bash
# The web page's first page on a large store, in server time: the list call the page makes
# (GET /v1/chat/completions?limit=20&order=desc) and the 20 /messages calls that fill its previews, as the server's
# request log times them (DurationMs, from the request's arrival to its last byte). Prints a markdown table.
#
#   BENCH_STORE_DB=/tmp/store1m.db bench/webpage.sh   # seeds 1M rows with StoreTool when the file lacks them
#   BENCH_ROUNDS=50 bench/webpage.sh
set -euo pipefail

rounds=${BENCH_ROUNDS:-100}
rows=${BENCH_STORE_ROWS:-1000000}
port=${BENCH_CHATAPI_PORT:-5905}
bench=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$bench")
work=$(mktemp -d)
store=${BENCH_STORE_DB:-$work/store.db}
server_pid=""
say() { echo "webpage: $*" >&2; }
cleanup() { [[ -n $server_pid ]] && { kill "$server_pid" 2> /dev/null || true; wait "$server_pid" 2> /dev/null || true; }; rm -rf "$work"; }
trap cleanup EXIT
command -v sqlite3 > /dev/null || { apt-get update -qq > /dev/null && apt-get install -y -qq sqlite3 > /dev/null; }
command -v jq > /dev/null || { apt-get update -qq > /dev/null && apt-get install -y -qq jq > /dev/null; }

say "building ChatApi and StoreTool (Release)"
(cd "$root" && timeout 600 dotnet build -c Release src/ChatApi -nologo > "$work/build.log" 2>&1 && timeout 600 dotnet build -c Release bench/StoreTool -nologo >> "$work/build.log" 2>&1) \
    || { tail -n 20 "$work/build.log" >&2; exit 1; }
if [[ $(sqlite3 "$store" 'SELECT count(*) FROM "Completions"' 2> /dev/null) != "$rows" ]]; then
    say "seeding $rows rows into $store"
    rm -f "$store" "$store-wal" "$store-shm"
    timeout 1500 dotnet "$bench/StoreTool/bin/Release/net10.0/StoreTool.dll" seed "$store" "$rows" > /dev/null
fi

dll=$root/src/ChatApi/bin/Release/net10.0/ChatApi.dll
(cd "$(dirname "$dll")" && ASPNETCORE_ENVIRONMENT=Production exec dotnet "$dll" --urls "http://127.0.0.1:$port" "--ConnectionStrings:ChatApi=Data Source=$store" \
    --Logging:Console:FormatterName=json --Logging:LogLevel:Default=Warning --Logging:LogLevel:ChatApi.Requests=Information) > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 300); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/live") == 200 ]] && break
    sleep 0.1
done

base=http://127.0.0.1:$port
page() {
    local ids
    ids=$(curl -sf "$base/v1/chat/completions?limit=20&order=desc" | jq -r '.data[].id')
    # The page asks for the previews in parallel; a browser keeps 6 connections to one host.
    xargs -P 6 -I{} curl -sf -o /dev/null "$base/v1/chat/completions/{}/messages?order=desc&limit=20" <<< "$ids"
}
say "warm-up: 20 pages"
for _ in $(seq 20); do page; done
# Truncating the log under the running server would leave a hole of NULs; count the warm-up's lines instead.
sleep 0.5
skip=$(wc -l < "$work/server.log")
say "measuring $rounds pages"
started=$(date +%s.%N)
for _ in $(seq "$rounds"); do page; done
elapsed=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
sleep 0.5

# One JSON log line per request; keep the list calls and the messages calls apart.
tail -n +$((skip + 1)) "$work/server.log" | grep -a '"ChatApi.Requests"' | jq -r '[.State.Path, .State.DurationMs] | @tsv' > "$work/times.tsv"
stats() { sort -n | awk '{ v[NR] = $1 } END { printf("%.3f | %.3f | %.3f", v[int(NR * 0.5) + 1], v[int(NR * 0.95) + 1], v[NR]) }'; }
list_stats=$(awk -F'\t' '$1 == "/v1/chat/completions" { print $2 }' "$work/times.tsv" | stats)
messages_stats=$(awk -F'\t' '$1 ~ /\/messages$/ { print $2 }' "$work/times.tsv" | stats)
list_count=$(awk -F'\t' '$1 == "/v1/chat/completions"' "$work/times.tsv" | wc -l)

echo
echo "$(nproc) cores (load average: $(cut -d' ' -f1-3 /proc/loadavg)), $rows-row SQLite store, $rounds first pages after 20 warm-up pages."
echo
echo "| call (server time, ms) | p50 | p95 | max |"
echo "|---|---:|---:|---:|"
echo "| GET /v1/chat/completions?limit=20&order=desc ($list_count calls) | $list_stats |"
echo "| GET …/{id}/messages, one per row | $messages_stats |"
echo
echo "Whole first page (list + 20 previews, as the client saw it): $(awk -v e="$elapsed" -v n="$rounds" 'BEGIN { printf("%.1f", e / n * 1000) }') ms on average."
