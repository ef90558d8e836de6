package cudaenv.diagnose.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PytorchBuildsTest {

    private static PytorchBuilds.Build build(String tag) {
        return PytorchBuilds.byTag(tag).orElseThrow();
    }

    @Test
    void aBuildOffersTheReleasesBetweenItsFirstAndLastIgnoringTheLocalTag() {
        assertTrue(build("cu118").offers("2.7.0+cpu"));
        assertTrue(build("cu118").offers("2.7.1"), "its last release");
        assertFalse(build("cu118").offers("2.7.2"));
        assertFalse(build("cu118").offers("2.8.0+cu128"));
        assertFalse(build("cu124").offers("2.7.0"), "cu124 stopped at 2.6.0");
        assertTrue(build("cu126").offers("2.10.0"), "still built: 2.10 is after 2.6, not before it");
        assertFalse(build("cu130").offers("2.8.0"));
    }

    @Test
    void releasesCompareNumberByNumber() {
        assertTrue(Versions.compare("2.10.0", "2.9.1") > 0);
        assertTrue(Versions.compare("2.5.0a0", "2.5.0") == 0, "NGC's pre-release counts as its release");
        assertTrue(Versions.compare("2.6", "2.6.0") == 0);
        assertTrue(Versions.compare("1.13.1", "2.0.0") < 0);
    }
}
