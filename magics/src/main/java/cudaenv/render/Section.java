package cudaenv.render;

import java.util.List;

/** A titled part of a report (driver, gpus, ...), laid out by {@link TextReport} and {@link HtmlReport}. */
public record Section(String name, String title, List<Part> parts) {
    public Section {
        parts = List.copyOf(parts);
    }
}
