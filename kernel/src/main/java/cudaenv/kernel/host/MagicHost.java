package cudaenv.kernel.host;

import cudaenv.kernel.CellError;
import cudaenv.kernel.Completion;
import cudaenv.kernel.magic.DisplayData;
import cudaenv.kernel.magic.Magic;
import cudaenv.kernel.magic.MagicCall;
import cudaenv.kernel.magic.MagicContext;
import cudaenv.kernel.magic.MagicException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Finds magics with ServiceLoader and runs them; {@code %lsmagic} is its own. */
public final class MagicHost {
    static final String LSMAGIC = "lsmagic";
    private static final String LSMAGIC_HELP =
            "%lsmagic: lists the magics on the class path, one line each; %name? shows a magic's help";

    private final Map<String, Magic> magics = new LinkedHashMap<>();

    public MagicHost(Collection<Magic> found) {
        found.forEach(m -> magics.putIfAbsent(m.name(), m));
    }

    /** Every magic on the class path, found once. */
    public static MagicHost load() {
        List<Magic> found = new ArrayList<>();
        ServiceLoader.load(Magic.class).forEach(found::add);
        return new MagicHost(found);
    }

    /**
     * Runs one magic; a {@link MagicException} is a one-line error, a bug in a magic a full one.
     *
     * @param pager where {@code %name?} sends the magic's help (the client's pager, as IPython's {@code ?})
     */
    public Optional<CellError> run(MagicSyntax.Invocation invocation, MagicContext context,
                                   Consumer<DisplayData> pager) {
        MagicCall call = invocation.call();
        if (call.name().equals(LSMAGIC)) {
            if (invocation.helpAsked()) {
                pager.accept(DisplayData.text(LSMAGIC_HELP));
            } else if (!call.args().isBlank() || call.body().filter(b -> !b.isBlank()).isPresent()) {
                return Optional.of(CellError.oneLine("UsageError", "%lsmagic takes no arguments and no cell body"));
            } else {
                context.result(DisplayData.text(listing()));
            }
            return Optional.empty();
        }
        Magic magic = magics.get(call.name());
        if (magic == null) {
            return Optional.of(CellError.oneLine("UsageError", "unknown magic %" + call.name() + "; known: "
                    + knownNames()));
        }
        if (invocation.helpAsked()) {
            pager.accept(DisplayData.text(magic.help()));
            return Optional.empty();
        }
        try {
            magic.run(call, context);
            return Optional.empty();
        } catch (MagicException e) {
            return Optional.of(CellError.oneLine(e.errorName(), e.getMessage()));
        }
    }

    /** %lsmagic's text: one line per magic with its summary. */
    String listing() {
        StringBuilder b = new StringBuilder(
                "Magics (%name args on a line, %%name args for the whole cell; %name? for help):\n");
        b.append(String.format("  %%%-12s %s%n", LSMAGIC, "lists the magics"));
        magics.values().forEach(m -> b.append(String.format("  %%%-12s %s%n", m.name(), m.summary())));
        return b.toString();
    }

    private String knownNames() {
        return names().stream().map(n -> "%" + n).collect(Collectors.joining(", "));
    }

    /** %lsmagic first, then every loaded magic. */
    private List<String> names() {
        List<String> names = new ArrayList<>(List.of(LSMAGIC));
        names.addAll(magics.keySet());
        return names;
    }

    /** Magic names while the cursor is in the name, else what the magic under the cursor offers. */
    public Optional<Completion> complete(String code, int cursor) {
        Optional<MagicSyntax.LineAt> found = MagicSyntax.magicLineAt(code, cursor);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        MagicSyntax.LineAt at = found.get();
        int lineStart = at.lineStart();
        if (at.cursorInLine() <= at.nameEnd()) {
            String typed = at.line().substring(at.percent().length(), at.cursorInLine());
            List<String> matches = names().stream().filter(n -> n.startsWith(typed)).map(n -> at.percent() + n)
                    .toList();
            return Optional.of(new Completion(lineStart, lineStart + at.cursorInLine(), matches));
        }
        Magic magic = magics.get(at.name());
        if (magic == null) {
            return Optional.of(Completion.none(cursor));
        }
        String args = at.args();
        int inArgs = at.cursorInArgs();
        // a magic's completions replace the word under the cursor
        int wordStart = args.lastIndexOf(' ', inArgs - 1) + 1;
        return Optional.of(new Completion(lineStart + at.argsStart() + wordStart, cursor, magic.complete(args, inArgs)));
    }

    /** What the magic under the cursor says about itself; blank when it says nothing; empty off magic lines. */
    public Optional<String> inspect(String code, int cursor) {
        Optional<MagicSyntax.LineAt> found = MagicSyntax.magicLineAt(code, cursor);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        MagicSyntax.LineAt at = found.get();
        String name = at.name();
        if (name.equals(LSMAGIC)) {
            return Optional.of(LSMAGIC_HELP);
        }
        Magic magic = magics.get(name);
        if (magic == null) {
            return Optional.of("unknown magic %" + name + "; known: " + knownNames());
        }
        return Optional.of(magic.inspect(at.args(), at.cursorInArgs()).orElse(""));
    }
}
