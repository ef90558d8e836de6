package cudaenv.kernel;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FileErrorsTest {
    @Test
    void theFileAndTheReasonNotJustThePath() {
        assertEquals("/opt/x: permission denied", FileErrors.describe(new AccessDeniedException("/opt/x")));
        assertEquals("/opt/x: no such file", FileErrors.describe(new NoSuchFileException("/opt/x")));
        assertEquals("/opt/x: read-only file system",
                FileErrors.describe(new FileSystemException("/opt/x", null, "Read-only file system")));
    }

    @Test
    void otherFailuresAreNamedByTheirKind() {
        assertEquals("malformed input (Input length = 1)", FileErrors.reason(new MalformedInputException(1)));
        assertEquals("not a valid path (Nul character not allowed)",
                FileErrors.reason(new java.nio.file.InvalidPathException("a\0b", "Nul character not allowed")));
        assertEquals("is a directory", FileErrors.describe(new IOException("Is a directory")));
        assertEquals("eof", FileErrors.reason(new java.io.EOFException()), "an exception without words is named by its kind");
    }
}
