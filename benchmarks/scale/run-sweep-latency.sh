#!/usr/bin/env bash
# A warm workflow find-due step (escalation rule) on DynamoDB Local over HTTP: the code of a baseline commit vs
# this worktree's, one fresh JVM per side and round, alternating (SweepLatency.java). Prints each run's line and
# the per-round p50 ratios' median and spread.
# Usage: benchmarks/scale/run-sweep-latency.sh [rounds=5] [baseline commit=f054b6e] [warm-up steps=5] [measured steps=15]
set -euo pipefail
cd "$(dirname "$0")/../.."
source benchmarks/jdk.sh
export JAVA_HOME=${JAVA_HOME:-$java_home}
rounds=${1:-5}; base=${2:-f054b6e}; warm=${3:-5}; steps=${4:-15}
work=$PWD/target/sweep-bench
mkdir -p "$work"
# this worktree's classes and the AWS adapter's test class path (DynamoDB Local, its sqlite4java natives)
./mvnw -q -B -pl adapters/aws -am -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/sweep-cp.txt -Dmdep.includeScope=test >/dev/null
after_cp="$PWD/adapters/aws/target/classes:$(cat adapters/aws/target/sweep-cp.txt)"
# the baseline's classes, compiled from git (no install); the same dependency jars
src=$PWD/target/sweep-baseline
if [ ! -d "$src/adapters/aws/target/classes" ]; then
  rm -rf "$src" && mkdir -p "$src" && git archive "$base" | tar -x -C "$src"
  (cd "$src" && ./mvnw -q -B -pl adapters/aws -am -DskipTests compile >/dev/null)
fi
before_cp=$(echo "$after_cp" | tr ':' '\n' | sed "s|^$PWD/|$src/|" | paste -sd: -)
for side in before after; do
  cp_var=${side}_cp
  mkdir -p "$work/$side" && "$JAVA_HOME/bin/javac" -d "$work/$side" -cp "${!cp_var}" benchmarks/scale/SweepLatency.java
done
natives=$PWD/adapters/aws/target/native-libs
run() { # side -> its result line; WARN keeps DynamoDB Local (in the same JVM) from logging a line per request
  local cp_var=${1}_cp
  (cd "$work/$1" && AWS_LAMBDA_LOG_LEVEL=WARN "$JAVA_HOME/bin/java" -Dsqlite4java.library.path="$natives" \
    -cp ".:${!cp_var}" SweepLatency "$warm" "$steps" 2>/dev/null | grep '^queries')
}
ratios=()
for r in $(seq 1 "$rounds"); do
  if (( r % 2 )); then order="before after"; else order="after before"; fi
  declare -A p50=()
  for side in $order; do
    line=$(run $side); echo "round $r $side: $line (load $(cut -d' ' -f1 /proc/loadavg))"
    p50[$side]=$(echo "$line" | sed 's/.* p50 \([0-9.]*\) ms.*/\1/')
  done
  ratios+=("$(echo "${p50[after]} / ${p50[before]}" | bc -l)")
done
printf '%s\n' "${ratios[@]}" | sort -g | awk '{ r[NR] = $1 } END { printf "p50 after/before: median %.3f (%.3f-%.3f) over %d rounds\n", r[int((NR + 1) / 2)], r[1], r[NR], NR }'
