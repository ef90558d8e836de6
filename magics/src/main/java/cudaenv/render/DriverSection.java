package cudaenv.render;

import cudaenv.report.Driver;
import cudaenv.report.Report;
import cudaenv.report.SecureBoot;

import java.util.List;
import java.util.Optional;

/** The NVIDIA driver: versions, kernel module, the library that loads and what its first calls answered. */
public final class DriverSection {
    private DriverSection() {
    }

    public static Section of(Report report) {
        Driver d = report.driver();
        Rows rows = new Rows()
                .yesNo("Driver answers", d.loaded(), Status.OK, Status.ERROR)
                .add("Driver version", d.version().map(v -> v + d.source().map(s -> " (from " + s + ")").orElse("")))
                .add("Supports CUDA up to", d.cudaVersion())
                .add("Driver branch", d.branch())
                .add("Kernel module", d.kernelModuleLoaded()
                        ? Cell.status(Status.OK, "loaded" + d.kernelModuleVersion().map(v -> ", " + v).orElse(""))
                        : Cell.status(Status.ERROR, "not loaded (no /proc/driver/nvidia)"))
                .add("Kernel module type", d.kernelModuleType())
                .add("NVML version", d.nvmlVersion())
                .add("libcuda.so.1", Cell.knownCode(d.libcudaPath()))
                .add("cuInit(0)", answer(d.cuInit(), "CUDA_SUCCESS"))
                .add("nvmlInit_v2", answer(d.nvmlInit(), "NVML_SUCCESS"))
                .add("Initialisation took", initTimes(report))
                .add("Device nodes", d.deviceNodes().isEmpty() ? Cell.of("none")
                        : Cell.code(String.join(" ", d.deviceNodes())))
                .add("NVIDIA PCI devices", d.pciDevices().isEmpty() ? Cell.of("none")
                        : Cell.code(String.join(" ", d.pciDevices())));
        secureBoot(report.platform().secureBoot(), rows);
        return new Section("driver", "NVIDIA driver", List.of(rows.table("NVIDIA driver")));
    }

    /** Secure Boot, lockdown, the module file's signature and the signing keys: rows only for what is known. */
    private static void secureBoot(SecureBoot sb, Rows rows) {
        sb.enabled().ifPresent(on -> rows.add("Secure Boot", Cell.of(on ? "on" : "off")));
        sb.lockdown().ifPresent(l -> rows.add("Kernel lockdown", Cell.of(l)));
        sb.nvidiaModule().ifPresent(m -> {
            String text = switch (m.signature()) {
                case "signed" -> "signed by \"" + m.signer().orElse("?") + "\"" + m.keyId().map(k -> ", key " + k).orElse("")
                        + m.hashAlgorithm().map(h -> ", " + h).orElse("") + m.signedWith().map(k -> " (" + k + ")").orElse("");
                case "unsigned" -> "unsigned";
                case "missing" -> "none: " + m.note().orElse("no nvidia.ko for the running kernel");
                default -> "not known: " + m.note().orElse("not readable");
            };
            rows.add("Module signature", m.signature().equals("unsigned") && sb.enforcing()
                    ? Cell.status(Status.ERROR, text) : Cell.of(text));
            if (!m.signature().equals("missing")) {
                rows.add("Module file", Cell.code(m.path()));
            }
        });
        if (!sb.keys().isEmpty()) {
            rows.add("MOK keys", Cell.of(String.join("; ", sb.keys().stream().map(k -> k.path() + " \""
                    + k.subject().orElse("?") + "\": " + switch (k.enrolled()) {
                        case "yes" -> "enrolled";
                        case "no" -> "not enrolled";
                        case "pending" -> "enrolment pending (reboot to confirm)";
                        default -> "enrolment unknown";
                    }).toList())));
        }
        if (!sb.kernelLog().isEmpty()) {
            rows.add("Kernel log (signatures)", Cell.code(String.join("\n", sb.kernelLog())));
        }
    }

    /** How long cuInit and nvmlInit_v2 took (slow without persistence mode), from the probe record. */
    private static Optional<String> initTimes(Report report) {
        List<String> times = report.probes().stream()
                .filter(c -> c.call().equals("cuInit") || c.call().equals("nvmlInit_v2"))
                .map(c -> c.call() + " " + String.format(java.util.Locale.ROOT, "%.2f s", c.micros() / 1e6)
                        + (c.result().equals("timeout") ? " (no answer)" : ""))
                .toList();
        return times.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", times));
    }

    /** A native call's answer, ok when it is the success code. */
    static Cell answer(Optional<String> result, String success) {
        return result.map(r -> Cell.status(r.equals(success) ? Status.OK : Status.ERROR, r))
                .orElseGet(() -> Cell.of("not called"));
    }
}
