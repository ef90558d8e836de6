package cudaenv.render;

import cudaenv.report.Finding;
import cudaenv.report.Report;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A fix in terminal text: prose wrapped, each command alone on its own indented line, alternatives numbered. */
class TextFixCommandsTest {
    private static final int[] WIDTHS = {60, 80, 120, 200};

    private static Report only(Report r, Finding f) {
        return TestReports.report(r.driver(), r.gpus(), r.libraries(), r.toolkit(), r.frameworks(), r.container(),
                List.of(f), r.verdict());
    }

    @Test
    void eachCommandOfEverySimulatedMachinesFixIsAloneOnItsLine() throws IOException {
        int walked = 0;
        for (Report r : TerminalTextTest.reports()) {
            for (Finding f : r.findings()) {
                List<String> commands = FixText.commands(f.fix());
                if (commands.isEmpty()) {
                    continue;
                }
                walked++;
                for (int width : WIDTHS) {
                    for (Terminal term : List.of(Terminal.unicode(width), new Terminal(width, false, false))) {
                        String text = TextReport.section(Sections.FINDINGS.of(only(r, f)), term);
                        List<String> lines = text.lines().toList();
                        for (String command : commands) {
                            for (String line : command.lines().toList()) {
                                assertTrue(lines.contains(TextReport.COMMAND_INDENT + term.text(line)),
                                        f.id() + " at " + width + ": `" + line + "` alone on its line\n" + text);
                            }
                        }
                        assertFalse(text.contains("`" + commands.get(0)), "no command left in the prose: " + text);
                        // every word of the prose is still there, in order, outside the command lines
                        String prose = String.join(" ", lines.stream().filter(l -> !l.startsWith(TextReport.COMMAND_INDENT))
                                .map(String::strip).toList());
                        for (FixText.Block b : FixText.parse(f.fix())) {
                            String first = term.text(b.prose()).split(" ")[0];
                            assertTrue(prose.contains(first), first + " in " + prose);
                        }
                        DocLinks.of(f.id()).ifPresent(d -> assertTrue(
                                lines.contains(TextReport.LINK_INDENT + term.text(d.url())), "docs link alone: " + text));
                    }
                }
            }
        }
        assertTrue(walked >= 5, "the simulated machines' findings with commands: " + walked);
    }

    @Test
    void alternativesAreNumberedAndLabelledEachOnItsOwnLine() throws IOException {
        Report r = TerminalTextTest.reports().stream()
                .filter(x -> x.findings().stream().anyMatch(f -> f.id().equals("gpu-not-exposed"))).findFirst()
                .orElseThrow();
        String text = TextReport.section(Sections.FINDINGS.of(r), Terminal.unicode(80));
        List<String> alternatives = text.lines().filter(l -> l.matches("        \\d+\\. [A-Z][A-Za-z-]*( \\(detected\\))?:.*"))
                .map(l -> l.strip().replaceAll(":.*", "")).toList();
        assertTrue(alternatives.size() >= 3, text);
        for (int i = 0; i < alternatives.size(); i++) {
            assertTrue(alternatives.get(i).startsWith((i + 1) + ". "), alternatives + "\n" + text);
        }
        assertTrue(alternatives.stream().anyMatch(a -> a.contains("Podman")), text);
        assertTrue(alternatives.stream().anyMatch(a -> a.contains("Kubernetes")), text);
    }

    @Test
    void aCommandWiderThanTheTerminalStaysWholeOnOneIndentedLine() {
        String command = "sudo apt-get install -y nvidia-driver-550 nvidia-utils-550 linux-modules-nvidia-550-generic";
        Report base = TestReports.noDriver();
        Report r = only(base, new Finding("no-driver", cudaenv.report.Severity.ERROR, "No NVIDIA driver",
                "no libcuda.so.1", "Install the driver with `" + command + "`, then reboot."));
        String text = TextReport.section(Sections.FINDINGS.of(r), Terminal.unicode(60));
        List<String> lines = text.lines().toList();
        List<String> wide = lines.stream().filter(l -> Wrap.width(l) > 60).toList();
        assertTrue(wide.contains(TextReport.COMMAND_INDENT + command), "the command, unbroken: " + text);
        String url = DocLinks.of("no-driver").map(DocLinks.Link::url).orElse("");
        for (String l : wide) {
            assertTrue(l.equals(TextReport.COMMAND_INDENT + command) || l.equals(TextReport.LINK_INDENT + url),
                    "only the command or the docs address may be wider: " + l);
        }
        assertTrue(text.contains("      Fix: Install the driver with the command below, then\n        reboot.\n"
                + TextReport.COMMAND_INDENT + command + "\n"), "prose wrapped, then the command: " + text);
        assertFalse(TerminalTextTest.unbrokenLines(r, Terminal.unicode(60)).contains(TextReport.COMMAND_INDENT
                + "sudo apt-get install"), "a piece of a command is not exempt");
    }

    @Test
    void aChainedCommandIsOneLineEachAndTheDocsLinkHasItsOwnLine() {
        Report r = only(TestReports.noDriver(), new Finding("gpu-not-exposed", cudaenv.report.Severity.ERROR,
                "Started without GPUs", "no /dev/nvidia*", "The host needs the toolkit: "
                + "`sudo apt-get install nvidia-container-toolkit && sudo systemctl restart docker`."));
        String text = TextReport.section(Sections.FINDINGS.of(r), new Terminal(200, false, false));
        assertTrue(text.contains("      Fix: The host needs the toolkit: the command below.\n"
                + TextReport.COMMAND_INDENT + "sudo apt-get install nvidia-container-toolkit\n"
                + TextReport.COMMAND_INDENT + "sudo systemctl restart docker\n"), text);
        Optional<DocLinks.Link> doc = DocLinks.of("gpu-not-exposed");
        assertTrue(doc.isPresent());
        assertTrue(text.contains("      Docs: " + doc.get().title() + "\n" + TextReport.LINK_INDENT + doc.get().url()
                + "\n"), text);
    }
}
