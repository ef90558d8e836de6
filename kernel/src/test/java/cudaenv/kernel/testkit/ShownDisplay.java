package cudaenv.kernel.testkit;

import cudaenv.kernel.magic.DisplayData;
import cudaenv.kernel.magic.ValueDisplay;

import java.util.Optional;

/** A ValueDisplay registered in the test resources: shows {@link Shown} values as bold HTML. */
public final class ShownDisplay implements ValueDisplay {
    @Override
    public Optional<DisplayData> display(Object value) {
        if (value instanceof Shown shown) {
            return Optional.of(DisplayData.builder().html("<b>" + shown.text() + "</b>").plain(shown.text()).build());
        }
        return Optional.empty();
    }
}
