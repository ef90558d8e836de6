package cudaenv.kernel.java;

import cudaenv.kernel.CellError;

import java.util.ArrayList;
import java.util.List;

/** An exception thrown by a cell, with its stack trace cut below the last frame of the user's code. */
final class UserTraces {
    /** The package JShell compiles snippets into. */
    private static final String SNIPPET_PREFIX = "REPL.";

    private UserTraces() {
    }

    static CellError of(String className, Throwable thrown) {
        List<String> traceback = new ArrayList<>();
        String ename = className;
        Throwable current = thrown;
        String prefix = "";
        String currentName = className;
        while (current != null) {
            traceback.add(prefix + currentName + (current.getMessage() == null ? "" : ": " + current.getMessage()));
            for (StackTraceElement frame : userFrames(current.getStackTrace())) {
                traceback.add("\tat " + describe(frame));
            }
            current = current.getCause();
            prefix = "Caused by: ";
            currentName = current instanceof jdk.jshell.EvalException eval ? eval.getExceptionClassName()
                    : current == null ? "" : current.getClass().getName();
        }
        return new CellError(ename, thrown.getMessage() == null ? "" : thrown.getMessage(), traceback);
    }

    /** Frames down to the deepest snippet frame; the reflection and kernel frames below it are noise. */
    static List<StackTraceElement> userFrames(StackTraceElement[] frames) {
        int last = -1;
        for (int i = 0; i < frames.length; i++) {
            if (frames[i].getClassName().startsWith(SNIPPET_PREFIX)) {
                last = i;
            }
        }
        return List.of(frames).subList(0, last + 1);
    }

    /** A snippet frame as JShell prints it, e.g. {@code square (#3:2)}; other frames as Java prints them. */
    private static String describe(StackTraceElement frame) {
        if (!frame.getClassName().startsWith(SNIPPET_PREFIX)) {
            return frame.toString();
        }
        String method = frame.getMethodName().equals("do_it$") ? "" : frame.getMethodName() + " ";
        return method + "(" + frame.getFileName() + ":" + frame.getLineNumber() + ")";
    }
}
