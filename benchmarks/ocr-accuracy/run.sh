#!/usr/bin/env bash
# OCR word accuracy on the shared corpus (all 13 pages with truth: img/ and hard/img/), scored as
# ../shared/data/README.md defines it (truth words = the hOCR's ocrx_word spans, punctuation stripped,
# case kept, counted as a multiset found in the output, / the truth's word count). Prints, per page
# and as means: the tesseract CLI with its defaults, this project with strategy=single-pass, this
# project with its default strategy (adaptive), the adaptive output's word precision and time.
# Fails if any page reads worse than the CLI, if the mean falls below OcrCorpusTest.MEAN_FLOOR, or if
# single-pass text differs from the CLI's. It is the JUnit test OcrCorpusTest, run alone.
# Usage: benchmarks/ocr-accuracy/run.sh    (needs tesseract-ocr, tesseract-ocr-eng, libtesseract-dev: see .ci/run)
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v tesseract >/dev/null || { echo "needs tesseract (apt-get install tesseract-ocr tesseract-ocr-eng libtesseract-dev)" >&2; exit 1; }
log=target/ocr-accuracy.log
mkdir -p target
status=0
OMP_THREAD_LIMIT=1 ./mvnw -B -pl functions/ocr -am test -Dtest=OcrCorpusTest -Dsurefire.failIfNoSpecifiedTests=false \
  > "$log" 2>&1 || status=$?
# The table the test prints, then Maven's verdict.
sed -n '/^word accuracy/,/^mean /p' "$log"
grep -E "Tests run:.*OcrCorpusTest|FAIL|expected|Expecting" "$log" | head -20 || true
[ "$status" -eq 0 ] && echo "OK (full log: $log)" || echo "FAILED (full log: $log)"
exit "$status"
