#!/usr/bin/env bash
# Builds a function's JDK AOT cache at package time: a training run of the function's own jars (in
# the order the wrapper will put them on the class path) that starts its Spring context and sends
# it requests that need no network (AotTraining). Usage: train.sh <function dir> <api|workflow> <java>
set -euo pipefail
dir=$1; entry=$2; java=$3
# An AOT cache needs JDK 25 (-XX:AOTCacheOutput), the java25 runtime the template declares. Maven may
# run on an older JDK while its toolchain compiles with a newer one: then take a JDK >= 25 from
# JAVA_HOME, /usr/lib/jvm or ~/.jdks, as the toolchain lookup does, or say clearly that none is there.
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'; }
major=$(java_major "$java")
if [ -z "$major" ] || [ "$major" -lt 25 ]; then
  found=""
  for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} /usr/lib/jvm/*/bin/java "$HOME"/.jdks/*/bin/java; do
    [ -x "$candidate" ] || continue
    major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then found=$candidate; break; fi
  done
  if [ -z "$found" ]; then
    echo "train.sh: the API and workflow zips carry a JDK AOT cache, which needs a JDK >= 25 (none in JAVA_HOME, /usr/lib/jvm or ~/.jdks)" >&2
    exit 1
  fi
  java=$found
fi
cd "$dir"
mkdir -p aot
(cd lib && ls *.jar | LC_ALL=C sort | sed 's|^|lib/|') > aot/classpath.txt
cp=$(sed "s|^|$PWD/|" aot/classpath.txt | paste -sd:)
rm -f aot/app.aot
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# The template's variables the context reads, fake credentials, an endpoint the training main serves
# itself (a free port: the function's "nothing found" store); the same
# JVM options as the template's JAVA_TOOL_OPTIONS (an AOT cache needs the same GC and heap mode).
env -i PATH=/usr/bin:/bin AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=training AWS_SECRET_ACCESS_KEY=training \
  AWS_ENDPOINT_URL="http://127.0.0.1:$(free_port)" LAMBDA_TASK_ROOT="$PWD" \
  SUPPORTDESK_AWS_TABLE_NAME=training SUPPORTDESK_AWS_BUCKET_NAME=training \
  SUPPORTDESK_AWS_STATE_MACHINE_ARN=arn:aws:states:us-east-1:123456789012:stateMachine:training \
  SUPPORTDESK_AWS_OCR_FUNCTION_ARN=arn:aws:lambda:us-east-1:123456789012:function:training \
  SUPPORTDESK_AUTH_TENANT_CLAIM=custom:tenant SUPPORTDESK_AUTH_ROLES_CLAIM=cognito:groups \
  "$java" -XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:MaxRAM=1536m \
  -XX:AOTCacheOutput="$PWD/aot/app.aot" -Xlog:aot=warning -cp "$cp" "${TRAIN_MAIN:-dev.supportdesk.aws.AotTraining}" "$entry"
test -s aot/app.aot
