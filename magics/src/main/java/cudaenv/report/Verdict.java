package cudaenv.report;

/**
 * The one sentence at the top of every report.
 *
 * @param cudaUsable CUDA work can run here as the machine stands
 * @param sentence   usable or not, and the first thing to fix
 */
public record Verdict(boolean cudaUsable, String sentence) {
    public Verdict {
        sentence = sentence == null ? "" : sentence;
    }

    public static Verdict undecided() {
        return new Verdict(false, "not diagnosed");
    }
}
