#!/usr/bin/env bash
# Runs a throwaway Synapse homeserver for agentkit's Matrix integration tests, without Docker and
# without changing the system: a pinned matrix-synapse in a Python venv under a cache directory.
# Every command is idempotent and every wait is bounded.
#
#   scripts/synapse.sh install                          # venv + pip install when missing; prints the venv path
#   scripts/synapse.sh start DIR PORT                   # config in DIR (made once), listen on 127.0.0.1:PORT
#   scripts/synapse.sh register DIR PORT USER PASS [--admin]   # shared-secret registration
#   scripts/synapse.sh stop DIR                         # stops the server whose pid file is in DIR
#
# Cache: ${AGENTKIT_CACHE:-$HOME/.cache/agentkit}/synapse-venv (about 250 MB, 1-2 minutes, once).
# Needs Python 3.10+ with venv and pip (SYNAPSE_PYTHON picks the interpreter, default python3) and
# access to PyPI (or a pip mirror configured the ordinary way) for the first install.
# The server is for tests only: SQLite, open registration, rate limits relaxed, no federation keys.
set -euo pipefail

SYNAPSE_VERSION=${SYNAPSE_VERSION:-1.163.2}
CACHE=${AGENTKIT_CACHE:-$HOME/.cache/agentkit}
VENV="$CACHE/synapse-venv"
PYTHON=${SYNAPSE_PYTHON:-python3}
START_TIMEOUT_SECONDS=${SYNAPSE_START_TIMEOUT_SECONDS:-60}
STOP_TIMEOUT_SECONDS=${SYNAPSE_STOP_TIMEOUT_SECONDS:-20}

log() { echo "synapse.sh: $*" >&2; }
die() { log "$*"; exit 1; }
usage() { sed -n '5,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

installed() {
  [ -x "$VENV/bin/python" ] &&
    [ "$("$VENV/bin/python" -c 'import synapse; print(synapse.__version__)' 2>/dev/null)" = "$SYNAPSE_VERSION" ]
}

cmd_install() {
  mkdir -p "$CACHE"
  # one installer at a time; a second caller waits (bounded) and then finds the venv ready
  exec 9>"$CACHE/synapse-venv.lock"
  flock -w 900 9 || die "another install holds $CACHE/synapse-venv.lock for more than 15 minutes"
  if ! installed; then
    command -v "$PYTHON" >/dev/null || die "$PYTHON not found; install Python 3.10+ or set SYNAPSE_PYTHON"
    log "installing matrix-synapse $SYNAPSE_VERSION into $VENV (1-2 minutes, once)"
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --upgrade pip >&2
    "$VENV/bin/pip" install --quiet "matrix-synapse==$SYNAPSE_VERSION" >&2
    installed || die "matrix-synapse $SYNAPSE_VERSION did not import after pip install"
  fi
  flock -u 9
  echo "$VENV"
}

versions_url() { echo "http://127.0.0.1:$1/_matrix/client/versions"; }

answers() {
  "$VENV/bin/python" - "$(versions_url "$1")" <<'PY' 2>/dev/null
import sys, urllib.request
urllib.request.urlopen(sys.argv[1], timeout=2).read()
PY
}

running_pid() {
  local pidfile="$1/homeserver.pid"
  [ -f "$pidfile" ] || return 1
  local pid; pid=$(cat "$pidfile")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

generate_config() {
  local dir="$1"
  [ -f "$dir/homeserver.yaml" ] && return 0
  log "generating config in $dir"
  (cd "$dir" && "$VENV/bin/python" -m synapse.app.homeserver --server-name localhost \
      --config-path "$dir/homeserver.yaml" --data-directory "$dir" \
      --generate-config --report-stats=no >&2)
}

# Written on every start, read after homeserver.yaml: top-level keys here replace the generated ones.
write_overrides() {
  local dir="$1" port="$2" limit='{per_second: 1000, burst_count: 1000}'
  cat > "$dir/test-overrides.yaml" <<YAML
# Test overrides written by scripts/synapse.sh; regenerated on every start.
public_baseurl: http://127.0.0.1:$port/
listeners:
  - port: $port
    tls: false
    type: http
    x_forwarded: false
    bind_addresses: ['127.0.0.1']
    resources:
      - names: [client]
        compress: false
pid_file: $dir/homeserver.pid
database:
  name: sqlite3
  args:
    database: $dir/homeserver.db
trusted_key_servers: []
suppress_key_server_warning: true
report_stats: false
enable_registration: true
enable_registration_without_verification: true
bcrypt_rounds: 4
presence:
  enabled: false
rc_message: $limit
rc_registration: $limit
rc_login:
  address: $limit
  account: $limit
  failed_attempts: $limit
rc_joins:
  local: $limit
  remote: $limit
rc_joins_per_room: $limit
rc_invites:
  per_room: $limit
  per_user: $limit
  per_issuer: $limit
rc_room_creation: $limit
rc_admin_redaction: $limit
YAML
}

cmd_start() {
  local dir="${1:?start needs DIR}" port="${2:?start needs PORT}"
  installed || cmd_install >/dev/null
  mkdir -p "$dir"; dir=$(cd "$dir" && pwd)
  if running_pid "$dir" >/dev/null && answers "$port"; then
    log "already running in $dir on port $port"; return 0
  fi
  generate_config "$dir"
  write_overrides "$dir" "$port"
  log "starting on 127.0.0.1:$port (log: $dir/homeserver.log)"
  (cd "$dir" && "$VENV/bin/python" -m synapse.app.homeserver \
      --config-path "$dir/homeserver.yaml" --config-path "$dir/test-overrides.yaml" --daemonize \
      </dev/null >"$dir/stdout.log" 2>&1) || die "synapse refused to start; see $dir/stdout.log"
  local deadline=$((SECONDS + START_TIMEOUT_SECONDS))
  until answers "$port"; do
    [ $SECONDS -lt $deadline ] || die "no answer on $(versions_url "$port") after ${START_TIMEOUT_SECONDS}s; see $dir/homeserver.log"
    sleep 0.25
  done
  log "up on port $port, pid $(running_pid "$dir" || echo '?')"
}

cmd_register() {
  local dir="${1:?register needs DIR}" port="${2:?register needs PORT}"
  local user="${3:?register needs USER}" pass="${4:?register needs PASS}" admin="--no-admin"
  [ "${5:-}" = "--admin" ] && admin="--admin"
  installed || die "synapse is not installed; run: $0 install"
  "$VENV/bin/register_new_matrix_user" -c "$dir/homeserver.yaml" -u "$user" -p "$pass" "$admin" \
      "http://127.0.0.1:$port" >&2
}

cmd_stop() {
  local dir="${1:?stop needs DIR}" pid
  pid=$(running_pid "$dir") || { log "not running in $dir"; return 0; }
  kill -TERM "$pid"
  local deadline=$((SECONDS + STOP_TIMEOUT_SECONDS))
  while kill -0 "$pid" 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then log "pid $pid ignored TERM for ${STOP_TIMEOUT_SECONDS}s; killing"; kill -KILL "$pid" 2>/dev/null || true; break; fi
    sleep 0.2
  done
  rm -f "$dir/homeserver.pid"
  log "stopped pid $pid"
}

case "${1:-}" in
  install)  shift; cmd_install "$@" ;;
  start)    shift; cmd_start "$@" ;;
  register) shift; cmd_register "$@" ;;
  stop)     shift; cmd_stop "$@" ;;
  *) usage ;;
esac
