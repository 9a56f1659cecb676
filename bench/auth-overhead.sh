#!/usr/bin/env bash
# What the key check and the rate limiter cost a store:false request. One Release build of ChatApi runs twice side by
# side: "open" without keys, "keyed" with 10 keys configured and the requests' key carrying all three limits (set
# high enough never to refuse, so every request is checked, counted and answered with x-ratelimit-* headers).
# Both are warmed up, then measured alternately (open, keyed, open, keyed) so drift in the machine's load hits both.
# Prints one markdown table and the overhead on stdout; progress goes to stderr.
#
#   bench/auth-overhead.sh                   # 10 s warm-up each, then 4 × 10 s measured: about 1.5 min plus the build
#   BENCH_SECONDS=5 bench/auth-overhead.sh
set -euo pipefail
shopt -s extglob

duration=${BENCH_SECONDS:-10}
threads=${BENCH_THREADS:-2}
connections=${BENCH_CONNECTIONS:-64}
rounds=${BENCH_ROUNDS:-2}
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
open_port=${BENCH_OPEN_PORT:-$(free_port)}
keyed_port=${BENCH_KEYED_PORT:-$(free_port)}
export BENCH_MODEL=${BENCH_MODEL:-gpt-4o-mini}
export ASPNETCORE_ENVIRONMENT=Production
key=sk-bench-0000000000000000000000000000000000000000

bench=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$bench")
work=$(mktemp -d)
dll=$root/src/ChatApi/bin/Release/net10.0/ChatApi.dll
pids=()
declare -A pid_of

# shellcheck source=bench/lib.sh
source "$bench/lib.sh"
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; wait "$pid" 2> /dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

command -v wrk > /dev/null || { say "installing wrk"; apt-get update -qq > /dev/null && apt-get install -y -qq wrk > /dev/null; }
say "building ChatApi (Release)"
(cd "$root" && timeout 900 dotnet build -c Release src/ChatApi -nologo > "$work/build.log" 2>&1) || { tail -n 20 "$work/build.log" >&2; exit 1; }

# start NAME PORT [ARGS...]: from the bin folder, as deployed; waits until the port answers HTTP.
start() {
    local name=$1 port=$2
    shift 2
    say "starting $name on 127.0.0.1:$port"
    (cd "$(dirname "$dll")" && exec dotnet "$dll" --urls "http://127.0.0.1:$port" --Auth:KeysFile= \
        "--ConnectionStrings:ChatApi=Data Source=$work/$name.db" "$@") > "$work/$name.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 300); do
        [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v1/models") == @(200|401) ]] && return 0
        kill -0 "${pids[-1]}" 2> /dev/null || break
        sleep 0.1
    done
    say "$name did not start:"; tail -n 20 "$work/$name.log" >&2; exit 1
}

keys=(--Auth:Keys:0:Key=$key --Auth:Keys:0:Project=bench --Auth:Keys:0:RequestsPerMinute=1000000000
      --Auth:Keys:0:TokensPerMinute=2000000000 --Auth:Keys:0:MaxConcurrentRequests=10000)
for i in $(seq 1 9); do keys+=("--Auth:Keys:$i:Key=sk-other-$i-00000000000000000000000000000000" "--Auth:Keys:$i:Project=p$i"); done

start open "$open_port"
start keyed "$keyed_port" "${keys[@]}"
# The dotnet processes themselves (the subshells exec them, so $! is the server).
pid_of[open]=${pids[0]}
pid_of[keyed]=${pids[1]}
[[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$keyed_port/v1/models") == 401 ]] || { say "the keyed server does not ask for a key"; exit 1; }

# cpu_ticks PID: user + system CPU time the process has used, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# run NAME PORT SECONDS: prints report.lua's BENCH line.
run() {
    # shellcheck disable=SC2046  # wrk_at's words are the command
    BENCH_API_KEY=$(key_of "$1") timeout $(($3 + 30)) $(wrk_at "$2") -d"$3s" | grep '^BENCH '
}
# key_of NAME: the key the NAME server's requests carry (none for open).
key_of() { if [[ $1 == keyed ]]; then echo "$key"; fi; }
# wrk_at PORT: the wrk command the warm-up and the measured runs share, without its duration.
wrk_at() { echo wrk -t"$threads" -c"$connections" --latency -s "$bench/wrk/post.lua" "http://127.0.0.1:$1"; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for name in open keyed; do
    port=$open_port; [[ $name == keyed ]] && port=$keyed_port
    say "$name: warm-up"
    # shellcheck disable=SC2046
    BENCH_API_KEY=$(key_of "$name") warm_up $(wrk_at "$port")
done

rows=()
declare -A total=([open]=0 [keyed]=0) cpu=([open]=0 [keyed]=0)
for round in $(seq "$rounds"); do
    for name in open keyed; do
        port=$open_port; [[ $name == keyed ]] && port=$keyed_port
        say "round $round, $name: ${duration}s"
        before=$(cpu_ticks "${pid_of[$name]}")
        line=$(run "$name" "$port" "$duration")
        ticks=$(($(cpu_ticks "${pid_of[$name]}") - before))
        requests=$(field requests "$line")
        cpu_us=$(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf("%.1f", t / hz * 1e6 / n) }')
        cpu[$name]=$(awk -v a="${cpu[$name]}" -v b="$cpu_us" 'BEGIN { print a + b }')
        rps=$(field rps "$line")
        errors=$(($(field socket_errors "$line") + $(field non2xx "$line")))
        total[$name]=$(awk -v a="${total[$name]}" -v b="$rps" 'BEGIN { print a + b }')
        rows+=("| $round | $name | $(printf '%.0f' "$rps") | $(awk -v us="$(field p50_us "$line")" 'BEGIN { printf("%.3g", us / 1000) }') | $(awk -v us="$(field p99_us "$line")" 'BEGIN { printf("%.3g", us / 1000) }') | $cpu_us | $errors |")
    done
done

echo
echo "$(nproc) cores (load average before: $load_before), store:false, wrk -t$threads -c$connections, ${duration}s per run after a warm-up to a steady rate each."
echo
echo "| round | server | req/s | p50 ms | p99 ms | server CPU µs/request | errors |"
echo "|---:|---|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
awk -v o="${total[open]}" -v k="${total[keyed]}" -v co="${cpu[open]}" -v ck="${cpu[keyed]}" -v n="$rounds" 'BEGIN {
    printf("Throughput: open %.0f req/s, keyed %.0f req/s (means of %d runs): key check + rate limiting cost %.1f %% of store:false throughput.\n", o / n, k / n, n, (1 - k / o) * 100)
    printf("Server CPU per request: open %.1f µs, keyed %.1f µs: %.1f %% more (the figure that holds when other work shares the cores).\n", co / n, ck / n, (ck / co - 1) * 100) }'
