package cudaenv.kernel;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleProxies;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;

/**
 * SIGINT interrupts the running cell, as in ipykernel, for clients whose kernelspec says interrupt_mode "signal";
 * without it the JVM exits on the first interrupt. The JDK's way is sun.misc.Signal (module jdk.unsupported,
 * exported), reached reflectively because javac's "internal proprietary API" warning for it cannot be turned off
 * by @SuppressWarnings, -Xlint or -nowarn, and Maven's in-process javac ignores -XDignore.symbol.file.
 */
final class InterruptSignal {
    private InterruptSignal() {
    }

    /** Routes SIGINT to {@code interrupt}; logs why not when this JVM cannot take the signal. */
    static void install(Runnable interrupt) {
        try {
            Class<?> signalType = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            MethodHandle run = MethodHandles.lookup()
                    .findVirtual(Runnable.class, "run", MethodType.methodType(void.class)).bindTo(interrupt);
            Object handler = MethodHandleProxies.asInterfaceInstance(handlerType,
                    MethodHandles.dropArguments(run, 0, signalType));
            Object sigint = signalType.getConstructor(String.class).newInstance("INT");
            Object previous = signalType.getMethod("handle", signalType, handlerType).invoke(null, sigint, handler);
            if (previous == handlerType.getField("SIG_IGN").get(null)) {
                // the JVM keeps a signal ignored that was ignored at launch (a background job of a shell)
                Log.warn("SIGINT is ignored in this process, so only interrupt_request interrupts a cell");
            }
        } catch (InvocationTargetException e) {
            // -Xrs, or a JVM that keeps SIGINT for itself
            Log.warn("SIGINT cannot be handled (" + e.getCause() + "), so only interrupt_request interrupts a cell");
        } catch (ReflectiveOperationException e) {
            Log.warn("this JDK has no sun.misc.Signal (" + e + "), so only interrupt_request interrupts a cell");
        }
    }
}
