# Sourced by the benchmarks' run.sh scripts from the repository root: java_home is the first JDK >= 21
# under /usr/lib/jvm (the build's floor), whatever the machine's default java is.
java_home=$(for d in /usr/lib/jvm/*/; do
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$d/release" 2>/dev/null); [ "${v:-0}" -ge 21 ] && echo "$d"; done | head -1)
