package cudaenv.kernel.java;

import cudaenv.kernel.CellError;

import java.util.ArrayList;
import java.util.List;

/**
 * An exception thrown by a cell, with its stack trace cut below the last frame of the user's code, and each frame
 * of the user's code named by its cell as IPython does: {@code explode (Cell In[3], line 2)}.
 */
final class UserTraces {

    private UserTraces() {
    }

    static CellError of(String className, Throwable thrown, SnippetOrigins origins) {
        List<String> traceback = new ArrayList<>();
        String ename = className;
        Throwable current = thrown;
        String prefix = "";
        String currentName = className;
        while (current != null) {
            traceback.add(prefix + currentName + (current.getMessage() == null ? "" : ": " + current.getMessage()));
            for (StackTraceElement frame : userFrames(current.getStackTrace())) {
                traceback.add("\tat " + describe(frame, origins));
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
            if (isSnippet(frames[i])) {
                last = i;
            }
        }
        return List.of(frames).subList(0, last + 1);
    }

    /** JShell renames snippet frames: no class, file "#ID" (the snippet's id). */
    private static boolean isSnippet(StackTraceElement frame) {
        return frame.getClassName().isEmpty() && frame.getFileName() != null && frame.getFileName().startsWith("#");
    }

    /**
     * A snippet frame by its cell and line, e.g. {@code explode (Cell In[3], line 2)}; one whose cell is not known
     * as JShell prints it, {@code explode (#3:2)}; other frames as Java prints them.
     */
    private static String describe(StackTraceElement frame, SnippetOrigins origins) {
        if (!isSnippet(frame)) {
            return frame.toString();
        }
        String method = frame.getMethodName().isEmpty() ? "" : frame.getMethodName() + " ";
        return method + origins.of(frame.getFileName().substring(1))
                .filter(o -> frame.getLineNumber() > 0)
                .map(o -> "(Cell In[" + o.executionCount() + "], line " + (o.firstLine() + frame.getLineNumber() - 1) + ")")
                .orElse("(" + frame.getFileName() + ":" + frame.getLineNumber() + ")");
    }
}
