#!/usr/bin/env python3
"""Before/after table for issue 12 items 4-6: assembles the real-file machine roots of FrameworkVendorMachinesTest
(files from .ci/deps-frameworks and .ci/test-deps, unmodified: only layout, links, ld.so.conf), runs two cudaenv jars'
`report --json --root DIR` on each, and prints machine x fact, before and after.
Usage: before-after.py BEFORE.jar AFTER.jar"""
import json, os, shutil, subprocess, sys, tempfile

CACHE = os.environ.get("CUDAENV_TEST_CACHE", os.path.expanduser("~/.cache/cudaenv-test"))
F = os.path.join(CACHE, "frameworks")
ORT = f"{F}/jars/onnxruntime_gpu-1.20.0/ai/onnxruntime/native/linux-x64"
DJL = f"{F}/jars/pytorch-native-cu124-2.5.1/pytorch/cu124/linux-x86_64"
DEB = f"{F}/deb"
D535 = f"{CACHE}/nvidia/usr/lib/x86_64-linux-gnu/nvidia/current"
LIB = "usr/lib/x86_64-linux-gnu"
SITE = "usr/local/lib/python3.11/dist-packages"


def place(root, src, dst):
    t = os.path.join(root, dst)
    os.makedirs(os.path.dirname(t), exist_ok=True)
    try:
        os.link(src, t)
    except OSError:
        shutil.copy2(src, t)


def write(root, dst, text):
    t = os.path.join(root, dst)
    os.makedirs(os.path.dirname(t), exist_ok=True)
    open(t, "w").write(text)


def link(root, dst, target):
    t = os.path.join(root, dst)
    os.makedirs(os.path.dirname(t), exist_ok=True)
    os.symlink(target, t)


def driver535(root):
    for n in ("libcuda.so.535.309.01", "libnvidia-ml.so.535.309.01"):
        place(root, f"{D535}/{n}", f"{LIB}/nvidia/current/{n}")
    link(root, f"{LIB}/libcuda.so.1", "nvidia/current/libcuda.so.535.309.01")
    link(root, f"{LIB}/libnvidia-ml.so.1", "nvidia/current/libnvidia-ml.so.535.309.01")


def proc(root, v):
    write(root, "proc/driver/nvidia/version", f"NVRM version: NVIDIA UNIX x86_64 Kernel Module  {v}  Release Build\n")


def ort_wheel(root):
    for n in ("libonnxruntime_providers_cuda.so", "libonnxruntime_providers_shared.so"):
        place(root, f"{ORT}/{n}", f"{SITE}/onnxruntime/capi/{n}")
    write(root, f"{SITE}/onnxruntime_gpu-1.20.0.dist-info/METADATA", "Name: onnxruntime-gpu\nVersion: 1.20.0\n")


def m_ort_wheel(root):
    ort_wheel(root); driver535(root); return {}


def m_ort_470(root):
    ort_wheel(root); tesla470(root); return {}


def m_ort_java(root):
    for n in ("libonnxruntime.so", "libonnxruntime4j_jni.so", "libonnxruntime_providers_cuda.so",
              "libonnxruntime_providers_shared.so"):
        place(root, f"{ORT}/{n}", f"tmp/onnxruntime-java4242/{n}")
    return {}


def m_djl(root):
    for n in os.listdir(DJL):
        place(root, f"{DJL}/{n}", f"root/.djl.ai/pytorch/2.5.1-cu124-linux-x86_64/{n}")
    return {"HOME": "/root"}


def apt_toolkit(root):
    p = f"{DEB}/nvidia-cuda-toolkit"
    place(root, f"{p}/usr/bin/nvcc", "usr/bin/nvcc")
    place(root, f"{p}/usr/lib/nvidia-cuda-toolkit/bin/nvcc", "usr/lib/nvidia-cuda-toolkit/bin/nvcc")


def m_apt_path(root):
    apt_toolkit(root); return {"PATH": "/usr/local/bin:/usr/bin:/bin"}


def m_apt_home(root):
    apt_toolkit(root); return {"CUDA_HOME": "/usr"}


def m_pip_nvcc(root):
    place(root, f"{DEB}/nvidia-cuda-toolkit/usr/lib/nvidia-cuda-toolkit/bin/nvcc", f"{SITE}/nvidia/cuda_nvcc/bin/nvcc")
    return {"PATH": "/usr/bin:/bin"}


def m_conda_nvcc(root):
    place(root, f"{DEB}/nvidia-cuda-toolkit/usr/lib/nvidia-cuda-toolkit/bin/nvcc", "opt/conda/bin/nvcc")
    os.makedirs(os.path.join(root, "opt/conda/conda-meta"))
    return {"PATH": "/usr/bin:/bin"}


def m_lib_home(root):
    place(root, f"{CACHE}/nvidia/usr/lib/x86_64-linux-gnu/libcudart.so.11.8.89", "usr/local/cuda-11.8/lib64/libcudart.so.11.8.89")
    link(root, "usr/local/cuda", "cuda-11.8")
    return {"PATH": "/usr/bin:/bin"}


def m_cpu_torch(root):
    place(root, f"{DEB}/python3-torch/usr/lib/python3/dist-packages/torch/version.py",
          "usr/lib/python3/dist-packages/torch/version.py")
    driver535(root); return {}


def m_cpu_torch_pci(root):
    m_cpu_torch(root)
    d = "sys/bus/pci/devices/0000:3b:00.0"
    write(root, f"{d}/vendor", "0x10de\n"); write(root, f"{d}/class", "0x030200\n"); write(root, f"{d}/device", "0x20b5\n")
    return {}


def tesla470(root):
    d = f"{LIB}/nvidia/tesla-470"
    place(root, f"{DEB}/libnvidia-tesla-470-cuda1/{d}/libcuda.so.470.256.02", f"{d}/libcuda.so.470.256.02")
    place(root, f"{DEB}/libnvidia-tesla-470-ml1/{d}/libnvidia-ml.so.470.256.02", f"{d}/libnvidia-ml.so.470.256.02")
    link(root, f"{LIB}/libcuda.so.1", "nvidia/tesla-470/libcuda.so.470.256.02")
    link(root, f"{LIB}/libnvidia-ml.so.1", "nvidia/tesla-470/libnvidia-ml.so.470.256.02")


def m_module_older(root):
    driver535(root); proc(root, "470.256.02"); return {}


def m_module_newer(root):
    tesla470(root); proc(root, "535.309.01"); return {}


def m_cudnn_no_engines(root):
    for n in ("libcudnn.so.9", "libcudnn_graph.so.9", "libcudnn_cnn.so.9"):
        place(root, f"{DJL}/{n}", f"{LIB}/{n}")
    return {}


def m_cudnn_no_graph(root):
    place(root, f"{DJL}/libcudnn.so.9", f"{LIB}/libcudnn.so.9"); return {}


MACHINES = [
    ("onnxruntime-gpu wheel, no CUDA libs, driver 535 files", m_ort_wheel),
    ("onnxruntime-gpu wheel, Tesla 470 driver", m_ort_470),
    ("ONNX Runtime Java natives (onnxruntime-java*)", m_ort_java),
    ("DJL cache 2.5.1-cu124", m_djl),
    ("Debian apt toolkit, PATH", m_apt_path),
    ("Debian apt toolkit, CUDA_HOME=/usr", m_apt_home),
    ("real nvcc in pip's nvidia/cuda_nvcc", m_pip_nvcc),
    ("real nvcc in conda's /opt/conda/bin", m_conda_nvcc),
    ("CUDA home with libraries only", m_lib_home),
    ("Debian CPU torch, driver 535 installed, no module", m_cpu_torch),
    ("same + PCI 0x10de GPU", m_cpu_torch_pci),
    ("module 470 older than user space 535", m_module_older),
    ("module 535 newer than user space 470", m_module_newer),
    ("cuDNN 9.1 without ops/adv/engines", m_cudnn_no_engines),
    ("cuDNN 9.1 without libcudnn_graph", m_cudnn_no_graph),
]


def facts(report, machine):
    out = []
    for f in report.get("frameworks", []):
        out.append(f"framework {f['name']} {f.get('version')} cuda={f.get('cuda')} cudnn={f.get('cudnn')}")
    t = report.get("toolkit", {})
    out.append(f"nvcc {t.get('nvccVersion')} at {t.get('nvccPath', t.get('home'))}")
    for f in report.get("findings", []):
        if f["id"] in ("cuda-versions-explained",):
            continue
        key = {"driver-library-mismatch": lambda d, x: ("reboot" if "reboot" in x and "does not help" not in x
                                                          else "reinstall user space" if "does not help" in x else "?"),
               "cudnn-incomplete": lambda d, x: ("says aborts" if "abort" in d else "says fails at first use"),
               "framework-cpu-only": lambda d, x: f["severity"],
               "missing-dependency": lambda d, x: f["title"].split(" needs ")[-1].split(",")[0]}.get(f["id"])
        out.append(f"finding {f['id']}" + (f" ({key(f['detail'], f['fix'])})" if key else ""))
    return out


def run(jar, root, env):
    e = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent"}
    cmd = [shutil.which("java"), "-jar", jar, "report", "--json", "--root", root]
    e2 = dict(env)
    p = subprocess.run(cmd, env={**e, **e2}, capture_output=True, text=True, timeout=300)
    try:
        return json.loads(p.stdout)
    except ValueError:
        return {"findings": [{"id": "report-failed: " + p.stderr.strip().splitlines()[-1][:80] if p.stderr else "?",
                              "detail": "", "fix": "", "severity": ""}]}


def main():
    before, after = sys.argv[1], sys.argv[2]
    print("| machine | before (main) | after (frameworks) |\n|---|---|---|")
    only = os.environ.get("ONLY")
    for name, build in MACHINES:
        if only and only not in name:
            continue
        root = tempfile.mkdtemp(prefix="cudaenv-ba-")
        try:
            env = build(root)
            os.makedirs(os.path.join(root, "etc"), exist_ok=True)
            os.makedirs(os.path.join(root, LIB), exist_ok=True)
            write(root, "etc/ld.so.conf", "/" + LIB + "\n")
            subprocess.run(["/usr/sbin/ldconfig", "-X", "-r", root], check=True)
            b = facts(run(before, root, env), name)
            a = facts(run(after, root, env), name)
            dedup = lambda xs: "<br>".join(sorted(set(xs)))
            print(f"| {name} | {dedup(b)} | {dedup(a)} |")
        finally:
            shutil.rmtree(root, ignore_errors=True)


main()
