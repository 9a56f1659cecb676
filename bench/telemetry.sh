#!/usr/bin/env bash
# Telemetry overhead: store:false create throughput of one Release build with OpenTelemetry on (traces + metrics,
# exported over OTLP/HTTP to a local sink, Prometheus /metrics on) and off (Telemetry:Enabled=false), alternated
# on, off, on, off (and the request log silenced as a third variant, for its own cost). Prints a markdown table.
#
#   bench/telemetry.sh                   # 10 s warm-up + 10 s measured per run, 6 runs: about 2.5 min
#   BENCH_SECONDS=5 bench/telemetry.sh   # quicker
set -euo pipefail

duration=${BENCH_SECONDS:-10}
connections=${BENCH_CONNECTIONS:-64}
port=${BENCH_CHATAPI_PORT:-5903}
sink_port=${BENCH_OTLP_PORT:-5904}
export BENCH_MODEL=${BENCH_MODEL:-gpt-4o-mini} ASPNETCORE_ENVIRONMENT=Production

bench=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$bench")
work=$(mktemp -d)
server_pid="" sink_pid=""
# shellcheck source=bench/lib.sh
source "$bench/lib.sh"
stop() { [[ -n $1 ]] && { kill "$1" 2> /dev/null || true; wait "$1" 2> /dev/null || true; }; }
cleanup() { stop "$server_pid"; stop "$sink_pid"; rm -rf "$work"; }
trap cleanup EXIT

command -v wrk > /dev/null || { apt-get update -qq > /dev/null && apt-get install -y -qq wrk > /dev/null; }
say "building ChatApi (Release)"
(cd "$root" && timeout 300 dotnet build -c Release src/ChatApi -nologo > "$work/build.log" 2>&1) || { tail -n 20 "$work/build.log" >&2; exit 1; }
dll=$root/src/ChatApi/bin/Release/net10.0/ChatApi.dll

python3 "$bench/otlp-sink.py" "$sink_port" &
sink_pid=$!

declare -A variants=(
    [on]="--Telemetry:Enabled=true --Telemetry:Traces=true --Telemetry:Otlp=true"
    [off]="--Telemetry:Enabled=false"
    [off-nolog]="--Telemetry:Enabled=false --Logging:LogLevel:ChatApi.Requests=Warning"
)
declare -A total=() runs=()
rows=()

run() {
    local name=$1
    say "$name: starting"
    # shellcheck disable=SC2086  # the variant's arguments are split on purpose
    (cd "$(dirname "$dll")" && OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$sink_port" OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf \
        exec dotnet "$dll" --urls "http://127.0.0.1:$port" "--ConnectionStrings:ChatApi=Data Source=$work/chatapi.db" ${variants[$name]}) \
        > "$work/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 300); do
        [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/live") == 200 ]] && break
        sleep 0.1
    done
    local cmd=(wrk -t2 -c"$connections" --latency -s "$bench/wrk/post.lua" "http://127.0.0.1:$port")
    warm_up "${cmd[@]}"
    local line
    line=$(timeout $((duration + 30)) "${cmd[@]}" -d"${duration}s" | grep '^BENCH ') || { say "$name: wrk failed"; stop "$server_pid"; server_pid=""; return; }
    stop "$server_pid"
    server_pid=""
    local rps
    rps=$(field rps "$line")
    total[$name]=$(awk -v a="${total[$name]:-0}" -v b="$rps" 'BEGIN { print a + b }')
    runs[$name]=$((${runs[$name]:-0} + 1))
    rows+=("| $name | $(printf '%.0f' "$rps") | $(awk -v us="$(field p50_us "$line")" 'BEGIN { printf("%.2f", us / 1000) }') | $(awk -v us="$(field p99_us "$line")" 'BEGIN { printf("%.2f", us / 1000) }') | $(($(field socket_errors "$line") + $(field non2xx "$line"))) |")
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for round in 1 2; do
    for name in on off off-nolog; do run "$name"; done
done

mean() { awk -v t="${total[$1]:-0}" -v n="${runs[$1]:-0}" 'BEGIN { printf("%.0f", n ? t / n : 0) }'; }
echo
echo "$(nproc) cores (load average before: $load_before), wrk -t2 -c$connections, store:false POST, ${duration}s per run after a warm-up to a steady rate."
echo
echo "| variant | req/s | p50 ms | p99 ms | errors |"
echo "|---|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
echo "Mean req/s: on $(mean on), off $(mean off), off without the request log $(mean off-nolog)."
echo "Telemetry on ÷ off: $(awk -v a="$(mean on)" -v b="$(mean off)" 'BEGIN { printf("%.3f", b ? a / b : 0) }');" \
    "request log on ÷ off (telemetry off): $(awk -v a="$(mean off)" -v b="$(mean off-nolog)" 'BEGIN { printf("%.3f", b ? a / b : 0) }')."
