package cudaenv.kernel;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/** One-line reasons for failed file operations: java.nio's messages are often just the path. */
public final class FileErrors {
    private FileErrors() {
    }

    /** Why the operation failed, e.g. "no such file", "permission denied", "malformed input (...)". */
    public static String reason(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return midSentence(f.getReason());
        }
        if (e.getClass() == java.io.IOException.class && e.getMessage() != null && !e.getMessage().isEmpty()) {
            return midSentence(e.getMessage());
        }
        if (e instanceof InvalidPathException p) {
            return "not a valid path (" + p.getReason() + ")";
        }
        String kind = e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2");
        return kind.toLowerCase(Locale.ROOT) + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
    }

    /** The system's words ("Is a directory") read as the middle of a sentence here. */
    private static String midSentence(String words) {
        return words.substring(0, 1).toLowerCase(Locale.ROOT) + words.substring(1);
    }

    /** The file the operation failed on and why, e.g. "/opt/x/share: permission denied". */
    public static String describe(Exception e) {
        String file = e instanceof FileSystemException f && f.getFile() != null ? f.getFile() + ": " : "";
        return file + reason(e);
    }
}
