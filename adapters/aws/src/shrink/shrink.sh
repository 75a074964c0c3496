#!/usr/bin/env bash
# Shrinks some third-party jars of a function's lib/ to the classes and members its code can reach
# (ProGuard, src/shrink/api.pro), in place, before the AOT cache is trained on them. The project's
# jars are the seeds and stay as they are; the other jars are the library ProGuard resolves against.
# Usage: shrink.sh <function dir> <java> <ProGuard class path> <work dir> <jar glob>...
# Only jars whose classes nothing outside the shrunk set and the project refers to may be named:
# ProGuard does not trace references from library jars (it warns "library class ... depends on
# program class", which the log below keeps).
set -euo pipefail
dir=$1; java=$2; proguard_cp=$3; work=$4; shift 4
mkdir -p "$work"; work=$(cd "$work" && pwd)
rules=$(cd "$(dirname "$0")" && pwd)/api.pro
jdk=$work/jdk
# ProGuard needs the JDK's classes as its library (overrides of JDK methods stay); a JDK without
# jmods (Temurin 25) has them in its run-time image only.
if [ ! -f "$jdk/.done" ]; then
  rm -rf "$jdk"
  "$(dirname "$java")/jimage" extract --include 'regex:/(java\.[a-z.]+|jdk\.crac|jdk\.httpserver|jdk\.net)/.*\.class' \
    --dir "$jdk" "$(dirname "$java")/../lib/modules"
  touch "$jdk/.done"
fi
out=$work/out; rm -rf "$out" && mkdir -p "$out/shrunk" "$out/project"
config=$work/config.pro
cd "$dir/lib"
shrunk=$(for glob in "$@"; do ls $glob 2>/dev/null || true; done | LC_ALL=C sort -u)
[ -n "$shrunk" ] || { echo "shrink.sh: no jar matches $*" >&2; exit 1; }
{
  echo "-include $rules"
  for jar in *.jar; do
    if grep -qxF "$jar" <<<"$shrunk"; then echo "-injars $PWD/$jar"; echo "-outjars $out/shrunk/$jar"
    elif [ "$jar" = supportdesk-aws.jar ] || [[ $jar == functions-* ]]; then echo "-injars $PWD/$jar"; echo "-outjars $out/project/$jar"
    else echo "-libraryjars $PWD/$jar"; fi
  done
  for module in "$jdk"/*/; do echo "-libraryjars ${module%/}(!module-info.class)"; done
} > "$config"
"$java" -cp "$proguard_cp" proguard.ProGuard "@$config" > "$work/proguard.log" 2>&1 \
  || { cat "$work/proguard.log" >&2; exit 1; }
before=$(cat $shrunk | wc -c)
cp "$out"/shrunk/*.jar .
echo "shrink.sh: $(wc -l <<<"$shrunk") jars of $dir, $before -> $(cat $shrunk | wc -c) bytes; $(grep -c 'library class .* program class' "$work/proguard.log" || true) library class(es) depending on shrunk ones (see $work/proguard.log)"
