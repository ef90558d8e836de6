package cudaenv.compare;

import cudaenv.report.Report;
import cudaenv.report.ReportJson;

import java.util.Optional;

/**
 * A document read as a report, or why it is none. Any schemaVersion from 0 to the current one loads (fields
 * a writer left out take their empty values); a newer one loads too, its unknown fields ignored (the fleet
 * summary counts schema versions and says so). No schema before 1 was released, so nothing needs renaming.
 */
public record LoadedReport(String where, Optional<Report> report, Optional<String> error) {

    public static LoadedReport of(JsonDocuments.Document doc) {
        if (doc.json().isEmpty()) {
            return new LoadedReport(doc.where(), Optional.empty(), doc.error());
        }
        if (!doc.keys().contains("schemaVersion")) {
            return new LoadedReport(doc.where(), Optional.empty(), Optional.of("no schemaVersion: not a cudaenv report"));
        }
        return checked(doc.where(), ReportJson.bind(doc.json().get()));
    }

    /** A bound report, unless its schemaVersion is none of cudaenv's. */
    static LoadedReport checked(String where, ReportJson.Result read) {
        if (read.report().isPresent() && read.report().get().schemaVersion() < 0) {
            return new LoadedReport(where, Optional.empty(),
                    Optional.of("schemaVersion " + read.report().get().schemaVersion() + " is not a cudaenv schema"));
        }
        return new LoadedReport(where, read.report(), read.error());
    }
}
