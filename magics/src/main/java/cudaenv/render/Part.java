package cudaenv.render;

import java.util.List;
import java.util.Optional;

/** A block of a rendered section; text and HTML lay out the same parts. */
public sealed interface Part {
    /**
     * A table.
     *
     * @param rowHeaders the first column names the row (key/value tables), not a value
     */
    record Table(String caption, List<String> headers, List<List<Cell>> rows, boolean rowHeaders) implements Part {
        public Table {
            headers = List.copyOf(headers);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /** A sentence or two, made of runs. */
    record Paragraph(List<Cell> runs) implements Part {
        public Paragraph {
            runs = List.copyOf(runs);
        }

        public static Paragraph of(Cell... runs) {
            return new Paragraph(List.of(runs));
        }
    }

    /** The verdict: a status and one sentence. */
    record Banner(Status status, String headline, String sentence) implements Part {
    }

    /** Findings: each with its state, title and labelled lines (detail, fix). */
    record Items(String caption, List<Item> items) implements Part {
        public Items {
            items = List.copyOf(items);
        }
    }

    /** @param doc the vendor's page about it, linked in HTML */
    record Item(Status status, String id, String title, List<Field> fields, Optional<DocLinks.Link> doc) {
        public Item {
            fields = List.copyOf(fields);
            doc = doc == null ? Optional.empty() : doc;
        }

        public Item(Status status, String id, String title, List<Field> fields) {
            this(status, id, title, fields, Optional.empty());
        }
    }

    /**
     * @param code  show the text in monospace (a command)
     * @param steps the text as prose and commands to copy, when it is a fix; empty otherwise
     */
    record Field(String label, String text, boolean code, List<FixText.Block> steps) {
        public Field {
            steps = steps == null ? List.of() : List.copyOf(steps);
        }

        public Field(String label, String text, boolean code) {
            this(label, text, code, List.of());
        }

        /** A fix: its text, and the same taken apart into prose and commands. */
        public static Field fix(String label, String text) {
            return new Field(label, text, false, FixText.parse(text));
        }
    }
}
