package cudaenv.render;

import cudaenv.report.SecretNames;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EscapingTest {
    @Test
    void controlCharactersBecomeVisibleEscapes() {
        assertEquals("\\x1b[31mred\\x1b[0m", ControlChars.escape("\u001b[31mred\u001b[0m"));
        assertEquals("a\\x0db\\x0ac\\x9b", ControlChars.escape("a\rb\nc\u009b"));
        assertEquals("evil\\u202etxt.exe", ControlChars.escape("evil\u202etxt.exe"));
    }

    @Test
    void backslashesAreDoubledSoEscapesCannotBeForged() {
        assertEquals("C:\\\\x1b", ControlChars.escape("C:\\x1b"));
    }

    @Test
    void printableUnicodeIsKept() {
        assertEquals("GeForce RTX 4090 \u2714 \u00b5", ControlChars.escape("GeForce RTX 4090 \u2714 \u00b5"));
    }

    @Test
    void htmlEscapesMarkupQuotesAndControls() {
        String out = HtmlEscaper.escape("<script>alert('x')</script>\"&\u001b");
        assertEquals("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;\\x1b", out);
        assertFalse(out.contains("<"));
    }

    @Test
    void secretLookingNamesAreHidden() {
        for (String name : new String[]{"HF_TOKEN", "AWS_SECRET_ACCESS_KEY", "db_password", "GITHUB_AUTH",
                "NGC_API_KEY", "MY_CREDENTIALS"}) {
            assertTrue(SecretNames.looksSecret(name), name);
            assertEquals(SecretNames.HIDDEN, SecretNames.shown(name, "v"));
        }
        assertEquals("all", SecretNames.shown("NVIDIA_VISIBLE_DEVICES", "all"));
        assertEquals("12.1", SecretNames.shown("CUDA_VERSION", "12.1"));
    }

    @Test
    void preformattedTextKeepsItsLineBreaksOnly() {
        assertEquals("a &lt;b&gt;\nc\\x1b", HtmlEscaper.escapeLines("a <b>\nc\u001b"));
    }
}
