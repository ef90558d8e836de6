package cudaenv.magic;

import com.google.gson.JsonObject;
import cudaenv.kernel.magic.DisplayData;
import cudaenv.kernel.magic.MagicContext;
import cudaenv.kernel.magic.MagicException;
import cudaenv.render.Cell;
import cudaenv.render.GpusSection;
import cudaenv.render.Part;
import cudaenv.render.Section;
import cudaenv.report.Report;
import cudaenv.report.ReportJson;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** {@code %cudaenv watch}: one display of live GPU counters, replaced in place each interval. */
final class Watch {
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
            String why = first.driver().cuInit().map(r -> " (cuInit: " + r + ")").orElse("");
            context.out("No NVIDIA GPU visible" + why + ": nothing to watch.\n");
            return;
        }
        String displayId = "cudaenv-watch-" + UUID.randomUUID();
        context.display(bundle(first, 1, count, interval), displayId);
        for (int sample = 2; count == 0 || sample <= count; sample++) {
            if (!waitFor(interval, context)) {
                return;
            }
            Report now;
            try {
                now = probe.get(context);
            } catch (MagicException interrupted) {
                return;
            }
            context.updateDisplay(displayId, bundle(now, sample, count, interval));
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

    static DisplayData bundle(Report report, int sample, int count, Duration interval) {
        Section live = GpusSection.live(report);
        String progress = String.format(Locale.ROOT, "Sample %d%s, every %.1f s%s.", sample,
                count == 0 ? "" : " of " + count, interval.toMillis() / 1000.0,
                count == 0 || sample < count ? "; interrupt the cell to stop" : "");
        List<Part> parts = new ArrayList<>(live.parts());
        parts.add(Part.Paragraph.of(Cell.of(progress)));
        JsonObject json = new JsonObject();
        json.addProperty("sample", sample);
        json.add("gpus", ReportJson.tree(report).getAsJsonObject().get("gpus"));
        return ReportBundle.of(new Section(live.name(), live.title(), parts), json);
    }
}
