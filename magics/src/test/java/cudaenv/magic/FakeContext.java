package cudaenv.magic;

import cudaenv.kernel.magic.DisplayData;
import cudaenv.kernel.magic.MagicContext;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Records what a magic shows; the interrupt flag answers as the test decides. */
final class FakeContext implements MagicContext {
    record Shown(String displayId, DisplayData data, boolean update) {
    }

    final StringBuilder out = new StringBuilder();
    final StringBuilder err = new StringBuilder();
    final List<Shown> shown = new ArrayList<>();
    final List<DisplayData> results = new ArrayList<>();
    private final BooleanSupplier interrupted;

    FakeContext() {
        this(() -> false);
    }

    FakeContext(BooleanSupplier interrupted) {
        this.interrupted = interrupted;
    }

    @Override
    public void out(String text) {
        out.append(text);
    }

    @Override
    public void err(String text) {
        err.append(text);
    }

    @Override
    public void display(DisplayData data) {
        shown.add(new Shown(null, data, false));
    }

    @Override
    public void display(DisplayData data, String displayId) {
        shown.add(new Shown(displayId, data, false));
    }

    @Override
    public void updateDisplay(String displayId, DisplayData data) {
        shown.add(new Shown(displayId, data, true));
    }

    @Override
    public void result(DisplayData data) {
        results.add(data);
    }

    @Override
    public boolean interrupted() {
        return interrupted.getAsBoolean();
    }

    DisplayData last() {
        return shown.get(shown.size() - 1).data();
    }

    String plain() {
        return (String) last().data().get("text/plain");
    }

    String html() {
        return (String) last().data().get("text/html");
    }
}
