package cudaenv.magic;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import cudaenv.image.TagCheck;
import cudaenv.image.TagCheck.Claim;
import cudaenv.kernel.magic.DisplayData;
import cudaenv.render.Cell;
import cudaenv.render.Part;
import cudaenv.render.Section;
import cudaenv.render.Status;

import java.util.ArrayList;
import java.util.List;

/** {@code %cudaenv tag}: an image tag's claims against the report, as a verdict line and one row per claim. */
final class TagBundle {
    private TagBundle() {
    }

    static DisplayData of(TagCheck check) {
        return ReportBundle.of(section(check), MimeTypes.TAG, json(check));
    }

    static Section section(TagCheck check) {
        List<List<Cell>> rows = new ArrayList<>();
        for (Claim c : check.claims()) {
            rows.add(List.of(Cell.status(status(c.status()), c.status().label()), Cell.of(c.subject()),
                    Cell.of(c.claimed()), found(c), Cell.of(c.why())));
        }
        Part.Table table = new Part.Table("Claims of " + check.tag(),
                List.of("Status", "Claim", "Tag says", "Found", "Why"), rows, false);
        return new Section("tag", "Image tag", List.of(banner(check), table));
    }

    private static Part.Banner banner(TagCheck check) {
        if (check.contradicted()) {
            return new Part.Banner(Status.WARNING, "The tag does not match what is inside",
                    String.join(", ", check.claims().stream().filter(c -> c.status() == TagCheck.Status.CONTRADICTED)
                            .map(c -> c.subject() + " " + c.claimed() + c.found().map(f -> " (found " + f + ")")
                                    .orElse(" (not found)"))
                            .toList()));
        }
        long confirmed = check.claims().stream().filter(c -> c.status() == TagCheck.Status.CONFIRMED).count();
        long unchecked = check.claims().size() - confirmed;
        if (confirmed == 0) {
            return new Part.Banner(Status.UNKNOWN, "Nothing the tag claims could be checked here", "");
        }
        // with claims left unchecked, saying "matches" outright would overclaim what the table shows
        return new Part.Banner(Status.OK, unchecked > 0 ? "What could be checked matches the tag"
                : "The tag matches what is inside", confirmed + " confirmed"
                + (unchecked > 0 ? ", " + unchecked + " not checkable" : ""));
    }

    /** The same words as the headline: a contradicted claim with nothing found is "not found", not "unknown". */
    private static Cell found(Claim c) {
        return c.found().map(Cell::code).orElseGet(() -> c.status() == TagCheck.Status.CONTRADICTED
                ? Cell.of("not found") : Cell.status(Status.UNKNOWN, ""));
    }

    private static Status status(TagCheck.Status s) {
        return switch (s) {
            case CONFIRMED -> Status.OK;
            case CONTRADICTED -> Status.WARNING;
            case NOT_CHECKABLE -> Status.UNKNOWN;
        };
    }

    static JsonObject json(TagCheck check) {
        JsonObject o = new JsonObject();
        o.addProperty("tag", check.tag());
        o.addProperty("contradicted", check.contradicted());
        JsonArray claims = new JsonArray();
        for (Claim c : check.claims()) {
            JsonObject j = new JsonObject();
            j.addProperty("subject", c.subject());
            j.addProperty("claimed", c.claimed());
            j.addProperty("found", c.found().orElse(null));
            j.addProperty("status", c.status().label());
            j.addProperty("why", c.why());
            claims.add(j);
        }
        o.add("claims", claims);
        return o;
    }
}
