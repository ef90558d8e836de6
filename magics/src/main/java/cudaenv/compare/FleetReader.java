package cudaenv.compare;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads streams and files into a fleet with the parsing spread over the cores, folding results in input order so
 * the summary is the same as a sequential read. A bounded window of documents is in flight (by count and by
 * size), so memory stays bounded however long the input. Files small enough are read and split by the parsing
 * threads too; a stream is split here, as bytes, while they parse.
 */
final class FleetReader implements AutoCloseable {
    static final int WINDOW = 256;
    static final long WINDOW_BYTES = 4L << 20;
    /** Files up to this size are read whole by a parsing thread; larger ones are streamed like stdin. */
    static final long WHOLE_FILE = 4L << 20;

    private final Fleet fleet;
    private final Consumer<FleetSummary.Rejected> onBad;
    private final NodeReader nodes = new NodeReader();
    private final ThreadPoolExecutor pool;
    private final ArrayDeque<Pending> window = new ArrayDeque<>();
    private long bytesInFlight;

    /** Results of one document, file or block, in order, and the bytes they hold up while waiting. */
    private record Pending(Future<List<NodeReader.Result>> results, long bytes, Marker marker, String source) {
    }

    /** Where a stream starts and ends in the window: a stream that gave no document at all is named. */
    private enum Marker { NONE, STREAM_START, STREAM_END }

    private static final Future<List<NodeReader.Result>> DONE = CompletableFuture.completedFuture(List.of());
    private long folded;
    private long foldedAtStreamStart;

    FleetReader(Fleet fleet, Consumer<FleetSummary.Rejected> onBad) {
        this.fleet = fleet;
        this.onBad = onBad;
        int workers = Runtime.getRuntime().availableProcessors();
        this.pool = new ThreadPoolExecutor(workers, workers, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "cudaenv-fleet-parse");
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    /** Queues every document of a stream (results fold in as the window moves); a stream with none is rejected. */
    void read(InputStream in, String source) throws IOException {
        StreamBlocks blocks = new StreamBlocks(in);
        submit(new Pending(DONE, 0, Marker.STREAM_START, source));
        for (Optional<StreamBlocks.Block> b = blocks.next(); b.isPresent(); b = blocks.next()) {
            StreamBlocks.Block block = b.get();
            submit(new Pending(pool.submit(() -> block(block, source)), block.length(), Marker.NONE, source));
        }
        if (blocks.stuck()) {
            ByteDocuments docs = blocks.rest(source);
            for (Optional<ByteDocuments.Document> d = docs.next(); d.isPresent(); d = docs.next()) {
                ByteDocuments.Document doc = d.get();
                submit(new Pending(pool.submit(() -> List.of(nodes.read(doc))), doc.size(), Marker.NONE, source));
            }
        }
        submit(new Pending(DONE, 0, Marker.STREAM_END, source));
    }

    private List<NodeReader.Result> block(StreamBlocks.Block block, String source) throws IOException {
        ByteDocuments docs = new ByteDocuments(block.bytes(), block.length(), source, block.linesBefore(),
                block.nextObjectLine(), nodes.scanner());
        List<NodeReader.Result> out = new ArrayList<>();
        for (Optional<ByteDocuments.Document> d = docs.next(); d.isPresent(); d = docs.next()) {
            out.add(nodes.read(d.get()));
        }
        return out;
    }

    /** Queues a regular file: read, split and parsed by a parsing thread when small, else streamed from here. */
    void read(Path file, long size) throws IOException {
        if (size > WHOLE_FILE) {
            try (InputStream in = Files.newInputStream(file)) {
                read(in, file.toString());
            }
            return;
        }
        submit(new Pending(pool.submit(() -> whole(file)), size, Marker.NONE, where(file)));
    }

    private static String where(Path file) {
        return file.toString();
    }

    private List<NodeReader.Result> whole(Path file) {
        String where = where(file);
        byte[] bytes;
        try {
            // a plain stream: far less code than a channel per file (10,000 files, mostly before C2 has compiled it)
            try (java.io.FileInputStream in = new java.io.FileInputStream(file.toFile())) {
                bytes = in.readAllBytes();
            }
        } catch (IOException e) {
            return List.of(new NodeReader.Result(Optional.empty(), where, "cannot be read: " + e.getMessage()));
        }
        List<NodeReader.Result> out = new ArrayList<>(1);
        try {
            ByteDocuments docs = new ByteDocuments(bytes, where, nodes.scanner());
            for (Optional<ByteDocuments.Document> d = docs.next(); d.isPresent(); d = docs.next()) {
                out.add(nodes.read(d.get()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("bytes in memory cannot fail to read", e);
        }
        if (out.isEmpty()) {
            out.add(new NodeReader.Result(Optional.empty(), where, "empty: no report in it"));
        }
        return out;
    }

    /** An input that is not a report at all (a missing file, ...), in its place in the order. */
    void reject(String where, String error) {
        submit(new Pending(CompletableFuture.completedFuture(List.of(new NodeReader.Result(Optional.empty(), where, error))),
                0, Marker.NONE, where));
    }

    private void submit(Pending p) {
        window.add(p);
        bytesInFlight += p.bytes();
        while (window.size() > WINDOW || bytesInFlight > WINDOW_BYTES) {
            foldOldest();
        }
    }

    private void foldOldest() {
        Pending p = window.poll();
        List<NodeReader.Result> results;
        try {
            results = p.results().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading reports", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("parsing a report failed: a bug", e.getCause());
        }
        bytesInFlight -= p.bytes();
        if (p.marker() == Marker.STREAM_START) {
            foldedAtStreamStart = folded;
        } else if (p.marker() == Marker.STREAM_END && folded == foldedAtStreamStart) {
            onBad.accept(fleet.reject(p.source(), "empty: no report in it"));
        }
        folded += results.size();
        for (NodeReader.Result r : results) {
            if (r.node().isPresent()) {
                fleet.fold(r.node().get());
            } else {
                onBad.accept(fleet.reject(r.where(), r.error()));
            }
        }
    }

    /** Folds what is still in flight. */
    @Override
    public void close() {
        try {
            while (!window.isEmpty()) {
                foldOldest();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
