package cudaenv.cli;

import cudaenv.report.Report;
import cudaenv.report.ReportJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * install/collect/slurm-collect.sh submitted with sbatch to a real Slurm cluster (Debian's slurm-wlm and munge: a
 * slurmctld and three slurmd on this host, started and stopped here), and what it collected compared.
 */
class SlurmIT {
    private static final Path JAR = Path.of(System.getProperty("cudaenv.jar", "target/cudaenv.jar")).toAbsolutePath();
    private static final Path RECIPE = Path.of("collect/slurm-collect.sh").toAbsolutePath();
    private static final Path CLUSTER = Path.of("src/test/slurm/cluster.sh").toAbsolutePath();
    private static final Duration LIMIT = Duration.ofSeconds(240);
    private static Path dir;
    private static Map<String, String> env;

    @BeforeAll
    static void startCluster() throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/sbin/slurmctld")) && Files.isExecutable(Path.of("/usr/sbin/munged"));
        // CI installs Slurm (.ci/deps-slurm): there a missing Slurm is a failure, not a skip
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("Slurm is not installed: .ci/deps-slurm should have installed slurm-wlm and munge");
        }
        assumeTrue(installed, "Slurm (slurm-wlm, munge) is not installed: run .ci/deps-slurm as root");
        dir = Files.createTempDirectory("cudaenv-slurm");
        env = Map.of("SLURM_CONF", dir.resolve("slurm.conf").toString(), "CUDAENV_JAR", JAR.toString(),
                "JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Processes.Result started = Processes.run(List.of("bash", CLUSTER.toString(), "start", dir.toString(), "3"),
                Map.of(), dir, Duration.ofSeconds(60));
        assertEquals(0, started.exit(), started.output() + logs());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (dir != null) {
            Processes.run(List.of("bash", CLUSTER.toString(), "stop", dir.toString()), Map.of(), dir, Duration.ofSeconds(30));
            Processes.run(List.of("rm", "-rf", dir.toString()), Map.of(), Path.of("/"), Duration.ofSeconds(30));
        }
    }

    private static String logs() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            StringBuilder b = new StringBuilder();
            for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                List<String> lines = Files.readAllLines(log);
                b.append("\n--- ").append(log.getFileName()).append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
            }
            return b.toString();
        }
    }

    /** sbatch --wait: the job's exit status and its output file. */
    private static Processes.Result sbatch(Path out, int nodes, String... extra) throws Exception {
        Path jobOut = dir.resolve("job-" + System.nanoTime() + ".out");
        List<String> cmd = new java.util.ArrayList<>(List.of("sbatch", "--wait", "--nodes=" + nodes, "--output=" + jobOut));
        cmd.addAll(List.of(extra));
        cmd.addAll(List.of(RECIPE.toString(), out.toString()));
        Processes.Result submitted = Processes.run(cmd, env, dir, LIMIT);
        String output = Files.exists(jobOut) ? Files.readString(jobOut) : "(no job output)";
        return new Processes.Result(submitted.exit(), submitted.output() + "\n" + output);
    }

    private static Set<String> reports(Path out) throws Exception {
        try (Stream<Path> files = Files.list(out)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void theRecipeCollectsOneReportPerNodeAndComparesThem() throws Exception {
        Path out = dir.resolve("reports");
        Processes.Result job = sbatch(out, 3);
        assertEquals(0, job.exit(), job.output() + logs());
        assertEquals(Set.of("node1.json", "node2.json", "node3.json"), reports(out), job.output());
        for (String node : List.of("node1", "node2", "node3")) {
            Report r = ReportJson.read(Files.readString(out.resolve(node + ".json"))).report()
                    .orElseThrow(() -> new AssertionError(node + " wrote no report"));
            assertEquals(node, r.host().hostname(), "named as Slurm knows the node");
        }
        assertTrue(job.output().contains("3 nodes in 1 configuration"), job.output());
        for (String node : List.of("node1", "node2", "node3")) {
            assertTrue(job.output().contains(node), "compare lists " + node + ": " + job.output());
        }

        // a rerun into the same folder replaces the reports instead of adding to them
        Processes.Result rerun = sbatch(out, 2);
        assertEquals(0, rerun.exit(), rerun.output() + logs());
        assertEquals(2, reports(out).size(), reports(out).toString());
        assertTrue(rerun.output().contains("2 nodes in 1 configuration"), rerun.output());
    }

    @Test
    void aNodeWhereJavaFailsIsNamedAndTheRestCompared() throws Exception {
        Path java = dir.resolve("java-failing-on-node2");
        Files.writeString(java, "#!/bin/bash\n[ \"$SLURMD_NODENAME\" = node2 ] && [ \"$3\" = report ] && "
                + "{ echo 'Error: could not start the JVM' >&2; exit 1; }\nexec " + env.get("JAVA") + " \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path out = dir.resolve("reports-with-a-failure");
        Map<String, String> failing = new java.util.HashMap<>(env);
        failing.put("JAVA", java.toString());
        Path jobOut = dir.resolve("job-failing.out");
        Processes.Result submitted = Processes.run(List.of("sbatch", "--wait", "--nodes=3", "--output=" + jobOut,
                RECIPE.toString(), out.toString()), failing, dir, LIMIT);
        String output = submitted.output() + Files.readString(jobOut);
        assertEquals(Set.of("node1.json", "node2.json", "node3.json"), reports(out), output);
        assertEquals(0, Files.size(out.resolve("node2.json")));
        assertTrue(Files.readString(out.resolve("node2.err")).contains("could not start the JVM"));
        assertTrue(output.contains("no report from node2"), output);
        assertTrue(output.contains("2 nodes in 1 configuration"), output);
        assertEquals(1, submitted.exit(), "compare exits 1 when an input is not a report: " + output);
    }
}
