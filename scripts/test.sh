#!/usr/bin/env bash
# Runs the whole agentkit test suite: unit tests, the contract suites, and the integration tests
# against a real nats-server (and, where present, a real Synapse). Installs the servers it needs
# into ~/.cache/agentkit when they are missing; nothing outside that directory is changed, except
# under CI=true, where a Docker engine is installed with apt when there is none (see below).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${NATS_URL:-}" ] && [ -z "${NATS_SERVER_BIN:-}" ]; then
  if command -v nats-server >/dev/null 2>&1; then
    NATS_SERVER_BIN=$(command -v nats-server)
  else
    NATS_SERVER_BIN=$(scripts/install-nats-server.sh)
  fi
  export NATS_SERVER_BIN
fi
# The nats CLI (natscli) for agentkit-cli's CliIT and agentkit-protocol's ITs, which find it in the cache next to the server
# (or NATS_CLI_BIN, or PATH). Building it needs Go; a second run does nothing. Without it CliIT
# skips, and under CI=true the build fails here.
if [ -z "${NATS_CLI_BIN:-}" ] && ! command -v nats >/dev/null 2>&1; then
  if ! scripts/install-nats-server.sh --cli >/dev/null; then
    if [ "${CI:-}" = "true" ]; then
      echo "test.sh: the nats CLI could not be installed (it needs Go); CI=true needs it for CliIT" >&2
      exit 1
    fi
    echo "test.sh: no nats CLI (it needs Go); CliIT will be skipped" >&2
  fi
fi
# The Testcontainers fixture's test needs a Docker engine: under CI=true (or AGENTKIT_DOCKER=1) one is
# installed if missing (Debian's docker.io), started without a bridge, and given a nats-server image
# built locally from the binary above; it is stopped again when the tests end. Elsewhere a running
# engine is used as it is, and without one that test is skipped.
if [ "${CI:-}" = "true" ] || [ -n "${AGENTKIT_DOCKER:-}" ]; then
  AGENTKIT_NATS_IMAGE=$(scripts/docker-engine.sh start "${NATS_SERVER_BIN:-$(scripts/install-nats-server.sh)}")
  export AGENTKIT_NATS_IMAGE AGENTKIT_DOCKER_HOST_NETWORK=true
  export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1
  trap 'scripts/docker-engine.sh stop' EXIT
fi
if [ -x scripts/synapse.sh ] && [ -z "${AGENTKIT_SKIP_SYNAPSE_INSTALL:-}" ]; then
  scripts/synapse.sh install
fi
# agentkit-protocol's ITs talk to real peers: the Python SDKs of the NATS Agent Protocol (a venv in
# the same cache; idempotent) and the nats CLI installed above (`nats micro ls`).
if [ -z "${AGENTKIT_SKIP_PROTOCOL_PEERS:-}" ]; then
  scripts/agent-protocol-peers.sh install >/dev/null
fi

mvn -B verify "$@"
