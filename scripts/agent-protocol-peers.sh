#!/usr/bin/env bash
# Installs the Python peers of the NATS Agent Protocol that agentkit-protocol's integration tests
# talk to: the client SDK (synadia-ai-agents) and the host SDK (synadia-ai-agent-service), pinned,
# in a Python venv under a cache directory. Changes nothing outside it. Idempotent: a second run
# finds the venv with both versions and does nothing. Prints the venv's path on stdout.
#
#   scripts/agent-protocol-peers.sh install      # venv + pip install when missing; prints the venv path
#   scripts/agent-protocol-peers.sh path         # prints the venv path (installed or not)
#
# Cache: ${AGENTKIT_CACHE:-$HOME/.cache/agentkit}/agent-protocol-venv (about 30 MB, under a minute, once).
# Needs Python 3.11+ with venv and pip (AGENT_PROTOCOL_PYTHON picks the interpreter, default python3)
# and access to PyPI (or a pip mirror configured the ordinary way) for the first install.
set -euo pipefail

CLIENT_VERSION=${AGENT_PROTOCOL_CLIENT_VERSION:-0.8.1}
HOST_VERSION=${AGENT_PROTOCOL_HOST_VERSION:-0.5.0}
CACHE=${AGENTKIT_CACHE:-$HOME/.cache/agentkit}
VENV="$CACHE/agent-protocol-venv"
PYTHON=${AGENT_PROTOCOL_PYTHON:-python3}

log() { echo "agent-protocol-peers.sh: $*" >&2; }
die() { log "$*"; exit 1; }

installed() {
  [ -x "$VENV/bin/python" ] && "$VENV/bin/python" - "$CLIENT_VERSION" "$HOST_VERSION" <<'PY' 2>/dev/null
import sys
from importlib.metadata import version
sys.exit(0 if (version("synadia-ai-agents"), version("synadia-ai-agent-service")) == tuple(sys.argv[1:3]) else 1)
PY
}

cmd_install() {
  mkdir -p "$CACHE"
  # one installer at a time; a second caller waits (bounded) and then finds the venv ready
  exec 9>"$CACHE/agent-protocol-venv.lock"
  flock -w 600 9 || die "another install holds $CACHE/agent-protocol-venv.lock for more than 10 minutes"
  if ! installed; then
    command -v "$PYTHON" >/dev/null || die "$PYTHON not found; install Python 3.11+ or set AGENT_PROTOCOL_PYTHON"
    "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' ||
      die "$PYTHON is older than 3.11, which the protocol SDKs need; set AGENT_PROTOCOL_PYTHON"
    log "installing synadia-ai-agents $CLIENT_VERSION and synadia-ai-agent-service $HOST_VERSION into $VENV (once)"
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check \
      "synadia-ai-agents==$CLIENT_VERSION" "synadia-ai-agent-service==$HOST_VERSION" >&2
    installed || die "the protocol SDKs did not import after pip install"
  fi
  flock -u 9
  echo "$VENV"
}

case "${1:-}" in
  install) cmd_install ;;
  path) echo "$VENV" ;;
  *) sed -n '6,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
