#!/usr/bin/env bash
# Cold start of the API Lambda handler (this project's own HttpApiHandler) in fresh JVMs, against a
# bare JVM start measured in the same run. Usage: benchmarks/lambda-cold-start/run.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-7}
java_home=$(for d in /usr/lib/jvm/*/; do
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$d/release" 2>/dev/null); [ "${v:-0}" -ge 21 ] && echo "$d"; done | head -1)
[ -n "$java_home" ] || { echo "needs a JDK >= 21 under /usr/lib/jvm" >&2; exit 1; }

./mvnw -q -B -pl adapters/aws -am -DskipTests package
work=adapters/aws/target/cold-start
rm -rf "$work" && mkdir -p "$work/task" && (cd "$work/task" && unzip -q ../../supportdesk-aws-core.zip)
"$java_home/bin/javac" -d "$work" -cp "$work/task:$work/task/lib/*" benchmarks/lambda-cold-start/ColdStart.java

# What the Lambda java21 runtime would see: our variables (SAM template), fake credentials, no network use.
export SUPPORTDESK_AWS_TABLE_NAME=tickets SUPPORTDESK_AWS_BUCKET_NAME=uploads AWS_REGION=eu-west-1
export AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x SUPPORTDESK_AUTH_TENANT_CLAIM=custom:tenant
export SUPPORTDESK_AUTH_ROLES_CLAIM=cognito:groups
opts="-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -Xshare:auto"
cp="$work:$work/task:$work/task/lib/*"
: > "$work/results.txt"
for i in $(seq "$runs"); do
  echo "baseline $("$java_home/bin/java" $opts -cp "$cp" ColdStart baseline)" >> "$work/results.txt"
  echo "handler $("$java_home/bin/java" $opts -cp "$cp" ColdStart 2>/dev/null | tail -1)" >> "$work/results.txt"
done
python3 - "$work/results.txt" <<'PY'
import statistics, sys
base, init, first = [], [], []
for line in open(sys.argv[1]):
    f = line.split()
    if f[0] == "baseline": base.append(int(f[2]))
    else:
        d = dict(zip(f[1::2], map(int, f[2::2]))); init.append(d["init"]); first.append(d["first"])
m = statistics.median
print(f"runs: {len(first)}")
print(f"bare JVM to main          median {m(base):6.0f} ms")
print(f"JVM start to handler ready median {m(init):6.0f} ms  ({m(init)/m(base):.1f}x bare JVM)")
print(f"JVM start to first response median {m(first):6.0f} ms ({m(first)/m(base):.1f}x bare JVM)")
print(f"first request alone         median {m([a-b for a,b in zip(first,init)]):6.0f} ms")
PY
