package cudaenv.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Puts what a hostile or broken image holds where a file belongs: FIFOs, devices, sockets, sparse giants, link loops. */
public final class SpecialFiles {
    /** What can stand where a file is expected. */
    public enum Kind { FIFO, CHAR_DEVICE_ZERO, CHAR_DEVICE_URANDOM, SOCKET, SPARSE_HUGE, LINK_LOOP, DANGLING_LINK, DIRECTORY, RANDOM_BYTES, EMPTY }

    private SpecialFiles() {
    }

    /** Replaces whatever is at {@code file} with a thing of this kind; {@code size} for the sparse and random kinds. */
    public static void place(Path file, Kind kind, long size, java.util.Random random) {
        try {
            deleteTree(file);
            Files.createDirectories(file.getParent());
            switch (kind) {
                case FIFO -> run("mkfifo", file.toString());
                // /dev/zero and /dev/urandom never end: a reader that does not check reads until memory runs out
                case CHAR_DEVICE_ZERO -> run("mknod", file.toString(), "c", "1", "5");
                case CHAR_DEVICE_URANDOM -> run("mknod", file.toString(), "c", "1", "9");
                case SOCKET -> {
                    try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                        s.bind(UnixDomainSocketAddress.of(file));
                    }
                }
                case SPARSE_HUGE -> {
                    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                        f.setLength(size);
                    }
                }
                case LINK_LOOP -> {
                    Path other = file.resolveSibling(file.getFileName() + ".loop");
                    deleteTree(other);
                    Files.createSymbolicLink(other, file.getFileName());
                    Files.createSymbolicLink(file, other.getFileName());
                }
                case DANGLING_LINK -> Files.createSymbolicLink(file, Path.of("/nonexistent/" + file.getFileName()));
                case DIRECTORY -> Files.createDirectories(file.resolve("inside"));
                case RANDOM_BYTES -> {
                    byte[] data = new byte[(int) Math.min(size, 1 << 20)];
                    random.nextBytes(data);
                    Files.write(file, data);
                }
                case EMPTY -> Files.write(file, new byte[0]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(String... command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IOException(List.of(command) + " failed (run the tests as root for mknod): " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> all = Files.walk(p)) {
                for (Path q : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(q);
                }
            }
        } else {
            Files.delete(p);
        }
    }
}
