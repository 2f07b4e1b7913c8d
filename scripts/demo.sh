#!/usr/bin/env bash
# Runs the agentkit demo: agents taking turns on the in-memory broker with virtual time.
# Arguments are passed to the demo's main class.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B install -DskipTests
mvn -q -B -pl examples exec:java ${*:+-Dexec.args="$*"}
