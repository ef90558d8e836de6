package cudaenv.probe;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sweep's byte parse of /proc/PID/stat says what splitting the text after the last ')' says. */
class WorkerGroupStatTest {
    @Test
    void everyLiveProcessParsesAsTheTextSplitDoes() throws IOException {
        int seen = 0;
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : pids) {
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(p.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                long pid = Long.parseLong(p.getFileName().toString());
                assertEquals(split(pid, bytes), WorkerGroup.parse(pid, bytes), new String(bytes, StandardCharsets.UTF_8));
                seen++;
            }
        }
        assertTrue(seen > 0);
    }

    @Test
    void aNameWithSpacesAndParenthesesAndMalformedFiles() {
        for (String text : java.util.List.of("42 (a) b (c) d) S 1 4242 4242 0 -1 4194560 10\n", "7 (x) Z 0 7 7\n",
                "9 (é ) R -1 12 3", "1 (init) S 0 1 1 0 -1", "5 (cut) S 1", "5 (cut) S 1 ", "no parenthesis", "",
                "3 (x)", "3 (x) S")) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            assertEquals(split(1, bytes), WorkerGroup.parse(1, bytes), text);
        }
    }

    /** The text split after the last ')' (state, ppid, pgrp), as the sweep read it before; empty if malformed. */
    private static Optional<WorkerGroup.Stat> split(long pid, byte[] bytes) {
        try {
            String s = new String(bytes, StandardCharsets.UTF_8);
            String[] rest = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Optional.of(new WorkerGroup.Stat(pid, rest[0].charAt(0), Long.parseLong(rest[2].trim())));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
