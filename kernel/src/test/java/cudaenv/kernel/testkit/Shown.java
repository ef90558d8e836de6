package cudaenv.kernel.testkit;

/** A value type only {@link ShownDisplay} knows how to show. */
public record Shown(String text) {
}
