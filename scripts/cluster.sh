#!/usr/bin/env bash
# A three-node nats-server JetStream cluster on 127.0.0.1, for trying agentkit on a cluster.
#   scripts/cluster.sh start DIR [PORT]   start n1..n3 with stores and logs under DIR; client ports
#                                         PORT, PORT+1, PORT+2 (default 4222), routes PORT+2000..,
#                                         monitoring PORT+4000..;
#                                         waits until JetStream has a leader, prints NATS_URL
#   scripts/cluster.sh kill DIR N         SIGKILL node N (1-3), as a crash would
#   scripts/cluster.sh restart DIR N      start node N again on the same ports and store
#   scripts/cluster.sh stop DIR           stop every node (SIGTERM), keeping the stores
# nats-server is found as the tests find it (NATS_SERVER_BIN, PATH), else installed by
# scripts/install-nats-server.sh. Idempotent: starting a running node leaves it alone.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cmd="${1:-}"; dir="${2:-}"
usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ -n "$cmd" ] && [ -n "$dir" ] || usage

server_bin() {
  if [ -z "${NATS_SERVER_BIN:-}" ]; then
    if command -v nats-server >/dev/null 2>&1; then NATS_SERVER_BIN=$(command -v nats-server)
    else NATS_SERVER_BIN=$("$here/install-nats-server.sh"); fi
  fi
  echo "$NATS_SERVER_BIN"
}

port_of() { cat "$dir/port"; }
pid_of() { cat "$dir/n$1.pid" 2>/dev/null || true; }
running() { local p; p=$(pid_of "$1"); [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }

write_config() {
  local n=$1 base; base=$(port_of)
  local routes=""
  for i in 1 2 3; do routes+="nats-route://127.0.0.1:$((base + 2000 + i - 1)), "; done
  cat > "$dir/n$n.conf" <<EOF
server_name: n$n
listen: 127.0.0.1:$((base + n - 1))
http: 127.0.0.1:$((base + 4000 + n - 1))
jetstream { store_dir: "$dir/n$n-store" }
cluster {
  name: agentkit
  listen: 127.0.0.1:$((base + 2000 + n - 1))
  routes: [${routes%, }]
}
EOF
}

start_node() {
  local n=$1
  if running "$n"; then return; fi
  write_config "$n"
  nohup "$NATS_SERVER_BIN" --config "$dir/n$n.conf" >> "$dir/n$n.log" 2>&1 &
  echo $! > "$dir/n$n.pid"
}

await_leader() {
  # /healthz answers 200 once the node's JetStream is up and the cluster has a meta leader
  local base deadline n; base=$(port_of); deadline=$((SECONDS + 30))
  while [ $SECONDS -lt $deadline ]; do
    local ok=1
    for n in 1 2 3; do
      if ! running "$n"; then
        [ "$cmd" = start ] || continue   # restart waits for the running ones only
        echo "cluster.sh: node n$n exited (port taken?); the end of $dir/n$n.log:" >&2
        tail -5 "$dir/n$n.log" >&2
        echo "cluster.sh: stop the other nodes with: $0 stop $dir" >&2; exit 1
      fi
      curl -sf -m 2 "http://127.0.0.1:$((base + 4000 + n - 1))/healthz" >/dev/null || ok=0
    done
    [ $ok = 1 ] && return 0
    sleep 0.2
  done
  echo "cluster.sh: JetStream not ready within 30 s; see $dir/n*.log" >&2
  exit 1
}

url() {
  local base; base=$(port_of)
  echo "nats://127.0.0.1:$base,nats://127.0.0.1:$((base + 1)),nats://127.0.0.1:$((base + 2))"
}

node_arg() {
  case "${1:-}" in 1|2|3) echo "$1" ;; *) echo "cluster.sh: node must be 1, 2 or 3, was '${1:-}'" >&2; exit 2 ;; esac
}

case "$cmd" in start|restart) NATS_SERVER_BIN=$(server_bin) ;; esac
case "$cmd" in
  start)
    mkdir -p "$dir"; dir="$(cd "$dir" && pwd)"
    port="${3:-4222}"
    if [ -f "$dir/port" ] && [ "$(cat "$dir/port")" != "$port" ]; then
      echo "cluster.sh: $dir holds a cluster on port $(cat "$dir/port"), not $port" >&2; exit 2
    fi
    echo "$port" > "$dir/port"
    for n in 1 2 3; do start_node "$n"; done
    await_leader
    echo "NATS_URL=$(url)"
    ;;
  kill)
    n=$(node_arg "${3:-}"); if running "$n"; then kill -KILL "$(pid_of "$n")"; fi ;;
  restart)
    n=$(node_arg "${3:-}"); dir="$(cd "$dir" && pwd)"
    if running "$n"; then kill -TERM "$(pid_of "$n")"; fi
    for _ in $(seq 1 50); do running "$n" || break; sleep 0.1; done
    start_node "$n"; await_leader; echo "NATS_URL=$(url)" ;;
  stop)
    for n in 1 2 3; do if running "$n"; then kill -TERM "$(pid_of "$n")"; fi; done
    for n in 1 2 3; do for _ in $(seq 1 100); do running "$n" || break; sleep 0.1; done; done ;;
  *) usage ;;
esac
