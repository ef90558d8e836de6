#!/usr/bin/env python3
"""The acceptance kit's Python half: `facts.py python` prints what torch, CuPy, JAX and nvidia-ml-py say (each only
where installed) as JSON; `facts.py table DIR` prints one table of facts x sources from DIR's report.json,
nvidia-smi.xml and python.json, marking every fact whose sources disagree."""
import json
import os
import sys
import xml.etree.ElementTree as ET


def python_facts():
    facts = {}
    try:
        import torch
        t = {"version": torch.__version__, "cuda_build": torch.version.cuda,
             "cuda_available": torch.cuda.is_available()}
        try:
            t["cudnn"] = torch.backends.cudnn.version()
        except Exception as e:  # cuDNN missing is a fact too
            t["cudnn_error"] = str(e)
        if t["cuda_available"]:
            t["device_count"] = torch.cuda.device_count()
            t["name"] = torch.cuda.get_device_name(0)
            t["capability"] = "%d.%d" % torch.cuda.get_device_capability(0)
            t["memory_total"] = torch.cuda.get_device_properties(0).total_memory
            try:
                x = torch.tensor([1.0, 2.0]).cuda()
                t["tensor_on_gpu"] = (x + x).tolist() == [2.0, 4.0]
            except Exception as e:
                t["tensor_on_gpu"] = False
                t["tensor_error"] = str(e)
        facts["torch"] = t
    except ImportError:
        pass
    except Exception as e:
        facts["torch"] = {"error": str(e)}
    try:
        import cupy
        c = {"version": cupy.__version__, "runtime": cupy.cuda.runtime.runtimeGetVersion(),
             "driver": cupy.cuda.runtime.driverGetVersion(), "device_count": cupy.cuda.runtime.getDeviceCount()}
        props = cupy.cuda.runtime.getDeviceProperties(0)
        c["name"] = props["name"].decode() if isinstance(props["name"], bytes) else props["name"]
        c["capability"] = "%d.%d" % (props["major"], props["minor"])
        c["memory_total"] = props["totalGlobalMem"]
        facts["cupy"] = c
    except ImportError:
        pass
    except Exception as e:
        facts["cupy"] = {"error": str(e)}
    try:
        import jax
        devices = [d for d in jax.devices() if d.platform == "gpu"]
        facts["jax"] = {"version": jax.__version__, "device_count": len(devices),
                        "name": devices[0].device_kind if devices else None}
    except ImportError:
        pass
    except Exception as e:
        facts["jax"] = {"error": str(e)}
    try:
        import pynvml
        pynvml.nvmlInit()
        h = pynvml.nvmlDeviceGetHandleByIndex(0)
        n = {"driver": _text(pynvml.nvmlSystemGetDriverVersion()),
             "cuda_driver": pynvml.nvmlSystemGetCudaDriverVersion_v2(),
             "device_count": pynvml.nvmlDeviceGetCount(), "name": _text(pynvml.nvmlDeviceGetName(h)),
             "memory_total": pynvml.nvmlDeviceGetMemoryInfo(h).total,
             "compute_mode": pynvml.nvmlDeviceGetComputeMode(h),
             "persistence": pynvml.nvmlDeviceGetPersistenceMode(h),
             "pcie_width": pynvml.nvmlDeviceGetCurrPcieLinkWidth(h),
             "pcie_max_width": pynvml.nvmlDeviceGetMaxPcieLinkWidth(h)}
        major, minor = pynvml.nvmlDeviceGetCudaComputeCapability(h)
        n["capability"] = "%d.%d" % (major, minor)
        facts["nvidia-ml-py"] = n
    except ImportError:
        pass
    except Exception as e:
        facts["nvidia-ml-py"] = {"error": str(e)}
    return facts


def _text(v):
    return v.decode() if isinstance(v, bytes) else v


def _cuda(v):
    """10000*major + 10*minor -> "major.minor"."""
    return None if v in (None, 0) else "%d.%d" % (v // 1000, (v % 1000) // 10)


def _load(path, reader):
    try:
        with open(path, encoding="utf-8") as f:
            return reader(f)
    except (OSError, ValueError, ET.ParseError):
        return None


def table(folder):
    report = _load(os.path.join(folder, "report.json"), json.load) or {}
    py = _load(os.path.join(folder, "python.json"), json.load) or {}
    smi = _load(os.path.join(folder, "nvidia-smi.xml"), lambda f: ET.parse(f).getroot())
    gpus = report.get("gpus") or [{}]
    g0 = gpus[0]
    health = g0.get("health") or {}
    cudnn = next((l for l in report.get("libraries", []) if l.get("kind") == "cudnn" and l.get("selected")), {})
    tests = report.get("tests") or {}
    smi_gpu = smi.find("gpu") if smi is not None else None

    def s(path):
        if smi is None:
            return None
        node = smi.find(path) if not path.startswith("gpu/") else (
            smi_gpu.find(path[4:]) if smi_gpu is not None else None)
        return node.text.strip() if node is not None and node.text else None

    def mib(v):
        return None if v in (None, "") else "%d MiB" % (int(v) // (1 << 20))

    t, c, j, n = (py.get(k, {}) for k in ("torch", "cupy", "jax", "nvidia-ml-py"))
    smi_mem = s("gpu/fb_memory_usage/total")
    rows = [
        ("driver version", {"cudaenv": report.get("driver", {}).get("version"), "nvidia-smi": s("driver_version"),
                            "nvidia-ml-py": n.get("driver")}),
        ("driver CUDA", {"cudaenv": report.get("driver", {}).get("cudaVersion"), "nvidia-smi": s("cuda_version"),
                         "nvidia-ml-py": _cuda(n.get("cuda_driver")), "cupy": _cuda(c.get("driver"))}),
        ("GPU count", {"cudaenv": len(report.get("gpus", [])), "nvidia-smi": s("attached_gpus"),
                       "torch": t.get("device_count"), "cupy": c.get("device_count"), "jax": j.get("device_count"),
                       "nvidia-ml-py": n.get("device_count")}),
        ("GPU 0 name", {"cudaenv": g0.get("name"), "nvidia-smi": s("gpu/product_name"), "torch": t.get("name"),
                        "cupy": c.get("name"), "jax": j.get("name"), "nvidia-ml-py": n.get("name")}),
        ("GPU 0 capability", {"cudaenv": g0.get("computeCapability"), "torch": t.get("capability"),
                              "cupy": c.get("capability"), "nvidia-ml-py": n.get("capability")}),
        ("GPU 0 memory", {"cudaenv": mib(g0.get("memoryTotalBytes")), "nvidia-smi": smi_mem,
                          "torch": mib(t.get("memory_total")), "cupy": mib(c.get("memory_total")),
                          "nvidia-ml-py": mib(n.get("memory_total"))}),
        ("persistence mode", {"cudaenv": health.get("persistenceMode"), "nvidia-smi": (s("gpu/persistence_mode") or "").lower() or None,
                              "nvidia-ml-py": {0: "disabled", 1: "enabled"}.get(n.get("persistence"))}),
        ("compute mode", {"cudaenv": health.get("computeMode"), "nvidia-smi": (s("gpu/compute_mode") or "").lower().replace("_", "-") or None,
                          "nvidia-ml-py": {0: "default", 1: "exclusive-thread", 2: "prohibited", 3: "exclusive-process"}.get(n.get("compute_mode"))}),
        ("PCIe width now", {"cudaenv": health.get("pcieWidth"), "nvidia-smi": (s("gpu/pci/pci_gpu_link_info/link_widths/current_link_width") or "").rstrip("x") or None,
                            "nvidia-ml-py": n.get("pcie_width")}),
        ("cuDNN", {"cudaenv": cudnn.get("version"), "torch": _cudnn(t.get("cudnn"))}),
        ("CUDA runtime / build", {"cudaenv": _selected(report, "cudart"), "torch (build)": t.get("cuda_build"),
                                  "cupy": _cuda(c.get("runtime"))}),
        ("works on the GPU", {"cudaenv": _passed(tests), "torch": t.get("tensor_on_gpu")}),
    ]
    sources = []
    for _, values in rows:
        for k in values:
            if k not in sources:
                sources.append(k)
    print()
    print("Facts x sources (— = source absent or silent; DISAGREE = sources differ)")
    widths = [max(len(r[0]) for r in rows)] + [max(len(k), 12) for k in sources]
    print("  ".join(["fact".ljust(widths[0])] + [k.ljust(w) for k, w in zip(sources, widths[1:])] + ["agree?"]))
    for name, values in rows:
        cells, seen = [], set()
        for k, w in zip(sources, widths[1:]):
            v = values.get(k)
            text = "—" if v is None else str(v)
            if v is not None:
                seen.add(_norm(v))
            cells.append(text[:40].ljust(w))
        verdict = "DISAGREE" if len(seen) > 1 else ("ok" if seen else "—")
        print("  ".join([name.ljust(widths[0])] + cells + [verdict]))
    if not tests.get("requested"):
        print("\nfunctional test: not requested")
    elif tests.get("notRun"):
        print("\nfunctional test not run: " + tests["notRun"])
    for g in tests.get("gpus", []):
        print("\nfunctional test GPU %s (%s): %s" % (g.get("index"), g.get("name"), "passed" if g.get("passed") else "FAILED"))
        for st in g.get("steps", []):
            figures = ", ".join("%s %s" % kv for kv in (st.get("figures") or {}).items())
            print("  %-14s %-8s %9.1f ms  %s %s" % (st.get("name"), st.get("status"), st.get("millis", 0), figures,
                                                  st.get("detail") or ""))
    print("\nverdict (cudaenv): " + (report.get("verdict") or {}).get("sentence", "no report"))


def _cudnn(v):
    if not v:
        return None
    v = int(v)
    return "%d.%d.%d" % (v // 10000, (v % 10000) // 100, v % 100) if v >= 90000 else "%d.%d.%d" % (v // 1000, (v % 1000) // 100, v % 100)


def _selected(report, kind):
    lib = next((l for l in report.get("libraries", []) if l.get("kind") == kind and l.get("selected")), None)
    return lib.get("version") if lib else None


def _passed(tests):
    if not tests.get("requested") or tests.get("notRun"):
        return None
    return all(g.get("passed") for g in tests.get("gpus", []))


def _norm(v):
    s = str(v).strip().lower()
    return s[:-4] if s.endswith(".0.0") else s


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "python":
        print(json.dumps(python_facts(), indent=1, default=str))
    elif len(sys.argv) >= 3 and sys.argv[1] == "table":
        table(sys.argv[2])
    else:
        print(__doc__)
        sys.exit(2)
