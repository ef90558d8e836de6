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
    # the first line is the report (report --json-line); a pod that failed leaves its error there, which compare names
    kubectl -n "$ns" logs "$pod" | head -n 1 > "$out/$node.json"
  done
java -jar "$jar" compare "$out"
