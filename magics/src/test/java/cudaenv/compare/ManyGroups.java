package cudaenv.compare;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/** A fleet of N groups written as JSON to stdout: run in a child JVM with a small heap by CompareJsonTest. */
public final class ManyGroups {
    public static void main(String[] args) throws Exception {
        Fleet fleet = new Fleet();
        int n = Integer.parseInt(args[0]);
        for (int i = 0; i < n; i++) {
            fleet.add("x", new Machine().host("n" + i).cudart("12." + i).report());
        }
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        if (args.length > 1 && args[1].equals("string")) {
            out.write(CompareJson.of(fleet.summary()));
            out.flush();
        } else {
            CompareJson.write(fleet.summary(), out);
        }
    }
}
