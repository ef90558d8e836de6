package cudaenv.image;

import cudaenv.diagnose.data.NgcReleases;
import cudaenv.image.TagCheck.Status;
import cudaenv.report.Framework;
import cudaenv.report.Host;
import cudaenv.report.Library;
import cudaenv.report.LibraryStatus;
import cudaenv.report.Report;
import cudaenv.report.Toolkit;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageTagCheckTest {

    private static Library lib(String kind, String path, String version, String fileVersion) {
        return new Library(kind, path, Optional.empty(), Optional.ofNullable(version), Optional.ofNullable(fileVersion),
                "ld.so.cache", LibraryStatus.OK, Optional.empty(), true, Optional.empty(), Optional.empty(), Map.of());
    }

    private static Report report(List<Library> libs, List<Framework> frameworks, Optional<String> nvcc, String os) {
        return new Report(Report.SCHEMA_VERSION, null, new Host("h", os, "", "x86_64"), null, null, libs,
                new Toolkit(nvcc, nvcc.map(v -> "/usr/local/cuda-" + v), List.of()), frameworks, null, null, null,
                null, null, null);
    }

    private static Map<String, Status> statuses(TagCheck check) {
        return check.claims().stream().collect(java.util.stream.Collectors.toMap(TagCheck.Claim::subject,
                TagCheck.Claim::status));
    }

    @Test
    void pytorchTagMatchingTheInside() {
        Report r = report(List.of(lib("cudart", "/opt/conda/lib/libcudart.so.12", "12.4", "12.4.127"),
                        lib("cudnn", "/opt/conda/lib/libcudnn.so.9", "9.1.0", null)),
                List.of(new Framework("torch", Optional.of("2.5.1+cu124"), Optional.of("12.4"), "/opt/conda/torch",
                        Optional.empty())), Optional.of("12.4"), "Ubuntu 22.04.4 LTS");
        TagCheck c = ImageTagCheck.check("pytorch/pytorch:2.5.1-cuda12.4-cudnn9-devel", r);
        assertEquals(Map.of("PyTorch", Status.CONFIRMED, "CUDA", Status.CONFIRMED, "cuDNN", Status.CONFIRMED,
                "nvcc", Status.CONFIRMED), statuses(c));
    }

    @Test
    void pytorchTagContradictedByASwappedRuntimeAndMissingNvcc() {
        Report r = report(List.of(lib("cudart", "/usr/lib/libcudart.so.11.0", "11.8", "11.8.89"),
                        lib("cudnn", "/usr/lib/libcudnn.so.8", "8.9.7", null)),
                List.of(new Framework("torch", Optional.of("2.1.0+cu118"), Optional.of("11.8"), "/t", Optional.empty())),
                Optional.empty(), "");
        TagCheck c = ImageTagCheck.check("pytorch/pytorch:2.5.1-cuda12.4-cudnn9-devel", r);
        assertEquals(Map.of("PyTorch", Status.CONTRADICTED, "CUDA", Status.CONTRADICTED, "cuDNN",
                Status.CONTRADICTED, "nvcc", Status.CONTRADICTED), statuses(c));
        assertTrue(c.contradicted());
        assertEquals("2.1.0+cu118", c.claims().get(0).found().orElseThrow());
    }

    @Test
    void nvidiaCudaTagComparesRuntimeAtMajorMinorAndTheOs() {
        Report r = report(List.of(lib("cudart", "/usr/local/cuda-12.4/lib64/libcudart.so.12", "12.4", null)),
                List.of(), Optional.empty(), "Ubuntu 20.04.6 LTS");
        TagCheck c = ImageTagCheck.check("nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04", r);
        assertEquals(Map.of("CUDA", Status.CONFIRMED, "cuDNN", Status.CONTRADICTED, "OS", Status.CONTRADICTED),
                statuses(c));
        ImageTag t = ImageTag.parse("nvidia/cuda:11.8.0-cudnn8-devel-ubuntu22.04").orElseThrow();
        assertEquals(Optional.of("8"), t.cudnnMajor());
        assertEquals(Optional.of("devel"), t.flavor());
        assertEquals(Optional.of("ubuntu22.04"), t.os());
        assertEquals(Optional.of("base"), ImageTag.parse("nvidia/cuda:12.2.0-base-ubuntu22.04").orElseThrow().flavor());
    }

    @Test
    void ngcTagUsesTheReleaseTable() {
        NgcReleases.Release r2406 = NgcReleases.find("24.06").orElseThrow();
        Report r = report(List.of(lib("cudart", "/usr/local/cuda/lib64/libcudart.so.12", "12.4", null)),
                List.of(new Framework("torch", Optional.of(r2406.pytorch() + "+f70bd71a48.nv24.06"),
                        Optional.of("12.4"), "/usr/local/lib/python3.10/dist-packages/torch", Optional.empty())),
                Optional.empty(), "");
        TagCheck c = ImageTagCheck.check("nvcr.io/nvidia/pytorch:24.06-py3", r);
        // the table says 24.06 ships CUDA 12.5: a 12.4 inside contradicts it
        assertEquals(Map.of("PyTorch", Status.CONFIRMED, "CUDA", Status.CONTRADICTED), statuses(c));
        TagCheck unknown = ImageTagCheck.check("nvcr.io/nvidia/pytorch:19.01-py3", r);
        assertEquals(Map.of("NGC release", Status.NOT_CHECKABLE), statuses(unknown));
    }

    /** Missing torch and missing cuDNN are judged alike: absent where CUDA software was found contradicts the tag. */
    @Test
    void aMissingTorchIsContradictedLikeAMissingCudnn() {
        Report r = report(List.of(lib("cudart", "/usr/local/cuda-12.4/lib64/libcudart.so.12", "12.4", "12.4.127")),
                List.of(), Optional.empty(), "");
        TagCheck c = ImageTagCheck.check("pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime", r);
        assertEquals(Map.of("PyTorch", Status.CONTRADICTED, "CUDA", Status.CONFIRMED, "cuDNN", Status.CONTRADICTED),
                statuses(c));
    }

    @Test
    void nothingToCheckAgainstIsNotCheckable() {
        Report empty = report(List.of(), List.of(), Optional.empty(), "");
        TagCheck c = ImageTagCheck.check("pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime", empty);
        assertEquals(Map.of("PyTorch", Status.NOT_CHECKABLE, "CUDA", Status.NOT_CHECKABLE, "cuDNN",
                Status.NOT_CHECKABLE), statuses(c));
    }

    @Test
    void anUnknownTagIsAnErrorValueNamingTheKnownForms() {
        TagCheck c = ImageTagCheck.check("ubuntu:22.04", report(List.of(), List.of(), Optional.empty(), ""));
        assertTrue(c.error().orElseThrow().contains("nvcr.io/nvidia/pytorch:<yy.mm>-py3"), c.error().get());
        assertTrue(c.claims().isEmpty());
    }

    @Test
    void everyNgcRowNamesItsSource() {
        assertTrue(NgcReleases.all().size() >= 4);
        NgcReleases.all().forEach(r -> assertTrue(r.source().contains("release notes") || r.source().startsWith("https://"),
                r.toString()));
    }

    @Test
    void theReportFlowAddsOneFindingForTheTag() {
        Report r = report(List.of(lib("cudart", "/usr/lib/libcudart.so.11.0", "11.8", "11.8.89")), List.of(),
                Optional.empty(), "");
        cudaenv.ReportOptions none = cudaenv.ReportOptions.thisMachine();
        assertEquals(r, ImageTagFindings.attach(r, none));
        Report tagged = ImageTagFindings.attach(r, none.withImageTag("nvidia/cuda:12.4.1-devel-ubuntu22.04"));
        cudaenv.report.Finding f = tagged.findings().get(0);
        assertEquals("image-tag-mismatch", f.id());
        assertTrue(f.title().contains("CUDA 12.4.1 (found 11.8)") && f.title().contains("nvcc"), f.title());
        Report ok = ImageTagFindings.attach(r, none.withImageTag("nvidia/cuda:11.8.0-base-ubuntu22.04"));
        assertEquals("image-tag-checked", ok.findings().get(0).id());
    }
}
