#!/usr/bin/env bash
# The vendor-file machines of VendorMachinesTest, built again in a temp folder, reported on by each jar given
# (e.g. main's and this branch's), with one line per machine and fact: what each jar says, beside what the real
# loader does. Needs root (chroot), gcc, ldconfig and the files of .ci/test-deps / .ci/deps-vendor.
#   bench/loader/machines.sh BEFORE.jar AFTER.jar
set -euo pipefail
cache="${CUDAENV_TEST_CACHE:-$HOME/.cache/cudaenv-test}"
djl="$cache/vendor/djl-pytorch-cu124-2.5.1/pytorch/cu124/linux-x86_64"
deb="$cache/nvidia/usr/lib/x86_64-linux-gnu"
pip=/usr/local/lib/python3.11/dist-packages
lib=/usr/lib/x86_64-linux-gnu
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

base() {  # ROOT: host glibc loader + C runtime, env, Debian's CUDA 11.8 runtime and driver 535 libcuda + NVML
  local r=$1
  mkdir -p "$r/lib/x86_64-linux-gnu" "$r/lib64" "$r/usr/bin" "$r$lib" "$r/etc/ld.so.conf.d"
  for f in ld-linux-x86-64.so.2 libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1 libstdc++.so.6 libgcc_s.so.1 libz.so.1; do
    cp -L "/lib/x86_64-linux-gnu/$f" "$r/lib/x86_64-linux-gnu/" 2>/dev/null || cp -L "/usr/lib/x86_64-linux-gnu/$f" "$r/lib/x86_64-linux-gnu/"
  done
  ln -sf /lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 "$r/lib64/ld-linux-x86-64.so.2"
  cp /usr/bin/env "$r/usr/bin/"
  cp "$deb/libcudart.so.11.8.89" "$r$lib/" && ln -sf libcudart.so.11.8.89 "$r$lib/libcudart.so.11.0"
  cp "$deb/nvidia/current/libcuda.so.535.309.01" "$r$lib/" && ln -sf libcuda.so.535.309.01 "$r$lib/libcuda.so.1"
  cp "$deb/nvidia/current/libnvidia-ml.so.535.309.01" "$r$lib/" && ln -sf libnvidia-ml.so.535.309.01 "$r$lib/libnvidia-ml.so.1"
  echo "include /etc/ld.so.conf.d/*.conf" > "$r/etc/ld.so.conf"
  echo "$lib" > "$r/etc/ld.so.conf.d/vendor.conf"
}
version_py() { mkdir -p "$1$pip/torch"; printf "__version__ = '2.5.1+cu124'\ncuda = '12.4'\n" > "$1$pip/torch/version.py"; }
consumer() {  # ROOT IMAGE_PATH RUNPATH NEEDED...: an empty library with these DT_NEEDED names and RUNPATH
  local r=$1 out=$2 rp=$3; shift 3
  local stubs; stubs=$(mktemp -d); local args=()
  for n in "$@"; do gcc -shared -fPIC -o "$stubs/$n" -x c /dev/null "-Wl,-soname,$n"; args+=("-l:$n"); done
  mkdir -p "$(dirname "$r$out")"
  gcc -shared -fPIC -o "$r$out" -x c /dev/null -x none -Wl,--no-as-needed -Wl,--enable-new-dtags -L"$stubs" \
    ${rp:+"-Wl,-rpath,$rp"} "${args[@]}"
  rm -rf "$stubs"
}
finish() { ldconfig -X -r "$1"; }

m=$work/libtorch; base $m; mkdir -p "$m$pip/torch/lib"; cp "$djl"/* "$m$pip/torch/lib/"; version_py $m; finish $m
m=$work/cudnn-system; base $m; cp "$djl/libcudnn.so.9" "$djl/libcudnn_graph.so.9" "$m$lib/"; finish $m
m=$work/pip-nvidia; base $m; nv=$m$pip/nvidia
mkdir -p "$nv/cuda_runtime/lib" "$nv/cudnn/lib" "$nv/cuda_nvrtc/lib"
cp "$djl/libcudart-8774224f.so.12" "$nv/cuda_runtime/lib/libcudart.so.12"
cp "$djl/libcudnn.so.9" "$djl/libcudnn_graph.so.9" "$nv/cudnn/lib/"
cp "$djl/libnvrtc-6d168ef8.so.12" "$nv/cuda_nvrtc/lib/libnvrtc.so.12"
version_py $m
consumer $m $pip/torch/lib/libtorch_cuda.so '$ORIGIN/../../nvidia/cuda_runtime/lib:$ORIGIN/../../nvidia/cudnn/lib:$ORIGIN/../../nvidia/cuda_nvrtc/lib:$ORIGIN' \
  libcudart.so.12 libcudnn.so.9 libnvrtc.so.12
finish $m
cp -a $m $work/pip-user-cudnn; u=$work/pip-user-cudnn/root/.local/lib/python3.11/site-packages/nvidia
mkdir -p "$u" && mv "$work/pip-user-cudnn$pip/nvidia/cudnn" "$u/"
m=$work/runtimes; base $m; mkdir -p "$m$pip/torch/lib" "$m$pip/nvidia/cuda_runtime/lib" "$m/usr/local/cuda-13.0/lib64"
cp "$djl/libcudart-8774224f.so.12" "$m$pip/torch/lib/"; cp "$djl/libcudart-8774224f.so.12" "$m$pip/nvidia/cuda_runtime/lib/libcudart.so.12"
cp /usr/local/cuda-13.0/lib64/libcudart.so.13 "$m/usr/local/cuda-13.0/lib64/"; version_py $m
consumer $m $pip/torch/lib/libtorch_cuda.so '$ORIGIN' libcudart-8774224f.so.12
finish $m

envof() { [ "$(basename "$1")" = runtimes ] && echo "LD_LIBRARY_PATH=/usr/local/cuda-13.0/lib64:$pip/nvidia/cuda_runtime/lib" || true; }
n=0
for jar in "$@"; do
  n=$((n + 1))
  for m in libtorch cudnn-system pip-nvidia pip-user-cudnn runtimes; do
    env -i PATH="$PATH" HOME="$HOME" $(envof $work/$m) java -jar "$jar" report --json --root "$work/$m" \
      > "$work/$m.$n.json" 2> "$work/$m.$n.err" || true
  done
done
python3 - "$work" "$@" <<'PY'
import json, os, re, sys
work, jars = sys.argv[1], sys.argv[2:]
def facts(r):
    libs = r.get("libraries", [])
    ids = [f["id"] for f in r.get("findings", [])]
    edges = [e for b in r.get("binaries", []) for e in b.get("loads", [])]
    mr = [f["detail"] for f in r.get("findings", []) if f["id"] == "multiple-runtimes"]
    return {
        "hash-renamed copies listed": sorted(os.path.basename(l["path"]) for l in libs if re.search(r"-[0-9a-f]{8}\.so", l["path"])) or "none",
        "cudart copies": len([l for l in libs if l["kind"] == "cudart"]),
        "cudnn-cuda-mismatch": ids.count("cudnn-cuda-mismatch"),
        "missing-dependency findings": ids.count("missing-dependency"),
        "multiple-runtimes per soname": ("yes" if mr and "libcudart.so.12:" in mr[0] else "no") if mr else "no finding",
        "load edges": len(edges),
        "missing-dependency names the unreachable copy": any("a copy exists at" in f["detail"]
            for f in r.get("findings", []) if f["id"] == "missing-dependency"),
    }
FACTS = ["hash-renamed copies listed", "cudart copies", "cudnn-cuda-mismatch", "missing-dependency findings",
         "multiple-runtimes per soname", "load edges", "missing-dependency names the unreachable copy"]
rows = {}
for m in ["libtorch", "cudnn-system", "pip-nvidia", "pip-user-cudnn", "runtimes"]:
    for n, jar in enumerate(jars, 1):
        try:
            with open(os.path.join(work, "%s.%d.json" % (m, n))) as f:
                rows.setdefault(m, []).append(facts(json.load(f)))
        except ValueError:  # no report: the command failed (its first stderr line says how)
            with open(os.path.join(work, "%s.%d.err" % (m, n))) as f:
                first = (f.read().strip().splitlines() or ["no output"])[0][:80]
            rows.setdefault(m, []).append({k: "no report: " + first for k in FACTS})
print("| machine | fact | " + " | ".join(j for j in jars) + " |")
print("|---|---|" + "---|" * len(jars))
for m, fs in rows.items():
    for k in FACTS:
        print("| %s | %s | %s |" % (m, k, " | ".join(str(f[k]) for f in fs)))
PY
