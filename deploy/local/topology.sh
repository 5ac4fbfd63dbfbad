#!/usr/bin/env bash
# The scaled-out topology without Docker, on loopback: one PostgreSQL, N API processes, HAProxy in front
# (Debian's packages). Used by the topology test and the benchmark; runs by hand the same way.
#
#   deploy/local/topology.sh start      start everything (idempotent per directory), print the addresses
#   deploy/local/topology.sh kill N     SIGKILL API instance N (1-based)
#   deploy/local/topology.sh stop       stop everything (the data directory stays; TOPOLOGY_CLEAN=1 removes it)
#   deploy/local/topology.sh status     what runs
#
# Settings (environment):
#   TOPOLOGY_DIR            state, logs and data (default: .data/topology in the repository)
#   TOPOLOGY_INSTANCES      number of API processes (default 2)
#   TOPOLOGY_PG_PORT        PostgreSQL port (default 55432)
#   TOPOLOGY_API_PORT       port of instance 1; instance N listens on TOPOLOGY_API_PORT + N - 1 (default 5181)
#   TOPOLOGY_API_PORTS      or the port of each instance, space-separated
#   TOPOLOGY_PROXY_PORT     HAProxy's port (default 8088)
#   TOPOLOGY_API_DLL        a built IldRegistry.Api.dll (default: published in Release into TOPOLOGY_DIR/api)
#   TOPOLOGY_ADMIN_KEY      the bootstrap Admin key (default: random, written to TOPOLOGY_DIR/admin-key)
#   TOPOLOGY_ANON_LIMIT     requests per client address per TOPOLOGY_LIMIT_WINDOW at the proxy, anonymous (default 300)
#   TOPOLOGY_KEY_LIMIT      the same per API key (default 1200)
#   TOPOLOGY_LIMIT_WINDOW   the window, HAProxy syntax (default 60s)
#   TOPOLOGY_LIMIT_EXEMPT   space-separated addresses/networks the proxy does not limit (default: none)
#   TOPOLOGY_API_ENV        extra NAME=value settings for every API process, space-separated
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
dir="${TOPOLOGY_DIR:-$repo/.data/topology}"
instances="${TOPOLOGY_INSTANCES:-2}"
pg_port="${TOPOLOGY_PG_PORT:-55432}"
api_port="${TOPOLOGY_API_PORT:-5181}"
proxy_port="${TOPOLOGY_PROXY_PORT:-8088}"

log() { echo "topology: $*" >&2; }

port_of() { # n
  if [ -n "${TOPOLOGY_API_PORTS:-}" ]; then
    local -a ports
    read -r -a ports <<<"$TOPOLOGY_API_PORTS"
    echo "${ports[$(($1 - 1))]}"
  else
    echo $((api_port + $1 - 1))
  fi
}

pg_bin() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  if command -v pg_ctl >/dev/null 2>&1; then dirname "$(readlink -f "$(command -v pg_ctl)")"; return; fi
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
  [ -n "$found" ] || { log "PostgreSQL server binaries not found (apt-get install postgresql)"; exit 1; }
  echo "$found"
}

# PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

wait_http() { # url seconds
  local deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.2
  done
}

start_postgres() {
  local bin data="$dir/pg"
  bin=$(pg_bin)
  mkdir -p "$dir/pg-socket"
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data"
    [ "$(id -u)" -ne 0 ] || chown postgres "$data" "$dir/pg-socket"
    as_pg "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
  fi
  [ "$(id -u)" -ne 0 ] || chown postgres "$dir/pg-socket"
  if ! as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    as_pg "$bin/pg_ctl" -D "$data" -l "$dir/pg-socket/postgres.log" -w -t 60 \
      -o "-p $pg_port -k $dir/pg-socket -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
  fi
  "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'ildregistry'" | grep -q 1 \
    || "$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres ildregistry
}

api_dll() {
  if [ -n "${TOPOLOGY_API_DLL:-}" ]; then echo "$TOPOLOGY_API_DLL"; return; fi
  if [ ! -f "$dir/api/IldRegistry.Api.dll" ]; then
    log "publishing the API in Release into $dir/api"
    dotnet publish "$repo/src/IldRegistry.Api" -c Release -o "$dir/api" --nologo -v quiet >&2
  fi
  echo "$dir/api/IldRegistry.Api.dll"
}

admin_key() {
  if [ -n "${TOPOLOGY_ADMIN_KEY:-}" ]; then echo "$TOPOLOGY_ADMIN_KEY"; return; fi
  [ -s "$dir/admin-key" ] || (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$dir/admin-key")
  cat "$dir/admin-key"
}

start_api() { # n dll key
  local n=$1 port pidfile="$dir/api$1.pid"
  port=$(port_of "$n")
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then return; fi
  local -a extra=()
  # shellcheck disable=SC2206 # NAME=value words on purpose
  [ -z "${TOPOLOGY_API_ENV:-}" ] || extra=(${TOPOLOGY_API_ENV})
  (
    cd "$(dirname "$2")"
    exec env ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
      "ConnectionStrings__Registry=Host=127.0.0.1;Port=$pg_port;Database=ildregistry;Username=postgres" \
      "Auth__BootstrapAdminKey=$3" Database__MigrateOnStartup=true \
      Proxy__TrustedProxies__0=127.0.0.1 \
      "${extra[@]}" \
      dotnet "$2" --urls "http://127.0.0.1:$port" >"$dir/api$n.log" 2>&1
  ) &
  echo $! >"$pidfile"
  wait_http "http://127.0.0.1:$port/health/ready" 90 || { log "instance $n did not get ready; see $dir/api$n.log"; tail -n 30 "$dir/api$n.log" >&2; exit 1; }
}

# The proxy of docker-compose (deploy/haproxy/haproxy.cfg), on loopback: fixed servers instead of Docker's DNS,
# and the limits of the settings above.
write_haproxy_config() {
  local window="${TOPOLOGY_LIMIT_WINDOW:-60s}" exempt="" servers=""
  [ -z "${TOPOLOGY_LIMIT_EXEMPT:-}" ] || exempt=" !limit_exempt"
  for n in $(seq 1 "$instances"); do servers+="    server api$n 127.0.0.1:$(port_of "$n") check"$'\n'; done
  awk -v bind="127.0.0.1:$proxy_port" -v window="$window" -v anon="${TOPOLOGY_ANON_LIMIT:-300}" -v key="${TOPOLOGY_KEY_LIMIT:-1200}" \
      -v exempt="$exempt" -v exempt_list="${TOPOLOGY_LIMIT_EXEMPT:-}" -v servers="$servers" '
    /^resolvers / { skip = 1; next }
    skip && /^$/ { skip = 0; next }
    skip { next }
    /^ *bind / { print "    bind " bind; next }
    /stick-table/ { gsub(/expire [0-9a-z]+/, "expire " window); gsub(/http_req_rate\([0-9a-z]+\)/, "http_req_rate(" window ")") }
    /http-request track-sc0/ { $0 = $0 exempt }
    /http-request return status 429/ && /!has_key/ { sub(/gt [0-9]+ }/, "gt " anon " }"); $0 = $0 exempt }
    /http-request return status 429/ && / has_key \{/ { sub(/gt [0-9]+ }/, "gt " key " }"); $0 = $0 exempt }
    /One slot per possible replica/ { next }
    /server-template/ { printf "%s", servers; next }
    { print }
    /acl is_api/ && exempt_list != "" { print "    acl limit_exempt src " exempt_list }
  ' "$repo/deploy/haproxy/haproxy.cfg" >"$dir/haproxy.cfg"
}

start_proxy() {
  command -v haproxy >/dev/null 2>&1 || { log "haproxy not found (apt-get install haproxy)"; exit 1; }
  write_haproxy_config
  haproxy -c -q -f "$dir/haproxy.cfg"
  if [ -f "$dir/haproxy.pid" ] && kill -0 "$(cat "$dir/haproxy.pid")" 2>/dev/null; then
    kill "$(cat "$dir/haproxy.pid")" 2>/dev/null || true
    sleep 0.2
  fi
  haproxy -D -f "$dir/haproxy.cfg" -p "$dir/haproxy.pid"
  wait_http "http://127.0.0.1:$proxy_port/health/ready" 30 || { log "the proxy does not answer"; exit 1; }
}

stop_pid() { # pidfile signal
  if [ -f "$1" ]; then
    kill "-$2" "$(cat "$1")" 2>/dev/null || true
    rm -f "$1"
  fi
}

case "${1:-}" in
  start)
    mkdir -p "$dir"
    start_postgres
    dll=$(api_dll)
    key=$(admin_key)
    # One after the other: the first applies the migrations and the seed.
    for n in $(seq 1 "$instances"); do start_api "$n" "$dll" "$key"; done
    start_proxy
    echo "proxy=http://127.0.0.1:$proxy_port"
    for n in $(seq 1 "$instances"); do echo "api$n=http://127.0.0.1:$(port_of "$n")"; done
    echo "postgres=Host=127.0.0.1;Port=$pg_port;Database=ildregistry;Username=postgres"
    echo "admin-key=$key"
    ;;
  kill)
    stop_pid "$dir/api${2:?instance number}.pid" KILL
    ;;
  stop)
    stop_pid "$dir/haproxy.pid" TERM
    for pidfile in "$dir"/api*.pid; do [ -e "$pidfile" ] && stop_pid "$pidfile" TERM; done
    if [ -f "$dir/pg/PG_VERSION" ]; then as_pg "$(pg_bin)/pg_ctl" -D "$dir/pg" -m fast -w stop >/dev/null 2>&1 || true; fi
    [ "${TOPOLOGY_CLEAN:-0}" != 1 ] || rm -rf "$dir"
    ;;
  status)
    for pidfile in "$dir"/*.pid; do
      [ -e "$pidfile" ] || continue
      if kill -0 "$(cat "$pidfile")" 2>/dev/null; then echo "$(basename "$pidfile" .pid) running"; else echo "$(basename "$pidfile" .pid) dead"; fi
    done
    ;;
  *)
    sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
