#!/usr/bin/env bash
# Partition simulator: writes per partition key per second, before vs after sharding (PartitionSimulator.java).
# Usage: benchmarks/scale/run.sh [seconds simulated]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
source benchmarks/jdk.sh
export JAVA_HOME=${JAVA_HOME:-$java_home}
work=target/scale-bench
mkdir -p $work
# Compiles (no install) the two adapters, whose key classes the simulator calls, and their classpaths.
./mvnw -q -B -pl adapters/aws,adapters/azure -am -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/scale-cp.txt -Dmdep.includeScope=runtime >/dev/null
cp="adapters/aws/target/classes:adapters/azure/target/classes:$(cat adapters/aws/target/scale-cp.txt)"
"$JAVA_HOME/bin/javac" -d $work -cp "$cp" benchmarks/scale/PartitionSimulator.java
"$JAVA_HOME/bin/java" -cp "$work:$cp" PartitionSimulator "${1:-3}"
