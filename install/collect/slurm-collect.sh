#!/usr/bin/env bash
#SBATCH --job-name=cudaenv-collect
#SBATCH --ntasks-per-node=1
#SBATCH --time=00:10:00
#SBATCH --output=cudaenv-collect-%j.out
# One cudaenv report per node of the allocation, one file per node, then a fleet comparison of them all.
#
#   sbatch --nodes=64 --partition=gpu --gres=gpu:8 install/collect/slurm-collect.sh /shared/cudaenv-reports
#   (or inside salloc: bash install/collect/slurm-collect.sh /shared/cudaenv-reports)
#
# OUT_DIR must be on a file system every node shares. Request the nodes' GPUs (--gres=gpu:N, --gpus-per-node or
# --exclusive): with ConstrainDevices=yes a job sees only the GPUs it asked for, and the reports would say so.
# CUDAENV_JAR: the jar (default ./cudaenv.jar, relative to the submit directory); JAVA: the java to run it with.
# Each report is named after the node as Slurm knows it ($SLURMD_NODENAME), not `hostname`: several slurmd on one
# host, or nodes whose host names differ from their node names, would otherwise overwrite or hide each other.
set -euo pipefail
out="${1:-cudaenv-reports-${SLURM_JOB_ID:-now}}"
jar="$(realpath "${CUDAENV_JAR:-cudaenv.jar}")"
java="${JAVA:-java}"
nodes="${SLURM_JOB_NUM_NODES:?run this inside a Slurm allocation (sbatch or salloc)}"
[ -f "$jar" ] || { echo "cudaenv-collect: no jar at $jar (set CUDAENV_JAR)" >&2; exit 2; }
mkdir -p "$out"
out="$(realpath "$out")"
# A rerun replaces the last run's reports instead of mixing with them; a folder of other files is left alone.
marker="$out/.cudaenv-collect"
if [ -f "$marker" ]; then
  find "$out" -maxdepth 1 -type f \( -name '*.json' -o -name '*.err' \) -delete
elif [ -n "$(ls -A "$out")" ]; then
  echo "cudaenv-collect: $out holds other files; give an empty or a new folder" >&2
  exit 2
fi
echo "job ${SLURM_JOB_ID:-?} on ${SLURM_JOB_NODELIST:-?}" > "$marker"
# report exits 1 when it found errors: that is a result, not a failure, so every task exits 0; a node where java
# itself fails leaves NODE.json empty (its error in NODE.err), which compare then names as not a report
srun --nodes="$nodes" --ntasks-per-node=1 --kill-on-bad-exit=0 \
  bash -c 'node="${SLURMD_NODENAME:-$(hostname -s)}"
"$1" -jar "$2" report --json --hostname "$node" > "$3/$node.json" 2> "$3/$node.err"; exit 0' \
  cudaenv-report "$java" "$jar" "$out"
# nodes of the allocation that wrote nothing (srun could not start there) are named, not silently missing
missing=()
for node in $(scontrol show hostnames "${SLURM_JOB_NODELIST:-}" 2>/dev/null); do
  [ -s "$out/$node.json" ] || missing+=("$node")
done
[ ${#missing[@]} -eq 0 ] || echo "cudaenv-collect: no report from ${missing[*]} (see $out/NODE.err)" >&2
"$java" -jar "$jar" compare "$out"
