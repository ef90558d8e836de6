package cudaenv.probe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The NVML structs and enum values the probe uses, against NVIDIA's own nvml.h (Debian's libnvidia-ml-dev, unpacked
 * by .ci/deps-gpu): gcc compiles a small program printing sizeof/offsetof and the enum values, compared with the JNA
 * Structures' layout and the constants in NvmlStructs.
 */
class NvmlLayoutTest {
    private static final Path INCLUDE = Path.of(System.getProperty("cudaenv.test.cache",
            System.getProperty("user.home") + "/.cache/cudaenv-test"), "gpu/usr/include");

    @TempDir
    Path dir;

    @Test
    void jnaStructuresAndConstantsMatchNvmlH() throws Exception {
        assertTrue(Files.isRegularFile(INCLUDE.resolve("nvml.h")), INCLUDE + "/nvml.h is missing: run .ci/deps-gpu");
        Map<String, NvmlStructs.Layout> structs = new LinkedHashMap<>();
        structs.put("nvmlMemory_t", new NvmlStructs.Memory());
        structs.put("nvmlUtilization_t", new NvmlStructs.Utilization());
        structs.put("nvmlPciInfo_t", new NvmlStructs.PciInfo());
        structs.put("nvmlProcessInfo_t", new NvmlStructs.ProcessInfo());
        StringBuilder c = new StringBuilder("#include <stdio.h>\n#include <stddef.h>\n#include <nvml.h>\nint main(void) {\n");
        Map<String, Long> java = new LinkedHashMap<>();
        for (Map.Entry<String, NvmlStructs.Layout> e : structs.entrySet()) {
            String t = e.getKey();
            c.append("printf(\"").append(t).append(" size %zu\\n\", sizeof(").append(t).append("));\n");
            java.put(t + " size", (long) e.getValue().size());
            for (String field : e.getValue().fields()) {
                c.append("printf(\"").append(t).append('.').append(field).append(" %zu\\n\", offsetof(").append(t)
                        .append(", ").append(field).append("));\n");
                java.put(t + "." + field, (long) e.getValue().offsetOf(field));
            }
        }
        List<String> modes = List.of("NVML_COMPUTEMODE_DEFAULT", "NVML_COMPUTEMODE_EXCLUSIVE_THREAD",
                "NVML_COMPUTEMODE_PROHIBITED", "NVML_COMPUTEMODE_EXCLUSIVE_PROCESS");
        for (int i = 0; i < modes.size(); i++) {
            constant(c, java, modes.get(i), NvmlStructs.COMPUTE_MODES.indexOf(
                    List.of("default", "exclusive-thread", "prohibited", "exclusive-process").get(i)));
        }
        constant(c, java, "NVML_MEMORY_ERROR_TYPE_UNCORRECTED", NvmlStructs.MEMORY_ERROR_UNCORRECTED);
        constant(c, java, "NVML_VOLATILE_ECC", NvmlStructs.VOLATILE_ECC);
        constant(c, java, "NVML_AGGREGATE_ECC", NvmlStructs.AGGREGATE_ECC);
        constant(c, java, "NVML_PAGE_RETIREMENT_CAUSE_MULTIPLE_SINGLE_BIT_ECC_ERRORS", NvmlStructs.RETIRED_MULTIPLE_SINGLE_BIT);
        constant(c, java, "NVML_PAGE_RETIREMENT_CAUSE_DOUBLE_BIT_ECC_ERROR", NvmlStructs.RETIRED_DOUBLE_BIT);
        constant(c, java, "NVML_ERROR_NOT_SUPPORTED", 3);
        constant(c, java, "NVML_ERROR_INSUFFICIENT_SIZE", 7);
        for (int i = 0; i < NvmlStructs.CLOCK_EVENT_REASONS.size(); i++) {
            constant(c, java, "nvmlClocksThrottleReason" + NvmlStructs.CLOCK_EVENT_REASONS.get(i), 1L << i);
        }
        c.append("return 0;\n}\n");
        Path source = Files.writeString(dir.resolve("layout.c"), c.toString());
        Path exe = dir.resolve("layout");
        Process gcc = new ProcessBuilder("gcc", "-I", INCLUDE.toString(), "-o", exe.toString(), source.toString())
                .redirectErrorStream(true).start();
        String gccOut = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, gcc.waitFor(), gccOut);
        Process run = new ProcessBuilder(exe.toString()).redirectErrorStream(true).start();
        Map<String, Long> header = new LinkedHashMap<>();
        for (String line : new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            int space = line.lastIndexOf(' ');
            header.put(line.substring(0, space), Long.parseLong(line.substring(space + 1)));
        }
        assertEquals(0, run.waitFor());
        assertEquals(header, java);
        assertEquals(24L, header.get("nvmlProcessInfo_t size"), "the v3 layout, not v1's 16 bytes");
    }

    private static void constant(StringBuilder c, Map<String, Long> java, String name, long value) {
        c.append("printf(\"").append(name).append(" %lld\\n\", (long long) ").append(name).append(");\n");
        java.put(name, value);
    }
}
