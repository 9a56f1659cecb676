#!/usr/bin/env bash
# Issue 10's figures in one run: embeddings (single 20-token input, 100-input batch) against the bare-Kestrel
# baseline's canned-vector endpoint, and a json_schema reply with five patterned fields against the same reply
# without patterns. Both servers stay up and the scenarios alternate. Prints one markdown table on stdout; progress on stderr. Bounded: every wrk run has a timeout.
#
#   bench/embeddings.sh                 # 10 s warm-up + 10 s measured per scenario
#   BENCH_SECONDS=5 BENCH_WARMUP_SECONDS=5 bench/embeddings.sh
set -euo pipefail

duration=${BENCH_SECONDS:-10}
connections=${BENCH_CONNECTIONS:-16}
baseline_port=${BENCH_BASELINE_PORT:-5937}
chatapi_port=${BENCH_CHATAPI_PORT:-5938}
export ASPNETCORE_ENVIRONMENT=Production

bench=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$bench")
work=$(mktemp -d)
server_pid=""
pids=()
rows=()
declare -A rps_of

# shellcheck source=bench/lib.sh
source "$bench/lib.sh"
stop_server() { [[ -n $server_pid ]] && { kill "$server_pid" 2> /dev/null || true; wait "$server_pid" 2> /dev/null || true; server_pid=""; }; return 0; }
stop_all() { for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; wait "$pid" 2> /dev/null || true; done; pids=(); }
trap 'stop_all; rm -rf "$work"' EXIT

start_server() {
    local name=$1 dll=$2 port=$3
    shift 3
    say "starting $name on 127.0.0.1:$port"
    (cd "$(dirname "$dll")" && exec dotnet "$dll" --urls "http://127.0.0.1:$port" "$@") > "$work/$name.log" 2>&1 &
    server_pid=$!
    pids+=("$server_pid")
    for _ in $(seq 600); do
        [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/") != 000 ]] && return 0
        sleep 0.1
    done
    say "$name did not start"; tail -n 20 "$work/$name.log" >&2; return 1
}


# scenario KEY LABEL SCRIPT PORT [RATIO_KEY]
scenario() {
    local key=$1 label=$2 script=$3 port=$4 base=${5:-}
    local run=(wrk -t2 -c"$connections" --timeout 10s --latency -s "$bench/wrk/$script" "http://127.0.0.1:$port")
    say "$label: warm-up, then ${duration}s measured"
    warm_up "${run[@]}"
    timeout $((duration + 30)) "${run[@]}" -d"${duration}s" > "$work/wrk.out" || true
    local line
    line=$(grep '^BENCH ' "$work/wrk.out") || { rows+=("| $label | wrk failed | | | |"); return; }
    local rps p50 p99 errors ratio="-"
    rps=$(field rps "$line"); p50=$(field p50_us "$line"); p99=$(field p99_us "$line")
    errors=$(($(field socket_errors "$line") + $(field non2xx "$line")))
    rps_of[$key]=$rps
    [[ -n $base ]] && ratio=$(awk -v a="$rps" -v b="${rps_of[$base]}" 'BEGIN { printf("%.2f", a / b) }')
    rows+=("| $label | $(printf '%.0f' "$rps") | $(awk -v u="$p50" 'BEGIN{printf("%.2f", u/1000)}') | $(awk -v u="$p99" 'BEGIN{printf("%.2f", u/1000)}') | $ratio | $errors |")
}

command -v wrk > /dev/null || { say "wrk is not installed"; exit 1; }
say "building"
(cd "$root" && timeout 300 dotnet build -c Release bench/Baseline -nologo > "$work/build-baseline.log" 2>&1)
(cd "$root" && timeout 300 dotnet build -c Release src/ChatApi -nologo > "$work/build-chatapi.log" 2>&1)

# Both servers run throughout and the scenarios alternate, so a load change on a shared machine hits both sides alike.
start_server baseline "$bench/Baseline/bin/Release/net10.0/Baseline.dll" "$baseline_port"
start_server chatapi "$root/src/ChatApi/bin/Release/net10.0/ChatApi.dll" "$chatapi_port" \
    --ConnectionStrings:ChatApi="Data Source=$work/chatapi.db"
scenario base1 "baseline, canned 1,536-float vector, 1 input" embed-single.lua "$baseline_port"
scenario api1 "ChatApi built-in embeddings, 1 input of 20 tokens" embed-single.lua "$chatapi_port" base1
scenario base100 "baseline, canned vectors, 100 inputs" embed-batch.lua "$baseline_port"
scenario api100 "ChatApi built-in embeddings, 100 inputs" embed-batch.lua "$chatapi_port" base100
scenario plain "ChatApi json_schema, 5 string fields, no pattern" schema-plain.lua "$chatapi_port"
scenario patterns "ChatApi json_schema, same 5 fields with patterns" schema-patterns.lua "$chatapi_port" plain
scenario base1b "baseline, canned vector, 1 input (again)" embed-single.lua "$baseline_port"
scenario api1b "ChatApi built-in embeddings, 1 input (again)" embed-single.lua "$chatapi_port" base1b
stop_all

echo "| scenario ($connections connections) | req/s | p50 ms | p99 ms | ratio | errors |"
echo "| --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
