package cudaenv.kernel.host;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MagicSyntaxTest {
    @Test
    void lineMagicWithArguments() {
        MagicSyntax.Cell cell = MagicSyntax.parse("%cudaenv check --cuda 12.2");
        assertEquals(1, cell.magics().size());
        assertEquals("cudaenv", cell.magics().get(0).call().name());
        assertEquals("check --cuda 12.2", cell.magics().get(0).call().args());
        assertFalse(cell.magics().get(0).call().isCellMagic());
        assertTrue(cell.java().isBlank());
    }

    @Test
    void cellMagicTakesTheRestAsBody() {
        MagicSyntax.Cell cell = MagicSyntax.parse("\n%%cudaenv --root /x\nline 1\n%not a magic here");
        assertEquals("--root /x", cell.magics().get(0).call().args());
        assertEquals(Optional.of("line 1\n%not a magic here"), cell.magics().get(0).call().body());
    }

    @Test
    void javaAfterLineMagicsKeepsItsOffsets() {
        String code = "%a\n\n%b x\nint y = 1;";
        MagicSyntax.Cell cell = MagicSyntax.parse(code);
        assertEquals(2, cell.magics().size());
        assertEquals("  \n\n    \nint y = 1;", cell.java());
        assertEquals(code.indexOf("int"), cell.java().indexOf("int"));
    }

    @Test
    void cellMagicAfterALineMagicIsMalformed() {
        assertTrue(MagicSyntax.parse("%a\n%%b\nbody").malformed().isPresent());
    }

    @Test
    void questionMarkAsksForHelp() {
        MagicSyntax.Invocation help = MagicSyntax.parse("%cudaenv?").magics().get(0);
        assertEquals("cudaenv", help.call().name());
        assertTrue(help.helpAsked());
    }

    @Test
    void percentWithoutANameIsMalformed() {
        assertEquals(Optional.of("% 12"), MagicSyntax.parse("% 12").malformed());
    }

    @Test
    void plainJavaHasNoMagics() {
        MagicSyntax.Cell cell = MagicSyntax.parse("int x = 5 % 2;");
        assertTrue(cell.magics().isEmpty());
        assertEquals("int x = 5 % 2;", cell.java());
    }

    @Test
    void magicLineAtFindsTheLineUnderTheCursor() {
        String code = "%a 1\n%b 22";
        MagicSyntax.LineAt at = MagicSyntax.magicLineAt(code, code.length()).orElseThrow();
        assertEquals("%b 22", at.line());
        assertEquals(5, at.lineStart());
        assertEquals(5, at.cursorInLine());
        assertTrue(MagicSyntax.magicLineAt("%%a\n%b", 6).isEmpty(), "inside a cell magic's body");
    }
}
