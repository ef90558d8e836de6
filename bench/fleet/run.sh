#!/usr/bin/env bash
# Fleet benchmark: generates 1,000 and 10,000 varied reports as JSON lines (about 0.3% bad lines), compares them
# in one JVM with a 64 MB heap (time and peak heap per size: growth should be linear, memory flat), then runs
# the real command line on the 10,000 (JVM start included). Target: under 2 s for 10,000. Wall time on a shared
# machine measures the neighbours too: the CPU time column is what this code costs.
set -euo pipefail
cd "$(dirname "$0")/../.."
jar=install/target/cudaenv.jar
[ -f "$jar" ] || mvn -B -q -DskipTests package
out="${1:-$(mktemp -d)}"
echo "data: $out"
java -Xmx64m -cp "$jar" bench/fleet/FleetBench.java "$out" 1000 10000
echo "command line, 10,000 reports, -Xmx64m:"
start=$(date +%s%N)
status=0
java -Xmx64m -jar "$jar" compare "$out/fleet-10000.jsonl" > "$out/cli-summary.txt" 2> "$out/cli-errors.txt" || status=$?
echo "  $(( ($(date +%s%N) - start) / 1000000 )) ms wall (load average $(cut -d" " -f1 /proc/loadavg)), exit $status (1: some lines were not reports), $(wc -l < "$out/cli-errors.txt") inputs named on stderr"
echo "summary: $out/cli-summary.txt"
head -12 "$out/cli-summary.txt"
echo "bounded memory: 30,000 reports (the 10,000 three times, $(( 3 * $(stat -c %s "$out/fleet-10000.jsonl") >> 20 )) MB) on stdin, -Xmx24m:"
start=$(date +%s%N)
cat "$out/fleet-10000.jsonl" "$out/fleet-10000.jsonl" "$out/fleet-10000.jsonl" |
  java -Xmx24m -jar "$jar" compare - 2>/dev/null | head -1 | sed 's/^/  /' || true
echo "  $(( ($(date +%s%N) - start) / 1000000 )) ms wall"
