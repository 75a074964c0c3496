#!/usr/bin/env bash
# Telemetry overhead on the warm API path, telemetry on vs off in the same run (TelemetryOverhead.java).
# Usage: benchmarks/telemetry/run.sh [rounds] [calls per block]   (defaults 30 3000)
set -euo pipefail
cd "$(dirname "$0")/../.."
java_home=$(for d in /usr/lib/jvm/*/; do
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$d/release" 2>/dev/null); [ "${v:-0}" -ge 21 ] && echo "$d"; done | head -1)
export JAVA_HOME=${JAVA_HOME:-$java_home}
work=target/telemetry-bench
mkdir -p $work
# Compiles (no install): the local adapter's classpath (Logback, so the MDC is a real one), the AWS adapter's
# classes (EmfTelemetry) and the workflow module's test classes (InMemoryTicketStore).
# Each module writes its runtime classpath to its own target/telemetry-cp.txt; the reactor's modules are on
# them as their target/classes.
./mvnw -q -B -pl adapters/local,adapters/aws -am -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/telemetry-cp.txt -Dmdep.includeScope=runtime >/dev/null
cp="functions/workflow/target/test-classes:adapters/aws/target/classes"
cp="$cp:$(cat adapters/local/target/telemetry-cp.txt):$(cat adapters/aws/target/telemetry-cp.txt)"
"$JAVA_HOME/bin/javac" -d $work -cp "$cp" benchmarks/telemetry/TelemetryOverhead.java
"$JAVA_HOME/bin/java" -Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider \
  -cp "$work:$cp" TelemetryOverhead "${1:-30}" "${2:-3000}"
