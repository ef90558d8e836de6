package cudaenv.render;

import java.util.List;

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

    record Item(Status status, String id, String title, List<Field> fields) {
        public Item {
            fields = List.copyOf(fields);
        }
    }

    /** @param code show the text in monospace (a command) */
    record Field(String label, String text, boolean code) {
    }
}
