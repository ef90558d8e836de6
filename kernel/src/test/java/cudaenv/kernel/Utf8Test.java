package cudaenv.kernel;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Utf8Test {
    @Test
    void cutInsideAMultiByteCharacterKeepsItForLater() {
        byte[] bytes = "añ€".getBytes(StandardCharsets.UTF_8); // 1 + 2 + 3 bytes
        assertEquals(6, Utf8.completePrefix(bytes));
        assertEquals(3, Utf8.completePrefix(Arrays.copyOf(bytes, 5)));
        assertEquals(3, Utf8.completePrefix(Arrays.copyOf(bytes, 4)));
        assertEquals(1, Utf8.completePrefix(Arrays.copyOf(bytes, 2)));
        assertEquals(0, Utf8.completePrefix(new byte[0]));
    }
}
