#!/usr/bin/env bash
#SBATCH --job-name=cudaenv-collect
#SBATCH --ntasks-per-node=1
#SBATCH --time=00:10:00
#SBATCH --output=cudaenv-collect-%j.out
# One cudaenv report per node of the allocation, one file per host, then a fleet comparison of them all.
#
#   sbatch --nodes=64 --partition=gpu --gres=gpu:8 install/collect/slurm-collect.sh /shared/cudaenv-reports
#   (or inside salloc: bash install/collect/slurm-collect.sh /shared/cudaenv-reports)
#
# OUT_DIR must be on a file system every node shares. Request the nodes' GPUs (--gres=gpu:N, --gpus-per-node or
# --exclusive): with ConstrainDevices=yes a job sees only the GPUs it asked for, and the reports would say so.
# CUDAENV_JAR: the jar (default ./cudaenv.jar, relative to the submit directory); JAVA: the java to run it with.
set -euo pipefail
out="${1:-cudaenv-reports-${SLURM_JOB_ID:-now}}"
jar="$(realpath "${CUDAENV_JAR:-cudaenv.jar}")"
java="${JAVA:-java}"
nodes="${SLURM_JOB_NUM_NODES:?run this inside a Slurm allocation (sbatch or salloc)}"
mkdir -p "$out"
out="$(realpath "$out")"
# report exits 1 when it found errors: that is a result, not a failure, so every task exits 0; a node where java
# itself fails leaves HOST.json empty (its error in HOST.err), which compare then names as not a report
srun --nodes="$nodes" --ntasks-per-node=1 --kill-on-bad-exit=0 \
  bash -c '"$1" -jar "$2" report --json > "$3/$(hostname -s).json" 2> "$3/$(hostname -s).err"; exit 0' \
  cudaenv-report "$java" "$jar" "$out"
"$java" -jar "$jar" compare "$out"
