#!/usr/bin/env bash
# Realistic fleet bench (issue 16): reports generated from notebooks/samples/healthy.json (RealisticFleet.java:
# 6 configurations, 88% of nodes identical; 30-60 libraries and 28-42 KB each), compared by `cudaenv compare --json`
# from a folder (one file a node) and from stdin (JSON lines) with a 128 MB heap, beside the jq a user would write
# (grouping by driver, CUDA runtime and GPU models), with the ratio. Prints wall and user+sys CPU time (on a
# shared machine wall time measures the neighbours too), the peak heap (from the GC log) and the peak RSS.
# Needs jq and GNU time: apt-get install -y jq time.
# Usage: bench/fleet/realistic.sh [--large] [SIZE...]: 10,000 reports by default, --large adds 100,000 (6.5 GB of
# generated reports: folder and lines); FLEET_DATA=DIR keeps the generated reports between runs; FLEET_RUNS=N runs
# each cudaenv measurement N times and keeps the fastest (the machine may be shared; CPU time is the steadier figure).
# The goal (issue 16): under 2 s wall for 10,000 from the folder and from stdin on 2 cores, heap at most 128 MB.
set -euo pipefail
cd "$(dirname "$0")/../.."
cli=install/target/cudaenv
[ -x "$cli" ] || mvn -B -q -DskipTests package
command -v jq >/dev/null || { echo "needs jq: apt-get install -y jq" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install -y time" >&2; exit 2; }
out="${FLEET_DATA:-$(mktemp -d)}"
runs="${FLEET_RUNS:-1}"
sizes=()
large=
for a in "$@"; do
  case "$a" in
    --large) large=1 ;;
    --help|-h) sed -n '2,12p' "$0"; exit 0 ;;
    *) sizes+=("$a") ;;
  esac
done
[ ${#sizes[@]} -gt 0 ] || sizes=(10000)
[ -z "$large" ] || sizes+=(100000)
java -cp install/target/cudaenv.jar bench/fleet/RealisticFleet.java notebooks/samples/healthy.json "$out" "${sizes[@]}"
key='{driver: .driver.version, cuda: ([.libraries[]? | select(.kind == "cudart" and .selected) | .version] | first), gpus: ([.gpus[]?.name] | unique)}'
slurp="map($key) | group_by(.) | map({configuration: .[0], nodes: length}) | sort_by(-.nodes)"
# jq -s holds every report parsed: past 20,000 reports (GBs) the baseline is jq's streaming reduce instead
stream="reduce (inputs | $key | tojson) as \$k ({}; .[\$k] += 1) | to_entries | sort_by(-.value)"

# runs "$@", leaving "wall cpu rss_mb" in $took
measure() {
  /usr/bin/time -f "%e %U %S %M" -o "$out/time" "$@" > "$out/last.out" 2> "$out/last.err" || true
  read -r wall user sys rss < <(tail -1 "$out/time")
  took="$wall $(echo "$user + $sys" | bc) $((rss >> 10))"
}
peak_heap() { grep -o '[0-9]*M->' "$out/gc.log" | sed 's/M->//' | sort -n | tail -1 || true; }

echo "load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; data in $out"
printf '%-8s %-7s | %-40s | %-44s | %s\n' reports input "cudaenv compare --json (-Xmx128m)" "jq baseline" "jq / cudaenv"
for n in "${sizes[@]}"; do
  if [ "$n" -le 20000 ]; then jqargs=(-s "$slurp"); jqname="jq -s"; else jqargs=(-n "$stream"); jqname="jq -n reduce"; fi
  for input in folder stdin; do
    best=
    for ((r = 0; r < runs; r++)); do
      export JAVA_TOOL_OPTIONS="-Xmx128m -Xlog:gc:file=$out/gc.log"
      if [ $input = folder ]; then
        measure "$cli" compare "$out/dir-$n" --json
      else
        measure bash -c "'$cli' compare - --json < '$out/fleet-$n.jsonl'"
      fi
      unset JAVA_TOOL_OPTIONS
      read -r w _ _ <<< "$took"
      if [ -z "$best" ] || [ "$(echo "$w < ${best%% *}" | bc)" = 1 ]; then best="$took"; heap=$(peak_heap); fi
    done
    read -r cw cc cr <<< "$best"
    groups=$(grep -c '"label": "group' "$out/last.out" || true)
    err=$(grep -v '^Picked up' "$out/last.err" | head -1 || true)
    if [ $input = folder ]; then
      measure bash -c "find '$out/dir-$n' -name '*.json' -print0 | sort -z | xargs -0 cat | jq ${jqargs[0]} '${jqargs[1]}'"
    else
      measure bash -c "jq ${jqargs[0]} '${jqargs[1]}' < '$out/fleet-$n.jsonl'"
    fi
    read -r jw jc jr <<< "$took"
    printf '%-8s %-7s | %6s s wall %6s s CPU heap %3s MB RSS %4s MB | %-12s %6s s wall %6s s CPU RSS %5s MB | %5s x wall %5s x CPU  (%s groups, load %s%s)\n' \
      "$n" "$input" "$cw" "$cc" "$heap" "$cr" "$jqname" "$jw" "$jc" "$jr" \
      "$(echo "scale=1; $jw / $cw" | bc)" "$(echo "scale=1; $jc / $cc" | bc)" "$groups" "$(cut -d' ' -f1 /proc/loadavg)" "${err:+; stderr: $err}"
  done
done
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) after"
