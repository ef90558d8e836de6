package cudaenv.diagnose;

import cudaenv.diagnose.data.FrameworkBuilds;
import cudaenv.diagnose.data.Knowledge;
import cudaenv.diagnose.data.PytorchBuilds;
import cudaenv.elf.GpuCodeSupport;
import cudaenv.report.BuildOption;
import cudaenv.report.Gpu;
import cudaenv.report.Report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What would work here: which PyTorch CUDA builds the driver and the GPUs can run, and why not the others. */
final class BuildOptions {
    private BuildOptions() {
    }

    /** Every known build, oldest CUDA first; empty when there is neither a driver nor a GPU to judge by. */
    static List<BuildOption> of(Report r) {
        if (Facts.driverCuda(r).isEmpty() && r.gpus().isEmpty()) {
            return List.of();
        }
        Optional<String> torch = Facts.torchVersion(r);
        return PytorchBuilds.tags().stream().map(tag -> judge(r, PytorchBuilds.rowFor(tag, torch), torch)).toList();
    }

    /**
     * PyTorch's builds, then those of each other framework present here that publishes CUDA builds
     * (framework-builds.tsv), judged by the driver alone: their GPU code lists are not tabled.
     */
    static List<BuildOption> withOtherFrameworks(Report r) {
        List<BuildOption> out = new ArrayList<>(of(r));
        if (out.isEmpty() && Facts.driverCuda(r).isEmpty()) {
            return out;
        }
        r.frameworks().stream().map(f -> f.name()).distinct().flatMap(n -> FrameworkBuilds.of(n).stream())
                .map(b -> {
                    Compatibility c = Compatibility.of(r, b.cuda());
                    return new BuildOption(b.name(), b.cuda().toString(), c.runs(), c.why() + "; " + b.framework()
                            + (r.gpus().isEmpty() ? "; no GPU visible, so compute capability was not checked" : ""),
                            b.install());
                })
                .forEach(out::add);
        return out;
    }

    private static BuildOption judge(Report r, PytorchBuilds.Build build, Optional<String> torch) {
        Compatibility c = Compatibility.of(r, build.cuda());
        List<String> reasons = new ArrayList<>();
        boolean runs = c.runs();
        reasons.add(c.why());
        if (c.support() == Compatibility.Support.MINOR_VERSION) {
            reasons.add("PTX newer than the driver's CUDA cannot be JIT-compiled");
        }
        for (Gpu gpu : r.gpus()) {
            String cc = gpu.computeCapability();
            String who = gpu.name() + " (compute capability " + cc + ")";
            GpuCodeSupport.Support code = GpuCodeSupport.decide(build.images(), cc);
            if (code.mode() == GpuCodeSupport.Mode.NATIVE) {
                reasons.add(who + " runs its " + code.image().orElseThrow() + " code");
            } else if (code.mode() == GpuCodeSupport.Mode.PTX_JIT && c.support() == Compatibility.Support.NATIVE) {
                reasons.add(who + " has no compiled code in it, only PTX the driver JIT-compiles at first use");
            } else {
                runs = false;
                reasons.add(who + " is not among its GPU targets ("
                        + String.join(", ", build.images().stream().filter(i -> i.startsWith("sm_")).toList()) + ")");
            }
        }
        if (r.gpus().isEmpty()) {
            reasons.add("no GPU visible, so compute capability was not checked");
        }
        reasons.add("torch " + PytorchBuilds.torchReleases(build.tag()) + (build.confirmed() ? "" : " (unconfirmed)"));
        torch.filter(PytorchBuilds::newerThanTable).ifPresent(v -> reasons.add("torch " + v + " is newer than "
                + Knowledge.dataOf("pytorch-builds.tsv") + " (builds known up to torch " + Knowledge.newestTorch()
                + "): whether " + build.tag() + " is published for it is not known here"));
        return new BuildOption(build.tag(), build.cuda().toString(), runs, String.join("; ", reasons), build.indexUrl());
    }
}
