package cudaenv.magic;

import cudaenv.kernel.magic.DisplayData;
import cudaenv.kernel.magic.Magic;
import cudaenv.kernel.magic.ValueDisplay;
import cudaenv.render.HtmlReport;
import cudaenv.render.TestReports;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServicesTest {
    @Test
    void theKernelFindsTheMagicByItsName() {
        assertTrue(ServiceLoader.load(Magic.class).stream().map(ServiceLoader.Provider::get)
                .anyMatch(m -> m instanceof CudaEnvMagic && m.name().equals("cudaenv")));
    }

    @Test
    void aReportAsACellValueShowsTheSummaryBundle() {
        ValueDisplay display = ServiceLoader.load(ValueDisplay.class).stream().map(ServiceLoader.Provider::get)
                .filter(d -> d instanceof ReportDisplay).findFirst().orElseThrow();
        DisplayData data = display.display(TestReports.healthy()).orElseThrow();
        assertTrue(((String) data.data().get("text/html")).contains("CUDA version ladder"));
        assertTrue(((String) data.data().get("text/plain")).startsWith("\u2714 CUDA works: 1 GPU"));
        assertTrue(data.data().containsKey(MimeTypes.REPORT));
        assertFalse(data.data().containsKey("application/json"), "JupyterLab would show a JSON tree");
        assertEquals(HtmlReport.fragment(TestReports.healthy()), data.data().get("text/html"));
        assertTrue(display.display("not a report").isEmpty());
    }
}
