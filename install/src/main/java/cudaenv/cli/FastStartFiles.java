package cudaenv.cli;

import cudaenv.ClassDataArchives;
import cudaenv.probe.WorkerSidecars;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Records, beside a built cudaenv.jar, what lets the command line start in a fraction of a second: the
 * {@code cudaenv} launcher (the jar in a JVM tuned for a short run), the class-data archives of a report run and
 * of a compare run it uses, and the probe worker's sidecars. {@code java -jar cudaenv.jar} still works without
 * them, only slower. Run by the build: java -cp cudaenv.jar cudaenv.cli.FastStartFiles JAR [SAMPLES], SAMPLES a
 * folder of saved reports that compare's archive is recorded over (without it compare starts from the report's).
 */
public final class FastStartFiles {
    static final String LAUNCHER = "cudaenv";
    static final String ARCHIVE = "cudaenv-cli.jsa";
    /** compare's own: its fleet reader, grouping and output load classes a report never does. */
    static final String COMPARE_ARCHIVE = "cudaenv-compare.jsa";
    /**
     * A short run compiles less with C1 alone, on one compiler thread (on two cores a second one only competes
     * with the probe worker's start: about 8% faster, bench/probe). compare over a fleet too: its parsing threads
     * use every core, where C2 took more CPU than it saved (bench/fleet/realistic.sh).
     */
    static final List<String> SHORT_RUN = List.of("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1");
    /**
     * Every command but compare runs once over little data: a cold report ran a third of its CPU time in the
     * compiler. Compiling only methods called five times as often, and reflection on its native accessors instead of
     * a class generated per reflected member (about 40 per report), took its CPU time about 10% lower
     * (bench/loader/speed.sh). compare binds thousands of reports by reflection: it keeps both as usual.
     */
    static final List<String> ONE_PASS = List.of("-XX:CompileThresholdScaling=5",
            "-Dsun.reflect.inflationThreshold=2147483647");
    /** Serial GC (no GC threads to start), no perf-data file, shared classes. */
    static final List<String> FLAGS = List.of("-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto");

    private FastStartFiles() {
    }

    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        System.out.println(WorkerSidecars.record(jar, java));
        System.out.println(recordArchive(jar, java) ? "command-line class-data archive " + archive(jar)
                : "(this JVM could not record a command-line class-data archive; the launcher starts without one)");
        if (args.length > 1) {
            System.out.println(recordCompareArchive(jar, java, Path.of(args[1]))
                    ? "compare's class-data archive " + compareArchive(jar)
                    : "(no class-data archive for compare; it starts from the command line's)");
        }
        writeLauncher(jar, java);
        System.out.println("launcher " + jar.resolveSibling(LAUNCHER));
    }

    static Path archive(Path jar) {
        return jar.resolveSibling(ARCHIVE);
    }

    /** One report of this machine, as JSON, under -XX:ArchiveClassesAtExit: the classes a report loads. */
    static boolean recordArchive(Path jar, Path java) throws IOException {
        List<String> flags = new ArrayList<>(SHORT_RUN);
        flags.addAll(ONE_PASS);
        flags.addAll(FLAGS);
        return ClassDataArchives.record(java, flags, archive(jar), List.of("-jar", jar.toString(), "report", "--json"));
    }

    static Path compareArchive(Path jar) {
        return jar.resolveSibling(COMPARE_ARCHIVE);
    }

    /** A fleet of saved reports compared as JSON, under -XX:ArchiveClassesAtExit: the classes compare loads. */
    static boolean recordCompareArchive(Path jar, Path java, Path samples) throws IOException {
        if (!Files.isDirectory(samples)) {
            Files.deleteIfExists(compareArchive(jar));
            return false;
        }
        List<String> flags = new ArrayList<>(SHORT_RUN);
        flags.addAll(FLAGS);
        return ClassDataArchives.record(java, flags, compareArchive(jar),
                List.of("-jar", jar.toString(), "compare", samples.toString(), "--json"));
    }

    static void writeLauncher(Path jar, Path java) throws IOException {
        Path launcher = jar.resolveSibling(LAUNCHER);
        Files.writeString(launcher, launcherScript(java, jar.getFileName().toString()), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /**
     * Finds the jar and archives beside itself (links followed), compare's for compare where there is one; the JVM
     * that recorded them, else PATH's.
     */
    static String launcherScript(Path java, String jarName) {
        return """
                #!/bin/sh
                # cudaenv's command line: %1$s beside this file, in a JVM tuned for a short run, with the
                # class-data archive recorded for it by the build. Same commands and exit codes as java -jar %1$s.
                here=$(dirname "$(readlink -f "$0")")
                java=%2$s
                [ -x "$java" ] || java=java
                tier="%3$s"
                [ "$1" = compare ] || tier="$tier %7$s"
                # the terminal's width, measured here where it costs one small process, and the name help shows
                cols=
                if [ -t 1 ]; then size=$(stty size </dev/tty 2>/dev/null) && cols=${size#* }; fi
                archive="$here/%4$s"
                if [ "$1" = compare ] && [ -f "$here/%6$s" ]; then archive="$here/%6$s"; fi
                if [ -f "$archive" ]; then
                  exec "$java" $tier %5$s -XX:SharedArchiveFile="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off \\
                    ${cols:+-Dcudaenv.columns=$cols} -Dcudaenv.launcher="$0" -jar "$here/%1$s" "$@"
                fi
                exec "$java" $tier %5$s ${cols:+-Dcudaenv.columns=$cols} -Dcudaenv.launcher="$0" -jar "$here/%1$s" "$@"
                """.formatted(jarName, shellQuoted(java.toString()), String.join(" ", SHORT_RUN), ARCHIVE,
                String.join(" ", FLAGS), COMPARE_ARCHIVE, String.join(" ", ONE_PASS));
    }

    private static String shellQuoted(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
