#!/usr/bin/env bash
# Runs the whole agentkit test suite: unit tests, the contract suites, and the integration tests
# against a real nats-server (and, where present, a real Synapse). Installs the servers it needs
# into ~/.cache/agentkit when they are missing; nothing outside that directory is changed.
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
if [ -x scripts/synapse.sh ] && [ -z "${AGENTKIT_SKIP_SYNAPSE_INSTALL:-}" ]; then
  scripts/synapse.sh install
fi

mvn -B verify "$@"
