package cudaenv.diagnose;

import cudaenv.CudaEnv;
import cudaenv.report.Finding;
import cudaenv.report.Report;
import cudaenv.report.SchemaCheck;
import cudaenv.report.Severity;
import cudaenv.render.TextReport;
import cudaenv.testing.ModuleSigningKit;
import cudaenv.testing.SimulatedMachine;
import cudaenv.testing.SpecialFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Secure Boot refusing the NVIDIA module, on simulated machines (fake driver libraries, no kernel module loaded, the
 * files the kernel and shim expose laid out as they are: the SecureBoot and MokListRT EFI variables,
 * /sys/kernel/security/lockdown, /lib/modules/RELEASE with modules.dep); signed modules and the DKMS certificate are
 * made by openssl as sign-file and DKMS make them. One cause, one finding: never next to no-kernel-module's error.
 */
class SecureBootScenariosTest {
    private static final String RELEASE = "6.8.0-31-generic";
    private static final String DKMS = "/lib/modules/" + RELEASE + "/updates/dkms/";
    private static final String EFI = "/sys/firmware/efi/efivars/";
    private static final String SB = EFI + "SecureBoot-8be4df61-93ca-11d2-aa0d-e398b2e0e10f";
    private static final String MOK_LIST = EFI + "MokListRT-605dab50-e046-4300-abb6-3dd810dd8b23";
    private static final String MOK_NEW = EFI + "MokNew-605dab50-e046-4300-abb6-3dd810dd8b23";
    private static final byte[] MODULE = "\u007fELF\u0002\u0001\u0001 a kernel module, unsigned".getBytes();

    @TempDir
    Path dir;

    private SimulatedMachine machine(String name, boolean secureBoot, byte[] module, String moduleName) {
        return machine(name, module, moduleName).file(SB, ModuleSigningKit.secureBootVariable(secureBoot));
    }

    /** Without EFI variables (a BIOS boot, or /sys/firmware hidden). */
    private SimulatedMachine machine(String name, byte[] module, String moduleName) {
        return SimulatedMachine.in(dir.resolve(name)).driver("535.113.01", 12020)
                .gpu("NVIDIA A100-PCIE-40GB", "8.0", 40L << 30, "GPU-0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9")
                .noKernelModule().cudaToolkit("12.2.140")
                .file("/proc/sys/kernel/osrelease", RELEASE + "\n")
                .file("/lib/modules/" + RELEASE + "/modules.dep", "kernel/drivers/net/dummy.ko:\nupdates/dkms/"
                        + moduleName + ":\nupdates/dkms/nvidia-uvm.ko: updates/dkms/nvidia.ko\n")
                .file(DKMS + moduleName, module);
    }

    private static Report report(SimulatedMachine m) {
        Report r = CudaEnv.report(m.build().options());
        SchemaCheck.assertValid(r);
        FixCheck.assertKnown(r);
        return r;
    }

    private static Set<String> ids(Report r) {
        return r.findings().stream().map(Finding::id).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String show(Report r) {
        return r.findings().stream().map(f -> f.severity() + " " + f.id() + ": " + f.title() + "\n   " + f.detail()
                + "\n   fix: " + f.fix()).collect(Collectors.joining("\n"));
    }

    @Test
    void secureBootOnUnsignedModuleNotLoadedIsOneError() {
        Report r = report(machine("unsigned", true, MODULE, "nvidia.ko"));
        assertEquals(Set.of("module-refused-secure-boot"), ids(r), show(r));
        Finding f = r.findings().get(0);
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.title().endsWith("it is unsigned"), f.title());
        assertTrue(f.detail().contains(DKMS + "nvidia.ko is unsigned"), f.detail());
        assertTrue(f.detail().contains("couldn't communicate with the NVIDIA driver"), f.detail());
        assertTrue(f.fix().contains("sudo mokutil --import /var/lib/dkms/mok.pub"), f.fix());
        assertTrue(f.fix().contains("dkms install nvidia/535.113.01 -k $(uname -r) --force"), f.fix());
        assertTrue(f.fix().contains("ubuntu-drivers install") && f.fix().contains("linux-modules-nvidia-535-"), f.fix());
        assertTrue(f.fix().contains("turn Secure Boot off"), f.fix());
        assertFalse(r.verdict().cudaUsable());
        assertTrue(r.verdict().sentence().contains("Secure Boot"), r.verdict().sentence());
        assertEquals("unsigned", r.platform().secureBoot().nvidiaModule().orElseThrow().signature());
        String text = TextReport.render(r, false);
        assertTrue(text.contains("Secure Boot") && text.contains("Module signature"), text);
    }

    @Test
    void secureBootOnModuleSignedByEnrolledKeyIsNotThisFinding() throws Exception {
        ModuleSigningKit.Key key = ModuleSigningKit.newKey(dir.resolve("key"), "DKMS module signing key");
        byte[] signed = signed(key);
        Report r = report(machine("enrolled", true, signed, "nvidia.ko")
                .file("/var/lib/dkms/mok.pub", key.derBytes())
                .file(MOK_LIST, ModuleSigningKit.mokList(key.derBytes())));
        assertEquals(Set.of("no-kernel-module"), ids(r), show(r));
        var m = r.platform().secureBoot().nvidiaModule().orElseThrow();
        assertEquals("signed", m.signature());
        assertEquals("/var/lib/dkms/mok.pub", m.signedWith().orElseThrow());
        assertEquals("yes", r.platform().secureBoot().keys().get(0).enrolled());
        assertTrue(r.findings().get(0).fix().contains("mokutil --import"), "no-kernel-module keeps its general advice");
    }

    @Test
    void secureBootOnModuleSignedByKeyNotEnrolledIsAnErrorAndPendingSaysReboot() throws Exception {
        ModuleSigningKit.Key key = ModuleSigningKit.newKey(dir.resolve("key"), "DKMS module signing key");
        ModuleSigningKit.Key other = ModuleSigningKit.newKey(dir.resolve("other"), "Someone else");
        byte[] signed = signed(key);
        Report r = report(machine("not-enrolled", true, signed, "nvidia.ko")
                .file("/var/lib/dkms/mok.pub", key.derBytes())
                .file(MOK_LIST, ModuleSigningKit.mokList(other.derBytes())));
        assertEquals(Set.of("module-refused-secure-boot"), ids(r), show(r));
        Finding f = r.findings().get(0);
        assertTrue(f.title().endsWith("its signing key is not enrolled"), f.title());
        assertTrue(f.detail().contains("/var/lib/dkms/mok.pub: not in the MOK list"), f.detail());
        assertTrue(f.fix().contains("sudo mokutil --import /var/lib/dkms/mok.pub"), f.fix());

        Report pending = report(machine("pending", true, signed, "nvidia.ko")
                .file("/var/lib/dkms/mok.pub", key.derBytes())
                .file(MOK_LIST, ModuleSigningKit.mokList(other.derBytes()))
                .file(MOK_NEW, ModuleSigningKit.mokList(key.derBytes())));
        assertEquals(Set.of("module-refused-secure-boot"), ids(pending), show(pending));
        assertTrue(pending.findings().get(0).fix().contains("already queued, so reboot"), pending.findings().get(0).fix());
        assertEquals("pending", pending.platform().secureBoot().keys().get(0).enrolled());
    }

    @Test
    void debiansRealSignedModuleUnderSecureBootIsNotThisFinding() throws Exception {
        Path ko = ModuleSigningKit.debianModules().get(0);
        Report r = report(machine("debian", true, Files.readAllBytes(ko), "nvidia.ko"));
        assertEquals(Set.of("no-kernel-module"), ids(r), show(r));
        var m = r.platform().secureBoot().nvidiaModule().orElseThrow();
        assertEquals("signed", m.signature());
        assertEquals(ModuleSigningKit.modinfo(ko, "signer"), m.signer().orElseThrow(), "modinfo on the same file");
        assertEquals(ModuleSigningKit.modinfo(ko, "sig_key"), m.keyId().orElseThrow());
        assertTrue(m.signedWith().isEmpty(), "no certificate on disk matches Debian's build key");
    }

    @Test
    void aSignerNameIsMachineTextEscapedWhereShown() throws Exception {
        ModuleSigningKit.Key key = ModuleSigningKit.newKey(dir.resolve("key"), "<img src=x onerror=alert(1)>");
        Report r = report(machine("hostile-signer", true, signed(key), "nvidia.ko")
                .file("/var/lib/dkms/mok.pub", key.derBytes()).file(MOK_LIST, ModuleSigningKit.mokList()));
        assertEquals("<img src=x onerror=alert(1)>", r.platform().secureBoot().nvidiaModule().orElseThrow().signer()
                .orElseThrow());
        String html = cudaenv.render.HtmlReport.fragment(r);
        assertFalse(html.contains("<img"), "the signer's name is escaped in HTML");
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "and still shown");
    }

    @Test
    void secureBootOffUnsignedModuleIsNoKernelModuleOnly() {
        Report r = report(machine("off", false, MODULE, "nvidia.ko"));
        assertEquals(Set.of("no-kernel-module"), ids(r), show(r));
        assertEquals(false, r.platform().secureBoot().enabled().orElseThrow());
        assertEquals("unsigned", r.platform().secureBoot().nvidiaModule().orElseThrow().signature(),
                "the fact is there; only the rule stays quiet");
    }

    @Test
    void lockdownAloneRefusesAnUnsignedModule() {
        String lockdown = "/sys/kernel/security/lockdown";
        Report r = report(machine("lockdown", true, MODULE, "nvidia.ko").file(lockdown, "none [integrity] confidentiality\n"));
        assertEquals(Set.of("module-refused-secure-boot"), ids(r), show(r));
        assertTrue(r.findings().get(0).detail().contains("Secure Boot is on (kernel lockdown: integrity)"),
                r.findings().get(0).detail());
        // no EFI variables visible: lockdown is the only evidence
        Report only = report(machine("lockdown-only", MODULE, "nvidia.ko").file(lockdown, "none [integrity] confidentiality\n"));
        assertEquals(Set.of("module-refused-secure-boot"), ids(only), show(only));
        assertTrue(only.platform().secureBoot().enabled().isEmpty());
        assertEquals("integrity", only.platform().secureBoot().lockdown().orElseThrow());
        assertTrue(only.findings().get(0).detail().contains("kernel lockdown is integrity"), only.findings().get(0).detail());
        assertTrue(only.findings().get(0).fix().contains("lockdown="), only.findings().get(0).fix());
    }

    @Test
    void aCompressedModuleIsPartialEvidenceAWarningBesideNoKernelModule() {
        Report r = report(machine("zst", true, new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0}, "nvidia.ko.zst"));
        assertEquals(Set.of("module-refused-secure-boot", "no-kernel-module"), ids(r), show(r));
        Finding sb = r.findings().stream().filter(f -> f.id().equals("module-refused-secure-boot")).findFirst().orElseThrow();
        assertEquals(Severity.WARNING, sb.severity());
        assertTrue(sb.title().startsWith("The kernel may be refusing the NVIDIA module under Secure Boot"), sb.title());
        assertTrue(sb.detail().contains("compressed (zst)"), sb.detail());
        Finding nkm = r.findings().stream().filter(f -> f.id().equals("no-kernel-module")).findFirst().orElseThrow();
        assertTrue(nkm.fix().contains("(see module-refused-secure-boot)") && !nkm.fix().contains("mokutil"),
                "no-kernel-module points to the Secure Boot finding instead of repeating it: " + nkm.fix());
    }

    @Test
    void theKernelLogsRefusalMakesItAnError() {
        Report r = report(machine("log", true, new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0}, "nvidia.ko.zst")
                .file("/var/log/kern.log", "Jun  1 10:00:00 host kernel: [    3.1] usb 1-1: new device\n"
                        + "Jun  1 10:00:01 host kernel: [    5.2] Loading of unsigned module is rejected\n"));
        assertEquals(Set.of("module-refused-secure-boot"), ids(r), show(r));
        assertEquals(List.of("Jun  1 10:00:01 host kernel: [    5.2] Loading of unsigned module is rejected"),
                r.platform().secureBoot().kernelLog());
        assertTrue(r.findings().get(0).detail().contains("the kernel log says"), r.findings().get(0).detail());
    }

    @Test
    void hostileFilesAtEverySecureBootPathCostOnlyTheirFacts() throws Exception {
        ModuleSigningKit.Key key = ModuleSigningKit.newKey(dir.resolve("key"), "DKMS module signing key");
        String[] paths = {SB, "/sys/kernel/security/lockdown", "/lib/modules/" + RELEASE + "/modules.dep",
                DKMS + "nvidia.ko", "/var/lib/dkms/mok.pub", MOK_LIST, MOK_NEW, "/var/log/kern.log"};
        // sockets are left out: a Unix socket's path is limited to 108 bytes, shorter than these temp paths
        SpecialFiles.Kind[] kinds = java.util.Arrays.stream(SpecialFiles.Kind.values())
                .filter(k -> k != SpecialFiles.Kind.SOCKET).toArray(SpecialFiles.Kind[]::new);
        for (int round = 0; round < kinds.length; round++) {
            Path root = machine("hostile" + round, true, MODULE, "nvidia.ko").file("/var/lib/dkms/mok.pub", key.derBytes())
                    .file(MOK_LIST, ModuleSigningKit.mokList(key.derBytes())).build().options().root();
            java.util.Random random = new java.util.Random(round);
            for (int i = 0; i < paths.length; i++) {
                SpecialFiles.place(root.resolve(paths[i].substring(1)), kinds[(round + i) % kinds.length], 3L << 30, random);
            }
            long start = System.nanoTime();
            Report r = assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> CudaEnv.report(
                    new cudaenv.ReportOptions(root, java.time.Duration.ofSeconds(3), java.util.Map.of(),
                            java.util.Optional.empty())));
            SchemaCheck.assertValid(r);
            assertTrue(ids(r).contains("no-kernel-module") || ids(r).contains("module-refused-secure-boot"),
                    "round " + round + ": " + show(r));
            assertTrue((System.nanoTime() - start) / 1_000_000 < 10_000);
        }
    }

    private byte[] signed(ModuleSigningKit.Key key) throws Exception {
        Path plain = dir.resolve("plain.ko");
        Files.write(plain, MODULE);
        return Files.readAllBytes(ModuleSigningKit.sign(plain, key, dir.resolve("signed-" + key.commonName().length() + ".ko")));
    }
}
