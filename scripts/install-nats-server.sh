#!/usr/bin/env bash
# Installs nats-server (and optionally the nats CLI) into a cache directory without changing the
# system, and prints the server's path on stdout (everything else goes to stderr). Idempotent: a
# second run finds the cached binary and does nothing.
#
#   scripts/install-nats-server.sh            # prints the path of the nats-server binary
#   scripts/install-nats-server.sh --cli      # also installs the `nats` CLI (needs Go)
#
# Cache: ${AGENTKIT_CACHE:-$HOME/.cache/agentkit}/
# Routes, first that works:
#   1. a cached build of the pinned release:  nats-<version>/nats-server
#   2. `go install` of the pinned release tag  (needs Go and the Go module proxy; about a minute, once)
#   3. a cached copy of Debian sid's package:  nats-debian-sid/nats-server
#   4. Debian sid's nats-server package (2.15.x), downloaded with a private apt state and unpacked
#      with `dpkg-deb -x` (needs apt-get and dpkg-deb; /etc/apt and installed packages are untouched)
# Without any of these, set NATS_SERVER_BIN to a nats-server 2.10 or newer that you installed yourself.
set -euo pipefail

NATS_SERVER_VERSION=${NATS_SERVER_VERSION:-v2.15.2}
NATS_CLI_VERSION=${NATS_CLI_VERSION:-v0.5.1}
CACHE=${AGENTKIT_CACHE:-$HOME/.cache/agentkit}
DEST="$CACHE/nats-$NATS_SERVER_VERSION"
DEB_DEST="$CACHE/nats-debian-sid"
want_cli=false
[ "${1:-}" = "--cli" ] && want_cli=true

log() { echo "install-nats-server: $*" >&2; }

# go install into a temporary GOBIN, then move: an interrupted build never leaves a broken binary
go_install() { # <dest-dir> <module@version>
  local tmp
  tmp=$(mktemp -d)
  CGO_ENABLED=0 GOBIN="$tmp" GOFLAGS=-mod=mod go install "$2" >&2
  mkdir -p "$1"
  mv "$tmp"/* "$1"/
  rm -rf "$tmp"
}

debian_install() { # <dest-dir>
  local mirror work
  mirror=${DEBIAN_MIRROR:-$(grep -h -m1 -oP '^URIs:\s*\K\S+' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1 || true)}
  mirror=${mirror:-http://deb.debian.org/debian}
  work=$(mktemp -d)
  mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
  echo "deb $mirror sid main" > "$work/sources.list"
  local opts=(-o Dir::Etc::SourceList="$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
              -o Dir::State::Lists="$work/lists" -o Dir::Cache="$work/cache"
              -o Dir::State::status=/var/lib/dpkg/status -o APT::Sandbox::User="$(id -un)")
  log "downloading Debian sid's nats-server package from $mirror into $1"
  apt-get "${opts[@]}" update -qq >&2
  (cd "$work" && apt-get "${opts[@]}" download nats-server >&2)
  dpkg-deb -x "$work"/nats-server_*.deb "$work/x"
  mkdir -p "$1"
  install -m 0755 "$work/x/usr/sbin/nats-server" "$1/nats-server"
  rm -rf "$work"
}

if [ -x "$DEST/nats-server" ]; then
  server="$DEST/nats-server"
elif command -v go >/dev/null 2>&1; then
  log "building nats-server $NATS_SERVER_VERSION into $DEST (about a minute, once)"
  go_install "$DEST" "github.com/nats-io/nats-server/v2@$NATS_SERVER_VERSION"
  server="$DEST/nats-server"
elif [ -x "$DEB_DEST/nats-server" ]; then
  server="$DEB_DEST/nats-server"
elif command -v apt-get >/dev/null 2>&1 && command -v dpkg-deb >/dev/null 2>&1; then
  debian_install "$DEB_DEST"
  server="$DEB_DEST/nats-server"
else
  log "neither Go nor apt-get/dpkg-deb is available; install nats-server 2.10+ yourself and set NATS_SERVER_BIN"
  exit 1
fi

if $want_cli && [ ! -x "$DEST/nats" ]; then
  command -v go >/dev/null 2>&1 || { log "the nats CLI needs Go"; exit 1; }
  log "building nats CLI $NATS_CLI_VERSION into $DEST"
  go_install "$DEST" "github.com/nats-io/natscli/nats@$NATS_CLI_VERSION"
fi
"$server" --version >&2
echo "$server"
