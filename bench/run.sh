#!/usr/bin/env bash
# Builds the baseline and ChatApi (Release), loads each with wrk on 127.0.0.1
# and prints one markdown table on stdout. Progress goes to stderr.
#
#   bench/run.sh                        # 10 s warm-up + 10 s measured per scenario: about 2.5 min
#   BENCH_SECONDS=3 bench/run.sh        # quick look
#   BENCH_BASELINE_ONLY=1 bench/run.sh  # skip building and running ChatApi
#   BENCH_STORE_DB=/tmp/store1m.db bench/run.sh   # keep the seeded 1M-row store between runs (seeded if missing)
set -euo pipefail

duration=${BENCH_SECONDS:-10}
threads=${BENCH_THREADS:-2}
connections=${BENCH_CONNECTIONS:-64}
baseline_port=${BENCH_BASELINE_PORT:-5901}
chatapi_port=${BENCH_CHATAPI_PORT:-5902}
export BENCH_MODEL=${BENCH_MODEL:-gpt-4o-mini}   # read by the wrk scripts
export ASPNETCORE_ENVIRONMENT=Production
store_rows=${BENCH_STORE_ROWS:-1000000}
soak_seconds=${BENCH_SOAK_SECONDS:-300}   # the mixed create/list/get soak; 0 skips it
soak_note=

bench=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$bench")
work=$(mktemp -d)
rows=()
declare -A baseline_rps   # by connection count
stored_rps=0

# shellcheck source=bench/lib.sh
source "$bench/lib.sh"

cleanup() {
    stop_server
    rm -rf "$work"
}
trap cleanup EXIT

# scenario LABEL SCRIPT CONNECTIONS PORT [RATIO_BASE]: warm up, then measure with wrk while sampling RSS.
# The ratio column divides by RATIO_BASE when given ("-" for none), else by the baseline at the same connections.
scenario() {
    local label=$1 script=$2 conns=$3 port=$4 ratio_base=${5:-}
    local url="http://127.0.0.1:$port" wrk_threads=$((conns < threads ? conns : threads))
    local run=(wrk -t"$wrk_threads" -c"$conns" --latency -s "$bench/wrk/$script" "$url")
    say "$label: warm-up, then ${duration}s measured"
    warm_up "${run[@]}"

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
    [[ $label == *"store:true"* ]] && stored_rps=$rps
    [[ $ratio_base == - ]] && ratio_base=0
    ratio=$(awk -v a="$rps" -v b="${ratio_base:-${baseline_rps[$conns]:-0}}" 'BEGIN { if (b > 0) printf("%.2f", a / b); else printf("-") }')
    rows+=("| $label | $(printf '%.0f' "$rps") | $(ms "$(field p50_us "$line")") | $(ms "$(field p99_us "$line")") | $((rss / 1024)) | $ratio | $errors |")
}

# soak SECONDS: the mixed create/list/get load at 16 connections; RSS in its first and last minute shows any growth.
soak() {
    local seconds=$1 line
    say "soak: mixed create/list/get for ${seconds}s"
    sample_rss "$server_pid" > "$work/soak-rss" &
    local sampler=$!
    timeout $((seconds + 30)) wrk -t"$threads" -c16 --latency -s "$bench/wrk/mixed.lua" "http://127.0.0.1:$chatapi_port" -d"${seconds}s" > "$work/wrk.out" || true
    kill "$sampler"
    wait "$sampler" 2> /dev/null || true
    line=$(grep '^BENCH ' "$work/wrk.out") || { rows+=("| soak | wrk failed | | | | | |"); return; }
    local samples=$(($(wc -l < "$work/soak-rss")))
    local minute=$((samples < 300 ? samples : 300))   # 300 samples of 0.2 s
    local first last
    first=$(head -n "$minute" "$work/soak-rss" | sort -n | tail -n 1)
    last=$(tail -n "$minute" "$work/soak-rss" | sort -n | tail -n 1)
    rows+=("| soak, mixed create/list/get, 16 conns, ${seconds}s | $(printf '%.0f' "$(field rps "$line")") | $(ms "$(field p50_us "$line")") | $(ms "$(field p99_us "$line")") | $((last / 1024)) | - | $(($(field socket_errors "$line") + $(field non2xx "$line"))) |")
    soak_note="Soak RSS: peak in the first minute $((first / 1024)) MB, in the last minute $((last / 1024)) MB."
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)   # anything else busy on 2 cores skews every figure
# raw_insert: the ceiling for store:true, StoreTool's raw batched inserts of the same rows, 64 per transaction.
raw_insert() {
    say "raw SQLite batched insert: ${duration}s"
    local line rps
    line=$(timeout $((duration + 60)) dotnet "$bench/StoreTool/bin/Release/net10.0/StoreTool.dll" raw-insert "$work/raw.db" "$duration" | grep '^RAW ')
    rps=$(field rps "$line")
    raw_rps=$rps
    rows+=("| raw SQLite batched insert, same rows, 64 per transaction | $(printf '%.0f' "$rps") | | | | $(awk -v a="$stored_rps" -v b="$rps" 'BEGIN { printf("%.2f", a / b) }') (store:true ÷ this) | |")
}

# seed_store: the 1M-row store for the list scenarios, made by StoreTool (ChatApi's migrations, then raw batched inserts).
seed_store() {
    store_db=${BENCH_STORE_DB:-$work/store.db}
    if [[ -s $store_db ]] && [[ $(sqlite3 "$store_db" 'SELECT count(*) FROM "Completions"' 2> /dev/null) == "$store_rows" ]]; then
        say "reusing $store_db ($store_rows rows)"
    else
        rm -f "$store_db" "$store_db-wal" "$store_db-shm"
        say "seeding $store_rows stored completions into $store_db"
        timeout 1200 dotnet "$bench/StoreTool/bin/Release/net10.0/StoreTool.dll" seed "$store_db" "$store_rows" 2> "$work/seed.log"
        tail -n 1 "$work/seed.log" >&2
    fi
    # 90 % of the way through the walk.
    BENCH_DEEP_ID=$(sqlite3 "$store_db" "SELECT \"Id\" FROM \"Completions\" WHERE \"Seq\" = $((store_rows * 9 / 10))")
    export BENCH_DEEP_ID
}

ensure_wrk
command -v sqlite3 > /dev/null || { apt-get update -qq > /dev/null && apt-get install -y -qq sqlite3 > /dev/null; }
build baseline bench/Baseline
chatapi_built=false
if [[ ${BENCH_BASELINE_ONLY:-0} == 1 ]]; then
    say "BENCH_BASELINE_ONLY=1: ChatApi is neither built nor run"
elif build chatapi src/ChatApi && build storetool bench/StoreTool; then
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
    if [[ $soak_seconds -gt 0 ]]; then soak "$soak_seconds"; fi
    stop_server
    raw_insert
else
    for spec in "${chatapi_rows[@]}"; do rows+=("| ${spec%%|*} | not run | | | | | |"); done
fi

store_rows_label=$(awk -v n="$store_rows" 'BEGIN { printf(n >= 1000000 ? "%gM" : "%gk", n >= 1000000 ? n / 1000000 : n / 1000) }')
list_rows=(
    "list on $store_rows_label, first page, 1 conn|list-first.lua|1"
    "list on $store_rows_label, deep page (90 %), 1 conn|list-deep.lua|1"
    "list on $store_rows_label, rare metadata (1 in 10k), 1 conn|list-rare.lua|1"
    "list on $store_rows_label, first page, $connections conns|list-first.lua|$connections"
    "list on $store_rows_label, deep page (90 %), $connections conns|list-deep.lua|$connections"
    "list on $store_rows_label, rare metadata (1 in 10k), $connections conns|list-rare.lua|$connections"
)
# shellcheck disable=SC2086
if $chatapi_built && seed_store && start_server chatapi-1m "$root/src/ChatApi/bin/Release/net10.0/ChatApi.dll" "$chatapi_port" \
    "--ConnectionStrings:ChatApi=Data Source=$store_db" ${BENCH_CHATAPI_ARGS:-}; then
    for spec in "${list_rows[@]}"; do
        IFS='|' read -r label script conns <<< "$spec"
        scenario "$label" "$script" "$conns" "$chatapi_port" -
    done
    stop_server
else
    for spec in "${list_rows[@]}"; do rows+=("| ${spec%%|*} | not run | | | | | |"); done
fi

echo
echo "$(nproc) cores (load average before: $load_before), wrk -t$threads, ${duration}s per scenario after a warm-up to a steady rate."
echo "ratio = req/s ÷ baseline req/s at the same connection count; errors = socket errors + non-2xx responses."
echo
echo "| scenario | req/s | p50 ms | p99 ms | peak RSS MB | ratio to baseline | errors |"
echo "|---|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
[[ -n $soak_note ]] && { echo; echo "$soak_note"; }
