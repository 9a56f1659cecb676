# Helpers shared by bench/run.sh and bench/proxy.sh; source it after setting $root (the repo) and $work (a temp dir).
# Servers started with start_process/start_server are remembered in server_pids; stop_server stops them all.

server_pid=""    # the last server started
server_pids=()   # every server still running

say() { echo "bench: $*" >&2; }

ensure_wrk() {
    command -v wrk > /dev/null && return
    say "installing wrk"
    apt-get update -qq > /dev/null && apt-get install -y -qq wrk > /dev/null
}

# build NAME PROJECT: Release build from the repo root; the log stays in $work.
build() {
    say "building $1"
    (cd "$root" && timeout "${BENCH_BUILD_SECONDS:-300}" dotnet build -c Release "$2" -nologo > "$work/build-$1.log" 2>&1)
}

# start_process NAME PORT DIR COMMAND...: runs COMMAND in DIR in the background, its output in $work/NAME.log, and
# waits until 127.0.0.1:PORT answers HTTP (any status).
start_process() {
    local name=$1 port=$2 dir=$3
    shift 3
    say "starting $name on 127.0.0.1:$port"
    (cd "$dir" && exec "$@") > "$work/$name.log" 2>&1 &
    server_pid=$!
    server_pids+=("$server_pid")
    local deadline=$((SECONDS + ${BENCH_START_SECONDS:-60}))
    while ((SECONDS < deadline)); do
        [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/") != 000 ]] && return 0
        kill -0 "$server_pid" 2> /dev/null || break
        sleep 0.1
    done
    say "$name did not start; its log:"
    tail -n 30 "$work/$name.log" >&2
    return 1
}

# start_server NAME DLL PORT [ARGS...]: a .NET server, from its own bin folder, as deployed: the content root is the
# working directory, where appsettings.json is.
start_server() {
    local name=$1 dll=$2 port=$3
    shift 3
    start_process "$name" "$port" "$(dirname "$dll")" dotnet "$dll" --urls "http://127.0.0.1:$port" "$@"
}

# stop_server: stops every server started so far and waits for each to exit.
stop_server() {
    local pid
    for pid in "${server_pids[@]}"; do kill "$pid" 2> /dev/null || true; done
    for pid in "${server_pids[@]}"; do wait "$pid" 2> /dev/null || true; done
    server_pids=()
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

# warm_up WRK_COMMAND...: load until the server's JIT has settled. On 2 cores tiered compilation keeps a core busy for
# 30-60 s of full load (a 10 s warm-up measured a fifth of the steady rate), so this runs 5 s windows for at least
# BENCH_WARMUP_SECONDS (default 20) and then until one window is within 5 % of the one before, at most
# BENCH_WARMUP_MAX_SECONDS (default 120). Prints the windows' rates on stderr.
warm_up() {
    local min=${BENCH_WARMUP_SECONDS:-20} max=${BENCH_WARMUP_MAX_SECONDS:-120} started=$SECONDS previous=0 rate line rates=""
    while :; do
        line=$(timeout 35 "$@" -d5s 2> /dev/null | grep '^BENCH ') || line=""
        rate=$(field rps "$line")
        rate=${rate:-0}
        rates+=" $rate"
        if ((SECONDS - started >= max)); then break; fi
        if ((SECONDS - started >= min)) && [[ $(awk -v a="$rate" -v b="$previous" 'BEGIN { print (b > 0 && a >= 0.95 * b && a <= 1.05 * b) ? 1 : 0 }') == 1 ]]; then break; fi
        previous=$rate
    done
    say "warm-up $((SECONDS - started)) s, req/s per 5 s:$rates"
}
