package cudaenv.probe;

import com.sun.jna.Native;
import cudaenv.report.ProbeCall;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The native calls made on one library inside the worker: each is announced on the protocol stream before it
 * runs, so that when it crashes or hangs the parent can name it.
 */
final class Calls {
    /** The code a call "returns" when the library does not export it. */
    static final int NOT_EXPORTED = Integer.MIN_VALUE;
    /**
     * dlopen flags RTLD_LAZY | RTLD_LOCAL (JNA's default adds RTLD_GLOBAL): a global library's symbols would
     * interpose on every library loaded after it, so a second libcudart's or libcuda's own calls would run the first's code.
     */
    private static final Map<String, Object> OPEN_LOCAL = Map.of(com.sun.jna.Library.OPTION_OPEN_FLAGS, 0x1);

    private final String library;
    private final PrintStream protocol;
    private final List<ProbeCall> made = new ArrayList<>();
    private final Map<String, String> answers = new LinkedHashMap<>();

    Calls(String library, PrintStream protocol) {
        this.library = library;
        this.protocol = protocol;
    }

    /** A call returning a status code of {@code codeType} (see ReturnCodes). */
    int code(String call, String codeType, IntSupplier fn) {
        announce(call);
        long start = System.nanoTime();
        try {
            int result = fn.getAsInt();
            made.add(new ProbeCall(library, call, ReturnCodes.name(codeType, result), micros(start)));
            return result;
        } catch (UnsatisfiedLinkError e) {
            made.add(new ProbeCall(library, call, "not exported", micros(start)));
            return NOT_EXPORTED;
        }
    }

    /** A call returning a value (size_t), or empty when the library does not export it. */
    OptionalLong value(String call, LongSupplier fn) {
        announce(call);
        long start = System.nanoTime();
        try {
            long v = fn.getAsLong();
            made.add(new ProbeCall(library, call, Long.toString(v), micros(start)));
            return OptionalLong.of(v);
        } catch (UnsatisfiedLinkError e) {
            made.add(new ProbeCall(library, call, "not exported", micros(start)));
            return OptionalLong.empty();
        }
    }

    /** Loading itself runs the library's constructors, which may crash too. */
    <T extends com.sun.jna.Library> T load(String path, Class<T> api) {
        announce("dlopen");
        long start = System.nanoTime();
        try {
            T loaded = Native.load(path, api, OPEN_LOCAL);
            made.add(new ProbeCall(library, "dlopen", "ok", micros(start)));
            return loaded;
        } catch (UnsatisfiedLinkError e) {
            made.add(new ProbeCall(library, "dlopen", "failed", micros(start)));
            throw e;
        }
    }

    void answer(String call, String text) {
        answers.put(call, text);
    }

    /** The answer of a status-returning call in words: the value on success, else the code's name. */
    void answerCode(String call, String codeType, int code, String onSuccess) {
        answer(call, code == 0 ? onSuccess : code == NOT_EXPORTED ? "not exported" : ReturnCodes.describe(codeType, code));
    }

    List<ProbeCall> made() {
        return made;
    }

    Map<String, String> answers() {
        return answers;
    }

    private void announce(String call) {
        protocol.println("CALL " + call);
        protocol.flush();
    }

    private static long micros(long startNanos) {
        return (System.nanoTime() - startNanos) / 1000;
    }
}
