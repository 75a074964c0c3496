#!/usr/bin/env bash
# Telemetry overhead on the warm API path, telemetry on vs off in the same run (TelemetryOverhead.java).
# Usage: benchmarks/telemetry/run.sh [rounds] [calls per block] [memory|h2|dynamodb|http] [handler]
#   (defaults 30 3000 memory; "handler" wraps every side in the AWS API handler's event mapping)
# memory: the pure handler path (in-memory store); h2 / dynamodb: GET ticket against the local runtime's H2 store
# or the AWS runtime's DynamoDB store over HTTP to DynamoDB Local (the warm API path).
# http: the local Spring Boot app itself, telemetry on and off (supportdesk.local.telemetry), GET /tickets/{id} over
# loopback HTTP (HttpOverhead.java); the apps' JSON log lines go to target/telemetry-bench/http-app.log.
set -euo pipefail
cd "$(dirname "$0")/../.."
source benchmarks/jdk.sh
export JAVA_HOME=${JAVA_HOME:-$java_home}
work=target/telemetry-bench
mkdir -p $work
# Compiles (no install): the local adapter's classpath (Logback, so the MDC is a real one; JdbcTicketStore, H2,
# Hikari), the AWS adapter's classes (EmfTelemetry, DynamoDbTicketStore) and test classpath (DynamoDB Local and its
# sqlite4java natives) and the workflow module's test classes (InMemoryTicketStore).
# Each module writes its runtime classpath to its own target/telemetry-cp.txt; the reactor's modules are on
# them as their target/classes.
./mvnw -q -B -pl adapters/local,adapters/aws -am -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/telemetry-cp.txt -Dmdep.includeScope=test >/dev/null
cp="functions/workflow/target/test-classes:adapters/local/target/classes:adapters/aws/target/classes:adapters/aws/target/test-classes"
cp="$cp:$(cat adapters/local/target/telemetry-cp.txt):$(cat adapters/aws/target/telemetry-cp.txt)"
"$JAVA_HOME/bin/javac" -d $work -cp "$cp" benchmarks/telemetry/TelemetryOverhead.java benchmarks/telemetry/BenchmarkStores.java benchmarks/telemetry/GatewayEvents.java \
  benchmarks/telemetry/HttpOverhead.java
if [ "${3:-memory}" = http ]; then
  # results on stderr; the apps' log lines (stdout, as configured) to a file
  # the local adapter's classpath only (the AWS adapter's jars would bring their own auto-configuration)
  exec "$JAVA_HOME/bin/java" -cp "$work:adapters/local/target/classes:$(cat adapters/local/target/telemetry-cp.txt)" HttpOverhead "${1:-10}" "${2:-2000}" >$work/http-app.log
fi
# DynamoDB Local writes an installation id to ./dynamodb-local-metadata.json: not left behind in the repository root
[ -e dynamodb-local-metadata.json ] || trap 'rm -f dynamodb-local-metadata.json' EXIT
"$JAVA_HOME/bin/java" -Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider \
  -Dsqlite4java.library.path=adapters/aws/target/native-libs \
  -cp "$work:$cp" TelemetryOverhead "${1:-30}" "${2:-3000}" "${3:-memory}" "${4:-direct}"
