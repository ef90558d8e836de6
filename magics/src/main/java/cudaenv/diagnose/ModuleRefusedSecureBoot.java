package cudaenv.diagnose;

import cudaenv.report.Finding;
import cudaenv.report.Report;
import cudaenv.report.SecureBoot;
import cudaenv.report.SecureBoot.ModuleFile;
import cudaenv.report.SecureBoot.SigningKey;
import cudaenv.report.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Secure Boot (or kernel lockdown) keeps the NVIDIA module out: the module is not loaded, the kernel demands signed
 * modules, and the installed nvidia.ko is unsigned or signed by a key the MOK list lacks, or the kernel log says it
 * refused it. An error when that is shown; a warning when only the signature cannot be told (partial evidence).
 */
final class ModuleRefusedSecureBoot implements Rule {
    static final String ID = "module-refused-secure-boot";
    private static final String DKMS_KEY = "/var/lib/dkms/mok.pub";

    @Override
    public List<Finding> apply(Report r) {
        return severity(r).map(s -> List.of(finding(r, s))).orElse(List.of());
    }

    /** The finding's severity, when it applies: no-kernel-module defers to it so one cause makes one finding. */
    static Optional<Severity> severity(Report r) {
        SecureBoot sb = r.platform().secureBoot();
        if (r.container().detected() || r.driver().kernelModuleLoaded() || !sb.enforcing()
                || Facts.realLibcuda(r).isEmpty() && r.librariesOf("nvml").isEmpty()) {
            return Optional.empty();
        }
        if (!sb.kernelLog().stream().filter(ModuleRefusedSecureBoot::refusal).toList().isEmpty()) {
            return Optional.of(Severity.ERROR);
        }
        Optional<ModuleFile> m = sb.nvidiaModule();
        if (m.isEmpty()) {
            return Optional.of(Severity.WARNING);
        }
        return switch (m.get().signature()) {
            case "unsigned" -> Optional.of(Severity.ERROR);
            case "missing" -> Optional.empty(); // nothing to refuse: no-kernel-module's rebuild is the fix
            case "signed" -> signingKey(sb).filter(k -> !k.enrolled().equals("yes") && !k.enrolled().equals("unknown"))
                    .map(k -> Severity.ERROR);
            default -> dkmsKeyNotEnrolled(sb, m.get()) ? Optional.of(Severity.ERROR) : Optional.of(Severity.WARNING);
        };
    }

    private static boolean refusal(String line) {
        return cudaenv.diagnose.data.ModuleSigning.refusals().stream().anyMatch(line::contains);
    }

    private static Optional<SigningKey> signingKey(SecureBoot sb) {
        return sb.nvidiaModule().flatMap(ModuleFile::signedWith)
                .flatMap(p -> sb.keys().stream().filter(k -> k.path().equals(p)).findFirst());
    }

    /** A DKMS-built module of unreadable signature is unsigned or signed with DKMS's key: refused unless it is enrolled. */
    private static boolean dkmsKeyNotEnrolled(SecureBoot sb, ModuleFile m) {
        return m.path().contains("/updates/dkms/") && !sb.keys().isEmpty()
                && sb.keys().stream().allMatch(k -> k.enrolled().equals("no") || k.enrolled().equals("pending"));
    }

    private static Finding finding(Report r, Severity severity) {
        SecureBoot sb = r.platform().secureBoot();
        String why = sb.enabled().orElse(false) ? "Secure Boot is on" + sb.lockdown().filter(l -> !l.equals("none"))
                .map(l -> " (kernel lockdown: " + l + ")").orElse("")
                : "kernel lockdown is " + sb.lockdown().orElse("on") + " (Secure Boot state not readable)";
        Optional<ModuleFile> m = sb.nvidiaModule();
        Optional<SigningKey> key = signingKey(sb);
        List<String> evidence = new ArrayList<>();
        m.ifPresent(f -> evidence.add(switch (f.signature()) {
            case "unsigned" -> f.path() + " is unsigned (no signature appended)";
            case "signed" -> f.path() + " is signed by \"" + f.signer().orElse("?") + "\" (key "
                    + f.keyId().orElse("?") + ")" + key.map(k -> ", which is " + k.path() + ": " + enrolment(k)).orElse("");
            case "missing" -> f.note().orElse("no nvidia.ko for the running kernel");
            default -> f.path() + ": signature not known, " + f.note().orElse("not readable");
        }));
        if (m.isEmpty()) {
            evidence.add("no module file of the running kernel was visible");
        }
        sb.keys().stream().filter(k -> key.isEmpty() || !k.equals(key.get()))
                .forEach(k -> evidence.add(k.path() + " (\"" + k.subject().orElse("?") + "\") is " + enrolment(k)));
        List<String> log = sb.kernelLog().stream().filter(ModuleRefusedSecureBoot::refusal).toList();
        if (!log.isEmpty()) {
            evidence.add("the kernel log says: " + String.join(" | ", log.subList(Math.max(0, log.size() - 3), log.size())));
        }
        boolean sure = severity == Severity.ERROR;
        String title = sure ? "The kernel refuses the NVIDIA module under Secure Boot" + (m.filter(f -> f.signature().equals("unsigned"))
                .isPresent() ? ": it is unsigned" : key.isPresent() ? ": its signing key is not enrolled" : "")
                : "The kernel may be refusing the NVIDIA module under Secure Boot (its signature is not known here)";
        String detail = "The user-space driver is installed but the nvidia module is not loaded, and " + why + ": the"
                + " kernel loads only modules signed by a key it trusts (built in, or enrolled in the MOK list)."
                + " " + String.join("; ", evidence) + "."
                + (sure ? " modprobe fails with \"Key was rejected by service\" and nvidia-smi says \"NVIDIA-SMI has"
                + " failed because it couldn't communicate with the NVIDIA driver\"."
                : " If `sudo modprobe nvidia` answers \"Key was rejected by service\", this is the cause.");
        return new Finding(ID, severity, title, detail, fix(r, key));
    }

    private static String enrolment(SigningKey k) {
        return switch (k.enrolled()) {
            case "yes" -> "enrolled in the MOK list";
            case "pending" -> "queued for enrolment (mokutil --import done) but not yet confirmed in the MOK manager at boot";
            case "no" -> "not in the MOK list";
            default -> "of unknown enrolment (the MOK list is not readable here)";
        };
    }

    private static String fix(Report r, Optional<SigningKey> key) {
        SecureBoot sb = r.platform().secureBoot();
        String cert = key.map(SigningKey::path).or(() -> sb.keys().stream().map(SigningKey::path).findFirst()).orElse(DKMS_KEY);
        boolean pending = key.filter(k -> k.enrolled().equals("pending")).isPresent();
        String version = r.driver().version().or(() -> r.driver().nvmlVersion()).orElse("VERSION");
        String branch = r.driver().branch().map(b -> b.substring(1)).orElse("BRANCH");
        boolean unsigned = sb.nvidiaModule().filter(f -> f.signature().equals("unsigned")).isPresent();
        String enrol = pending
                ? "Its key's enrolment is already queued, so reboot and, in the blue MOK manager, choose Enroll MOK and"
                + " type the password given to mokutil."
                : "Enrol the signing key: `sudo mokutil --import " + cert + "` (it asks for a one-time password), then"
                + " reboot and, in the blue MOK manager, choose Enroll MOK and type that password.";
        return "1. " + (unsigned ? "Have DKMS rebuild and sign the module (DKMS 3 signs with " + DKMS_KEY + ", making the"
                + " key if there is none): `sudo dkms install nvidia/" + version + " -k $(uname -r) --force`. " : "")
                + enrol + " After the reboot `mokutil --test-key " + cert + "` says it is enrolled, and"
                + " `sudo modprobe nvidia` loads the module; `nvidia-smi` then lists the GPUs."
                + " 2. Or use modules your distribution has signed: on Ubuntu `sudo ubuntu-drivers install` (it picks"
                + " linux-modules-nvidia-" + branch + "-$(uname -r), signed by Canonical), then reboot."
                + " 3. Or turn Secure Boot off in the firmware setup" + (sb.enabled().orElse(false) ? ""
                : " and remove any `lockdown=` from the kernel command line") + "; `mokutil --sb-state` then says"
                + " \"SecureBoot disabled\".";
    }
}
