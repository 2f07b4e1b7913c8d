#!/usr/bin/env bash
# Installs a pinned nats-server (and optionally the nats CLI) into a cache directory without
# changing the system. Idempotent: a second run finds the cached binary and does nothing.
#
#   scripts/install-nats-server.sh            # prints the path of the nats-server binary
#   scripts/install-nats-server.sh --cli      # also installs the `nats` CLI (used by benchmarks)
#
# Cache: ${AGENTKIT_CACHE:-$HOME/.cache/agentkit}/nats-<version>/
# Route: `go install` of the tagged release (needs Go and the Go module proxy). Without Go, set
# NATS_SERVER_BIN to a nats-server 2.10 or newer that you installed yourself.
set -euo pipefail

NATS_SERVER_VERSION=${NATS_SERVER_VERSION:-v2.15.2}
NATS_CLI_VERSION=${NATS_CLI_VERSION:-v0.5.1}
CACHE=${AGENTKIT_CACHE:-$HOME/.cache/agentkit}
DEST="$CACHE/nats-$NATS_SERVER_VERSION"
want_cli=false
[ "${1:-}" = "--cli" ] && want_cli=true

log() { echo "install-nats-server: $*" >&2; }

if [ ! -x "$DEST/nats-server" ]; then
  command -v go >/dev/null || { log "Go is not installed; install Go or set NATS_SERVER_BIN"; exit 1; }
  mkdir -p "$DEST"
  log "building nats-server $NATS_SERVER_VERSION into $DEST (about a minute, once)"
  CGO_ENABLED=0 GOBIN="$DEST" GOFLAGS=-mod=mod go install "github.com/nats-io/nats-server/v2@$NATS_SERVER_VERSION" >&2
fi
if $want_cli && [ ! -x "$DEST/nats" ]; then
  log "building nats CLI $NATS_CLI_VERSION into $DEST"
  CGO_ENABLED=0 GOBIN="$DEST" go install "github.com/nats-io/natscli/nats@$NATS_CLI_VERSION" >&2
fi
"$DEST/nats-server" --version >&2
echo "$DEST/nats-server"
