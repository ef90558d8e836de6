package cudaenv.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class WarmUpTest {
    @Test
    void aWarmUpSessionIsAnsweredAndEnds() throws Exception {
        assertTrue(WarmUp.run());
    }
}
