package cudaenv.magic;

import com.google.gson.JsonObject;
import cudaenv.kernel.magic.DisplayData;
import cudaenv.kernel.magic.MagicContext;
import cudaenv.kernel.magic.MagicException;
import com.google.gson.JsonArray;
import cudaenv.render.GpuActivity;
import cudaenv.render.NoGpuReason;
import cudaenv.render.Terminal;
import cudaenv.render.WatchView;
import cudaenv.report.Report;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * {@code %cudaenv watch}: one display of each GPU's utilisation, memory, temperature and power, with their history
 * as small charts and their minimum and maximum, replaced in place (update_display_data) each interval.
 */
final class Watch {
    /** The watch's own data, under a vendor type no front end prefers to the HTML. */
    static final String MIME = "application/vnd.cudaenv.watch+json";
    /** How often a sleeping watch looks at the interrupt flag, so interrupting feels immediate. */
    private static final Duration POLL = Duration.ofMillis(100);

    /** Sleeps; a test's version returns at once. */
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final InterruptibleProbe probe;
    private final Pause pause;

    Watch(InterruptibleProbe probe, Pause pause) {
        this.probe = probe;
        this.pause = pause;
    }

    /** @param count samples to show; 0 for until interrupted */
    void run(MagicContext context, Duration interval, int count) throws MagicException {
        Report first = probe.get(context);
        if (first.gpus().isEmpty()) {
            context.out(NoGpuReason.of(first) + " Nothing to watch.\n");
            return;
        }
        String displayId = "cudaenv-watch-" + UUID.randomUUID();
        WatchHistory history = new WatchHistory();
        history.add(first);
        context.display(bundle(history.activity(first), 1, count, interval, false), displayId);
        Report latest = first;
        int sample = 1;
        while (count == 0 || sample < count) {
            if (!waitFor(interval, context)) {
                break;
            }
            try {
                latest = probe.get(context);
            } catch (MagicException interrupted) {
                break;
            }
            sample++;
            history.add(latest);
            context.updateDisplay(displayId, bundle(history.activity(latest), sample, count, interval, false));
        }
        if (count == 0 || sample < count) {
            // interrupted: the display says so instead of promising more samples
            context.updateDisplay(displayId, bundle(history.activity(latest), sample, count, interval, true));
        }
    }

    /** False when the cell was interrupted while waiting. */
    private boolean waitFor(Duration interval, MagicContext context) {
        Duration left = interval;
        while (!left.isNegative() && !left.isZero()) {
            if (context.interrupted()) {
                return false;
            }
            Duration step = left.compareTo(POLL) < 0 ? left : POLL;
            try {
                pause.sleep(step);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            left = left.minus(step);
        }
        return !context.interrupted();
    }

    static DisplayData bundle(List<GpuActivity> gpus, int sample, int count, Duration interval, boolean stopped) {
        String every = String.format(Locale.ROOT, "every %.1f s", interval.toMillis() / 1000.0);
        String progress = stopped ? "Stopped after " + sample + (sample == 1 ? " sample" : " samples") + ", " + every + "."
                : "Sample " + sample + (count == 0 ? "" : " of " + count) + ", " + every
                + (count == 0 || sample < count ? "; interrupt the cell to stop." : ".");
        JsonObject json = new JsonObject();
        json.addProperty("sample", sample);
        json.addProperty("intervalSeconds", interval.toMillis() / 1000.0);
        json.addProperty("stopped", stopped);
        JsonArray list = new JsonArray();
        for (GpuActivity g : gpus) {
            JsonObject o = new JsonObject();
            o.addProperty("index", g.index());
            o.addProperty("name", g.name());
            o.addProperty("memoryTotalBytes", g.memoryTotalBytes());
            o.add("utilizationPercent", numbers(g.utilizationPercent()));
            o.add("memoryUsedBytes", numbers(g.memoryUsedBytes()));
            o.add("temperatureC", numbers(g.temperatureC()));
            o.add("powerWatts", numbers(g.powerWatts()));
            list.add(o);
        }
        json.add("gpus", list);
        return DisplayData.builder()
                .html(WatchView.html(gpus, WatchHistory.SLOTS, progress))
                .plain(WatchView.text(gpus, WatchHistory.SLOTS, progress, Terminal.forKernel()))
                .mime(MIME, new DisplayData.RawJson(json.toString()))
                .build();
    }

    /** A history as JSON numbers, null where a sample had no value. */
    private static JsonArray numbers(List<Double> values) {
        JsonArray a = new JsonArray();
        values.forEach(v -> {
            if (Double.isNaN(v)) {
                a.add((Number) null);
            } else {
                a.add(v);
            }
        });
        return a;
    }
}
