package cudaenv.report;

import java.util.Optional;

/**
 * Which cudaenv wrote the report.
 *
 * @param knowledgeDate the oldest date its data tables' sources were read ("2026-12-02"): how current the report's
 *                      advice was; empty before diagnosis
 */
public record Tool(String name, String version, Optional<String> knowledgeDate) {
    public Tool {
        knowledgeDate = Lists.opt(knowledgeDate);
    }

    public Tool(String name, String version) {
        this(name, version, Optional.empty());
    }

    public static Tool current() {
        String v = Tool.class.getPackage().getImplementationVersion();
        return new Tool("cudaenv", v == null ? "dev" : v);
    }

    public Tool withKnowledgeDate(String date) {
        return new Tool(name, version, Optional.of(date));
    }
}
