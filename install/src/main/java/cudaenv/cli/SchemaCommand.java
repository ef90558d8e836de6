package cudaenv.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code schema}: the JSON Schema of the report, as shipped in the jar. */
public final class SchemaCommand implements Command {
    static final String RESOURCE = "/cudaenv/report.schema.json";

    @Override
    public String name() {
        return "schema";
    }

    @Override
    public String summary() {
        return "print the JSON Schema of the report (schemaVersion 1): every field, described once";
    }

    @Override
    public String usage() {
        return """
                Usage: java -jar cudaenv.jar schema

                Prints the JSON Schema (draft 2020-12) of what report --json writes, %cudaenv save saves and
                compare reads: every field with its meaning. Validate a saved report with any validator, e.g.
                python3 -m jsonschema -i report.json schema.json
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        if (!args.isEmpty()) {
            throw new UsageException("unknown argument '" + args.get(0) + "'");
        }
        out.print(text());
        return 0;
    }

    static String text() {
        try (InputStream in = SchemaCommand.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
