package cudaenv.diagnose.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void aSeriesAsLastReleaseCoversEveryPatchOfIt() {
        assertTrue(PytorchBuilds.forRelease("cu128", "2.11.3").isPresent(), "2.11 means every 2.11.x");
        assertFalse(PytorchBuilds.forRelease("cu128", "2.12.0").isPresent(), "cu128 ended with 2.11 (PR #182849)");
        assertTrue(PytorchBuilds.forRelease("cu132", "2.13.0+cu132").isPresent());
        assertFalse(PytorchBuilds.forRelease("cu132", "2.11.0").isPresent(), "cu132 starts with 2.12");
        assertEquals("2.7.0 to 2.11.x", PytorchBuilds.torchReleases("cu128"));
        assertEquals("2.6.0 and later", PytorchBuilds.torchReleases("cu126"));
    }

    @Test
    void torchNewerThanTheTableIsRecognised() {
        assertFalse(PytorchBuilds.newerThanTable("2.14.1"), "2.14 is the table's reach");
        assertFalse(PytorchBuilds.newerThanTable("2.5.1+cu124"));
        assertTrue(PytorchBuilds.newerThanTable("2.15.0"));
        assertTrue(PytorchBuilds.newerThanTable("3.0.0+cu140"));
    }

    @Test
    void releasesCompareNumberByNumber() {
        assertTrue(Versions.compare("2.10.0", "2.9.1") > 0);
        assertTrue(Versions.compare("2.5.0a0", "2.5.0") == 0, "NGC's pre-release counts as its release");
        assertTrue(Versions.compare("2.6", "2.6.0") == 0);
        assertTrue(Versions.compare("1.13.1", "2.0.0") < 0);
    }
}
