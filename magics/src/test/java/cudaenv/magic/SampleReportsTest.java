package cudaenv.magic;

import cudaenv.report.Report;
import cudaenv.report.ReportJson;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The saved reports the troubleshooting notebook loads are exactly what {@link SampleMachines} writes, and read
 * back as reports. Regenerate them with {@code -Dcudaenv.samples.write=true}.
 */
class SampleReportsTest {
    private static final Path SAMPLES = Path.of("..", "notebooks", "samples");

    @Test
    void samplesUnderNotebooksAreCurrentValidReports() throws IOException {
        boolean write = Boolean.getBoolean("cudaenv.samples.write");
        for (Map.Entry<String, Report> sample : SampleMachines.all().entrySet()) {
            Path file = SAMPLES.resolve(sample.getKey() + ".json");
            String expected = ReportJson.pretty(sample.getValue()) + "\n";
            if (write) {
                Files.createDirectories(SAMPLES);
                Files.writeString(file, expected);
            }
            assertEquals(expected, Files.readString(file), file + " is stale: rerun with -Dcudaenv.samples.write=true");
            Report read = ReportJson.read(Files.readString(file)).report().orElseThrow();
            assertEquals(sample.getValue(), read);
            assertTrue(read.hasErrors(), sample.getKey() + " is a broken machine");
        }
    }
}
