package cudaenv.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Validates report JSON against the published schema (cudaenv/report.schema.json) with an independent validator. */
public final class SchemaCheck {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchema SCHEMA = load();

    private SchemaCheck() {
    }

    private static JsonSchema load() {
        try (InputStream in = SchemaCheck.class.getResourceAsStream("/cudaenv/report.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the schema finds wrong with this JSON text; empty when it is a valid report. */
    public static Set<ValidationMessage> problems(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            return SCHEMA.validate(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void assertValid(String json) {
        assertEquals(Set.of(), problems(json), "the report does not match cudaenv/report.schema.json");
    }

    public static void assertValid(Report report) {
        assertValid(ReportJson.pretty(report));
    }
}
