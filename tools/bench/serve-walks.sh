#!/usr/bin/env bash
# Whole-process benchmark of the Distributed Map path: `rehearse serve` (HTTP API, the real state machine on
# the local executor, dynalite), one test run of RUNS walks x the 7 built-in personas on the SMS example.
# Prints the server's start-up time, the run's wall time (POST to COMPLETED), the server's peak RSS (VmHWM)
# and the load average. Usage: tools/bench/serve-walks.sh [RUNS] [PORT]     (default 1000 walks, port 3517)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-1000}"; port="${2:-3517}"; base="http://127.0.0.1:$port"
log="$(mktemp)"
cd "$root"
./rehearse validate examples/sms-lead-followup.workflow.json >/dev/null   # builds once, outside the timing
t_start=$(date +%s.%N)
./rehearse serve --port "$port" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$log"' EXIT
until grep -q "rehearse serve: http" "$log"; do
  kill -0 $pid 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.1
done
t_ready=$(date +%s.%N)
curl -sf -X PUT "$base/workflows/sms-lead-followup" -H 'content-type: application/json' \
     --data-binary @examples/sms-lead-followup.workflow.json >/dev/null
t0=$(date +%s.%N)
resp=$(curl -sf -X POST "$base/workflows/sms-lead-followup/test" -H 'content-type: application/json' \
       -d "{\"runs\": $runs, \"seed\": 7}")
field() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(next((d[k] for k in sys.argv[1:] if k in d), ""))' "$@"; }
run=$(printf '%s' "$resp" | field runId run_id)
status=RUNNING
while [ "$status" = RUNNING ]; do
  sleep 0.5
  status=$(curl -sf "$base/tests/$run" | field status)
done
t1=$(date +%s.%N)
peak_kb=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
verdict=$(curl -sf "$base/tests/$run" | field verdict)
printf 'runs=%s personas=7 walks=%s status=%s verdict=%s\n' "$runs" "$((runs * 7))" "$status" "$verdict"
printf 'server start %.2f s, run wall %.2f s, peak RSS %d MB, load average %s\n' \
  "$(echo "$t_ready - $t_start" | bc)" "$(echo "$t1 - $t0" | bc)" "$((peak_kb / 1024))" "$(cut -d' ' -f1-3 /proc/loadavg)"
