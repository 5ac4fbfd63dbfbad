#!/usr/bin/env bash
# Load benchmark of the IldRegistry API (issue 6). Usage: bash bench/run.sh [scale factors…]   (default: 1 1000)
# Builds the API (Release), the data generator and the raw-Npgsql baseline, starts a throwaway PostgreSQL cluster,
# and for each scale factor: migrates + seeds, loads synthetic data with COPY, starts the API and the baseline, runs
# the wrk scenarios, measures export memory. Prints a markdown table and writes it to bench/results/<timestamp>.md.
# All traffic goes to 127.0.0.1; everything started here is stopped and deleted on exit.
# Knobs: BENCH_DURATION (s, default 10), BENCH_WARMUP (s, default 10: the JIT's tiering and PGO settle in about that), BENCH_CONNECTIONS (8), BENCH_THREADS (2),
# BENCH_SUITES ("real single"), BENCH_REAL_MODES ("off on"), BENCH_REAL_SCENARIOS, BENCH_REAL_WARMUP (3), BENCH_VARIANTS,
# BENCH_ROUNDS (bench/README.md).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
[[ $# -gt 0 ]] || set -- 1 1000
SCALES=("$@")
DURATION=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-8}
THREADS=${BENCH_THREADS:-2}
SUITES=${BENCH_SUITES:-real single}
REAL_MODES=${BENCH_REAL_MODES:-off on}
REAL_SCENARIOS=${BENCH_REAL_SCENARIOS:-by-slug-uniform by-slug-zipf leaders-asof-uniform org-chart-uniform events-uniform search-uniform search-zipf mix-uniform mix-zipf mix-zipf+writes}
REAL_WARMUP=${BENCH_REAL_WARMUP:-3}
KEY=bench-key
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS_DIR="$BENCH/results"
mkdir -p "$RESULTS_DIR"
RESULT_MD="$RESULTS_DIR/$STAMP.md"

WORK=$(mktemp -d /tmp/ildbench.XXXXXX)
chmod 755 "$WORK"
TSV="$WORK/results.tsv"
: >"$TSV"
API_PID=""
BASE_PID=""
SAMPLER_PID=""
PG_STARTED=""

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

stop_pid() { # pid: TERM, wait up to 10 s, then KILL
  local pid=$1
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  stop_pid "$SAMPLER_PID"
  stop_pid "$API_PID"
  stop_pid "$BASE_PID"
  if [[ -n "$PG_STARTED" ]]; then
    runuser -u postgres -- "$PGBIN/pg_ctl" stop -D "$WORK/pg" -m immediate -w -t 30 >/dev/null 2>&1 || true
  fi
  if [[ -n "${BENCH_KEEP_WORK:-}" ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

command -v wrk >/dev/null || { log "installing wrk"; apt-get install -y wrk >/dev/null; }
[[ -x "$PGBIN/initdb" ]] || { log "no PostgreSQL server binaries in $PGBIN"; exit 1; }

log "building (Release): API, data generator, baseline"
build() { # project output-dir expected-dll; an incremental build once copied nothing into a fresh -o: verify, rebuild
  local attempt
  for attempt in 1 2; do
    local extra=(); [[ $attempt == 2 ]] && extra=(--no-incremental)
    dotnet build "$1" -c Release -o "$2" -nologo -v q "${extra[@]}" >>"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
    [[ -f "$2/$3" ]] && return 0
  done
  log "building $1 produced no $2/$3"; exit 1
}
build "$ROOT/src/IldRegistry.Api/IldRegistry.Api.csproj" "$WORK/api" IldRegistry.Api.dll
build "$BENCH/IldRegistry.Bench.DataGen/IldRegistry.Bench.DataGen.csproj" "$WORK/gen" IldRegistry.Bench.DataGen.dll
build "$BENCH/Baseline/IldRegistry.Bench.Baseline.csproj" "$WORK/base" IldRegistry.Bench.Baseline.dll

log "starting a throwaway PostgreSQL 15 cluster"
PGPORT=$(free_port)
mkdir -p "$WORK/pg" && chown postgres "$WORK/pg" && chmod 700 "$WORK/pg"
mkdir -p "$WORK/sock" && chown postgres "$WORK/sock"
touch "$WORK/pg.log" && chown postgres "$WORK/pg.log"
runuser -u postgres -- "$PGBIN/initdb" -D "$WORK/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" start -D "$WORK/pg" -l "$WORK/pg.log" -w -t 60 \
  -o "-p $PGPORT -k $WORK/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null
PG_STARTED=1
psql_db() { local db=$1; shift; psql -X -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d "$db" -v ON_ERROR_STOP=1 "$@"; }

wait_http() { # url pid seconds
  local deadline=$((SECONDS + $3))
  while (( SECONDS < deadline )); do
    kill -0 "$2" 2>/dev/null || return 1
    curl -sf -o /dev/null "$1" && return 0
    sleep 0.3
  done
  return 1
}

start_api() { # db port migrate seed logfile [extra settings]
  ( cd "$WORK/api" && exec env ASPNETCORE_ENVIRONMENT=Production \
      ConnectionStrings__Registry="Host=127.0.0.1;Port=$PGPORT;Database=$1;Username=postgres;Maximum Pool Size=100" \
      Database__MigrateOnStartup="$3" Seed__Enabled="$4" RateLimiting__Enabled=false Auth__BootstrapAdminKey="$KEY" \
      Logging__LogLevel__Default=Warning Logging__LogLevel__Microsoft.Hosting.Lifetime=Information \
      ${BENCH_API_ENV:-} ${6:-} dotnet IldRegistry.Api.dll --urls "http://127.0.0.1:$2" ) >"$5" 2>&1 &
  API_PID=$!
  wait_http "http://127.0.0.1:$2/api/v1/departments/ild" "$API_PID" 120 || { log "API did not start"; tail -30 "$5"; exit 1; }
}

start_baseline() { # db port
  ( cd "$WORK/base" && exec env ConnectionStrings__Registry="Host=127.0.0.1;Port=$PGPORT;Database=$1;Username=postgres;Maximum Pool Size=100" \
      dotnet IldRegistry.Bench.Baseline.dll --urls "http://127.0.0.1:$2" ) >"$WORK/baseline.log" 2>&1 &
  BASE_PID=$!
  wait_http "http://127.0.0.1:$2/api/v1/departments/ild" "$BASE_PID" 60 || { log "baseline did not start"; tail -30 "$WORK/baseline.log"; exit 1; }
}

kb() { awk -v k="$2" '$1 == k":" {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

start_sampler() { # pid outfile max-seconds: peak VmRSS (kB) sampled every 100 ms
  local pid=$1 out=$2 limit=$3
  ( end=$((SECONDS + limit)); max=0
    while (( SECONDS < end )) && kill -0 "$pid" 2>/dev/null; do
      v=$(kb "$pid" VmRSS); v=${v:-0}
      (( v > max )) && { max=$v; echo "$max" >"$out"; }
      sleep 0.1
    done ) &
  SAMPLER_PID=$!
}

stop_sampler() { stop_pid "$SAMPLER_PID"; SAMPLER_PID=""; }

# The sampler rewrites its file while it runs: read empty as 0 rather than end the whole run on a race.
rss_mb() { local v; v=$(cat "$1" 2>/dev/null); echo $(( ${v:-0} / 1024 )); }

to_ms() { # wrk duration (12.3us, 4.5ms, 1.2s, 1.0m) -> ms
  awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000; printf "%.2f", n }'
}

# The machine is shared: a process of ours may be stopped from outside (we saw SIGTERMs mid-run). Such a run is
# thrown away, the process restarted, and the scenario measured again (at most twice); restarts are logged.
RESTARTS=0
ensure_running() { # api|baseline
  if [[ $1 == api ]]; then
    kill -0 "$API_PID" 2>/dev/null && return 0
    RESTARTS=$((RESTARTS + 1)); log "  the API process is gone (stopped from outside); restarting it (restart $RESTARTS)"
    start_api "$CUR_DB" "$API_PORT" false false "$WORK/api-$CUR_DB-restart$RESTARTS.log" "${CUR_API_ENV:-}"
  else
    kill -0 "$BASE_PID" 2>/dev/null && return 0
    RESTARTS=$((RESTARTS + 1)); log "  the baseline process is gone (stopped from outside); restarting it (restart $RESTARTS)"
    start_baseline "$CUR_DB" "$BASE_PORT"
  fi
}

# run_wrk scale scenario api|baseline url [lua]: warm-up, then the measured run; appends a row to the TSV
run_wrk() {
  local scale=$1 name=$2 target=$3 url=$4 lua=${5:-}
  local args=(-t "$THREADS" -c "$CONNECTIONS" --timeout 5s)
  [[ -n "$lua" ]] && args+=(-s "$lua")
  local out="$WORK/wrk-$scale-$name.txt" rssfile="$WORK/rss-$scale-$name" pid attempt
  for attempt in 1 2 3; do
    ensure_running "$target"
    if [[ $target == api ]]; then pid=$API_PID; else pid=$BASE_PID; fi
    timeout $((WARMUP + 15)) wrk "${args[@]}" -d "${WARMUP}s" "$url" >/dev/null 2>&1 || true
    echo 0 >"$rssfile"
    start_sampler "$pid" "$rssfile" $((DURATION + 10))
    timeout $((DURATION + 30)) wrk "${args[@]}" -d "${DURATION}s" --latency "$url" >"$out" 2>&1 || true
    stop_sampler
    kill -0 "$pid" 2>/dev/null && break
    log "  $name: the process died during the run (attempt $attempt), measuring again"
  done
  local rps p50 p99 errors requests rss
  read -r rps p50 p99 errors requests <<<"$(wrk_figures "$out")"
  rss=$(rss_mb "$rssfile")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$scale" "$name" "$rps" "$p50" "$p99" "$errors" "$rss" "$requests" >>"$TSV"
  log "  $name: $rps req/s, p50 $p50 ms, p99 $p99 ms, errors $errors, peak RSS $rss MB"
}

cpu_ticks() { # pid...: user + system clock ticks of these processes
  local t=0 pid v
  for pid in "$@"; do
    v=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0); t=$((t + ${v:-0}))
  done
  echo "$t"
}
# PostgreSQL's CPU: the postmaster's own and that of its children that have exited (cutime, cstime), plus the live
# backends'. Counting only the live ones went negative when a backend exited during a run (its pooled connection closed).
pg_ticks() {
  local pm own
  pm=$(head -1 "$WORK/pg/postmaster.pid")
  own=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat" 2>/dev/null || echo 0)
  echo $(( ${own:-0} + $(cpu_ticks $(ps -o pid= --ppid "$pm")) ))
}
TICK_MS=$((1000 / $(getconf CLK_TCK)))

# run_real scale mode name api|baseline pathsfile [writes]: one measured run of a real-traffic scenario (requests drawn
# from pathsfile by paths.lua), after REAL_WARMUP s of the same traffic. Records req/s, p50, p99, errors, the output
# cache's hits (answers with an Age header), the load average, and the CPU the target and PostgreSQL spent per
# request (a figure less at the mercy of a loaded machine than req/s). "writes": write-mix.lua runs beside, on one
# connection of its own, and its own figures are recorded as "<name>/writes".
run_real() {
  local scale=$1 mode=$2 name=$3 target=$4 paths=$5 writes=${6:-}
  local args=(-t "$THREADS" -c "$CONNECTIONS" --timeout 5s -s "$BENCH/paths.lua")
  local tag="$scale-${mode//\//-}-$name-$RANDOM" pid url
  local out="$WORK/real-$tag.txt" wout="$WORK/real-$tag-writes.txt" rssfile="$WORK/rss-$tag"
  ensure_running "$target"
  if [[ $target == api ]]; then pid=$API_PID; url="http://127.0.0.1:$API_PORT"; else pid=$BASE_PID; url="http://127.0.0.1:$BASE_PORT"; fi
  # The warm-up runs the writes too (their own paths through the API are otherwise cold: JIT-compiled on the first
  # writes measured, which took about 1 s each and made the writes' p99).
  local wwarm=""
  if [[ -n "$writes" ]]; then
    BENCH_KEY=$KEY timeout $((REAL_WARMUP + 15)) wrk -t 1 -c 1 --timeout 5s -s "$BENCH/write-mix.lua" -d "${REAL_WARMUP}s" "$url" >/dev/null 2>&1 &
    wwarm=$!
  fi
  BENCH_PATHS=$paths timeout $((REAL_WARMUP + 15)) wrk "${args[@]}" -d "${REAL_WARMUP}s" "$url" >/dev/null 2>&1 || true
  [[ -n "$wwarm" ]] && { wait "$wwarm" || true; }
  echo 0 >"$rssfile"
  local load cpu0 pg0 cpu1 pg1 wpid=""
  load=$(awk '{print $1}' /proc/loadavg)
  cpu0=$(cpu_ticks "$pid"); pg0=$(pg_ticks)
  start_sampler "$pid" "$rssfile" $((DURATION + 10))
  if [[ -n "$writes" ]]; then
    BENCH_KEY=$KEY timeout $((DURATION + 30)) wrk -t 1 -c 1 --timeout 5s -s "$BENCH/write-mix.lua" -d "${DURATION}s" --latency "$url" >"$wout" 2>&1 &
    wpid=$!
  fi
  BENCH_PATHS=$paths timeout $((DURATION + 30)) wrk "${args[@]}" -d "${DURATION}s" --latency "$url" >"$out" 2>&1 || true
  [[ -n "$wpid" ]] && { wait "$wpid" || true; }
  cpu1=$(cpu_ticks "$pid"); pg1=$(pg_ticks)
  stop_sampler
  local row
  row=$(wrk_figures "$out")
  local requests=${row##* }
  local hits answers
  hits=$(awk '/^cache_hits/ {print $2}' "$out"); hits=${hits:-0}
  answers=$(awk '/^cache_hits/ {print $4}' "$out"); answers=${answers:-0}
  local cpu_api cpu_pg
  cpu_api=$(awk -v t=$((cpu1 - cpu0)) -v n="$requests" -v ms="$TICK_MS" 'BEGIN { printf "%.3f", (n > 0 ? t * ms / n : 0) }')
  cpu_pg=$(awk -v t=$((pg1 - pg0)) -v n="$requests" -v ms="$TICK_MS" 'BEGIN { printf "%.3f", (n > 0 ? t * ms / n : 0) }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$scale" "$mode" "$name" "$row" "$hits" "$answers" \
    $(rss_mb "$rssfile") "$load" "$cpu_api" "$cpu_pg" "$target" | tr ' ' '\t' >>"$WORK/real.tsv"
  log "  [$mode] $name ($target): $(echo "$row" | awk '{print $1 " req/s, p50 " $2 " ms, p99 " $3 " ms, errors " $4}'), cache hits $hits of $answers, CPU/request API $cpu_api ms PostgreSQL $cpu_pg ms, load $load"
  if [[ -n "$writes" ]]; then
    row=$(wrk_figures "$wout")
    printf '%s\t%s\t%s\t%s\t0\t0\t0\t%s\t0\t0\t%s\n' "$scale" "$mode" "$name/writes" "$row" "$load" "$target" | tr ' ' '\t' >>"$WORK/real.tsv"
    log "  [$mode] $name, the writes beside: $(echo "$row" | awk '{print $1 " req/s, p50 " $2 " ms, p99 " $3 " ms, errors " $4}')"
  fi
}

wrk_figures() { # wrk output file -> "rps p50 p99 errors requests"
  local rps p50 p99 non2xx sock requests
  rps=$(awk '/^Requests\/sec/ {print $2}' "$1"); rps=${rps:-0}
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$1")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$1")")
  non2xx=$(awk -F: '/Non-2xx or 3xx responses/ {gsub(/ /, "", $2); print $2}' "$1"); non2xx=${non2xx:-0}
  sock=$(awk '/Socket errors/ {gsub(/[^0-9 ]/, ""); s = 0; for (i = 1; i <= NF; i++) s += $i; print s}' "$1"); sock=${sock:-0}
  requests=$(awk '/requests in/ {print $1}' "$1"); requests=${requests:-0}
  echo "$rps $p50 $p99 $((non2xx + sock)) $requests"
}

# A run whose answers are errors measures the error path: ask the first paths of every scenario once before the
# suite and stop on any answer but 2xx (the synthetic data once lacked a column the API needs: 96% 500s).
check_answers() { # keys-dir
  local file path status
  for file in "$1"/*.paths; do
    for path in $(head -3 "$file"); do
      status=$(curl -s -o "$WORK/check-answer" -w '%{http_code}' --max-time 30 "http://127.0.0.1:$API_PORT$path" || echo 000)
      [[ $status == 2* ]] && continue
      log "GET $path answered $status, so the scenarios would measure errors:"; head -c 600 "$WORK/check-answer" >&2; echo >&2
      exit 1
    done
  done
}

# The real-traffic suite (issue 14) at one scale factor, once per cache mode (off: the database path; on: the
# default configuration). The by-slug scenario alternates API and baseline (A, B, A, B) on the same keys.
# BENCH_VARIANTS="name:K=V,K=V other:K=V" runs the suite once per variant of the API's environment (e.g. GC
# settings), BENCH_ROUNDS times over, interleaved (A, B, A, B); each row's mode then reads "<mode>/<variant>".
run_real_suite() {
  local scale=$1 keys=$2 mode name variant label extra round
  local variants=${BENCH_VARIANTS:-":"}
  for mode in $REAL_MODES; do
    for round in $(seq "${BENCH_ROUNDS:-1}"); do
      for variant in $variants; do
        label=$mode; [[ -n "${variant%%:*}" ]] && label="$mode/${variant%%:*}"
        extra=${variant#*:}; extra=${extra//,/ }
        stop_pid "$API_PID"; API_PID=""
        CUR_API_ENV="$extra"; [[ $mode == off ]] && CUR_API_ENV="OutputCache__Enabled=false $extra"
        start_api "$CUR_DB" "$API_PORT" false false "$WORK/api-$scale-real-${label//\//-}-$round.log" "$CUR_API_ENV"
        check_answers "$keys"
        log "S=$scale: real traffic, output cache $label (round $round): warm-up ${WARMUP}s on the mix${extra:+ ($extra)}"
        BENCH_PATHS="$keys/mix-uniform.paths" timeout $((WARMUP + 15)) wrk -t "$THREADS" -c "$CONNECTIONS" -s "$BENCH/paths.lua" -d "${WARMUP}s" "http://127.0.0.1:$API_PORT" >/dev/null 2>&1 || true
        for name in $REAL_SCENARIOS; do
          case $name in
            by-slug-uniform)
              for _ in 1 2; do
                run_real "$scale" "$label" by-slug-uniform api "$keys/by-slug-uniform.paths"
                run_real "$scale" "$label" by-slug-uniform-baseline baseline "$keys/by-slug-uniform.paths"
              done ;;
            *+writes) run_real "$scale" "$label" "$name" api "$keys/${name%+writes}.paths" writes ;;
            *) run_real "$scale" "$label" "$name" api "$keys/$name.paths" ;;
          esac
        done
        ensure_running api
        printf '%s\t%s\t%s\n' "$scale" "$label" $(( $(kb "$API_PID" VmHWM) / 1024 )) >>"$WORK/real-hwm.tsv"
      done
    done
  done
  CUR_API_ENV=""
}

for S in "${SCALES[@]}"; do
  DB="bench_s$S"
  CUR_DB=$DB
  log "S=$S: database $DB (migrations + seed through the API)"
  psql_db postgres -c "CREATE DATABASE $DB"
  API_PORT=$(free_port)
  start_api "$DB" "$API_PORT" true true "$WORK/api-init-$S.log"
  stop_pid "$API_PID"; API_PID=""

  log "S=$S: loading synthetic data"
  load_start=$SECONDS
  dotnet "$WORK/gen/IldRegistry.Bench.DataGen.dll" --connection "Host=127.0.0.1;Port=$PGPORT;Database=$DB;Username=postgres" --scale "$S" >&2
  psql_db "$DB" -c "VACUUM ANALYZE"
  load_seconds=$((SECONDS - load_start))
  counts=$(psql_db "$DB" -At -F ' ' -c "SELECT (SELECT count(*) FROM departments), (SELECT count(*) FROM people), (SELECT count(*) FROM leaders), (SELECT count(*) FROM bureaus), (SELECT count(*) FROM institutions), (SELECT count(*) FROM events)")
  printf '%s\tload\t%s\t%s\n' "$S" "$load_seconds" "$counts" >>"$WORK/loads.tsv"
  log "S=$S: rows (departments people leaders bureaus institutions events): $counts; load+analyze ${load_seconds} s"

  BASE_PORT=$(free_port)
  start_baseline "$DB" "$BASE_PORT"
  if [[ " $SUITES " == *" real "* ]]; then
    python3 "$BENCH/keys.py" "-h 127.0.0.1 -p $PGPORT -U postgres -d $DB" "$WORK/keys-$S" >"$WORK/keys-$S.log"
    run_real_suite "$S" "$WORK/keys-$S"
    stop_pid "$API_PID"; API_PID=""
  fi
  if [[ " $SUITES " != *" single "* ]]; then
    stop_pid "$BASE_PID"; BASE_PID=""
    psql_db postgres -c "DROP DATABASE $DB" || true
    continue
  fi
  start_api "$DB" "$API_PORT" false false "$WORK/api-$S.log"
  A="http://127.0.0.1:$API_PORT/api/v1"
  log "S=$S: scenarios (${DURATION}s each after ${WARMUP}s warm-up, $CONNECTIONS connections, $THREADS threads)"
  run_wrk "$S" by-slug api "$A/departments/ild"
  run_wrk "$S" by-slug-baseline baseline "http://127.0.0.1:$BASE_PORT/api/v1/departments/ild"
  stop_pid "$BASE_PID"; BASE_PID=""
  run_wrk "$S" leaders-asof api "$A/departments/ild/leaders?asOf=2019-06-01"
  run_wrk "$S" org-chart api "$A/departments/ild/org-chart"
  run_wrk "$S" list-page-1 api "$A/events?kind=Statistic&sort=-date&page=1&pageSize=25"
  run_wrk "$S" list-page-200 api "$A/events?kind=Statistic&sort=-date&page=200&pageSize=25"
  # Page 200 again, the way a client walking with keyset paging reaches it: after the last record of page 199 (of
  # the last page when there are fewer; then the answer is empty, as page=200 is).
  after=$(curl -sf "$A/events?kind=Statistic&sort=-date&page=1&pageSize=25" | python3 -c 'import json, sys; print(min(199, max(1, -(-json.load(sys.stdin)["totalCount"] // 25))))')
  after=$(curl -sf "$A/events?kind=Statistic&sort=-date&page=$after&pageSize=25" | python3 -c 'import json, sys; i = json.load(sys.stdin)["items"]; print(i[-1]["id"] if i else "")')
  run_wrk "$S" list-after-199 api "$A/events?kind=Statistic&sort=-date&pageSize=25&after=$after"
  run_wrk "$S" search api "$A/search?q=lu%20kang"
  BENCH_KEY=$KEY run_wrk "$S" write-mix api "http://127.0.0.1:$API_PORT" "$BENCH/write-mix.lua"
  ensure_running api
  hwm=$(( $(kb "$API_PID" VmHWM) / 1024 ))
  log "S=$S: write mix left $(psql_db "$DB" -At -c "SELECT count(*) FILTER (WHERE name LIKE 'Bench Person %') || ' people created, ' || count(*) FILTER (WHERE name LIKE '% (replaced)') || ' replaced' FROM people")"

  log "S=$S: export memory"
  before=$(( $(kb "$API_PID" VmRSS) / 1024 ))
  echo 0 >"$WORK/rss-export"
  start_sampler "$API_PID" "$WORK/rss-export" 200
  export_result=$(curl -s -o /dev/null --max-time 180 -w '%{http_code} %{size_download} %{time_total}' "$A/export?format=json" || echo "000 0 0")
  stop_sampler
  peak=$(rss_mb "$WORK/rss-export")
  printf '%s\t%s\t%s\t%s\t%s\n' "$S" "$hwm" "$before" "$peak" "$export_result" >>"$WORK/memory.tsv"
  log "S=$S: API VmHWM after scenarios $hwm MB; export: $export_result (RSS $before -> peak $peak MB)"
  stop_pid "$API_PID"; API_PID=""
  psql_db postgres -c "DROP DATABASE $DB" || true
done

MACHINE="$(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(free -g | awk '/Mem:/ {print $2}') GB RAM, $(uname -sr), PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}'), .NET $(dotnet --version), wrk $( (wrk -v 2>&1 || true) | awk 'NR==1 {print $2}')"
log "processes restarted after being stopped from outside: $RESTARTS"
# (if, not &&: with one suite only, a false test as the block's last command ended the run with 1 under set -e)
{
  if [[ -s "$WORK/real.tsv" ]]; then python3 "$BENCH/report_real.py" "$WORK" "$MACHINE" "$DURATION" "$REAL_WARMUP" "$CONNECTIONS" "$THREADS" "$*"; fi
  if [[ -s "$TSV" ]]; then python3 "$BENCH/report.py" "$WORK" "$MACHINE" "$DURATION" "$WARMUP" "$CONNECTIONS" "$THREADS" "$*"; fi
} | tee "$RESULT_MD"
log "written to $RESULT_MD"
