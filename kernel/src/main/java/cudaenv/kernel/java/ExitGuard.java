package cudaenv.kernel.java;

import java.security.Permission;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ForkJoinPool;

/**
 * Refuses System.exit, Runtime.exit and Runtime.halt called by a cell, since cells run in the kernel's JVM and
 * would end it. A security manager is the one hook that sees every route to them (direct calls, reflection,
 * method handles, a library called from a cell, threads a cell started); it is deprecated but works on JDK 17
 * (with -Djava.security.manager=allow from 18 on). Every other permission is granted, so nothing else changes.
 */
@SuppressWarnings("removal")
public final class ExitGuard extends SecurityManager {
    /** The loaders JShell defines snippet classes in: a call with one of their classes on the stack is a cell's. */
    private static final Set<ClassLoader> CELL_LOADERS = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    private ExitGuard() {
    }

    /** Installs the guard; false where this JVM refuses security managers (JDK 18+ without the flag, 24+). */
    public static boolean install() {
        // the common pool picks its thread factory once, by whether a security manager is set: keep the plain one
        ForkJoinPool.commonPool();
        try {
            System.setSecurityManager(new ExitGuard());
            return true;
        } catch (UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** Marks a snippet's loader; the kernel's own loader and its parents never count as a cell's. */
    static void cellLoader(ClassLoader loader) {
        for (ClassLoader kernel = ExitGuard.class.getClassLoader(); kernel != null; kernel = kernel.getParent()) {
            if (kernel == loader) {
                return;
            }
        }
        if (loader != null) {
            CELL_LOADERS.add(loader);
        }
    }

    @Override
    public void checkExit(int status) {
        for (Class<?> caller : getClassContext()) {
            ClassLoader loader = caller.getClassLoader();
            if (loader != null && CELL_LOADERS.contains(loader)) {
                throw new SecurityException("a cell may not end the kernel: System.exit(" + status
                        + ") / Runtime.halt was refused (use Kernel > Restart or Shut Down instead)");
            }
        }
    }

    @Override
    public void checkPermission(Permission perm) {
        // everything else is allowed, as without a security manager
    }

    @Override
    public void checkPermission(Permission perm, Object context) {
        // everything else is allowed, as without a security manager
    }
}
