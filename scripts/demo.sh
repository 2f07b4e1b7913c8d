#!/usr/bin/env bash
# Runs the agentkit team demo: Roy, Jen and Moss on the in-memory broker and chat with virtual
# time, or on real servers with --nats URL / --matrix URL (see README). Arguments go to the demo.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
if ! mvn -q -B install -DskipTests > target/demo-build.log 2>&1 \
   || ! mvn -q -B -pl examples dependency:build-classpath -Dmdep.outputFile=target/demo-classpath.txt \
        >> target/demo-build.log 2>&1; then
  cat target/demo-build.log >&2
  exit 1
fi
exec java -cp "examples/target/classes:$(cat examples/target/demo-classpath.txt)" \
  dev.agentkit.examples.demo.TeamDemo "$@"
