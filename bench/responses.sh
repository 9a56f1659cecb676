#!/usr/bin/env bash
# The Responses API against Chat Completions on one Release build of the built-in backend (issue 11), in one run:
# store:false POSTs of the same turn (wrk/post.lua and wrk/responses-post.lua) alternated chat, responses, chat,
# responses; 1,000-token streams (StreamBench, chat and responses mode) alternated the same way; then a 105-turn
# previous_response_id chain (ResponsesChain/chain.py). Prints markdown tables on stdout; progress on stderr.
#
#   bench/responses.sh                  # about 4 minutes plus the build
#   BENCH_SECONDS=5 bench/responses.sh  # quicker
set -euo pipefail

duration=${BENCH_SECONDS:-10}
rounds=${BENCH_ROUNDS:-2}
connections=${BENCH_CONNECTIONS:-64}
stream_runs=${BENCH_STREAM_RUNS:-30}
port=${BENCH_CHATAPI_PORT:-5906}
export ASPNETCORE_ENVIRONMENT=Production BENCH_MODEL=${BENCH_MODEL:-gpt-4o-mini}

bench=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$bench")
work=$(mktemp -d)
# shellcheck source=bench/lib.sh
source "$bench/lib.sh"
cleanup() {
    stop_server
    rm -rf "$work"
}
trap cleanup EXIT

ensure_wrk
build ChatApi src/ChatApi || { tail -n 20 "$work/build-ChatApi.log" >&2; exit 1; }
build StreamBench bench/StreamBench || { tail -n 20 "$work/build-StreamBench.log" >&2; exit 1; }
streambench=$bench/StreamBench/bin/Release/net10.0/StreamBench.dll
start_server chatapi "$root/src/ChatApi/bin/Release/net10.0/ChatApi.dll" "$port" "--ConnectionStrings:ChatApi=Data Source=$work/chatapi.db"
base=http://127.0.0.1:$port

wrk_cmd() { echo wrk -t2 -c"$connections" --timeout 10s --latency -s "$bench/wrk/$1" "$base"; }
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for script in post.lua responses-post.lua; do
    say "$script: warm-up"
    # shellcheck disable=SC2046  # wrk_cmd's words are the command
    warm_up $(wrk_cmd "$script")
done

declare -A sum=([post.lua]=0 [responses-post.lua]=0)
rows=()
for round in $(seq "$rounds"); do
    for script in post.lua responses-post.lua; do
        say "round $round, $script: ${duration}s"
        # shellcheck disable=SC2046
        line=$(timeout $((duration + 30)) $(wrk_cmd "$script") -d"${duration}s" | grep '^BENCH ')
        rate=$(field rps "$line")
        sum[$script]=$(awk -v a="${sum[$script]}" -v b="$rate" 'BEGIN { print a + b }')
        rows+=("| $round | ${script%.lua} | $(printf '%.0f' "$rate") | $(ms "$(field p50_us "$line")") | $(ms "$(field p99_us "$line")") | $(($(field socket_errors "$line") + $(field non2xx "$line"))) |")
    done
done

# stream_rate MODE: the median tokens/s of one StreamBench run (MODE "" for chat, "responses").
stream_rate() {
    # shellcheck disable=SC2086
    timeout 300 dotnet "$streambench" $1 "$base" "$stream_runs" "$BENCH_MODEL" | tee -a "$work/streams.out" | sed -n 's/.*median \([0-9,]*\) tokens\/s.*/\1/p' | tr -d ,
}
say "streams: warm-up, then $rounds rounds of $stream_runs streams each way"
stream_rate "" > /dev/null
stream_rate responses > /dev/null
chat_streams=() responses_streams=()
for _ in $(seq "$rounds"); do
    chat_streams+=("$(stream_rate "")")
    responses_streams+=("$(stream_rate responses)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
chat_stream=$(median "${chat_streams[@]}")
responses_stream=$(median "${responses_streams[@]}")

say "a 105-turn previous_response_id chain"
chain=$(timeout 300 python3 "$bench/ResponsesChain/chain.py" "$base")

echo
echo "$(nproc) cores (load average before: $load_before), built-in backend, store:false, wrk -t2 -c$connections, ${duration}s per run after a warm-up to a steady rate."
echo
echo "| round | endpoint | req/s | p50 ms | p99 ms | errors |"
echo "|---:|---|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
awk -v c="${sum[post.lua]}" -v r="${sum[responses-post.lua]}" -v n="$rounds" 'BEGIN {
    printf("Non-stream: chat %.0f req/s, responses %.0f req/s (means of %d runs): ratio %.2f (target >= 0.9).\n", c / n, r / n, n, r / c) }'
awk -v c="$chat_stream" -v r="$responses_stream" -v n="$rounds" -v runs="$stream_runs" 'BEGIN {
    printf("Streams of 1,000 tokens, one client: chat %d tokens/s, responses %d tokens/s (medians of %d rounds of %d): ratio %.2f (target >= 0.8).\n", c, r, n, runs, r / c) }'
echo
echo "Chain (store:true, each turn continues the last by previous_response_id; median of the 5 turns around each):"
echo
echo "| turn | input tokens | continuation ms |"
echo "|---:|---:|---:|"
sed -n 's/^CHAIN turn=\([0-9]*\) input_tokens=\([0-9]*\) median_ms=\([0-9.]*\)/| \1 | \2 | \3 |/p' <<< "$chain"
