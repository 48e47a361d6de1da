#!/bin/sh
# The JMH suite in one command (BENCHMARKS.md). Builds benchmarks/target/benchmarks.jar,
# runs it on a JDK 25, writes the JMH JSON to benchmarks/results/ and prints the tables
# of BENCHMARKS.md from it (python3).
#
#   sh benchmarks/run.sh                      full run: each benchmark's annotations (forked, warmed), ~21 min on 2 cores
#   sh benchmarks/run.sh --quick              quick mode for 2-core machines: 1 fork, 1 x 1 s warm-up, 2 x 1 s, ~7 min
#   sh benchmarks/run.sh [--quick] [--no-build] [JMH arguments]
#                                             e.g. TreeLookupBenchmark -p vmas=1000 -prof gc
#
# JMH arguments after the options go to JMH as they are: benchmark regexps, -p, -prof, -f, ...
# BENCH_JAVA_OPTS: extra flags for the JMH host JVM.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
. "$root/.mvn/select-jdk.sh"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

quick=""
build=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=yes; shift ;;
    --no-build) build=""; shift ;;
    *) break ;;
  esac
done

if [ -n "$build" ]; then
  (cd "$root" && ./mvnw -q -B -pl benchmarks -am package -DskipTests)
fi

mkdir -p "$here/results"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
mode=full
# Without arguments: every benchmark but the diagnosis MapleWalkCostBenchmark (run it by name).
[ $# -gt 0 ] || set -- -e MapleWalkCostBenchmark
if [ -n "$quick" ]; then
  mode=quick
  # -f 1 -wi 1 -w 1 -i 2 -r 1, except the options given on the command line
  for opt_default in "-f 1" "-wi 1" "-w 1" "-i 2" "-r 1"; do
    opt="${opt_default% *}"
    given=""
    for a in "$@"; do [ "$a" = "$opt" ] && given=yes; done
    [ -n "$given" ] || set -- $opt_default "$@"
  done
fi
out="$here/results/jmh-$mode-$stamp.json"
echo "vmalab benchmarks ($mode): $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), results $out" >&2
# Run a copy: a rebuild of benchmarks/ during the run must not change the classes under the forks.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp "$here/target/benchmarks.jar" "$tmp/benchmarks.jar"
"$java" --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:-} -jar "$tmp/benchmarks.jar" \
  -jvmArgsAppend "--enable-native-access=ALL-UNNAMED" -rf json -rff "$out" "$@"
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
if command -v python3 >/dev/null 2>&1; then
  python3 "$here/tables.py" "$out"
else
  echo "python3 not found: the tables of BENCHMARKS.md come from: python3 benchmarks/tables.py $out" >&2
fi
