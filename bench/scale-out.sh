#!/usr/bin/env bash
# One API instance against two, both behind HAProxy (deploy/local/topology.sh), in one run on the same machine.
# Usage: bash bench/scale-out.sh       Knobs: BENCH_DURATION (s, 10), BENCH_WARMUP (s, 10), BENCH_CONNECTIONS (8),
# BENCH_THREADS (2), BENCH_API_ENV (extra API settings, e.g. "OutputCache__Enabled=false"). Seed data only (S=1).
# All on 127.0.0.1; everything started is stopped and deleted on exit. Prints a markdown table.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DURATION=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-8}
THREADS=${BENCH_THREADS:-2}
WORK=$(mktemp -d /tmp/ildscale.XXXXXX)
chmod 755 "$WORK"
export TOPOLOGY_ADMIN_KEY=bench-key BENCH_KEY=bench-key
# The proxy's per-client limit and the instances' own would stop a load generator on one address.
export TOPOLOGY_LIMIT_EXEMPT=127.0.0.1
export TOPOLOGY_API_ENV="RateLimiting__Enabled=false Logging__LogLevel__Default=Warning ${BENCH_API_ENV:-}"
export TOPOLOGY_PG_PORT=${TOPOLOGY_PG_PORT:-55532} TOPOLOGY_API_PORT=${TOPOLOGY_API_PORT:-55541} TOPOLOGY_PROXY_PORT=${TOPOLOGY_PROXY_PORT:-55550}

log() { printf '[scale-out %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
cleanup() {
  local rc=$?
  [ -z "${TOPOLOGY_DIR:-}" ] || TOPOLOGY_CLEAN=1 bash "$ROOT/deploy/local/topology.sh" stop || true
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v wrk >/dev/null || { log "installing wrk"; apt-get install -y wrk >/dev/null; }
log "publishing the API (Release)"
dotnet publish "$ROOT/src/IldRegistry.Api" -c Release -o "$WORK/api" --nologo -v quiet >&2
export TOPOLOGY_API_DLL="$WORK/api/IldRegistry.Api.dll"

printf '| scenario | 1 instance req/s | p99 ms | 2 instances req/s | p99 ms | ratio | errors (1 / 2) |\n|---|---:|---:|---:|---:|---:|---:|\n' >"$WORK/table.md"
declare -A RPS P99 ERR
scenarios=(by-slug org-chart list-page-1 search write-mix)
url_of() {
  local p="http://127.0.0.1:$TOPOLOGY_PROXY_PORT"
  case $1 in
    by-slug) echo "$p/api/v1/departments/ild" ;;
    org-chart) echo "$p/api/v1/departments/ild/org-chart" ;;
    list-page-1) echo "$p/api/v1/events?sort=-date&page=1&pageSize=25" ;;
    search) echo "$p/api/v1/search?q=lu%20kang" ;;
    write-mix) echo "$p" ;;
  esac
}

for n in 1 2; do
  export TOPOLOGY_DIR="$WORK/topology-$n" TOPOLOGY_INSTANCES=$n
  log "$n instance(s) behind HAProxy: starting"
  bash "$ROOT/deploy/local/topology.sh" start >/dev/null
  for s in "${scenarios[@]}"; do
    args=(-t "$THREADS" -c "$CONNECTIONS" --timeout 5s)
    [ "$s" != write-mix ] || args+=(-s "$ROOT/bench/write-mix.lua")
    timeout $((WARMUP + 15)) wrk "${args[@]}" -d "${WARMUP}s" "$(url_of "$s")" >/dev/null 2>&1 || true
    out="$WORK/wrk-$n-$s.txt"
    timeout $((DURATION + 30)) wrk "${args[@]}" -d "${DURATION}s" --latency "$(url_of "$s")" >"$out" 2>&1 || true
    RPS[$n,$s]=$(awk '/^Requests\/sec/ {printf "%.0f", $2}' "$out")
    P99[$n,$s]=$(awk '$1 == "99%" {v = $2; n = v + 0; u = v; sub(/^[0-9.]+/, "", u); if (u == "us") n /= 1000; else if (u == "s") n *= 1000; printf "%.2f", n}' "$out")
    ERR[$n,$s]=$(awk '/Non-2xx or 3xx responses/ {e += $NF} /Socket errors/ {gsub(/[^0-9 ]/, ""); for (i = 1; i <= NF; i++) e += $i} END {print e + 0}' "$out")
    log "  $s: ${RPS[$n,$s]} req/s, p99 ${P99[$n,$s]} ms, errors ${ERR[$n,$s]}"
  done
  TOPOLOGY_CLEAN=1 bash "$ROOT/deploy/local/topology.sh" stop
done
unset TOPOLOGY_DIR

for s in "${scenarios[@]}"; do
  ratio=$(awk -v a="${RPS[1,$s]:-0}" -v b="${RPS[2,$s]:-0}" 'BEGIN { if (a > 0) printf "%.2f", b / a; else print "-" }')
  printf '| %s | %s | %s | %s | %s | %s | %s / %s |\n' "$s" "${RPS[1,$s]}" "${P99[1,$s]}" "${RPS[2,$s]}" "${P99[2,$s]}" "$ratio" "${ERR[1,$s]}" "${ERR[2,$s]}" >>"$WORK/table.md"
done
echo "Machine: $(nproc) cores, load average before/after: see log; $(date -u +%Y-%m-%dT%H:%MZ); wrk $THREADS threads, $CONNECTIONS connections, ${WARMUP} s warm-up, ${DURATION} s measured, through HAProxy"
cat "$WORK/table.md"
