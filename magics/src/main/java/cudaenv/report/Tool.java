package cudaenv.report;

/** Which cudaenv wrote the report. */
public record Tool(String name, String version) {
    public static Tool current() {
        String v = Tool.class.getPackage().getImplementationVersion();
        return new Tool("cudaenv", v == null ? "dev" : v);
    }
}
