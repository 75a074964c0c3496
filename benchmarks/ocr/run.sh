#!/usr/bin/env bash
# OCR throughput benchmark, all sides measured in the same run on this machine: the Java pipeline
# (Tess4J, engines loaded once, one per core) with its default strategy (adaptive) and with
# strategy=single-pass, against the tesseract CLI called the naive way (one process per document,
# default OpenMP threads) and the tuned way (one process per document with OMP_THREAD_LIMIT=1, as
# many at once as there are cores). Prints pages/s, the ratios, and checks that single-pass and the
# CLI give the same text for every image. The corpus is all 13 pages (img/ and hard/img/).
# Usage: benchmarks/ocr/run.sh [rounds over the corpus per side, default 3] [naive CLI too: true|false, default true]
#   (needs tesseract-ocr, tesseract-ocr-eng and libtesseract-dev: see .ci/run)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
naive=${2:-true}
corpus=${OCR_CORPUS:-../shared/data/ocr-corpus/img:../shared/data/ocr-corpus/hard/img}
command -v tesseract >/dev/null || { echo "needs tesseract (apt-get install tesseract-ocr tesseract-ocr-eng libtesseract-dev)" >&2; exit 1; }
for dir in ${corpus//:/ }; do [ -d "$dir" ] || { echo "no corpus at $dir (set OCR_CORPUS, folders joined by :)" >&2; exit 1; }; done
source benchmarks/jdk.sh
work=target/ocr-bench
mkdir -p $work

# In the reactor, the other modules resolve to their target/classes; the last module written is functions/ocr.
./mvnw -q -B -pl functions/ocr -am -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/$work/cp.txt" >/dev/null
cp="functions/ocr/target/classes:$(cat $work/cp.txt)"
"$java_home/bin/javac" -d $work -cp "$cp" benchmarks/ocr/OcrThroughput.java
# libtesseract reads OMP_THREAD_LIMIT when it loads: the pipeline's engines run one thread each.
OMP_THREAD_LIMIT=1 "$java_home/bin/java" --enable-native-access=ALL-UNNAMED -cp "$work:$cp" OcrThroughput "$corpus" "$rounds" "$(nproc)" "$naive"
