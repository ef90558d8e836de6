package cudaenv.image;

import cudaenv.ReportOptions;
import cudaenv.report.Finding;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * The report flow's use of {@code --image-tag}: the tag's claims checked against the diagnosed report, as one
 * finding (image-tag-mismatch when a claim is contradicted, else image-tag-checked).
 */
public final class ImageTagFindings {
    private ImageTagFindings() {
    }

    /** The report with the tag's finding added; unchanged when no tag was given. */
    public static Report attach(Report diagnosed, ReportOptions options) {
        if (options.imageTag().isEmpty()) {
            return diagnosed;
        }
        List<Finding> findings = new ArrayList<>(diagnosed.findings());
        findings.add(finding(ImageTagCheck.check(options.imageTag().get(), diagnosed)));
        return diagnosed.withDiagnosis(findings, diagnosed.verdict(), diagnosed.builds());
    }

    static Finding finding(TagCheck check) {
        if (check.error().isPresent()) {
            return new Finding("image-tag-checked", Severity.INFO, "The image tag could not be read",
                    check.error().get() + ".", "Pass the tag as the image was pulled, e.g."
                    + " --image-tag pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime.");
        }
        List<String> lines = check.claims().stream().map(c -> c.subject() + " " + c.claimed() + ": "
                + c.status().label() + " (" + c.why() + ")").toList();
        List<String> wrong = check.claims().stream().filter(c -> c.status() == TagCheck.Status.CONTRADICTED)
                .map(c -> c.subject() + " " + c.claimed() + " (found " + c.found().orElse("none") + ")").toList();
        String detail = "Claims of " + check.tag() + ": " + String.join("; ", lines) + ".";
        if (wrong.isEmpty()) {
            return new Finding("image-tag-checked", Severity.INFO, "The image tag " + check.tag()
                    + " matches what is inside, as far as it can be checked", detail, "");
        }
        return new Finding("image-tag-mismatch", Severity.WARNING,
                "The image tag " + check.tag() + " does not match what is inside: " + String.join(", ", wrong),
                detail + " The container was changed after it was built (a pip install replacing torch, a copied"
                        + " runtime, an edited LD_LIBRARY_PATH) or was started from another image than the tag says.",
                "Trust the findings above, not the tag: they come from the files themselves. To get what the tag"
                        + " promises, start a fresh container from it and reinstall nothing over its framework.");
    }
}
