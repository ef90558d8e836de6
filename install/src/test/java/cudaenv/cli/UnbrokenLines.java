package cudaenv.cli;

import cudaenv.render.DocLinks;
import cudaenv.render.FixText;
import cudaenv.render.Terminal;
import cudaenv.render.TextReport;
import cudaenv.report.Finding;
import cudaenv.report.ReportJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The only text lines allowed past the terminal's width: a fix's command or a docs address, exactly, after its
 * indent (they must stay copyable), for the findings of the given reports and of the saved samples.
 */
final class UnbrokenLines {
    private UnbrokenLines() {
    }

    /** @param output a command's output holding one report as JSON (anything around it is left out) */
    static Set<String> of(String output, Path samples) throws IOException {
        List<String> reports = new ArrayList<>(List.of(output.substring(output.indexOf('{'), output.lastIndexOf('}') + 1)));
        try (Stream<Path> files = Files.list(samples)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                reports.add(Files.readString(p));
            }
        }
        Set<String> lines = new HashSet<>();
        for (String json : reports) {
            for (Finding f : ReportJson.read(json).report().orElseThrow().findings()) {
                for (Terminal term : List.of(Terminal.unicode(80), new Terminal(80, false, false))) {
                    FixText.commands(f.fix()).forEach(c -> c.lines()
                            .forEach(l -> lines.add(TextReport.COMMAND_INDENT + term.text(l))));
                    DocLinks.of(f.id()).ifPresent(d -> lines.add(TextReport.LINK_INDENT + term.text(d.url())));
                }
            }
        }
        return lines;
    }
}
