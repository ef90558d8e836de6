package cudaenv.magic;

import cudaenv.kernel.magic.MagicException;
import cudaenv.render.TestReports;
import cudaenv.report.Report;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequirementTest {
    private final Report healthy = TestReports.healthy();

    private boolean met(String text) throws MagicException {
        return Requirement.parse(text).unmet(healthy).isEmpty();
    }

    @Test
    void comparesNumbersNotStrings() throws MagicException {
        assertTrue(met("cuda>=12.1"));
        assertTrue(met("cuda>=9.2"));
        assertTrue(!met("cuda>=12.10"));
        assertTrue(met("driver>=535.54.03"));
        assertTrue(!met("driver<535.104.05"));
        assertTrue(met("cudnn=8.9.7"));
        assertTrue(met("runtime==11.8"));
        assertTrue(met("nvcc!=12.0"));
        assertTrue(met("torch>=2.7"));
        assertTrue(met("Torch > 2.6.9"));
    }

    @Test
    void somethingAbsentIsUnmet() throws MagicException {
        assertEquals("jax>=0.4 not met: jax unknown or absent",
                Requirement.parse("jax>=0.4").unmet(healthy).orElseThrow());
    }

    @Test
    void rejectsWhatIsNotARequirement() {
        for (String bad : new String[]{"cuda", ">=12", "cuda=>12", "cuda>=twelve", ""}) {
            assertThrows(MagicException.class, () -> Requirement.parse(bad), bad);
        }
    }
}
