#!/usr/bin/env bash
# The relay's cost, measured in one run on this machine (issue 8): wrk against a bare Kestrel upstream (bench/Baseline)
# directly, through ChatApi's upstream relay, through bench/Forwarder (a relay with no logic: the floor) and through
# Portkey's open-source gateway; 1,000-token streams directly from a ChatApi upstream, relayed and forwarded; the
# relay's RSS with 1,000 relayed streams held open. Prints one markdown table on stdout; progress goes to stderr.
#
#   bench/proxy.sh                                          # about 5 minutes with the defaults, plus build time
#   BENCH_SECONDS=2 BENCH_WARMUP_SECONDS=2 bench/proxy.sh   # smoke run
set -euo pipefail

duration=${BENCH_SECONDS:-10}
threads=${BENCH_THREADS:-2}
connections=${BENCH_CONNECTIONS:-64}
stream_warmup=${BENCH_STREAM_WARMUP_SECONDS:-30}
stream_runs=${BENCH_STREAM_RUNS:-50}       # streams per StreamBench round
stream_rounds=${BENCH_STREAM_ROUNDS:-3}    # direct and relayed alternate; the median round of each is kept
hold_streams=${BENCH_HOLD_STREAMS:-1000}
hold_seconds=${BENCH_HOLD_SECONDS:-20}
upstream_port=${BENCH_UPSTREAM_PORT:-5911}          # bench/Baseline
relay_port=${BENCH_RELAY_PORT:-5912}                # ChatApi relaying to the upstreams
portkey_port=${BENCH_PORTKEY_PORT:-5913}            # Portkey's gateway
stream_port=${BENCH_STREAM_UPSTREAM_PORT:-5914}     # ChatApi, built-in backend, pacing off
slow_port=${BENCH_SLOW_UPSTREAM_PORT:-5915}         # ChatApi, built-in backend, 2 tokens/s
floor_port=${BENCH_FORWARDER_PORT:-5916}            # bench/Forwarder in front of the Baseline: the floor
floor_stream_port=${BENCH_FORWARDER_STREAM_PORT:-5917}   # bench/Forwarder in front of the stream upstream
portkey_version=1.15.2
export BENCH_MODEL=relay-bench   # read by the wrk scripts; the relay routes relay-* to the Baseline
export BENCH_UPSTREAM_URL="http://127.0.0.1:$upstream_port/v1"   # read by post-portkey.lua
export ASPNETCORE_ENVIRONMENT=Production

bench=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$bench")
work=$(mktemp -d)
portkey_dir=${BENCH_PORTKEY_DIR:-$bench/.portkey}
rows=()

# shellcheck source=bench/lib.sh
source "$bench/lib.sh"

cleanup() {
    stop_server
    rm -rf "$work"
}
trap cleanup EXIT

# 1,000 streams in, 1,000 out, on one machine.
ulimit -n 65536 2> /dev/null || ulimit -n "$(ulimit -Hn)"

chatapi_dll=$root/src/ChatApi/bin/Release/net10.0/ChatApi.dll
streambench=$bench/StreamBench/bin/Release/net10.0/StreamBench.dll

# ensure_portkey: Portkey's gateway from npm into $portkey_dir, once; fails when node or npm cannot provide it.
ensure_portkey() {
    local manifest=$portkey_dir/node_modules/@portkey-ai/gateway/package.json
    if [[ -r $manifest ]] && grep -q "\"version\": \"$portkey_version\"" "$manifest"; then return 0; fi
    command -v npm > /dev/null || { say "npm is missing: Portkey rows are skipped"; return 1; }
    say "installing @portkey-ai/gateway@$portkey_version into $portkey_dir"
    mkdir -p "$portkey_dir"
    timeout 300 npm install --prefix "$portkey_dir" --no-audit --no-fund "@portkey-ai/gateway@$portkey_version" > "$work/npm.log" 2>&1 ||
        { say "npm install failed: Portkey rows are skipped"; tail -n 10 "$work/npm.log" >&2; return 1; }
}

# probe NAME PORT [CURL ARGS...]: one request of post.lua's body; says what came back unless it is a 200.
probe() {
    local name=$1 port=$2 status
    shift 2
    status=$(curl -s -o "$work/probe.json" -w '%{http_code}' -X POST "http://127.0.0.1:$port/v1/chat/completions" \
        -H 'Content-Type: application/json' "$@" \
        -d "{\"model\":\"$BENCH_MODEL\",\"messages\":[{\"role\":\"user\",\"content\":\"Write one sentence about a fox at sunset.\"}],\"store\":false}") || true
    [[ $status == 200 ]] && return 0
    say "$name: probe answered $status: $(head -c 400 "$work/probe.json")"
}

# measure KEY SCRIPT CONNECTIONS PORT PID: warm-up, then a measured wrk run while sampling PID's RSS. Leaves the
# figures in rps[KEY], p50[KEY], p99[KEY] (µs), errors[KEY], rss[KEY] (MB); when no request completed, rps[KEY] is
# empty and failure[KEY] says why. wrk's timeout is 10 s, not its 2 s: a request it gives up on is left out of its
# latencies, which would flatter a slow proxy.
declare -A rps p50 p99 errors rss failure
measure() {
    local key=$1 script=$2 conns=$3 port=$4 pid=$5
    local wrk_threads=$((conns < threads ? conns : threads)) line sampler
    local run=(wrk -t"$wrk_threads" -c"$conns" --timeout 10s --latency -s "$bench/wrk/$script" "http://127.0.0.1:$port")
    say "$key: warm-up, then ${duration}s measured"
    warm_up "${run[@]}"
    sample_rss "$pid" > "$work/rss" &
    sampler=$!
    timeout $((duration + 30)) "${run[@]}" -d"${duration}s" > "$work/wrk.out" || true
    kill "$sampler"
    wait "$sampler" 2> /dev/null || true
    rps[$key]=""
    line=$(grep '^BENCH ' "$work/wrk.out") || { say "$key: wrk failed"; failure[$key]="wrk failed"; return 0; }
    if [[ $(field requests "$line") == 0 ]]; then
        say "$key: no request completed: $(grep -i -m 3 'error\|timeout' "$work/wrk.out" | tr '\n' ' ')"
        failure[$key]="no answer in ${duration}s"
        return 0
    fi
    rps[$key]=$(field rps "$line")
    p50[$key]=$(field p50_us "$line")
    p99[$key]=$(field p99_us "$line")
    errors[$key]=$(($(field socket_errors "$line") + $(field non2xx "$line")))
    rss[$key]=$(peak_mb "$work/rss")
}

# peak_mb FILE: the largest of sample_rss's kB figures, in MB.
peak_mb() { sort -n "$1" | awk '{ peak = $1 } END { print int(peak / 1024) }'; }

# calc EXPRESSION [NAME=VALUE...]: awk arithmetic, printed as awk prints it.
calc() {
    local expr=$1 vars=() v
    shift
    for v in "$@"; do vars+=(-v "$v"); done
    awk "${vars[@]}" "BEGIN { print $expr }"
}

# verdict CONDITION [NAME=VALUE...]: "met" or "missed".
verdict() { [[ $(calc "($1) ? 1 : 0" "${@:2}") == 1 ]] && echo met || echo missed; }

# wrk_row LABEL KEY CONNECTIONS TARGET: a table row; KEY's direct counterpart is direct-CONNECTIONS.
wrk_row() {
    local label=$1 key=$2 conns=$3 target=$4 base=direct-$3 added_p50=- added_p99=- ratio=-
    if [[ -z ${rps[$key]:-} ]]; then
        rows+=("| $label | ${failure[$key]:-not run} | | | | | | | | $target |")
        return
    fi
    if [[ $key != direct-* && -n ${rps[$base]:-} ]]; then
        added_p50=$(calc 'sprintf("%.3f", (a - b) / 1000)' a="${p50[$key]}" b="${p50[$base]}")
        added_p99=$(calc 'sprintf("%.3f", (a - b) / 1000)' a="${p99[$key]}" b="${p99[$base]}")
        ratio=$(calc 'sprintf("%.3f", a / b)' a="${rps[$key]}" b="${rps[$base]}")
    fi
    rows+=("| $label | $(printf '%.0f' "${rps[$key]}") req/s | $(ms "${p50[$key]}") | $(ms "${p99[$key]}") | $added_p50 | $added_p99 | $ratio | ${rss[$key]} | ${errors[$key]} | $target |")
}

# stream_bench URL MODEL RUNS: one StreamBench round; prints its median tokens/s (empty when it failed).
stream_bench() {
    local out
    out=$(timeout 180 dotnet "$streambench" "$1" "$3" "$2" 2>> "$work/streambench.err") || { tail -n 3 "$work/streambench.err" >&2; return 0; }
    echo "$out" >> "$work/streambench.out"
    sed -n 's/.*median \([0-9,]*\) tokens\/s.*/\1/p' <<< "$out" | tr -d ,
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }

ensure_wrk
build baseline bench/Baseline || { say "Baseline did not build:"; tail -n 15 "$work/build-baseline.log" >&2; exit 1; }
build chatapi src/ChatApi || { say "ChatApi did not build:"; tail -n 15 "$work/build-chatapi.log" >&2; exit 1; }
build streambench bench/StreamBench || { say "StreamBench did not build:"; tail -n 15 "$work/build-streambench.log" >&2; exit 1; }
build forwarder bench/Forwarder || { say "Forwarder did not build:"; tail -n 15 "$work/build-forwarder.log" >&2; exit 1; }
portkey=false
command -v node > /dev/null && ensure_portkey && portkey=true
load_before=$(cut -d' ' -f1-3 /proc/loadavg)   # anything else busy on 2 cores skews every figure

# --- Requests and streams: one relay in front of the Baseline (relay-*) and of a pacing-off ChatApi (relay-stream).
start_server upstream "$bench/Baseline/bin/Release/net10.0/Baseline.dll" "$upstream_port"
upstream_pid=$server_pid
start_server stream-upstream "$chatapi_dll" "$stream_port" "--ConnectionStrings:ChatApi=Data Source=$work/stream-upstream.db"
# shellcheck disable=SC2086  # BENCH_CHATAPI_ARGS is split into arguments on purpose
start_server relay "$chatapi_dll" "$relay_port" "--ConnectionStrings:ChatApi=Data Source=$work/relay.db" \
    "--Backends:Upstreams:base:BaseUrl=http://127.0.0.1:$upstream_port/v1" "--Backends:Routes:relay-*=base" \
    "--Backends:Upstreams:streams:BaseUrl=http://127.0.0.1:$stream_port/v1" "--Backends:Routes:relay-stream=streams" \
    ${BENCH_CHATAPI_ARGS:-}
relay_pid=$server_pid
forwarder=$bench/Forwarder/bin/Release/net10.0/Forwarder.dll
start_server forwarder "$forwarder" "$floor_port" "--Upstream=http://127.0.0.1:$upstream_port/v1/"
floor_pid=$server_pid
start_server stream-forwarder "$forwarder" "$floor_stream_port" "--Upstream=http://127.0.0.1:$stream_port/v1/"
if $portkey && start_process portkey "$portkey_port" "$portkey_dir/node_modules/@portkey-ai/gateway" \
    env NODE_ENV=production node --import "$bench/portkey-loopback.mjs" build/start-server.js "--port=$portkey_port" --headless; then
    portkey_pid=$server_pid
else
    portkey=false
fi

probe direct "$upstream_port"
probe relay "$relay_port"
$portkey && probe portkey "$portkey_port" -H 'x-portkey-provider: openai' -H "x-portkey-custom-host: $BENCH_UPSTREAM_URL"

for conns in "$connections" 1; do
    measure "direct-$conns" post.lua "$conns" "$upstream_port" "$upstream_pid"
    measure "relay-$conns" post.lua "$conns" "$relay_port" "$relay_pid"
    measure "floor-$conns" post.lua "$conns" "$floor_port" "$floor_pid"
    if $portkey; then measure "portkey-$conns" post-portkey.lua "$conns" "$portkey_port" "$portkey_pid"; fi
done

say "streams: ${stream_warmup}s warm-up each, then $stream_rounds rounds of $stream_runs streams, direct and relayed in turn"
for target in "http://127.0.0.1:$stream_port" "http://127.0.0.1:$relay_port" "http://127.0.0.1:$floor_stream_port"; do
    deadline=$((SECONDS + stream_warmup))
    while ((SECONDS < deadline)); do stream_bench "$target" relay-stream 10 > /dev/null; done
done
: > "$work/direct-rates"
: > "$work/relayed-rates"
: > "$work/floor-rates"
for _ in $(seq "$stream_rounds"); do
    stream_bench "http://127.0.0.1:$stream_port" relay-stream "$stream_runs" >> "$work/direct-rates"
    stream_bench "http://127.0.0.1:$relay_port" relay-stream "$stream_runs" >> "$work/relayed-rates"
    stream_bench "http://127.0.0.1:$floor_stream_port" relay-stream "$stream_runs" >> "$work/floor-rates"
done
stream_direct=$(median < "$work/direct-rates")
stream_relayed=$(median < "$work/relayed-rates")
stream_floor=$(median < "$work/floor-rates")
stop_server

# --- Memory: a fresh relay in front of a ChatApi paced at 2 tokens/s, holding many streams open.
hold_line=""
start_server slow-upstream "$chatapi_dll" "$slow_port" "--ConnectionStrings:ChatApi=Data Source=$work/slow-upstream.db" \
    --Deterministic:TokensPerSecond=2
# shellcheck disable=SC2086
start_server hold-relay "$chatapi_dll" "$relay_port" "--ConnectionStrings:ChatApi=Data Source=$work/hold-relay.db" \
    "--Backends:Upstreams:slow:BaseUrl=http://127.0.0.1:$slow_port/v1" "--Backends:Routes:relay-*=slow" ${BENCH_CHATAPI_ARGS:-}
hold_relay_pid=$server_pid
idle_rss=$(awk '/^VmRSS:/ { print int($2 / 1024) }' "/proc/$hold_relay_pid/status")
say "holding $hold_streams relayed streams open for ${hold_seconds}s (relay RSS before: $idle_rss MB)"
sample_rss "$hold_relay_pid" > "$work/hold-rss" &
sampler=$!
hold_line=$(timeout $((hold_seconds + 120)) dotnet "$streambench" hold "http://127.0.0.1:$relay_port" "$hold_streams" "$hold_seconds" relay-hold 2>> "$work/hold.err" | grep '^HOLD ') || true
kill "$sampler"
wait "$sampler" 2> /dev/null || true
cat "$work/hold.err" >&2
hold_rss=$(peak_mb "$work/hold-rss")
stop_server

# --- The table.
wrk_row "direct (wrk → Baseline), 1 conn" direct-1 1 ""
wrk_row "ChatApi relay, 1 conn" relay-1 1 "added p50 ≤ 0.12 ms, p99 ≤ 1 ms: $(
    [[ -n ${rps[relay-1]:-} && -n ${rps[direct-1]:-} ]] &&
        verdict 'a - c <= 120 && b - d <= 1000' a="${p50[relay-1]}" b="${p99[relay-1]}" c="${p50[direct-1]}" d="${p99[direct-1]}" || echo -)"
wrk_row "bare forwarder (bench/Forwarder: Kestrel + HttpClient, no logic), 1 conn" floor-1 1 "the floor"
wrk_row "Portkey $portkey_version, 1 conn" portkey-1 1 ""
wrk_row "direct (wrk → Baseline), $connections conns" "direct-$connections" "$connections" ""
wrk_row "ChatApi relay, $connections conns" "relay-$connections" "$connections" "≥ 0.35 of direct: $(
    [[ -n ${rps[relay-$connections]:-} && -n ${rps[direct-$connections]:-} ]] &&
        verdict 'a / b >= 0.35' a="${rps[relay-$connections]}" b="${rps[direct-$connections]}" || echo -)"
wrk_row "bare forwarder, $connections conns" "floor-$connections" "$connections" "the floor"
wrk_row "Portkey $portkey_version, $connections conns" "portkey-$connections" "$connections" ""
if [[ -n ${rps[relay-$connections]:-} && -n ${rps[portkey-$connections]:-} ]]; then
    rows+=("| ChatApi relay ÷ Portkey, $connections conns | | | | | | $(calc 'sprintf("%.1f×", a / b)' a="${rps[relay-$connections]}" b="${rps[portkey-$connections]}") | | | ≥ 10×: $(verdict 'a / b >= 10' a="${rps[relay-$connections]}" b="${rps[portkey-$connections]}") |")
else
    rows+=("| ChatApi relay ÷ Portkey, $connections conns | not run | | | | | | | | ≥ 10× |")
fi
rows+=("| stream, 1,000 tokens, direct (StreamBench → ChatApi) | ${stream_direct:-failed} tokens/s | | | | | | | | |")
if [[ -n $stream_direct && -n $stream_relayed ]]; then
    rows+=("| stream, 1,000 tokens, relayed (StreamBench → relay → ChatApi) | $stream_relayed tokens/s | | | | | $(calc 'sprintf("%.2f", a / b)' a="$stream_relayed" b="$stream_direct") | | | ≥ 0.9 of direct: $(verdict 'a / b >= 0.9' a="$stream_relayed" b="$stream_direct") |")
else
    rows+=("| stream, 1,000 tokens, relayed (StreamBench → relay → ChatApi) | ${stream_relayed:-failed} tokens/s | | | | | | | | ≥ 0.9 of direct |")
fi
if [[ -n $stream_direct && -n $stream_floor ]]; then
    rows+=("| stream, 1,000 tokens, bare forwarder (bytes copied as they arrive) | $stream_floor tokens/s | | | | | $(calc 'sprintf("%.2f", a / b)' a="$stream_floor" b="$stream_direct") | | | the floor |")
fi
hold_note=""
if [[ -n $hold_line ]]; then
    open_at_end=$(field open_at_end "$hold_line")
    rows+=("| $hold_streams relayed streams held open ${hold_seconds}s | $open_at_end open at the end | | | | | | $hold_rss | $((hold_streams - open_at_end)) | ≤ 300 MB: $(
        ((open_at_end == hold_streams)) && verdict 'a <= 300' a="$hold_rss" || echo "not all open") |")
    hold_note="Held streams: $(field opened "$hold_line") of $hold_streams streaming after $(field open_seconds "$hold_line")s, $(field failed "$hold_line") failed to open, $(field ended_early "$hold_line") ended early, $(field events "$hold_line") events read; the relay's RSS was $idle_rss MB before they opened."
else
    rows+=("| $hold_streams relayed streams held open ${hold_seconds}s | failed | | | | | | $hold_rss | | ≤ 300 MB |")
fi

echo
echo "$(nproc) cores (load average before: $load_before), wrk -t$threads, ${duration}s per wrk scenario after a warm-up to a steady rate;" \
    "node $(node --version 2> /dev/null || echo missing)."
echo "added = relay (or Portkey) − direct at the same connections; ratio = req/s ÷ direct req/s (streams: median tokens/s ÷ direct's);"
echo "peak RSS = the proxy's (direct: the Baseline's); errors = socket errors + non-2xx responses (held streams: failed or ended early)."
echo
echo "| scenario | throughput | p50 ms | p99 ms | added p50 ms | added p99 ms | ratio to direct | peak RSS MB | errors | target |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
printf '%s\n' "${rows[@]}"
if [[ -n $hold_note ]]; then echo; echo "$hold_note"; fi
