package cudaenv.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The published schema describes what cudaenv writes, and rejects what it does not. */
class ReportSchemaTest {
    @Test
    void everySavedSampleAndFixtureReportMatchesTheSchema() throws IOException {
        List<Path> reports;
        try (Stream<Path> samples = Files.list(Path.of("../notebooks/samples"))) {
            reports = samples.filter(p -> p.toString().endsWith(".json")).toList();
        }
        assertTrue(reports.size() >= 6, reports.toString());
        for (Path p : reports) {
            assertTrue(SchemaCheck.problems(Files.readString(p)).isEmpty(), p + ": " + SchemaCheck.problems(Files.readString(p)));
        }
    }

    @Test
    void anEmptyReportMatchesAndDefaultsAreWrittenOut() {
        SchemaCheck.assertValid(new Report(Report.SCHEMA_VERSION, null, null, null, null, null, null, null, null, null,
                null, null, null, null));
    }

    @Test
    void theSchemaRejectsWhatCudaenvNeverWrites() {
        String good = ReportJson.pretty(new Report(Report.SCHEMA_VERSION, null, null, null, null, null, null, null, null,
                null, null, null, null, null));
        assertFalse(SchemaCheck.problems(good.replace("\"schemaVersion\": 1", "\"schemaVersion\": \"1\"")).isEmpty());
        assertFalse(SchemaCheck.problems(good.replace("\"loaded\": false", "\"loaded\": \"no\"")).isEmpty());
        assertFalse(SchemaCheck.problems(good.replaceFirst("\\{", "{\"unknownField\": 1,")).isEmpty(),
                "an undocumented field fails: every field is described in one place");
        assertFalse(SchemaCheck.problems("{}").isEmpty());
    }
}
