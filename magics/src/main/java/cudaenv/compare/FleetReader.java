package cudaenv.compare;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads streams into a fleet with the JSON parsing spread over the cores, folding results in input order so
 * the summary is the same as a sequential read. A bounded window of documents is in flight (by count and by
 * size), so memory stays bounded however long the input.
 */
final class FleetReader implements AutoCloseable {
    static final int WINDOW = 256;
    static final long WINDOW_CHARS = 8L << 20;

    /** A document turned into a node, or why it is not a report. */
    private record Parsed(Optional<Node> node, String where, String error, int chars) {
    }

    private final Fleet fleet;
    private final Consumer<FleetSummary.Rejected> onBad;
    private final ThreadPoolExecutor pool;
    private final ArrayDeque<Future<Parsed>> window = new ArrayDeque<>();
    private long charsInFlight;

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
    void read(Reader in, String source) throws IOException {
        JsonDocuments docs = new JsonDocuments(in, source);
        boolean any = false;
        for (Optional<JsonDocuments.Document> d = docs.next(); d.isPresent(); d = docs.next()) {
            JsonDocuments.Document doc = d.get();
            int chars = doc.json().map(String::length).orElse(0);
            submit(pool.submit(() -> parse(doc, chars)), chars);
            any = true;
        }
        if (!any) {
            reject(source, "empty: no report in it");
        }
    }

    /** An input that is not a report at all (a missing file, ...), in its place in the order. */
    void reject(String where, String error) {
        submit(CompletableFuture.completedFuture(new Parsed(Optional.empty(), where, error, 0)), 0);
    }

    private static Parsed parse(JsonDocuments.Document doc, int chars) {
        LoadedReport loaded = GroupingJson.read(doc);
        return new Parsed(loaded.report().map(r -> Node.of(loaded.where(), r)), loaded.where(),
                loaded.error().orElse("not a report"), chars);
    }

    private void submit(Future<Parsed> parsed, int chars) {
        window.add(parsed);
        charsInFlight += chars;
        while (window.size() > WINDOW || charsInFlight > WINDOW_CHARS) {
            foldOldest();
        }
    }

    private void foldOldest() {
        Parsed p;
        try {
            p = window.poll().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading reports", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("parsing a report failed: a bug", e.getCause());
        }
        charsInFlight -= p.chars();
        if (p.node().isPresent()) {
            fleet.fold(p.node().get());
        } else {
            onBad.accept(fleet.reject(p.where(), p.error()));
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
