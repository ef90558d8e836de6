package cudaenv.diagnose;

import cudaenv.diagnose.data.Architectures;
import cudaenv.diagnose.data.CudaVersion;
import cudaenv.diagnose.data.DriverRequirements;
import cudaenv.diagnose.data.Knowledge;
import cudaenv.diagnose.data.PtxIsa;
import cudaenv.diagnose.data.Versions;
import cudaenv.elf.GpuCodeSupport;
import cudaenv.elf.GpuCodeSupport.Mode;
import cudaenv.report.Binary;
import cudaenv.report.BuildOption;
import cudaenv.report.Finding;
import cudaenv.report.Framework;
import cudaenv.report.Gpu;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Compiled GPU code that a present GPU cannot run (error: no fitting image, or only PTX newer than the driver's
 * JIT), or runs only by PTX JIT (warning); without a GPU, which GPU generations the build runs on (info).
 */
final class ArchNotSupported implements Rule {
    @Override
    public List<Finding> apply(Report r) {
        List<Binary> withCode = r.binaries().stream().filter(b -> !b.sass().isEmpty() || !b.ptx().isEmpty()).toList();
        if (withCode.isEmpty()) {
            return List.of();
        }
        if (r.gpus().isEmpty()) {
            return generations(r, withCode);
        }
        List<Finding> out = new ArrayList<>();
        for (Gpu gpu : r.gpus()) {
            List<Binary> none = new ArrayList<>();
            Map<Binary, String> jit = new LinkedHashMap<>();
            Map<Binary, CudaVersion> ptxTooNew = new LinkedHashMap<>();
            Map<Binary, String> ptxBeyondData = new LinkedHashMap<>();
            Optional<CudaVersion> driver = Facts.driverCuda(r);
            for (Binary b : withCode) {
                GpuCodeSupport.Support s = GpuCodeSupport.decide(images(b), gpu.computeCapability());
                Optional<CudaVersion> needs = ptxNeeds(b);
                Optional<String> beyond = ptxBeyondData(b);
                if (s.mode() == Mode.NONE) {
                    none.add(b);
                } else if (s.mode() == Mode.PTX_JIT && beyond.isPresent()) {
                    ptxBeyondData.put(b, beyond.get());
                } else if (s.mode() == Mode.PTX_JIT && driver.isPresent() && needs.isPresent()
                        && !driver.get().atLeast(needs.get())) {
                    ptxTooNew.put(b, needs.get());
                } else if (s.mode() == Mode.PTX_JIT) {
                    jit.put(b, s.image().orElseThrow());
                }
            }
            if (!none.isEmpty()) {
                out.add(cannotRun(r, gpu, none));
            }
            if (!ptxTooNew.isEmpty()) {
                out.add(driverCannotJit(gpu, driver.orElseThrow(), ptxTooNew));
            }
            if (!ptxBeyondData.isEmpty()) {
                out.add(ptxNewerThanData(gpu, driver, ptxBeyondData));
            }
            if (!jit.isEmpty()) {
                out.add(jitOnly(gpu, jit));
            }
        }
        return out;
    }

    /** The newest CUDA that the binary's PTX ISA versions need (a binary usually has one). */
    private static Optional<CudaVersion> ptxNeeds(Binary b) {
        return b.ptxVersions().stream().map(PtxIsa::firstCuda).flatMap(Optional::stream).max(CudaVersion::compareTo);
    }

    /** The newest PTX ISA version of the binary when it is newer than every version the table knows. */
    private static Optional<String> ptxBeyondData(Binary b) {
        String newest = Knowledge.newestPtxIsa();
        return b.ptxVersions().stream().filter(v -> Versions.compare(v, newest) > 0).max(Versions::compare);
    }

    // PTX newer than the table: a driver no newer than the table's newest PTX release surely cannot JIT it; a newer one may.
    private static Finding ptxNewerThanData(Gpu gpu, Optional<CudaVersion> driver, Map<Binary, String> ptx) {
        String newestPtx = Knowledge.newestPtxIsa();
        CudaVersion known = PtxIsa.firstCuda(newestPtx).orElseThrow();
        boolean surelyFails = driver.map(d -> known.atLeast(d)).orElse(false);
        List<String> parts = new ArrayList<>();
        ptx.forEach((b, v) -> parts.add(Facts.fileName(b.path()) + " (PTX ISA " + v + ")"));
        String names = String.join(", ", ptx.keySet().stream().map(b -> Facts.fileName(b.path())).toList());
        String detail = gpuName(gpu) + " has no fitting cubin in " + String.join("; ", parts) + ", so the driver must"
                + " JIT-compile the PTX. That PTX ISA is newer than " + Knowledge.dataOf("ptx-isa.tsv")
                + " (PTX ISA known up to " + newestPtx + ", first loaded by CUDA " + known + "), so it needs a driver"
                + " newer than CUDA " + known + "; "
                + driver.map(d -> "this driver supports CUDA " + d + (surelyFails
                        ? ", too old: launches fail with CUDA_ERROR_UNSUPPORTED_PTX_VERSION (222)."
                        : ", which may or may not be new enough: not known here.")).orElse("no driver answered.");
        return new Finding("arch-not-supported", surelyFails ? Severity.ERROR : Severity.WARNING,
                gpu.name() + " with CUDA capability " + sm(gpu) + " can run " + names + " only from PTX newer than"
                        + " cudaenv's data" + (surelyFails ? ", which this driver is too old to compile" : ""),
                detail,
                "Install a driver at least as new as the CUDA that built " + names + " (its release notes name the PTX"
                        + " ISA: https://docs.nvidia.com/cuda/parallel-thread-execution/#release-notes), or a build with"
                        + " SASS for " + sm(gpu) + ".");
    }

    private static Finding driverCannotJit(Gpu gpu, CudaVersion driver, Map<Binary, CudaVersion> needs) {
        CudaVersion newest = needs.values().stream().max(CudaVersion::compareTo).orElseThrow();
        List<String> parts = new ArrayList<>();
        needs.forEach((b, cuda) -> parts.add(Facts.fileName(b.path()) + " (PTX ISA " + String.join(", ", b.ptxVersions())
                + ", needs CUDA " + cuda + ")"));
        return new Finding("arch-not-supported", Severity.ERROR,
                gpu.name() + " with CUDA capability " + sm(gpu) + " can run " + String.join(", ",
                        needs.keySet().stream().map(b -> Facts.fileName(b.path())).toList())
                        + " only from PTX that this driver is too old to compile",
                gpuName(gpu) + " has no fitting cubin in " + String.join("; ", parts) + ", so the driver must"
                        + " JIT-compile the PTX, but it supports CUDA " + driver + " only: launches fail with"
                        + " CUDA_ERROR_UNSUPPORTED_PTX_VERSION (222), 'the provided PTX was compiled with an unsupported"
                        + " toolchain'.",
                "Update the NVIDIA driver to one for CUDA " + newest
                        + DriverRequirements.minimumDriver(newest).map(d -> " (" + d + " or newer)").orElse("")
                        + ", or install a build with SASS for " + sm(gpu) + ".");
    }

    private static List<String> images(Binary b) {
        return Stream.concat(b.sass().stream(), b.ptx().stream()).toList();
    }

    private static String sm(Gpu gpu) {
        return "sm_" + gpu.computeCapability().replace(".", "");
    }

    private static String gpuName(Gpu gpu) {
        return "GPU " + gpu.index() + " (" + gpu.name() + ", compute capability " + gpu.computeCapability()
                + Architectures.name(gpu.computeCapability()).map(a -> ", " + a).orElse("") + ")";
    }

    private static String contents(Binary b) {
        return Facts.fileName(b.path()) + " has SASS " + (b.sass().isEmpty() ? "for no GPU" : String.join(" ", b.sass()))
                + " and PTX " + (b.ptx().isEmpty() ? "for none" : String.join(" ", b.ptx()));
    }

    private static Optional<Framework> framework(Report r, Binary b) {
        return r.frameworks().stream().filter(f -> !f.path().isBlank() && b.path().startsWith(f.path() + "/"))
                .findFirst();
    }

    private static Finding cannotRun(Report r, Gpu gpu, List<Binary> none) {
        Optional<Framework> torch = none.stream().map(b -> framework(r, b)).flatMap(Optional::stream)
                .filter(f -> f.name().equals("torch")).findFirst();
        String subject = torch.map(f -> "the current PyTorch installation").orElse(
                String.join(", ", none.stream().map(b -> Facts.fileName(b.path())).toList()));
        return new Finding("arch-not-supported", Severity.ERROR,
                gpu.name() + " with CUDA capability " + sm(gpu) + " is not compatible with " + subject,
                gpuName(gpu) + " can run neither a cubin nor the PTX in: "
                        + String.join("; ", none.stream().map(ArchNotSupported::contents).toList())
                        + ". A cubin sm_XY runs only on compute capability X.Y or a later X.*; PTX only on GPUs at least"
                        + " as new as its compute_XY. Every kernel launch from it fails with 'no kernel image is"
                        + " available for execution on the device'.",
                torch.map(f -> torchFix(r, gpu))
                        .orElse("Install a build of these libraries compiled for " + sm(gpu) + " (nvcc -gencode"
                                + " arch=compute_XY,code=" + sm(gpu) + "), or one that ships PTX for an older"
                                + " architecture."));
    }

    /** The PyTorch builds (BuildOptions) that have code for the GPUs and run with this driver, newest advised. */
    private static String torchFix(Report r, Gpu gpu) {
        List<BuildOption> builds = BuildOptions.of(r);
        List<String> running = builds.stream().filter(BuildOption::runs)
                .map(b -> b.name() + " (" + b.indexUrl() + ")").toList();
        String fromSource = "build PyTorch from source with TORCH_CUDA_ARCH_LIST=\"" + gpu.computeCapability() + "\".";
        return Advice.bestBuild(r, builds).map(best -> "Install a PyTorch build that has code for " + sm(gpu)
                        + " and runs with this driver: " + Advice.pipInstall(r, best) + ". Builds that run here: "
                        + String.join(", ", running) + ". Check with `python -c 'import torch;"
                        + " print(torch.cuda.get_arch_list())'`; or " + fromSource)
                .orElse("No PyTorch wheel build has code for " + sm(gpu) + " and runs with this driver: "
                        + fromSource);
    }

    private static Finding jitOnly(Gpu gpu, Map<Binary, String> jit) {
        List<String> parts = new ArrayList<>();
        jit.forEach((b, image) -> parts.add(Facts.fileName(b.path()) + " via " + image
                + (b.ptxVersions().isEmpty() ? "" : " (PTX ISA " + String.join(", ", b.ptxVersions()) + ")")));
        return new Finding("arch-not-supported", Severity.WARNING,
                gpuName(gpu) + " runs " + jit.size() + " librar" + (jit.size() == 1 ? "y" : "ies")
                        + " only by JIT-compiling PTX",
                "No cubin fits " + sm(gpu) + ", so the driver compiles PTX at first launch: " + String.join("; ", parts)
                        + ". The first launch is slow (minutes for large libraries; the result is cached in"
                        + " ~/.nv/ComputeCache), and the driver must be at least as new as the CUDA that emitted the PTX,"
                        + " else launches fail with CUDA_ERROR_UNSUPPORTED_PTX_VERSION (222).",
                "Prefer a build with SASS for " + sm(gpu) + "; otherwise keep CUDA_CACHE_MAXSIZE large enough"
                        + " (e.g. 4294967296) so the JIT runs once.");
    }

    /** No GPU here: per distinct set of compiled code, which architectures run it and how. */
    private static List<Finding> generations(Report r, List<Binary> withCode) {
        Map<List<String>, List<Binary>> byCode = new LinkedHashMap<>();
        withCode.forEach(b -> byCode.computeIfAbsent(images(b), k -> new ArrayList<>()).add(b));
        List<Finding> out = new ArrayList<>();
        byCode.forEach((images, binaries) -> {
            Map<String, List<String>> natively = new LinkedHashMap<>();
            Map<String, List<String>> jit = new LinkedHashMap<>();
            for (Architectures.Architecture a : Architectures.all()) {
                Mode mode = GpuCodeSupport.decide(images, a.computeCapability()).mode();
                if (mode != Mode.NONE) {
                    (mode == Mode.NATIVE ? natively : jit).computeIfAbsent(a.name(), k -> new ArrayList<>())
                            .add(a.computeCapability());
                }
            }
            String files = String.join(", ", binaries.stream().map(b -> Facts.fileName(b.path())).toList());
            List<String> generations = natively.keySet().stream().filter(n -> !n.startsWith("unnamed"))
                    .map(n -> n.replaceFirst(" \\(.*", "")).distinct().toList();
            out.add(new Finding("gpu-architectures", Severity.INFO,
                    files + (binaries.size() == 1 ? " runs" : " run") + " natively on " + (generations.isEmpty()
                            ? "no GPU generation" : String.join(", ", generations)),
                    "Compiled code: SASS " + String.join(" ", binaries.get(0).sass()) + "; PTX "
                            + String.join(" ", binaries.get(0).ptx()) + ". Natively (cubin): " + describe(natively)
                            + ". Only by PTX JIT (slow first launch, needs a driver new enough for the PTX): "
                            + describe(jit) + ". Any other GPU cannot run it. No GPU is visible here to check against.",
                    "On the target machine, compare with its GPU's compute capability: `nvidia-smi"
                            + " --query-gpu=name,compute_cap --format=csv`."));
        });
        return out;
    }

    private static String describe(Map<String, List<String>> byArch) {
        if (byArch.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        byArch.forEach((name, ccs) -> parts.add(name + " (" + String.join(", ", ccs) + ")"));
        return String.join(", ", parts);
    }
}
