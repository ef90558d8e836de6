package cudaenv.render;

import cudaenv.diagnose.data.Knowledge;

import java.util.List;

/** What cudaenv knows and as of when: each data table, when its sources were read, how far it reaches. */
public final class KnowledgeSection {
    private KnowledgeSection() {
    }

    public static Section of() {
        List<List<Cell>> rows = Knowledge.tables().stream().map(t -> List.of(
                Cell.code(t.file()),
                Cell.of(t.sourcesRead()),
                Cell.of(Integer.toString(t.rows().size())),
                Cell.of(Long.toString(t.unconfirmedRows())),
                Cell.of(t.reaches().isEmpty() ? t.newestRow() : "torch " + t.reaches() + "; " + t.newestRow()),
                Cell.of(t.source()))).toList();
        return new Section("data", "cudaenv's data (knowledge date " + Knowledge.date() + ")", List.of(
                Part.Paragraph.of(Cell.strong("Knowledge date " + Knowledge.date() + "."), Cell.of("Advice is only as current as these tables. A version newer than a table's"
                        + " reach is reported as 'newer than cudaenv's data' (finding newer-than-data), never guessed;"
                        + " rows whose source says 'unconfirmed' were not checked against the vendor's own material.")),
                new Part.Table("Data tables", List.of("Table", "Sources read", "Rows", "Unconfirmed", "Reaches (newest row)",
                        "Sources"), rows, true)));
    }
}
