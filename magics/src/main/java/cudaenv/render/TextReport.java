package cudaenv.render;

import cudaenv.report.Report;

import java.util.ArrayList;
import java.util.List;

/**
 * The report as terminal text: verdict first, then facts, then findings with their fixes; every line within the
 * terminal's width, symbols the output's charset can show, colour only where the terminal wants it.
 */
public final class TextReport {
    private static final String INDENT = "      ";
    /** A command line of a fix is exactly this and the command: never wrapped, so a wider one runs past the width. */
    public static final String COMMAND_INDENT = INDENT + "    ";
    /** A documentation address is exactly this and the URL on its line, never cut. */
    public static final String LINK_INDENT = INDENT + "  ";

    private TextReport() {
    }

    /** For the kernel's text/plain; see {@link Terminal#forKernel()}. */
    public static String render(Report report, boolean color) {
        return render(report, Terminal.forKernel().withColor(color));
    }

    /** The summary and every detail section, for {@code report --text}. */
    public static String render(Report report, Terminal term) {
        StringBuilder out = new StringBuilder(section(SummarySection.of(report), term));
        for (Sections s : Sections.details(report)) {
            out.append('\n').append(section(s.of(report), term));
        }
        return out.toString();
    }

    /** For the kernel's text/plain; see {@link Terminal#forKernel()}. */
    public static String section(Section section, boolean color) {
        return section(section, Terminal.forKernel().withColor(color));
    }

    public static String section(Section section, Terminal term) {
        List<String> blocks = new ArrayList<>();
        for (Part part : section.parts()) {
            blocks.add(part(part, term));
        }
        return String.join("\n", blocks);
    }

    static String part(Part part, Terminal term) {
        if (part instanceof Part.Table t) {
            return TextTable.render(t, term);
        }
        if (part instanceof Part.Paragraph p) {
            List<Cell> runs = p.runs();
            String text = String.join(" ", runs.stream().map(c -> term.text(c.plain())).toList());
            String wrapped = wrap(text, "", "  ", term);
            return (runs.isEmpty() ? wrapped : TextTable.colored(runs.get(0), wrapped, term)) + "\n";
        }
        if (part instanceof Part.Banner b) {
            String head = term.text(b.status().symbol() + " " + b.headline());
            String text = head + (b.sentence().isEmpty() ? "" : ": " + term.text(b.sentence()));
            String wrapped = wrap(text, "", "  ", term);
            return (term.color() ? paint(b.status(), head) + wrapped.substring(head.length()) : wrapped) + "\n";
        }
        return items((Part.Items) part, term);
    }

    private static String items(Part.Items items, Terminal term) {
        StringBuilder out = new StringBuilder(wrap(term.text(items.caption()), "", "", term)).append('\n');
        for (Part.Item item : items.items()) {
            String status = term.text(item.status().symbol() + " " + item.status().word());
            String head = wrap(status + "  " + term.text(item.id()) + ": " + term.text(item.title()), "  ", "    ",
                    term);
            out.append(term.color() ? "  " + paint(item.status(), status) + head.substring(2 + status.length()) : head)
                    .append('\n');
            for (Part.Field f : item.fields()) {
                out.append(field(f, term));
            }
            item.doc().ifPresent(d -> out.append(doc(d, term)));
        }
        return out.toString();
    }

    /** "Why: ..." wrapped under its label; a text of several lines (commands) keeps its lines, each indented. */
    private static String field(Part.Field f, Terminal term) {
        if (f.steps().stream().anyMatch(b -> !b.commands().isEmpty())) {
            return steps(f, term);
        }
        List<String> lines = f.text().lines().toList();
        StringBuilder out = new StringBuilder();
        if (lines.size() <= 1) {
            return out.append(wrap(f.label() + ": " + term.text(f.text()), INDENT, INDENT + "  ", term)).append('\n')
                    .toString();
        }
        out.append(INDENT).append(f.label()).append(":\n");
        for (String line : lines) {
            out.append(wrap(term.text(line), INDENT + "  ", INDENT + "    ", term)).append('\n');
        }
        return out.toString();
    }

    /**
     * A fix as prose and commands: the first prose after its label, each alternative ("2. Podman: ...") on a line
     * of its own, each command line alone and never wrapped (it must stay copyable, however wide).
     */
    private static String steps(Part.Field f, Terminal term) {
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (FixText.Block block : f.steps()) {
            String prose = term.text(block.prose());
            if (first) {
                out.append(wrap(f.label() + ":" + (prose.isEmpty() ? "" : " " + prose), INDENT, INDENT + "  ", term))
                        .append('\n');
            } else if (!prose.isEmpty()) {
                java.util.regex.Matcher m = FixText.ALTERNATIVE.matcher(prose);
                String hang = m.lookingAt() ? " ".repeat(m.group().strip().indexOf(' ') + 1) : "";
                out.append(wrap(prose, INDENT + "  ", INDENT + "  " + hang, term)).append('\n');
            }
            first = false;
            for (FixText.Command c : block.commands()) {
                for (String line : c.text().lines().toList()) {
                    out.append(COMMAND_INDENT).append(term.text(line)).append('\n');
                }
            }
        }
        return out.toString();
    }

    /** "Docs: title" wrapped, then the address alone on its line, never cut, so it stays clickable. */
    private static String doc(DocLinks.Link link, Terminal term) {
        return wrap("Docs: " + term.text(link.title()), INDENT, INDENT + "  ", term) + '\n' + LINK_INDENT
                + term.text(link.url()) + '\n';
    }

    private static String paint(Status status, String text) {
        return "\u001b[1;" + status.ansi() + "m" + text + "\u001b[0m";
    }

    /** Wraps to the terminal's width, the first line after {@code first}, the others after {@code rest}. */
    static String wrap(String text, String first, String rest, Terminal term) {
        List<String> lines = Wrap.lines(text, term.width() - first.length(), term.width() - rest.length());
        return first + String.join("\n" + rest, lines);
    }
}
