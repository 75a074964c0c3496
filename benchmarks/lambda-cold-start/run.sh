#!/usr/bin/env bash
# Cold start of the packaged Lambda functions through the Lambda Runtime Interface Emulator and the
# Java Runtime Interface Client, started as the managed runtime starts a zip (the fixture
# adapters/aws/src/test/java/dev/supportdesk/aws/runtime/LambdaEmulator.java), against warm DynamoDB
# Local and moto's S3. Sides, alternating in every round: this project, the FLOOR (plain handlers,
# same SDK work, no framework) and the stock Spring Cloud Function FunctionInvoker setup, each with and
# without the JVM options the template ships. OCR and predict: the project only, with and without their
# engine/model load. Azure: a fresh JVM → the worker's instance injector → GET /health (AzureColdStart).
# Usage: benchmarks/lambda-cold-start/run.sh [runs=7] [entries: api workflow ocr predict]
# (SKIP_BUILD=1 reuses the built artifacts; BENCH_SIDES='regex' keeps only matching "entry side" names.)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-7}; shift || true
entries=${*:-api workflow ocr predict}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -x tools/bin/aws-lambda-rie ] || { echo "needs tools/bin/aws-lambda-rie (.ci/run installs it)" >&2; exit 1; }

bench=$PWD/benchmarks/lambda-cold-start/target
if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -q -B -pl adapters/aws -am -DskipTests package dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt 2>&1 | grep -v '^WARNING' || true
  ./mvnw -q -B -f benchmarks/lambda-cold-start/pom.xml -DskipTests package 2>&1 | grep -v '^WARNING' || true
  ./mvnw -q -B -pl adapters/azure -am -DskipTests test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt 2>&1 | grep -v '^WARNING' || true
fi
azure=$PWD/adapters/azure
# the Azure side needs the Azure adapter's test class path (built above; absent after a SKIP_BUILD of the AWS side only)
azure_cp=""
[ -f "$azure/target/test-classpath.txt" ] && azure_cp="$azure/target/test-classes:$azure/target/classes:$(cat "$azure/target/test-classpath.txt")"
# "Today's main": its API/workflow zip (Spring Boot contexts from the per-function configurations),
# built once from git: main as it was when this branch last merged it.
baseline_commit=6938854
baseline=$bench/baseline-$baseline_commit
if [ ! -f "$baseline/supportdesk-aws-core.zip" ]; then
  rm -rf "$bench/baseline-src" && mkdir -p "$bench/baseline-src" "$baseline"
  git archive "$baseline_commit" | tar -x -C "$bench/baseline-src"
  (cd "$bench/baseline-src" && ./mvnw -q -B -pl adapters/aws -am -DskipTests package 2>&1 | grep -v '^WARNING' || true)
  cp "$bench/baseline-src/adapters/aws/target/supportdesk-aws-core.zip" "$baseline/"
fi
# The FLOOR with its best JVM options too: its jars (classes in a jar), the same exec wrapper and an
# AOT cache trained the same way as the project's (adapters/aws/src/aot/).
if [ -z "${SKIP_BUILD:-}" ] || [ ! -f "$bench/bench-floor-aot.zip" ]; then
  rm -rf "$bench/floor-aot" && mkdir -p "$bench/floor-aot/aot" && (cd "$bench/floor-aot" && unzip -q ../bench-floor.zip)
  "$JAVA_HOME/bin/jar" cf "$bench/floor-aot/lib/bench-floor.jar" -C "$bench/floor-aot" bench && rm -rf "$bench/floor-aot/bench"
  cp adapters/aws/src/aot/wrapper "$bench/floor-aot/aot/wrapper" && chmod 755 "$bench/floor-aot/aot/wrapper"
  TRAIN_MAIN=bench.floor.Train bash adapters/aws/src/aot/train.sh "$bench/floor-aot" floor "$JAVA_HOME/bin/java" 2>&1 | tail -3
  rm -f "$bench/bench-floor-aot.zip" && (cd "$bench/floor-aot" && zip -qr ../bench-floor-aot.zip .)
fi
cd adapters/aws
# the harness's own JVM runs Spring Boot contexts (Logback) beside the functions' JSON-line SLF4J backend
"$JAVA_HOME/bin/java" -Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  ${azure_cp:+-Dbench.azure.classpath="$azure_cp"} -Dbench.floor.zip="$bench/bench-floor.zip" -Dbench.floor.aot.zip="$bench/bench-floor-aot.zip" -Dbench.baseline.zip="$baseline/supportdesk-aws-core.zip" ${BENCH_SIDES:+-Dbench.sides="$BENCH_SIDES"} -Dbench.stock.zip="$bench/bench-stock.zip" \
  dev.supportdesk.aws.runtime.ColdStartBenchmark "$runs" $entries
echo "table written to adapters/aws/target/cold-start/results.md"
