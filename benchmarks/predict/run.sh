#!/usr/bin/env bash
# Predict benchmark, both sides measured in the same run on this machine:
#  (a) single-row latency, Java predictor in-process (ONNX Runtime) vs scikit-learn's predict;
#  (b) requests/s and p99 of POST /models/wine-quality/predict, the local app vs FastAPI + uvicorn
#      serving the same scikit-learn model, both driven by wrk on loopback with the same settings.
# Usage: benchmarks/predict/run.sh [seconds per wrk run]   (needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-15}
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 1; }
source benchmarks/jdk.sh
venv=training/wine-quality/.venv
[ -x $venv/bin/python ] || python3 -m venv $venv
$venv/bin/pip install -q -r training/wine-quality/requirements.txt -r training/wine-quality/requirements-bench.txt
work=target/predict-bench
mkdir -p $work

echo "== (a) single-row latency =="
./mvnw -q -B -pl adapters/local -am -DskipTests install
./mvnw -q -B -pl functions/predict dependency:build-classpath -Dmdep.outputFile="$PWD/$work/cp.txt" >/dev/null
cp="functions/predict/target/classes:$(cat $work/cp.txt)"
"$java_home/bin/javac" -d $work -cp "$cp" benchmarks/predict/PredictLatency.java
java_a=$("$java_home/bin/java" -cp "$work:$cp" PredictLatency models/wine-quality/1.0.0 2000 2>/dev/null | tail -1)
py_a=$($venv/bin/python training/wine-quality/sklearn_predict_bench.py --calls 2000 | tail -1)
echo "java   $java_a"; echo "sklearn $py_a"

echo "== (b) HTTP throughput, wrk -t2 -c32 -d${seconds}s =="
data=$(mktemp -d)
# The packaged app in its own JVM (started and stopped here by its PID; no Maven process in between).
jar=$(ls adapters/local/target/adapter-local-*.jar | grep -v -- '-tests.jar' | head -1)
"$java_home/bin/java" -jar "$jar" --server.port=18080 --supportdesk.local.data-dir="$data" \
  --logging.level.root=WARN > $work/app.log 2>&1 &
app=$!
$venv/bin/python training/wine-quality/fastapi_server.py --port 18000 > $work/fastapi.log 2>&1 &
api=$!
trap 'kill $app $api 2>/dev/null || true' EXIT
for i in $(seq 90); do curl -sf localhost:18080/health >/dev/null && curl -sf localhost:18000/healthz >/dev/null && break; sleep 1; done
TOKEN=$(curl -s -X POST localhost:18080/local/tokens -H 'Content-Type: application/json' \
  -d '{"subject":"bench","tenant":"bench","roles":["customer"]}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
export TOKEN
wrk -t2 -c32 -d5s -s benchmarks/predict/predict.lua http://127.0.0.1:18080/models/wine-quality/predict >/dev/null  # warm-up
wrk -t2 -c32 -d5s -s benchmarks/predict/predict.lua http://127.0.0.1:18000/models/wine-quality/predict >/dev/null
java_b=$(wrk -t2 -c32 -d${seconds}s -s benchmarks/predict/predict.lua http://127.0.0.1:18080/models/wine-quality/predict | tail -1)
py_b=$(wrk -t2 -c32 -d${seconds}s -s benchmarks/predict/predict.lua http://127.0.0.1:18000/models/wine-quality/predict | tail -1)
echo "local app $java_b"; echo "fastapi   $py_b"

python3 - "$java_a" "$py_a" "$java_b" "$py_b" <<'PY'
import json, sys
ja, pa, jb, pb = (json.loads(x) for x in sys.argv[1:])
print("== ratios ==")
print(f"single-row p50: sklearn {pa['p50_us']:.0f} us / java {ja['p50_us']:.0f} us = {pa['p50_us']/ja['p50_us']:.1f}x lower in Java (goal >= 20x)")
print(f"single-row p99: sklearn {pa['p99_us']:.0f} us / java {ja['p99_us']:.0f} us = {pa['p99_us']/ja['p99_us']:.1f}x")
print(f"HTTP rps: local app {jb['rps']:.0f} / fastapi {pb['rps']:.0f} = {jb['rps']/pb['rps']:.1f}x (goal >= 10x)")
print(f"HTTP p99: local app {jb['p99_ms']:.1f} ms vs fastapi {pb['p99_ms']:.1f} ms (goal: equal or better)")
print(f"errors: local app {jb['errors']}, fastapi {pb['errors']}")
PY
