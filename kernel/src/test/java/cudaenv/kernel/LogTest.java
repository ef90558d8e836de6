package cudaenv.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The kernel's log keeps each line one line, with no terminal escapes from input. */
class LogTest {
    @Test
    void controlAndFormatCharactersAreEscaped() {
        assertEquals("a\\u001b[2Jb\\u000d\\u000ac\\u0000\\u202ed\\u0085é中",
                Log.clean("a\u001b[2Jb\r\nc\u0000\u202ed\u0085é中"));
    }
}
