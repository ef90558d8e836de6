package cudaenv.magic;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import cudaenv.CudaEnv;
import cudaenv.kernel.magic.DisplayData;
import cudaenv.kernel.magic.MagicCall;
import cudaenv.kernel.magic.MagicException;
import cudaenv.render.HtmlReport;
import cudaenv.render.TextReport;
import cudaenv.report.Report;
import cudaenv.report.ReportJson;
import cudaenv.testing.SimulatedMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code %cudaenv test} on simulated machines (fake libcuda, no GPU here), and the test in every renderer. */
class TestSubcommandTest {
    private static final String A100 = "NVIDIA A100-PCIE-40GB";
    private static final String UUID0 = "GPU-0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9";

    private static FakeContext run(CudaEnvMagic magic, String args) throws MagicException {
        FakeContext context = new FakeContext();
        magic.run(new MagicCall("cudaenv", args, Optional.empty()), context);
        return context;
    }

    /** A display's data: under the vendor type, or application/json for %cudaenv json. */
    private static JsonObject json(DisplayData data) {
        Object raw = data.data().containsKey(MimeTypes.REPORT) ? data.data().get(MimeTypes.REPORT)
                : data.data().get("application/json");
        return JsonParser.parseString(((DisplayData.RawJson) raw).json()).getAsJsonObject();
    }

    @Test
    void testRunsOnASimulatedHealthyGpuAndBecomesTheCurrentReport(@TempDir Path dir) throws MagicException {
        SimulatedMachine.Machine m = SimulatedMachine.in(dir).driver("550.54.14", 12040).gpu(A100, "8.0", 40L << 30, UUID0)
                .build();
        List<Long> asked = new ArrayList<>();
        CudaEnvMagic magic = new CudaEnvMagic(() -> CudaEnv.report(m.options()), d -> { }, bytes -> {
            asked.add(bytes);
            return CudaEnv.report(m.options().withTest(bytes));
        });
        FakeContext c = run(magic, "test --size 8");
        assertEquals(List.of(8L << 20), asked);
        String plain = c.plain();
        assertTrue(plain.contains("GPU 0 (" + A100 + "): passed"), plain);
        for (String step : List.of("context", "allocate", "copy-pageable", "copy-pinned", "compile", "launch",
                "round-trip", "free")) {
            assertTrue(plain.lines().anyMatch(l -> l.contains(step) && l.contains("\u2714")), step + " in\n" + plain);
        }
        assertTrue(plain.contains("host-to-device GB/s"), plain);
        assertEquals(8L << 20, json(c.last()).getAsJsonObject("tests").get("bytes").getAsLong());
        String html = (String) c.last().data().get("text/html");
        assertTrue(html.contains("cudaenv-test") && html.contains("median \u00b5s"), html);
        JsonObject current = json(run(magic, "json").last());
        assertTrue(current.getAsJsonObject("tests").get("requested").getAsBoolean(), "the tested report is current");
    }

    @Test
    void theTestAppearsInTheWholeTextHtmlAndJsonReport(@TempDir Path dir) {
        Report r = CudaEnv.report(SimulatedMachine.in(dir).driver("550.54.14", 12040).gpu(A100, "8.0", 40L << 30, UUID0)
                .libcudaFault("FAKE_ALLOC_RESULT", "2").build().options().withTest(4L << 20));
        String text = TextReport.render(r, false);
        assertTrue(text.contains("Functional test") && text.contains("GPU 0 (" + A100 + "): failed"), text);
        assertTrue(text.contains("CUDA_ERROR_OUT_OF_MEMORY"), text);
        assertTrue(text.contains("gpu-test-out-of-memory"), text);
        String page = HtmlReport.page(r);
        assertTrue(page.contains("<h2>Functional test</h2>"), page);
        Report back = ReportJson.read(ReportJson.pretty(r)).report().orElseThrow();
        assertEquals(r.tests(), back.tests());
    }

    @Test
    void aTestBiggerThanAllowedIsAUsageError(@TempDir Path dir) {
        CudaEnvMagic magic = new CudaEnvMagic(() -> null, d -> { }, bytes -> null);
        MagicException e = assertThrows(MagicException.class, () -> run(magic, "test --size 99999"));
        assertEquals("UsageError", e.errorName());
        assertTrue(e.getMessage().contains("16384 MiB"), e.getMessage());
    }
}
