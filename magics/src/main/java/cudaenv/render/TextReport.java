package cudaenv.render;

import cudaenv.report.Report;

import java.util.ArrayList;
import java.util.List;

/** The report as an aligned terminal summary: verdict first, then facts, then findings with their fixes. */
public final class TextReport {
    private static final String INDENT = "      ";

    private TextReport() {
    }

    /** The summary and every detail section, for {@code report --text}. @param color ANSI colours, only for a terminal */
    public static String render(Report report, boolean color) {
        StringBuilder out = new StringBuilder(section(SummarySection.of(report), color));
        for (Sections s : Sections.details(report)) {
            out.append('\n').append(section(s.of(report), color));
        }
        return out.toString();
    }

    public static String section(Section section, boolean color) {
        List<String> blocks = new ArrayList<>();
        for (Part part : section.parts()) {
            blocks.add(part(part, color));
        }
        return String.join("\n", blocks);
    }

    static String part(Part part, boolean color) {
        if (part instanceof Part.Table t) {
            return TextTable.render(t, color);
        }
        if (part instanceof Part.Paragraph p) {
            return wrap(String.join(" ", p.runs().stream().map(c -> color ? TextTable.colored(c, TextTable.plainText(c))
                    : TextTable.plainText(c)).toList()), "", "") + "\n";
        }
        if (part instanceof Part.Banner b) {
            return paint(b.status(), b.status().symbol() + " " + b.headline(), color)
                    + (b.sentence().isEmpty() ? "" : ": " + ControlChars.escape(b.sentence())) + "\n";
        }
        return items((Part.Items) part, color);
    }

    private static String items(Part.Items items, boolean color) {
        StringBuilder out = new StringBuilder(ControlChars.escape(items.caption())).append('\n');
        for (Part.Item item : items.items()) {
            String head = paint(item.status(), item.status().symbol() + " " + item.status().word(), color)
                    + "  " + ControlChars.escape(item.id()) + ": " + ControlChars.escape(item.title());
            out.append("  ").append(head).append('\n');
            for (Part.Field f : item.fields()) {
                out.append(wrap(f.label() + ": " + ControlChars.escape(f.text()), INDENT, INDENT + "  ")).append('\n');
            }
        }
        return out.toString();
    }

    private static String paint(Status status, String text, boolean color) {
        return color ? "\u001b[1;" + status.ansi() + "m" + text + "\u001b[0m" : text;
    }

    /** Wraps to {@link Wrap#WIDTH}, the first line after {@code first}, the others after {@code rest}. */
    static String wrap(String text, String first, String rest) {
        List<String> lines = Wrap.lines(text, Wrap.WIDTH - rest.length());
        return first + String.join("\n" + rest, lines);
    }
}
