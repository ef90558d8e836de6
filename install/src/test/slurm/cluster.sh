#!/usr/bin/env bash
# A single-host Slurm cluster for SlurmIT: munged and slurmctld on loopback, and one slurmd per node (node1..nodeN,
# Debian's Slurm is built with multiple-slurmd support), all under DIR with their own ports, no cgroups, no accounting.
#   cluster.sh start DIR NODES    prints nothing on success; the daemons' logs stay in DIR
#   cluster.sh stop DIR           kills every daemon (and job step) started from DIR
set -euo pipefail
cmd="$1"; dir="$(realpath -m "$2")"; nodes="${3:-3}"
export SLURM_CONF="$dir/slurm.conf"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

stop() {
  for pid in "$dir"/*.pid; do
    [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null || true
  done
  sleep 1
  for pid in "$dir"/*.pid; do
    [ -f "$pid" ] && kill -9 "$(cat "$pid")" 2>/dev/null || true
  done
  # job steps run by the slurmd of this cluster, if any outlived them
  pkill -9 -f "slurmstepd: \[" 2>/dev/null || true
  rm -f "$dir"/*.pid
}

case "$cmd" in
  start)
    mkdir -p "$dir/state" "$dir/spool"
    head -c 1024 /dev/urandom > "$dir/munge.key" && chmod 400 "$dir/munge.key"
    munged --force --socket="$dir/munge.sock" --key-file="$dir/munge.key" --log-file="$dir/munged.log" \
      --pid-file="$dir/munged.pid" --seed-file="$dir/munged.seed"
    ctld_port=$(free_port)
    first=$(free_port)
    # slurmd ports: NODES consecutive free ones from $first (retry a few times if one is taken)
    for try in 1 2 3 4 5; do
      ok=1
      for i in $(seq 0 $((nodes - 1))); do
        python3 -c "import socket,sys; s=socket.socket(); s.bind(('127.0.0.1',int(sys.argv[1])))" $((first + i)) 2>/dev/null || ok=0
      done
      [ $ok -eq 1 ] && break
      first=$(free_port)
    done
    cat > "$SLURM_CONF" <<CONF
ClusterName=cudaenvtest
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$ctld_port
AuthType=auth/munge
AuthInfo=socket=$dir/munge.sock
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool/%n
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd-%n.pid
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SchedulerType=sched/builtin
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd-%n.log
MpiDefault=none
NodeName=node[1-$nodes] NodeHostname=localhost NodeAddr=127.0.0.1 Port=[$first-$((first + nodes - 1))] CPUs=1 RealMemory=500 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
    slurmctld -c
    for i in $(seq 1 "$nodes"); do slurmd -N "node$i"; done
    for _ in $(seq 1 60); do
      idle=$(sinfo -h -o '%T %D' 2>/dev/null | awk '$1=="idle"{n+=$2} END{print n+0}')
      [ "$idle" -eq "$nodes" ] && exit 0
      sleep 0.5
    done
    echo "cluster.sh: $nodes nodes not idle after 30 s: $(sinfo 2>&1 | tr '\n' ' ')" >&2
    exit 1
    ;;
  stop) stop ;;
  *) echo "usage: cluster.sh start DIR NODES | stop DIR" >&2; exit 2 ;;
esac
