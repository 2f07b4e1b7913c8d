#!/usr/bin/env bash
# Runs agentkit's benchmarks and prints a table; the figures also go to benchmarks/target/bench.json.
#   scripts/bench.sh           full run (several minutes)
#   scripts/bench.sh --quick   a run of about two and a half minutes, build included
#   scripts/bench.sh --quick --only=B1,B7   just those rows (B7 starts its own 3-node cluster)
# Rows against a real nats-server start their own server on 127.0.0.1, found as the tests find it
# (NATS_SERVER_BIN, PATH, or the cache of scripts/install-nats-server.sh, which this installs when
# nothing is found). Where the natscli is there (NATS_CLI_BIN, PATH, or that cache), B1 also
# prints `nats bench js fetch` on the same server as the ceiling.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${NATS_SERVER_BIN:-}" ] && ! command -v nats-server >/dev/null 2>&1; then
  NATS_SERVER_BIN=$(scripts/install-nats-server.sh --cli || scripts/install-nats-server.sh)
  export NATS_SERVER_BIN
fi
# builds the reactor's jars in place (no install: ~/.m2 is shared) and writes the runtime
# classpath, on which the modules are their target/*.jar
mvn -q -B -pl benchmarks -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=runtime
java -Xmx1g -cp "benchmarks/target/classes:$(cat benchmarks/target/bench.classpath)" \
  dev.agentkit.bench.BenchMain "$@"
