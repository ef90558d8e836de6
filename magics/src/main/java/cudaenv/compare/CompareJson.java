package cudaenv.compare;

import com.google.gson.stream.JsonWriter;
import cudaenv.compare.FleetSummary.Distribution;
import cudaenv.compare.FleetSummary.FindingTally;
import cudaenv.compare.FleetSummary.Group;
import cudaenv.compare.FleetSummary.Share;
import cudaenv.report.Finding;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Comparisons and fleet summaries as JSON for machines. {@code "mode"} is "diff" or "fleet"; absent facts are
 * null; without {@code all}, a diff leaves identical facts out and counts them in {@code identicalFacts}. A fleet
 * is always complete: every group, every value, and the hosts each group keeps.
 */
public final class CompareJson {
    private CompareJson() {
    }

    public static String of(Comparison c, boolean all) {
        return write(w -> {
            w.name("mode").value("diff");
            w.name("conclusion");
            conclusion(w, c.conclusion());
            w.name("a");
            side(w, c.a());
            w.name("b");
            side(w, c.b());
            w.name("identicalFacts").value(c.identicalCount());
            w.name("facts").beginArray();
            for (FactRow r : all ? c.rows() : c.differences()) {
                row(w, r);
            }
            w.endArray();
            findings(w, "onlyA", c.onlyA());
            findings(w, "onlyB", c.onlyB());
            findings(w, "shared", c.shared());
        });
    }

    public static String of(FleetSummary s) {
        StringWriter out = new StringWriter();
        try {
            write(s, out);
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return out.toString();
    }

    /** The fleet summary written straight to {@code out} as it goes: a fleet of many groups is never one String. */
    public static void write(FleetSummary s, Writer out) throws IOException {
        write(out, w -> {
            w.name("mode").value("fleet");
            w.name("headline").value(s.headline());
            w.name("nodes").value(s.nodes());
            w.name("schemaVersions").beginObject();
            for (Map.Entry<Integer, Long> e : new java.util.TreeMap<>(s.schemaVersions()).entrySet()) {
                w.name(e.getKey().toString()).value(e.getValue());
            }
            w.endObject();
            w.name("groups").beginArray();
            for (Group g : s.groups()) {
                group(w, g);
            }
            w.endArray();
            w.name("distributions").beginArray();
            for (Distribution d : s.distributions()) {
                w.beginObject().name("dimension").value(d.dimension()).name("unit").value(d.unit());
                w.name("shares").beginArray();
                for (Share sh : d.shares()) {
                    w.beginObject().name("value").value(sh.value()).name("count").value(sh.count()).endObject();
                }
                w.endArray().endObject();
            }
            w.endArray();
            w.name("rejected").beginObject().name("count").value(s.rejectedCount()).name("first").beginArray();
            for (FleetSummary.Rejected r : s.rejected()) {
                w.beginObject().name("where").value(r.where()).name("error").value(r.error()).endObject();
            }
            w.endArray().endObject();
        });
    }

    private static void group(JsonWriter w, Group g) throws IOException {
        w.beginObject().name("label").value(g.label()).name("nodes").value(g.nodes()).name("outlier").value(g.outlier());
        w.name("hosts").beginArray();
        for (String h : g.hosts()) {
            w.value(h);
        }
        w.endArray().name("hostsOmitted").value(g.hostsOmitted());
        w.name("configuration").beginObject();
        for (Fact f : g.configuration()) {
            w.name(f.id()).value(f.value());
        }
        w.endObject();
        w.name("findings").beginArray();
        for (FindingTally t : g.findings()) {
            w.beginObject().name("id").value(t.id()).name("severity").value(t.severity().label())
                    .name("title").value(t.title()).name("nodes").value(t.nodes()).endObject();
        }
        w.endArray();
        w.name("versusGroup1").beginArray();
        for (FactRow r : g.versusMajority()) {
            row(w, r);
        }
        w.endArray();
        w.name("conclusion");
        if (g.conclusion().isPresent()) {
            conclusion(w, g.conclusion().get());
        } else {
            w.nullValue();
        }
        w.endObject();
    }

    private static void conclusion(JsonWriter w, Conclusion c) throws IOException {
        w.beginObject().name("basis").value(c.basis().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .name("sentence").value(c.sentence()).endObject();
    }

    private static void side(JsonWriter w, Side s) throws IOException {
        w.beginObject().name("label").value(s.label()).name("description").value(s.description()).endObject();
    }

    private static void row(JsonWriter w, FactRow r) throws IOException {
        w.beginObject().name("aspect").value(r.aspect().label()).name("name").value(r.name());
        optional(w.name("a"), r.a());
        optional(w.name("b"), r.b());
        w.name("differs").value(r.differs()).endObject();
    }

    private static void optional(JsonWriter w, Optional<String> v) throws IOException {
        if (v.isPresent()) {
            w.value(v.get());
        } else {
            w.nullValue();
        }
    }

    private static void findings(JsonWriter w, String name, List<Finding> findings) throws IOException {
        w.name(name).beginArray();
        for (Finding f : findings) {
            w.beginObject().name("id").value(f.id()).name("severity").value(f.severity().label())
                    .name("title").value(f.title()).name("detail").value(f.detail()).name("fix").value(f.fix())
                    .endObject();
        }
        w.endArray();
    }

    private interface Body {
        void write(JsonWriter w) throws IOException;
    }

    private static String write(Body body) {
        StringWriter out = new StringWriter();
        try {
            write(out, body);
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return out.toString();
    }

    private static void write(Writer out, Body body) throws IOException {
        JsonWriter w = new JsonWriter(out);
        w.setIndent("  ");
        w.setSerializeNulls(true);
        w.beginObject();
        body.write(w);
        w.endObject();
        w.flush();
        out.write('\n');
        out.flush();
    }
}
