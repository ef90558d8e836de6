#!/usr/bin/env bash
# Runs on a GPU machine from the unpacked bundle, without Java installed: cudaenv report --json --test (cold and
# warm), and where present nvidia-smi -q -x, Python's torch / CuPy / JAX / nvidia-ml-py, then prints one table of
# facts x sources with every disagreement marked, and the timings. Results are kept in $OUT (default ./results).
# Usage: ./acceptance.sh [--test-size MIB]
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck disable=SC1091
. "$here/bundle.env"
java_bin="$here/$runtime"
jar="$here/$jar"
out="${OUT:-$here/results}"
mkdir -p "$out"
size=()
[ "${1:-}" = "--test-size" ] && size=(--test-size "$2")
py="$(command -v python3 || command -v python || true)"
timings="$out/timings.tsv"
: > "$timings"

# seconds of a command, its stdout to a file; a missing command is recorded as absent
timed() {
  local name="$1" file="$2"; shift 2
  local start end status
  start=$(date +%s.%N)
  "$@" > "$file" 2> "$file.err"
  status=$?
  end=$(date +%s.%N)
  printf '%s\t%.3f\t%s\n' "$name" "$(echo "$end - $start" | bc -l 2>/dev/null || awk "BEGIN{print $end-$start}")" "$status" >> "$timings"
}

echo "cudaenv acceptance on $(hostname) — $(date -u +%FT%TZ)"
timed "cudaenv report --json --test (cold)" "$out/report.json" "$java_bin" -jar "$jar" report --json --test "${size[@]}"
timed "cudaenv report --json --test (warm)" "$out/report-warm.json" "$java_bin" -jar "$jar" report --json --test "${size[@]}"
timed "cudaenv report --text (warm, no test)" "$out/report.txt" "$java_bin" -jar "$jar" report --text
if command -v nvidia-smi >/dev/null; then
  timed "nvidia-smi -q" "$out/nvidia-smi-q.txt" nvidia-smi -q
  nvidia-smi -q -x > "$out/nvidia-smi.xml" 2>/dev/null || true
else
  echo "nvidia-smi: not present" > "$out/nvidia-smi-q.txt"
fi
if [ -n "$py" ]; then
  "$py" "$here/facts.py" python > "$out/python.json" 2> "$out/python.err" || true
  if "$py" -c 'import torch' 2>/dev/null; then
    timed "python -m torch.utils.collect_env" "$out/collect_env.txt" "$py" -m torch.utils.collect_env
  fi
  "$py" "$here/facts.py" table "$out"
else
  echo "python3 is not present: the table needs it; raw results are in $out"
fi
echo
echo "Timings (seconds, exit status):"
column -t -s $'\t' "$timings" 2>/dev/null || cat "$timings"
