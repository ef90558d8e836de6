package cudaenv.cli;

import cudaenv.kernel.magic.MagicCall;
import cudaenv.kernel.magic.MagicException;
import cudaenv.magic.CudaEnvMagic;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * {@code magic --display-json LINE}: runs {@code %cudaenv LINE} outside a Java kernel and prints what it shows
 * as JSON lines (see {@link JsonLinesContext}); the IPython extension ({@code install --ipython}) replays them.
 */
final class MagicCommand implements Command {
    @Override
    public String name() {
        return "magic";
    }

    @Override
    public String summary() {
        return "runs a %cudaenv line and prints its outputs as JSON lines (for the IPython extension)";
    }

    @Override
    public String usage() {
        return """
                Usage: cudaenv magic --display-json [LINE]

                Runs %cudaenv LINE (e.g. "libs", "check --require 'cuda>=12.1'") as the Java kernel would and prints
                each output as one JSON object per line on stdout:
                  {"type":"stream","name":"stdout","text":...}
                  {"type":"display","data":{MIME:...},"metadata":{...},"display_id":ID or null}
                  {"type":"update","data":...,"metadata":...,"display_id":ID}   (replaces that display: watch)
                  {"type":"error","ename":...,"evalue":...}                      (then exit status 1)
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        if (args.isEmpty() || !args.get(0).equals("--display-json")) {
            throw new UsageException("the only output is --display-json, given first");
        }
        String line = String.join(" ", args.subList(1, args.size()));
        JsonLinesContext context = new JsonLinesContext(out);
        try {
            new CudaEnvMagic().run(new MagicCall("cudaenv", line, Optional.empty()), context);
            return 0;
        } catch (MagicException e) {
            context.error(e.errorName(), e.getMessage());
            return 1;
        }
    }
}
