#!/usr/bin/env bash
# Whole-process cold start of the rehearse CLI (docs/PERFORMANCE.md, "CLI cold start").
#
#   tools/bench/coldstart.sh [RUNS] [before]
#
# Runs each case RUNS times (default 7) as a fresh process through ./rehearse, as users meet it, and prints a
# Markdown row per case: median wall, median CPU (user + sys; less sensitive to other load on the box than
# wall), peak RSS (max over the runs), from /usr/bin/time. The floor is `java -cp <the CLI's classpath> Noop`
# with the launcher's JVM flags. With `before`, each case also runs with the launcher's start-up work
# switched off (no class-data sharing archive, C2 and G1 and the initial heap as the JVM defaults), for comparison.
# Prints `uptime` before and after: figures from a loaded machine are pessimistic.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-7}"
before="${2:-}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"

./rehearse validate examples/sms-lead-followup.workflow.json >/dev/null   # builds and trains the archive if needed
[ -f engine/target/test-classes/dev/rehearsal/engine/bench/WriteBenchmarkWorkflow.class ] \
  || mvn -q -o -B -pl engine test-compile >&2
gen_cp="engine/target/test-classes:engine/target/classes:$(cat local/target/rehearse.classpath)"
java -cp "$gen_cp" dev.rehearsal.engine.bench.WriteBenchmarkWorkflow chain 10 "$work/chain-10.json"
java -cp "$gen_cp" dev.rehearsal.engine.bench.WriteBenchmarkWorkflow ladder 100000 "$work/ladder-100k.json"
javac -d "$work" tools/bench/Noop.java

# one case: label, command...; prints "| label | wall | cpu | rss |"
measure() {
  local label="$1"; shift
  local out="$work/times"; : > "$out"
  for _ in $(seq "$runs"); do /usr/bin/time -a -o "$out" -f '%e %U %S %M' "$@" >/dev/null 2>&1 || true; done
  grep -E '^[0-9.]+ [0-9.]+ [0-9.]+ [0-9]+$' "$out" > "$out.ok" || true
  local n; n=$(wc -l < "$out.ok")
  if [ "$n" -ne "$runs" ]; then echo "| $label | (only $n of $runs runs timed) | | |"; return; fi
  local m=$(( (n + 1) / 2 ))
  printf '| %s | %s | %s | %s |\n' "$label" \
    "$(awk '{print $1}' "$out.ok" | sort -n | sed -n "${m}p")" \
    "$(awk '{printf "%.2f\n", $2 + $3}' "$out.ok" | sort -n | sed -n "${m}p")" \
    "$(awk '$4 > r {r = $4} END {printf "%.0f", r / 1024}' "$out.ok")"
}

case_() {  # label, rehearse args...
  local label="$1"; shift
  measure "$label" ./rehearse "$@"
  if [ -n "$before" ]; then
    measure "$label, before (no CDS, C2, G1)" \
      env REHEARSE_NO_CDS=1 "REHEARSE_JAVA_OPTS=-XX:TieredStopAtLevel=4 -XX:-UseParallelGC -XX:+UseG1GC -XX:InitialHeapSize=0" ./rehearse "$@"
  fi
}

echo "uptime before: $(uptime)"
echo "JDK: $(java -version 2>&1 | head -1); $runs runs per case"
echo
echo "| case | median wall s | median CPU s | peak RSS MB |"
echo "| --- | ---: | ---: | ---: |"
measure "floor: java -cp <CLI classpath> Noop" \
  java -XX:TieredStopAtLevel=1 -XX:+UseParallelGC -XX:-UsePerfData -Xms256m -Xmn24m -XX:MaxTenuringThreshold=0 -cp "$work:$(cat local/target/rehearse.classpath)" Noop
case_ "rehearse validate --format json, 10-step chain" validate "$work/chain-10.json" --format json
case_ "rehearse validate, examples/sms-lead-followup (19 steps)" validate examples/sms-lead-followup.workflow.json
case_ "rehearse test examples/sms-lead-followup.suite.json (default walks)" test examples/sms-lead-followup.suite.json
case_ "rehearse validate --format json, 100k-step diamond ladder ($(($(stat -c %s "$work/ladder-100k.json") / 1048576)) MB)" \
  validate "$work/ladder-100k.json" --format json
echo
echo "uptime after: $(uptime)"
