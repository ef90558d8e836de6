package cudaenv.report;

/**
 * A diagnosis: names the cause, cites the measured facts, says what to do.
 *
 * @param id stable identifier from the contract, e.g. driver-too-old
 */
public record Finding(String id, Severity severity, String title, String detail, String fix) {
    public Finding {
        id = id == null ? "" : id;
        severity = severity == null ? Severity.INFO : severity;
        title = title == null ? "" : title;
        detail = detail == null ? "" : detail;
        fix = fix == null ? "" : fix;
    }
}
