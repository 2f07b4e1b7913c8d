#!/usr/bin/env bash
# A Docker engine for the Testcontainers tests, on a machine that may have none. Idempotent.
#
#   scripts/docker-engine.sh start [NATS_SERVER_BIN]   # engine up (installs Debian's docker.io if
#                                                       # there is no dockerd), image built; prints
#                                                       # the image name on stdout
#   scripts/docker-engine.sh stop                       # stops the engine this script started
#
# The engine runs with the bridge off (no container ever gets a private-range address), so every
# container runs in host network mode on 127.0.0.1: NatsContainer does that when
# AGENTKIT_DOCKER_HOST_NETWORK=true. The image is built locally from a statically linked
# nats-server (no registry is needed): FROM scratch plus the binary.
# State (pid, log): ${AGENTKIT_CACHE:-$HOME/.cache/agentkit}/dockerd/
set -euo pipefail
CACHE=${AGENTKIT_CACHE:-$HOME/.cache/agentkit}
STATE="$CACHE/dockerd"
IMAGE_REPO=agentkit-test/nats
log() { echo "docker-engine: $*" >&2; }

engine_up() { timeout 10 docker info >/dev/null 2>&1; }

start() {
  mkdir -p "$STATE"
  if ! engine_up; then
    if ! command -v dockerd >/dev/null 2>&1; then
      command -v apt-get >/dev/null 2>&1 || { log "no dockerd and no apt-get: install a Docker engine"; exit 1; }
      log "installing Debian's docker.io (about a minute, once)"
      apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >&2
    fi
    log "starting dockerd (bridge off, no iptables); log: $STATE/dockerd.log"
    nohup dockerd --bridge=none --iptables=false --ip6tables=false >"$STATE/dockerd.log" 2>&1 &
    echo $! >"$STATE/pid"
    for _ in $(seq 1 60); do engine_up && break; sleep 1; done
    engine_up || { log "dockerd did not come up in 60 s"; tail -20 "$STATE/dockerd.log" >&2; exit 1; }
  fi
  local bin=${1:-${NATS_SERVER_BIN:-}}
  [ -n "$bin" ] || bin=$(command -v nats-server || true)
  [ -n "$bin" ] && [ -x "$bin" ] || { log "no nats-server binary to build the image from"; exit 1; }
  file -L "$bin" 2>/dev/null | grep -q 'statically linked' \
    || log "warning: $bin may be dynamically linked; a FROM scratch image needs a static binary"
  local version tag
  version=$("$bin" --version | grep -oE 'v[0-9]+\.[0-9]+\.[0-9]+' | head -1)
  tag="$IMAGE_REPO:${version#v}"
  if ! docker image inspect "$tag" >/dev/null 2>&1; then
    local ctx
    ctx=$(mktemp -d)
    cp "$bin" "$ctx/nats-server"
    printf 'FROM scratch\nCOPY nats-server /nats-server\nENTRYPOINT ["/nats-server"]\n' >"$ctx/Dockerfile"
    docker build -q -t "$tag" "$ctx" >&2
    rm -rf "$ctx"
  fi
  echo "$tag"
}

stop() {
  [ -f "$STATE/pid" ] || exit 0
  local pid
  pid=$(cat "$STATE/pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  fi
  rm -f "$STATE/pid"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  *) echo "usage: $0 start [NATS_SERVER_BIN] | stop" >&2; exit 2 ;;
esac
