package cudaenv.kernel.java;

import cudaenv.kernel.CellContext;
import cudaenv.kernel.CellError;
import cudaenv.kernel.Completion;
import cudaenv.kernel.Values;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Java cells through one JShell in the kernel's JVM. JShell (and javac behind it) starts on first use, so the
 * kernel answers kernel_info and runs magics without paying for it.
 */
public final class JavaEngine {
    /** What every session can use without importing it. */
    private static final List<String> IMPORTS = List.of("import java.util.*;", "import java.util.stream.*;",
            "import java.io.*;", "import java.nio.file.*;", "import static cudaenv.kernel.Notebook.*;");

    private static final CellError INTERRUPTED = CellError.oneLine("Interrupted", "the cell was interrupted");

    private final CellExecutionControl control = new CellExecutionControl();
    private final SnippetOrigins origins = new SnippetOrigins();
    private final KeptResults kept;
    private SnippetWrappers wrappers;
    private CompilerRefresh refresh;
    private JShell shell;

    public JavaEngine() {
        this(KeptResults.configured());
    }

    JavaEngine(KeptResults kept) {
        this.kept = kept;
    }

    /** An engine keeping the expression results of the last {@code cells} cells (0: all of them). */
    public static JavaEngine keepingResultsOf(int cells) {
        return new JavaEngine(new KeptResults(cells));
    }

    private synchronized JShell shell() {
        if (shell == null) {
            shell = JShell.builder().executionEngine(new CellExecutionControlProvider(control), Map.of()).build();
            // the cells compile against everything the kernel has: its own API and the magics' jars
            String first = null;
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    shell.addToClasspath(entry);
                    first = first == null ? entry : first;
                }
            }
            refresh = new CompilerRefresh(first, CompilerRefresh.CELLS);
            wrappers = SnippetWrappers.of();
            IMPORTS.forEach(shell::eval);
        }
        return shell;
    }

    /** Evaluates the cell's snippets in order, stopping at the first error; the last expression is the result. */
    public Optional<CellError> eval(String code, CellContext cell) {
        control.newCell();
        JShell jshell = shell();
        List<Snippet> added = new ArrayList<>();
        try {
            return eval(jshell, code, cell, added);
        } finally {
            kept.cellDone(jshell, added);
            wrappers.cellDone(jshell, added);
            refresh.cellDone(jshell);
        }
    }

    private Optional<CellError> eval(JShell jshell, String code, CellContext cell, List<Snippet> added) {
        SourceCodeAnalysis analysis = jshell.sourceCodeAnalysis();
        CellSource source = new CellSource(code);
        String rest = code;
        Optional<CellExecutionControl.Value> last = Optional.empty();
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            if (cell.interrupted()) {
                return Optional.of(INTERRUPTED);
            }
            boolean complete = info.completeness().isComplete();
            // an incomplete tail is still evaluated, so that javac says what is missing
            String snippet = complete ? info.source() : rest;
            // JShell's snippet source keeps the leading blank, but JShell numbers the lines of a snippet that starts
            // with a blank line wrongly (every frame says line 1): evaluate it from its first character
            String trimmed = snippet.stripLeading();
            int start = code.length() - rest.length() + snippet.length() - trimmed.length();
            List<SnippetEvent> events = jshell.eval(trimmed);
            rest = complete ? info.remaining() : "";
            last = Optional.empty();
            for (SnippetEvent event : events) {
                if (event.causeSnippet() != null) {
                    continue;
                }
                added.add(event.snippet());
                origins.remember(event.snippet().id(), cell.executionCount(), source.line(start));
                Optional<CellError> error = errorOf(jshell, event, source, start, cell);
                if (error.isPresent()) {
                    return error;
                }
                if (event.value() != null && showsValue(event.snippet())) {
                    last = control.take(event.value());
                }
            }
        }
        last.ifPresent(value -> cell.result(Values.bundle(value.object())));
        return Optional.empty();
    }

    private Optional<CellError> errorOf(JShell jshell, SnippetEvent event, CellSource source, int start,
                                        CellContext cell) {
        if (event.status() == Snippet.Status.REJECTED) {
            List<Diag> diagnostics = jshell.diagnostics(event.snippet()).toList();
            CellError error = CompileErrors.of(diagnostics, source, start);
            Optional<String> hint = kept.hint(diagnostics.stream().filter(Diag::isError)
                    .map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.joining("\n")));
            return Optional.of(hint.map(error::withLine).orElse(error));
        }
        if (event.exception() == null) {
            return Optional.empty();
        }
        if (cell.interrupted()) {
            return Optional.of(INTERRUPTED);
        }
        if (event.exception() instanceof UnresolvedReferenceException unresolved) {
            DeclarationSnippet snippet = unresolved.getSnippet();
            String missing = jshell.unresolvedDependencies(snippet).collect(Collectors.joining(", "));
            CellError error = CellError.oneLine("UnresolvedReference",
                    snippet.name() + " cannot be used until " + missing + " is declared");
            return Optional.of(kept.hint(missing).map(error::withLine).orElse(error));
        }
        if (event.exception() instanceof EvalException thrown) {
            return Optional.of(UserTraces.of(thrown.getExceptionClassName(), thrown, origins));
        }
        return Optional.of(UserTraces.of(event.exception().getClass().getName(), event.exception(), origins));
    }

    /** Expressions show their value; declarations and statements do not. */
    private static boolean showsValue(Snippet snippet) {
        return snippet.kind() == Snippet.Kind.EXPRESSION
                || snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
    }

    /** Stops the running cell, if one is running. */
    public void interrupt() {
        control.interrupt();
    }

    /** "complete", "incomplete" or "invalid", as is_complete_reply says it. */
    public String completeness(String code) {
        SourceCodeAnalysis analysis = shell().sourceCodeAnalysis();
        String rest = code;
        while (true) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            switch (info.completeness()) {
                case COMPLETE, COMPLETE_WITH_SEMI -> {
                    if (info.remaining().isBlank()) {
                        return "complete";
                    }
                    rest = info.remaining();
                }
                case EMPTY -> {
                    return "complete";
                }
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
                    return "incomplete";
                }
                default -> {
                    return "invalid";
                }
            }
        }
    }

    public Completion complete(String code, int cursor) {
        Span span = snippetAt(code, cursor);
        int[] anchor = new int[1];
        List<String> matches = shell().sourceCodeAnalysis()
                .completionSuggestions(span.text(code), cursor - span.start(), anchor).stream()
                .map(SourceCodeAnalysis.Suggestion::continuation).distinct().toList();
        return new Completion(span.start() + anchor[0], cursor, matches);
    }

    /** The signature (and Javadoc when the JDK has its sources) of what is under the cursor. */
    public Optional<String> inspect(String code, int cursor) {
        Span span = snippetAt(code, cursor);
        String text = span.text(code);
        int at = cursor - span.start();
        int wordEnd = at;
        while (wordEnd < text.length() && Character.isJavaIdentifierPart(text.charAt(wordEnd))) {
            wordEnd++;
        }
        List<SourceCodeAnalysis.Documentation> docs = documentation(text.substring(0, wordEnd), wordEnd);
        if (docs.isEmpty()) {
            // JShell documents a method only inside its call, so ask as if the call had begun
            docs = documentation(text.substring(0, wordEnd) + "(", wordEnd + 1);
        }
        if (docs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(docs.stream()
                .map(d -> d.signature() + (d.javadoc() == null ? "" : "\n\n" + d.javadoc()))
                .collect(Collectors.joining("\n\n")));
    }

    private List<SourceCodeAnalysis.Documentation> documentation(String text, int cursor) {
        return shell().sourceCodeAnalysis().documentation(text, cursor, true);
    }

    private record Span(int start, int end) {
        String text(String code) {
            return code.substring(start, end);
        }
    }

    /** The snippet of a multi-statement cell that holds the cursor: JShell analyses one snippet at a time. */
    private Span snippetAt(String code, int cursor) {
        SourceCodeAnalysis analysis = shell().sourceCodeAnalysis();
        int start = 0;
        while (start < code.length()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(code.substring(start));
            if (!info.completeness().isComplete()) {
                break;
            }
            int end = code.length() - info.remaining().length();
            if (end >= cursor || end <= start) {
                return new Span(start, Math.max(end, cursor));
            }
            start = end;
        }
        return new Span(Math.min(start, cursor), code.length());
    }
}
