package cudaenv.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Help and usage errors name the command as it was typed: the launcher's name, else java -jar cudaenv.jar. */
class LauncherNameTest {
    @AfterEach
    void clear() {
        System.clearProperty(Main.LAUNCHER_PROPERTY);
    }

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void withoutTheLauncherHelpSaysJavaDashJar() {
        assertTrue(run("report", "--help")[0].startsWith("Usage: java -jar cudaenv.jar report [--json"));
    }

    @Test
    void throughTheLauncherHelpAndErrorsNameIt() {
        System.setProperty(Main.LAUNCHER_PROPERTY, "install/target/cudaenv");
        String usage = run("report", "--help")[0];
        assertFalse(usage.contains("java -jar"), usage);
        List<String> lines = usage.lines().toList();
        assertTrue(lines.get(0).startsWith("Usage: install/target/cudaenv report [--json | --json-line"), usage);
        // the usage's second line stays under the first one's options
        assertEquals(lines.get(0).indexOf('['), lines.get(1).indexOf('['), usage);
        assertTrue(run("--help")[0].startsWith("Usage: install/target/cudaenv COMMAND [ARGS]"));
        assertTrue(run("compare", "--help")[0].contains("\n       install/target/cudaenv compare FILE..."));
        assertTrue(run("report", "--bogus")[1].endsWith("Run 'install/target/cudaenv report --help' for help.\n"));
        assertTrue(run("nope")[1].contains("Run 'install/target/cudaenv --help' for help."));
    }
}
