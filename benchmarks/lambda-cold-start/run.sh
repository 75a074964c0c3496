#!/usr/bin/env bash
# Cold start of the packaged Lambda functions through the Lambda Runtime Interface Emulator and the
# Java Runtime Interface Client, started as the managed runtime starts a zip (the fixture
# adapters/aws/src/test/java/dev/supportdesk/aws/runtime/LambdaEmulator.java), against warm DynamoDB
# Local and moto's S3. Sides, alternating in every round: this project, the FLOOR (plain handlers,
# same SDK work, no framework) and the stock Spring Cloud Function FunctionInvoker setup, each with and
# without the JVM options the template ships.
# Usage: benchmarks/lambda-cold-start/run.sh [runs=7] [entries: api workflow predict]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-7}; shift || true
entries=${*:-api workflow}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -x tools/bin/aws-lambda-rie ] || { echo "needs tools/bin/aws-lambda-rie (.ci/run installs it)" >&2; exit 1; }

./mvnw -q -B -pl adapters/aws -am -DskipTests package dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt 2>&1 | grep -v '^WARNING' || true
./mvnw -q -B -f benchmarks/lambda-cold-start/pom.xml -DskipTests package 2>&1 | grep -v '^WARNING' || true
bench=$PWD/benchmarks/lambda-cold-start/target
cd adapters/aws
"$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  -Dbench.floor.zip="$bench/bench-floor.zip" -Dbench.baseline.zip="$bench/baseline/supportdesk-aws-core.zip" ${BENCH_SIDES:+-Dbench.sides="$BENCH_SIDES"} -Dbench.stock.zip="$bench/bench-stock.zip" \
  dev.supportdesk.aws.runtime.ColdStartBenchmark "$runs" $entries
echo "table written to adapters/aws/target/cold-start/results.md"
