package cudaenv.compare;

/**
 * One comparable fact of a machine, e.g. (library, cudart) = 12.1.
 *
 * @param weight        how much a difference in it matters: lower first (see {@link MachineFacts}); also the row order
 * @param configuration part of the configuration key that groups fleet nodes (not host-specific details)
 */
public record Fact(Aspect aspect, String name, String value, int weight, boolean configuration) {
    /** Identity of the fact across machines. */
    public String id() {
        return aspect.label() + " " + name;
    }
}
