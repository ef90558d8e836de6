package cudaenv.compare;

import java.util.Locale;

/** What part of a machine a fact is about. */
public enum Aspect {
    DRIVER, GPU, LIBRARY, FRAMEWORK, CONTAINER, TOOLKIT, ENV, HOST;

    private final String label = name().toLowerCase(Locale.ROOT);

    public String label() {
        return label;
    }
}
