#!/usr/bin/env bash
# Load benchmark of the local app on loopback (a benchmark, not a test). A realistic mix (create 10 %,
# list 20 %, get 30 %, PATCH with If-Match 15 %, respond 15 %, declare+upload 10 %) at several
# concurrency levels, then an audit of the store for lost updates. Prints p50/p99 and requests/s.
# Usage: benchmarks/load/run.sh [seconds per level] [levels]     default: 60 1,4,16,32
#        benchmarks/load/run.sh 10 1,4                         a smoke run
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
levels=${2:-1,4,16,32}
port=${LOAD_PORT:-18081}
source benchmarks/jdk.sh
work=target/load-bench
mkdir -p $work
jar=$(ls adapters/local/target/adapter-local-*.jar 2>/dev/null | grep -v -- '-tests.jar' | head -1 || true)
if [ -z "$jar" ] || [ "${LOAD_REBUILD:-false}" = true ]; then
  JAVA_HOME=$java_home ./mvnw -q -B -pl adapters/local -am -DskipTests package
  jar=$(ls adapters/local/target/adapter-local-*.jar | grep -v -- '-tests.jar' | head -1)
fi
data=$(mktemp -d)
# The packaged app in its own JVM, started and stopped here by its PID. The per-caller rate limit is
# off: with it on, this would measure the limiter (LocalRateLimitTest covers it).
"$java_home/bin/java" -jar "$jar" --server.port=$port --supportdesk.local.data-dir="$data" \
  --supportdesk.local.workflow-schedule=off --supportdesk.local.rate-limit.enabled=false \
  --logging.level.root=WARN > $work/app.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true; wait $app 2>/dev/null || true; rm -rf "$data"' EXIT
for i in $(seq 120); do curl -sf localhost:$port/health >/dev/null && break; sleep 1; done
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$java_home/bin/java" benchmarks/load/LoadBenchmark.java "http://127.0.0.1:$port" "$seconds" "$levels"
echo "machine after: load average $(cut -d' ' -f1-3 /proc/loadavg)"
