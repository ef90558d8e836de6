package cudaenv.render;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextTableTest {
    private final Part.Table table = new Part.Table("Libraries", List.of("Status", "Kind", "Path"), List.of(
            List.of(Cell.status(Status.OK, ""), Cell.of("cudart"), Cell.code("/usr/local/cuda/lib64/libcudart.so")),
            List.of(Cell.status(Status.ERROR, "crashed"), Cell.of("cudnn"), Cell.code("/x/libcudnn.so.8"))), false);

    @Test
    void columnsStartAtTheSameOffsetOnEveryLine() {
        List<String> lines = TextTable.render(table, Terminal.unicode(80)).lines().toList();
        assertEquals("Libraries", lines.get(0));
        int kind = lines.get(1).indexOf("Kind");
        int path = lines.get(1).indexOf("Path");
        assertEquals(kind, lines.get(3).indexOf("cudart"));
        assertEquals(kind, lines.get(4).indexOf("cudnn"));
        assertEquals(path, lines.get(3).indexOf("/usr"));
        assertEquals(path, lines.get(4).indexOf("/x/"));
        assertTrue(lines.get(2).trim().matches("-+ +-+ +-+"), lines.get(2));
        lines.forEach(l -> assertEquals(l.stripTrailing(), l, "no trailing spaces"));
    }

    @Test
    void statusIsSymbolAndWord() {
        String out = TextTable.render(table, Terminal.unicode(80));
        assertTrue(out.contains("\u2714 ok"));
        assertTrue(out.contains("\u2716 error: crashed"));
    }

    @Test
    void colourOnlyWrapsTheStatusAndKeepsAlignment() {
        String plain = TextTable.render(table, Terminal.unicode(80));
        String colored = TextTable.render(table, Terminal.unicode(80).withColor(true));
        assertTrue(colored.contains("\u001b[31m\u2716 error\u001b[0m: crashed"));
        assertEquals(plain, colored.replaceAll("\u001b\\[[0-9;]*m", ""));
        assertFalse(plain.contains("\u001b"));
    }

    @Test
    void hostileCellsCannotBreakTheLayout() {
        Part.Table t = new Part.Table("", List.of("A", "B"),
                List.of(List.of(Cell.of("x\ny\u001b[2J"), Cell.of("z"))), false);
        List<String> lines = TextTable.render(t, Terminal.unicode(80)).lines().toList();
        assertEquals(3, lines.size());
        assertTrue(lines.get(2).contains("x\\x0ay\\x1b[2J"));
        assertEquals(lines.get(0).indexOf('B'), lines.get(2).indexOf('z'));
    }
}
