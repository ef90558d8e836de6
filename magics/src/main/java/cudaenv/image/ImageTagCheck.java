package cudaenv.image;

import cudaenv.image.TagCheck.Claim;
import cudaenv.image.TagCheck.Status;
import cudaenv.diagnose.data.NgcReleases;
import cudaenv.diagnose.data.Versions;
import cudaenv.report.Framework;
import cudaenv.report.Library;
import cudaenv.report.Report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Checks what an image tag claims (framework, CUDA, cuDNN major, devel means nvcc, OS) against a report. */
public final class ImageTagCheck {
    private ImageTagCheck() {
    }

    public static TagCheck check(String tag, Report report) {
        Optional<ImageTag> parsed = ImageTag.parse(tag);
        if (parsed.isEmpty()) {
            return new TagCheck(String.valueOf(tag), Optional.of("'" + tag + "' is not a tag cudaenv can read; it reads "
                    + ImageTag.FORMS), List.of());
        }
        ImageTag t = parsed.get();
        List<Claim> claims = new ArrayList<>();
        Optional<Framework> torch = report.frameworks().stream().filter(f -> f.name().equals("torch")).findFirst();
        if (t.release().isPresent() && t.torch().isEmpty()) {
            String known = String.join(", ", NgcReleases.all().stream().map(NgcReleases.Release::release).toList());
            claims.add(new Claim("NGC release", t.release().get(), Optional.empty(), Status.NOT_CHECKABLE,
                    "release " + t.release().get() + " is not in cudaenv's NGC release table (known: " + known + ")"));
        }
        t.torch().ifPresent(v -> claims.add(torch(v, torch, report)));
        t.cuda().ifPresent(v -> claims.add(cuda(v, torch, report)));
        if (t.claimsCudnn()) {
            claims.add(cudnn(t.cudnnMajor(), torch, report));
        }
        if (t.flavor().filter("devel"::equals).isPresent()) {
            claims.add(report.toolkit().nvccVersion()
                    .map(v -> new Claim("nvcc", "present (devel image)", Optional.of(v), Status.CONFIRMED,
                            "nvcc " + v + " found" + report.toolkit().home().map(h -> " in " + h).orElse("")))
                    .orElseGet(() -> new Claim("nvcc", "present (devel image)", Optional.empty(), Status.CONTRADICTED,
                            "a devel image ships nvcc, and no CUDA toolkit with nvcc was found")));
        }
        t.os().ifPresent(os -> claims.add(os(os, report.host().os())));
        return new TagCheck(t.tag(), Optional.empty(), claims);
    }

    /** Absent where it would be found is contradicted, as for cuDNN; unknowable only when nothing CUDA was found. */
    private static Claim torch(String claimed, Optional<Framework> torch, Report report) {
        Optional<String> found = torch.flatMap(Framework::version);
        if (torch.isEmpty()) {
            return report.libraries().isEmpty()
                    ? new Claim("PyTorch", claimed, Optional.empty(), Status.NOT_CHECKABLE,
                    "no torch package and no CUDA libraries were found at all")
                    : new Claim("PyTorch", claimed, Optional.empty(), Status.CONTRADICTED, "no torch package was found");
        }
        if (found.isEmpty()) {
            return new Claim("PyTorch", claimed, Optional.empty(), Status.NOT_CHECKABLE,
                    "torch was found but its version could not be read");
        }
        String base = found.get().split("\\+", 2)[0];
        boolean same = base.equals(claimed) || base.startsWith(claimed + ".");
        return new Claim("PyTorch", claimed, found, same ? Status.CONFIRMED : Status.CONTRADICTED,
                "torch " + found.get() + " at " + torch.get().path());
    }

    /** CUDA as the framework build, the runtime library or nvcc says, compared at major.minor. */
    private static Claim cuda(String claimed, Optional<Framework> torch, Report report) {
        record Evidence(String value, String where) {
        }
        List<Evidence> evidence = new ArrayList<>();
        torch.ifPresent(f -> f.cuda().ifPresent(c -> evidence.add(new Evidence(c, "torch was built with CUDA " + c))));
        Optional<Library> cudart = report.selected("cudart").or(() -> report.librariesOf("cudart").stream().findFirst());
        cudart.ifPresent(l -> l.version().or(l::fileVersion).ifPresent(v ->
                evidence.add(new Evidence(v, "the CUDA runtime " + l.path() + " is " + v))));
        report.toolkit().nvccVersion().ifPresent(v -> evidence.add(new Evidence(v, "nvcc is " + v)));
        if (evidence.isEmpty()) {
            return new Claim("CUDA", claimed, Optional.empty(), Status.NOT_CHECKABLE,
                    "no CUDA runtime, framework build or nvcc says which CUDA is inside");
        }
        Evidence first = evidence.get(0);
        boolean same = Versions.majorMinor(first.value()).equals(Versions.majorMinor(claimed));
        return new Claim("CUDA", claimed, Optional.of(first.value()), same ? Status.CONFIRMED : Status.CONTRADICTED,
                first.where());
    }

    private static Claim cudnn(Optional<String> claimedMajor, Optional<Framework> torch, Report report) {
        String claimed = claimedMajor.map(m -> "major " + m).orElse("present");
        Optional<Library> lib = report.selected("cudnn").or(() -> report.librariesOf("cudnn").stream().findFirst());
        Optional<String> found = lib.flatMap(l -> l.version().or(l::fileVersion))
                .or(() -> torch.flatMap(Framework::cudnn));
        String where = lib.map(l -> "cuDNN library " + l.path()).orElse("torch's build information");
        if (found.isPresent()) {
            boolean same = claimedMajor.map(m -> found.get().split("\\.")[0].equals(m)).orElse(true);
            return new Claim("cuDNN", claimed, found, same ? Status.CONFIRMED : Status.CONTRADICTED,
                    where + " is " + found.get());
        }
        if (lib.isPresent()) {
            return claimedMajor.isEmpty()
                    ? new Claim("cuDNN", claimed, Optional.of("present"), Status.CONFIRMED, where)
                    : new Claim("cuDNN", claimed, Optional.empty(), Status.NOT_CHECKABLE,
                    where + " was found but its version could not be read");
        }
        return report.libraries().isEmpty()
                ? new Claim("cuDNN", claimed, Optional.empty(), Status.NOT_CHECKABLE, "no CUDA libraries were found at all")
                : new Claim("cuDNN", claimed, Optional.empty(), Status.CONTRADICTED,
                "no cuDNN library was found among the " + report.libraries().size() + " CUDA libraries");
    }

    private static Claim os(String claimed, String hostOs) {
        if (hostOs.isBlank()) {
            return new Claim("OS", claimed, Optional.empty(), Status.NOT_CHECKABLE, "the OS release was not read");
        }
        String name = claimed.replaceAll("[\\d.]+$", "");
        String version = claimed.substring(name.length());
        String os = hostOs.toLowerCase(Locale.ROOT);
        boolean same = os.contains(name) && os.contains(version);
        return new Claim("OS", claimed, Optional.of(hostOs), same ? Status.CONFIRMED : Status.CONTRADICTED,
                "the OS release says " + hostOs);
    }
}
