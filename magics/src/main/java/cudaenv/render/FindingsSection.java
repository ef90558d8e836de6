package cudaenv.render;

import cudaenv.report.Finding;
import cudaenv.report.Report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The diagnosis: each finding with its severity, what was measured and what to do, most severe first. */
public final class FindingsSection {
    private FindingsSection() {
    }

    public static Section of(Report report) {
        return new Section("findings", "Findings", List.of(part(report)));
    }

    public static Part part(Report report) {
        if (report.findings().isEmpty()) {
            return Part.Paragraph.of(Cell.status(Status.OK, "No findings: nothing to fix."));
        }
        List<Part.Item> items = report.findings().stream()
                .sorted(Comparator.comparing(Finding::severity))
                .map(FindingsSection::item).toList();
        return new Part.Items("Findings", items);
    }

    private static Part.Item item(Finding f) {
        List<Part.Field> fields = new ArrayList<>();
        if (!f.detail().isEmpty()) {
            fields.add(new Part.Field("Why", f.detail(), false));
        }
        if (!f.fix().isEmpty()) {
            fields.add(Part.Field.fix("Fix", f.fix()));
        }
        return new Part.Item(Status.of(f.severity()), f.id(), f.title(), fields, DocLinks.of(f.id()));
    }
}
