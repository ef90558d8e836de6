package cudaenv.render;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixTextTest {
    @Test
    void commandsLeaveTheProseForTheirOwnBlocksFlagsAndKeysStayInline() {
        List<FixText.Block> blocks = FixText.parse("Start it with `docker run --gpus all IMAGE` (or `--runtime=nvidia`)."
                + " Then `sudo apt-get install pkg` (NVIDIA's repository) and `export LD_LIBRARY_PATH=/x:$LD_LIBRARY_PATH`,"
                + " if the branch is supported, e.g. 535. Done.");
        assertEquals(3, blocks.size(), blocks.toString());
        assertEquals("Start it with the command below (or `--runtime=nvidia`).", blocks.get(0).prose());
        assertEquals(List.of(new FixText.Command("docker run --gpus all IMAGE")), blocks.get(0).commands());
        assertEquals("Then the first command below (NVIDIA's repository) and the second command below, if the branch is"
                + " supported, e.g. 535.", blocks.get(1).prose());
        assertEquals(2, blocks.get(1).commands().size());
        assertEquals("Done.", blocks.get(2).prose());
        assertTrue(blocks.get(2).commands().isEmpty());
    }

    @Test
    void chainedCommandsBecomeOneLineEach() {
        assertEquals(List.of("sudo apt-get install x\nsudo systemctl restart docker"),
                FixText.commands("Run `sudo apt-get install x && sudo systemctl restart docker`."));
    }

    @Test
    void numberedAlternativesStartTheirOwnBlocks() {
        List<FixText.Block> blocks = FixText.parse("Lead sentence. 1. Podman (detected): `podman run --device"
                + " nvidia.com/gpu=all IMAGE`. 2. Docker: `docker run --gpus all IMAGE`.");
        assertEquals("Lead sentence.", blocks.get(0).prose());
        assertTrue(FixText.ALTERNATIVE.matcher(blocks.get(1).prose()).lookingAt(), blocks.get(1).prose());
        assertTrue(blocks.get(2).prose().startsWith("2. Docker: the command below"), blocks.get(2).prose());
    }

    @Test
    void unbalancedBackticksAreLeftAlone() {
        List<FixText.Block> blocks = FixText.parse("Odd `quote here.");
        assertEquals(1, blocks.size());
        assertEquals("Odd `quote here.", blocks.get(0).prose());
        assertFalse(FixText.isCommand("--flag"));
        assertFalse(FixText.isCommand("resources: limits: nvidia.com/gpu: 1"));
        assertTrue(FixText.isCommand("nvidia-smi"));
    }
}
