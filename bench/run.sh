#!/usr/bin/env bash
# Builds the baseline and ChatApi (Release), loads each with wrk on 127.0.0.1
# and prints one markdown table on stdout. Progress goes to stderr.
#
#   bench/run.sh                        # 10 s warm-up + 10 s measured per scenario: about 2.5 min
#   BENCH_SECONDS=3 bench/run.sh        # quick look
#   BENCH_BASELINE_ONLY=1 bench/run.sh  # skip building and running ChatApi
set -euo pipefail

duration=${BENCH_SECONDS:-10}
warmup=${BENCH_WARMUP_SECONDS:-10}   # the JIT needs about 10 s of load on 2 cores to settle
threads=${BENCH_THREADS:-2}
connections=${BENCH_CONNECTIONS:-64}
baseline_port=${BENCH_BASELINE_PORT:-5901}
chatapi_port=${BENCH_CHATAPI_PORT:-5902}
export BENCH_MODEL=${BENCH_MODEL:-gpt-4o-mini}   # read by the wrk scripts
export ASPNETCORE_ENVIRONMENT=Production

bench=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$bench")
work=$(mktemp -d)
server_pid=""
rows=()
declare -A baseline_rps   # by connection count

say() { echo "bench: $*" >&2; }

cleanup() {
    stop_server
    rm -rf "$work"
}
trap cleanup EXIT

ensure_wrk() {
    command -v wrk > /dev/null && return
    say "installing wrk"
    apt-get update -qq > /dev/null && apt-get install -y -qq wrk > /dev/null
}

# build NAME PROJECT: Release build from the repo root; the log stays in $work.
build() {
    say "building $1"
    (cd "$root" && timeout 120 dotnet build -c Release "$2" -nologo > "$work/build-$1.log" 2>&1)
}

# start_server NAME DLL PORT [ARGS...]: runs in the background, waits until the port answers HTTP.
start_server() {
    local name=$1 dll=$2 port=$3
    shift 3
    say "starting $name on 127.0.0.1:$port"
    # From its own bin folder, as deployed: the content root is the working directory, where appsettings.json is.
    (cd "$(dirname "$dll")" && exec dotnet "$dll" --urls "http://127.0.0.1:$port" "$@") > "$work/$name.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 300); do
        [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/") != 000 ]] && return 0
        kill -0 "$server_pid" 2> /dev/null || break
        sleep 0.1
    done
    say "$name did not start; its log:"
    tail -n 30 "$work/$name.log" >&2
    server_pid=""
    return 1
}

stop_server() {
    [[ -n $server_pid ]] || return 0
    kill "$server_pid" 2> /dev/null || true
    wait "$server_pid" 2> /dev/null || true
    server_pid=""
}

# Prints VmRSS (kB) of $1 every 0.2 s until killed.
sample_rss() {
    while [[ -r /proc/$1/status ]]; do
        awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"
        sleep 0.2
    done
}

# field NAME LINE: one key=value out of report.lua's BENCH line.
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< "$2"; }

ms() { awk -v us="$1" 'BEGIN { v = us / 1000; printf(v >= 100 ? "%.0f" : "%.3g", v) }'; }

# scenario LABEL SCRIPT CONNECTIONS PORT: warm up, then measure with wrk while sampling RSS.
scenario() {
    local label=$1 script=$2 conns=$3 port=$4
    local url="http://127.0.0.1:$port" wrk_threads=$((conns < threads ? conns : threads))
    local run=(wrk -t"$wrk_threads" -c"$conns" --latency -s "$bench/wrk/$script" "$url")
    say "$label: ${warmup}s warm-up, ${duration}s measured"
    timeout $((warmup + 30)) "${run[@]}" -d"${warmup}s" > /dev/null || true

    sample_rss "$server_pid" > "$work/rss" &
    local sampler=$!
    timeout $((duration + 30)) "${run[@]}" -d"${duration}s" > "$work/wrk.out" || true
    kill "$sampler"
    wait "$sampler" 2> /dev/null || true

    local line rps rss errors ratio
    if ! line=$(grep '^BENCH ' "$work/wrk.out"); then
        say "$label: wrk failed"
        rows+=("| $label | wrk failed | | | | | |")
        return
    fi
    rps=$(field rps "$line")
    rss=$(sort -n "$work/rss" | tail -n 1)
    errors=$(($(field socket_errors "$line") + $(field non2xx "$line")))
    [[ $label == baseline* ]] && baseline_rps[$conns]=$rps
    ratio=$(awk -v a="$rps" -v b="${baseline_rps[$conns]:-0}" 'BEGIN { if (b > 0) printf("%.2f", a / b); else printf("-") }')
    rows+=("| $label | $(printf '%.0f' "$rps") | $(ms "$(field p50_us "$line")") | $(ms "$(field p99_us "$line")") | $((rss / 1024)) | $ratio | $errors |")
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)   # anything else busy on 2 cores skews every figure
ensure_wrk
build baseline bench/Baseline
chatapi_built=false
if [[ ${BENCH_BASELINE_ONLY:-0} == 1 ]]; then
    say "BENCH_BASELINE_ONLY=1: ChatApi is neither built nor run"
elif build chatapi src/ChatApi; then
    chatapi_built=true
else
    say "ChatApi did not build; its rows are skipped. Build log tail:"
    tail -n 15 "$work/build-chatapi.log" >&2
fi

start_server baseline "$bench/Baseline/bin/Release/net10.0/Baseline.dll" "$baseline_port"
scenario "baseline, store:false, $connections conns" post.lua "$connections" "$baseline_port"
scenario "baseline, store:false, 1 conn" post.lua 1 "$baseline_port"
stop_server

chatapi_rows=(
    "chatapi, store:false, $connections conns|post.lua|$connections"
    "chatapi, store:false, 1 conn|post.lua|1"
    "chatapi, store:true + 4 metadata, $connections conns|post-stored.lua|$connections"
    "chatapi, list limit=20, $connections conns|list.lua|$connections"
)
# shellcheck disable=SC2086  # BENCH_CHATAPI_ARGS is split into arguments on purpose
if $chatapi_built && start_server chatapi "$root/src/ChatApi/bin/Release/net10.0/ChatApi.dll" "$chatapi_port" \
    "--ConnectionStrings:ChatApi=Data Source=$work/chatapi.db" ${BENCH_CHATAPI_ARGS:-}; then
    for spec in "${chatapi_rows[@]}"; do
        IFS='|' read -r label script conns <<< "$spec"
        scenario "$label" "$script" "$conns" "$chatapi_port"
    done
    stop_server
else
    for spec in "${chatapi_rows[@]}"; do rows+=("| ${spec%%|*} | not run | | | | | |"); done
fi

echo
echo "$(nproc) cores (load average before: $load_before), wrk -t$threads, ${duration}s per scenario after ${warmup}s warm-up."
echo "ratio = req/s ÷ baseline req/s at the same connection count; errors = socket errors + non-2xx responses."
echo
echo "| scenario | req/s | p50 ms | p99 ms | peak RSS MB | ratio to baseline | errors |"
echo "|---|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
