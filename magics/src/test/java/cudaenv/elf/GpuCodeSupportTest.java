package cudaenv.elf;

import cudaenv.elf.GpuCodeSupport.Mode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GpuCodeSupportTest {

    @ParameterizedTest(name = "{0} on CC {1} -> {2} {3}")
    @CsvSource(delimiter = '|', value = {
            // a cubin runs on its major with an equal or higher minor
            "sm_80 sm_90          | 8.6  | NATIVE  | sm_80",
            "sm_80 sm_86          | 8.9  | NATIVE  | sm_86",
            "sm_86                | 8.0  | NONE    | ''",
            "sm_80 sm_90          | 10.0 | NONE    | ''",
            "sm_70                | 7.5  | NATIVE  | sm_70",
            // PTX runs by JIT on anything newer, never older
            "sm_80 compute_90     | 12.0 | PTX_JIT | compute_90",
            "sm_80 compute_90     | 8.9  | NATIVE  | sm_80",
            "compute_80 compute_90| 8.6  | PTX_JIT | compute_80",
            "compute_90           | 8.6  | NONE    | ''",
            "compute_90           | 8.9  | NONE    | ''",
            "sm_90                | 10.0 | NONE    | ''",
            // 'a' images run on exactly their CC
            "sm_90a               | 9.0  | NATIVE  | sm_90a",
            "sm_90a               | 10.0 | NONE    | ''",
            "sm_100a              | 10.3 | NONE    | ''",
            "compute_90a          | 10.0 | NONE    | ''",
            "compute_90a          | 9.0  | PTX_JIT | compute_90a",
            // 'f' images run on their family (same major, equal or higher minor)
            "sm_100f              | 10.3 | NATIVE  | sm_100f",
            "sm_100f              | 12.0 | NONE    | ''",
            "compute_100f         | 10.3 | PTX_JIT | compute_100f",
            "compute_100f         | 11.0 | NONE    | ''",
            // a cubin beats PTX even when the PTX is newer
            "sm_75 compute_86     | 8.6  | PTX_JIT | compute_86",
            "sm_80 compute_86     | 8.6  | NATIVE  | sm_80",
            "''                   | 8.0  | NONE    | ''",
            "sm_80                | x    | NONE    | ''",
    })
    void decides(String images, String cc, Mode mode, String image) {
        GpuCodeSupport.Support s = GpuCodeSupport.decide(images.isBlank() ? List.of() : List.of(images.split(" ")), cc);
        assertEquals(mode, s.mode());
        assertEquals(image, s.image().orElse(""));
    }
}
