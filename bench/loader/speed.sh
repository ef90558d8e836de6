#!/usr/bin/env bash
# Report time on a machine with 30 CUDA-family libraries and one framework: PyTorch 2.5.1+cu124's natives as DJL ships
# them in torch/lib (.ci/deps-vendor; its renamed runtime, NVRTC and cuDNN among them) plus copies of a small libnccl.so.2
# in pip-style nvidia/*/lib folders, up to 30. For each jar given: cold (its launcher, a new JVM and worker each time) and
# warm (bench/ProbeBench.java: a running JVM, worker started ahead) medians of RUNS runs, interleaved across jars.
# Wall time and CPU time, since a shared machine's load moves wall time: cold by GNU time (the launcher's JVM and the
# workers it reaps), warm by ProbeBench --cpu (the JVM and its living worker, per report). The load average is printed
# before and after.
#   bench/loader/speed.sh install/target/cudaenv.jar [OTHER.jar ...]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${RUNS:-7}"
cache="${CUDAENV_TEST_CACHE:-$HOME/.cache/cudaenv-test}"
djl="$cache/vendor/djl-pytorch-cu124-2.5.1/pytorch/cu124/linux-x86_64"
[ -d "$djl" ] || bash .ci/deps-vendor
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
root="$work/root"; site="$root/usr/local/lib/python3.11/dist-packages"
mkdir -p "$root/etc" "$site/torch/lib"; : > "$root/etc/ld.so.conf"
cp "$djl"/* "$site/torch/lib/"
printf "__version__ = '2.5.1+cu124'\ncuda = '12.4'\n" > "$site/torch/version.py"
gcc -shared -fPIC -O0 -w -Wl,-soname,libnccl.so.2 -I magics/src/test/resources/fake -o "$work/libnccl.so.2" \
    magics/src/test/resources/fake/nccl.c
jar="${1:-install/target/cudaenv.jar}"
i=0
while [ "$(java -jar "$jar" report --json --root "$root" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["libraries"]))')" -lt 30 ]; do
  i=$((i + 1)); mkdir -p "$site/nvidia/pkg$i/lib"; cp "$work/libnccl.so.2" "$site/nvidia/pkg$i/lib/"
done
median() { sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }
now_ms() { date +%s%3N; }
cpu_ms() { /usr/bin/time -f '%U %S' -o "$work/time" "$@" >/dev/null 2>&1 || true; tail -1 "$work/time" | awk '{printf "%d", ($1 + $2) * 1000}'; }
declare -A cold cold_cpu
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$runs"); do
  for j in "$@"; do
    s=$(now_ms); c=$(cpu_ms "$(dirname "$j")/cudaenv" report --json --root "$root"); e=$(now_ms)
    cold[$j]+="$((e - s)) "; cold_cpu[$j]+="$c "
  done
done
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); libraries found by $(basename "$jar"): $(java -jar "$jar" report --json --root "$root" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(len(r["libraries"]), "CUDA-family,", len(r["frameworks"]), "framework")')"
declare -A warm warm_cpu
for round in 1 2; do  # the warm benches alternate across jars too, twice; the lower of the two is kept
  for j in "$@"; do
    read -r w c < <(java -cp "$j" bench/ProbeBench.java "$runs" "$root" --cpu 2>/dev/null)
    if [ -z "${warm[$j]:-}" ] || [ "$c" -lt "${warm_cpu[$j]}" ]; then warm[$j]=$w; warm_cpu[$j]=$c; fi
  done
done
for j in "$@"; do
  echo "$j: cold $(echo "${cold[$j]}" | tr ' ' '\n' | grep . | median) ms wall, $(echo "${cold_cpu[$j]}" | tr ' ' '\n' | grep . | median) ms CPU; warm ${warm[$j]} ms wall, ${warm_cpu[$j]} ms CPU (medians of $runs)"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
