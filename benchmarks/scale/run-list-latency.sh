#!/usr/bin/env bash
# List latency on DynamoDB Local and Azurite, unsharded vs sharded keys, ratio in one run (ListLatency.java).
# Usage: benchmarks/scale/run-list-latency.sh [tickets] [rounds] [dynamodb]   (defaults 2000 200; dynamodb: skip Azurite)
set -euo pipefail
cd "$(dirname "$0")/../.."
source benchmarks/jdk.sh
export JAVA_HOME=${JAVA_HOME:-$java_home}
[ "${3:-}" = dynamodb ] || command -v azurite-table >/dev/null || { echo "needs azurite: npm install -g azurite@3.37.0" >&2; exit 1; }
work=target/scale-bench
mkdir -p $work
# Test classpaths (no install): DynamoDB Local and its sqlite4java natives come with the AWS adapter's tests.
./mvnw -q -B -pl adapters/aws,adapters/azure -am -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/scale-test-cp.txt -Dmdep.includeScope=test >/dev/null
cp="adapters/aws/target/classes:adapters/azure/target/classes:$(cat adapters/aws/target/scale-test-cp.txt):$(cat adapters/azure/target/scale-test-cp.txt)"
"$JAVA_HOME/bin/javac" -d $work -cp "$cp" benchmarks/scale/ListLatency.java
# DynamoDB Local (in memory) still writes its metadata file into the working directory: run from $work.
cp=$(echo "$cp" | tr ':' '\n' | sed "s|^\([^/]\)|$PWD/\1|" | paste -sd: -)
(cd $work && "$JAVA_HOME/bin/java" -Dsqlite4java.library.path="$OLDPWD/adapters/aws/target/native-libs" -cp ".:$cp" \
  ListLatency "${1:-2000}" "${2:-200}" ${3:-})
