#!/usr/bin/env bash
# Runs agentkit's benchmarks and prints a table; the figures also go to benchmarks/target/bench.json.
#   scripts/bench.sh           full run
#   scripts/bench.sh --quick   a run of about two minutes
# Rows against a real nats-server start their own server, found as the tests find it
# (NATS_SERVER_BIN, PATH, or the cache of scripts/install-nats-server.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${NATS_SERVER_BIN:-}" ] && ! command -v nats-server >/dev/null 2>&1; then
  NATS_SERVER_BIN=$(scripts/install-nats-server.sh --cli)
  export NATS_SERVER_BIN
fi
mvn -q -B install -DskipTests
mvn -q -B -pl benchmarks exec:exec -Dexec.executable=java \
  -Dexec.args="-Xmx512m -cp %classpath dev.agentkit.bench.BenchMain $*" -Dexec.workingdir="$PWD"
