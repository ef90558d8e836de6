package cudaenv.report;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportJsonTest {

    private static Report sample() {
        Driver driver = new Driver(true, Optional.of("535.113.01"), Optional.of("12.2"), Optional.of("nvml"),
                Optional.of("535.113.01"), Optional.empty(), Optional.of("/usr/lib/x86_64-linux-gnu/libcuda.so.535.113.01"),
                Optional.of("CUDA_SUCCESS"), Optional.of("NVML_SUCCESS"), List.of("/dev/nvidia0"), true);
        Gpu gpu = new Gpu(0, "NVIDIA A100-PCIE-40GB", "GPU-1", "8.0", 42505273344L, "00000000:17:00.0",
                Optional.of(1024L), Optional.of(3), Optional.empty(), Optional.of(41), Optional.of(35.5),
                Optional.of("Disabled"), List.of(new Gpu.GpuProcess(42, 1024)));
        Library cudart = new Library("cudart", "/usr/local/cuda-11.8/lib64/libcudart.so.11.8.89",
                Optional.of("libcudart.so.11.0"), Optional.of("11.8"), Optional.of("11.8.89"), "ld.so.cache",
                LibraryStatus.OK, Optional.empty(), true, Optional.of("first in ld.so.cache"), Optional.empty(),
                Map.of("cudaGetDeviceCount", "cudaSuccess (0)"));
        Finding finding = new Finding("driver-too-old", Severity.ERROR, "t", "d", "f");
        return new Report(Report.SCHEMA_VERSION, null, new Host("h", "Debian 12", "6.1", "x86_64"), driver,
                List.of(gpu), List.of(cudart), new Toolkit(Optional.empty(), Optional.empty(), List.of()), null, null,
                List.of(finding), new Verdict(false, "no"), null, null, null);
    }

    @Test
    void writesTheContractFieldNamesAndNullsForUnknowns() {
        JsonObject json = JsonParser.parseString(ReportJson.pretty(sample())).getAsJsonObject();
        assertEquals(1, json.get("schemaVersion").getAsInt());
        assertEquals("cudaenv", json.getAsJsonObject("tool").get("name").getAsString());
        assertEquals("12.2", json.getAsJsonObject("driver").get("cudaVersion").getAsString());
        assertTrue(json.getAsJsonObject("toolkit").get("nvccVersion").isJsonNull(), "absent toolkit is null members");
        JsonObject lib = json.getAsJsonArray("libraries").get(0).getAsJsonObject();
        assertEquals("ok", lib.get("status").getAsString());
        assertEquals("ld.so.cache", lib.get("origin").getAsString());
        assertEquals("error", json.getAsJsonArray("findings").get(0).getAsJsonObject().get("severity").getAsString());
        assertEquals("8.0", json.getAsJsonArray("gpus").get(0).getAsJsonObject().get("computeCapability").getAsString());
    }

    @Test
    void roundTripsEveryField() {
        Report original = sample();
        Report back = ReportJson.read(ReportJson.compact(original)).report().orElseThrow();
        assertEquals(original, back);
    }

    @Test
    void compactIsOneLine() {
        assertFalse(ReportJson.compact(sample()).contains("\n"));
    }

    @Test
    void aDocumentWithOnlySomeFieldsLoadsWithEmptiesNotNulls() {
        Report r = ReportJson.read("{\"schemaVersion\":1,\"driver\":{\"loaded\":false},\"libraries\":[{\"kind\":\"cudart\"}]}")
                .report().orElseThrow();
        assertTrue(r.gpus().isEmpty());
        assertTrue(r.driver().version().isEmpty());
        assertEquals(LibraryStatus.NOT_LOADED, r.libraries().get(0).status());
        assertTrue(r.libraries().get(0).version().isEmpty());
        assertEquals("", r.host().hostname());
    }

    @Test
    void aNullEntryInAListIsDroppedNotACrash() {
        // CompareFuzzTest seed -5231280897312073851: "libraries": [null] ended in "parsing a report failed: a bug"
        String json = "{\"schemaVersion\":1,\"libraries\":[null,{\"kind\":\"cudart\"}],\"gpus\":[null]}";
        for (ReportJson.Result result : List.of(ReportJson.read(json), ReportJson.bind(json))) {
            Report r = result.report().orElseThrow();
            assertEquals(1, r.libraries().size());
            assertTrue(r.gpus().isEmpty());
        }
    }

    @Test
    void somethingThatIsNotAReportIsAnErrorValue() {
        assertEquals(Optional.of("no schemaVersion: not a cudaenv report"), ReportJson.read("{\"a\":1}").error());
        assertEquals(Optional.of("not a JSON object"), ReportJson.read("[1,2]").error());
        assertTrue(ReportJson.read("{\"schemaVersion\":").error().orElseThrow().startsWith("not valid report JSON"));
        assertTrue(ReportJson.read("{\"schemaVersion\":1,\"gpus\":\"many\"}").error().isPresent());
    }
}
