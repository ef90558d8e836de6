#!/usr/bin/env bash
# Gathers the DaemonSet's reports into a folder, one file per node, then compares them as a fleet.
# Usage: install/collect/k8s-collect.sh [OUT_DIR]   (CUDAENV_JAR: the jar to compare with, default ./cudaenv.jar)
set -euo pipefail
out="${1:-cudaenv-reports}"
jar="${CUDAENV_JAR:-cudaenv.jar}"
ns="${CUDAENV_NAMESPACE:-cudaenv}"
mkdir -p "$out"
kubectl -n "$ns" rollout status daemonset/cudaenv --timeout=10m
kubectl -n "$ns" get pods -l app=cudaenv -o jsonpath='{range .items[*]}{.metadata.name} {.spec.nodeName}{"\n"}{end}' |
  while read -r pod node; do
    # the first line is the report (report --json-line); a pod that failed leaves its error there, which compare names.
    # sed reads the whole log (head would stop early and kill kubectl with SIGPIPE, failing the pipeline); a pod whose
    # log cannot be read leaves an empty file, which compare names too, and the other nodes are still collected
    kubectl -n "$ns" logs "$pod" | sed -n 1p > "$out/$node.json" || true
  done
java -jar "$jar" compare "$out"
