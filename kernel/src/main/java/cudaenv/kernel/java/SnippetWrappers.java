package cudaenv.kernel.java;

import cudaenv.kernel.Log;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lets go of the wrapper class source that JShell keeps for every snippet, for ever (the snippet inside a class that
 * imports every declaration: kilobytes each), and of its class file, which javac reads again in every compilation,
 * once JShell can no longer compile, run or name that snippet: overwritten and dropped declarations, and statements
 * and expressions that have run, unless a lambda or a class body in them may run later (JShell names such frames
 * through that source). Soak: live heap growth per 1,000 cells 9.0 -> 5.2 MB. JShell has no API for this: the jar's
 * manifest opens jdk.jshell to the kernel, and where it is not open, or a JDK names these fields otherwise (checked
 * on 17 and 25), nothing is released.
 */
final class SnippetWrappers {
    private final Field outer;
    private final Field outerMap;
    private final Field classOuters;
    private final Field wrapToSnippet;
    /** javac's view of the wrapper classes (MemoryFileManager.classObjects) and JShell's (ClassTracker.map). */
    private final Field taskFactory;
    private final Field fileManager;
    private final Field classObjects;
    private final Field classTracker;
    private final Field trackedClasses;
    /** Declarations that were active after their cell: released once overwritten or dropped. */
    private final List<Snippet> declarations = new ArrayList<>();
    private boolean enabled;

    private SnippetWrappers(Field... fields) {
        this.outer = fields[0];
        this.outerMap = fields[1];
        this.classOuters = fields[2];
        this.wrapToSnippet = fields[3];
        this.taskFactory = fields[4];
        this.fileManager = fields[5];
        this.classObjects = fields[6];
        this.classTracker = fields[7];
        this.trackedClasses = fields[8];
        this.enabled = outer != null;
    }

    static SnippetWrappers of() {
        try {
            return new SnippetWrappers(open(Snippet.class, "outer"), open(JShell.class, "outerMap"),
                    open(internal("OuterWrapMap"), "classOuters"),
                    open(internal("OuterSnippetsClassWrap"), "wrapToSnippet"),
                    open(JShell.class, "taskFactory"), open(internal("TaskFactory"), "fileManager"),
                    open(internal("MemoryFileManager"), "classObjects"), open(JShell.class, "classTracker"),
                    open(internal("ClassTracker"), "map"));
        } catch (ReflectiveOperationException | RuntimeException e) {
            Log.warn("JShell's snippet wrappers stay in memory (" + e + "): run the kernel with java -jar cudaenv.jar,"
                    + " whose manifest opens jdk.jshell");
            return new SnippetWrappers(new Field[9]);
        }
    }

    private static Class<?> internal(String name) throws ClassNotFoundException {
        return Class.forName("jdk.jshell." + name, false, JShell.class.getClassLoader());
    }

    private static Field open(Class<?> owner, String name) throws NoSuchFieldException {
        Field field = owner.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    boolean enabled() {
        return enabled;
    }

    /** After a cell: releases what its snippets and the declarations it overwrote or dropped no longer need. */
    void cellDone(JShell jshell, List<Snippet> added) {
        if (!enabled) {
            return;
        }
        try {
            for (Snippet snippet : added) {
                if (isDeclaration(snippet)) {
                    declarations.add(snippet);
                } else if (!mayRunLater(snippet)) {
                    outer.set(snippet, null);
                }
            }
            for (var it = declarations.iterator(); it.hasNext(); ) {
                Snippet declaration = it.next();
                if (!jshell.status(declaration).isActive()) {
                    if (!mayRunLater(declaration)) {
                        outer.set(declaration, null);
                    }
                    it.remove();
                }
            }
            // JShell maps each wrapper class to its source to name stack frames: keep those a snippet still has,
            // and javac and JShell the class files of those only (javac reads every one in each compilation)
            Map<?, ?> outers = (Map<?, ?>) classOuters.get(outerMap.get(jshell));
            List<String> dead = new ArrayList<>();
            outers.entrySet().removeIf(e -> unused(e.getValue()) && dead.add("REPL." + e.getKey()));
            if (!dead.isEmpty()) {
                Map<?, ?> files = (Map<?, ?>) classObjects.get(fileManager.get(taskFactory.get(jshell)));
                Map<?, ?> tracked = (Map<?, ?>) trackedClasses.get(classTracker.get(jshell));
                for (String name : dead) {
                    files.keySet().removeIf(k -> ofClass(k, name));
                    tracked.keySet().removeIf(k -> ofClass(k, name));
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            enabled = false;
            Log.warn("no longer releasing JShell's snippet wrappers: " + e);
        }
    }

    /** The class itself or one nested in it (an anonymous or local class). */
    private static boolean ofClass(Object key, String name) {
        String k = (String) key;
        return k.equals(name) || k.startsWith(name + "$");
    }

    /** How many wrapper classes javac still sees. */
    int classFiles(JShell jshell) throws ReflectiveOperationException {
        return ((Map<?, ?>) classObjects.get(fileManager.get(taskFactory.get(jshell)))).size();
    }

    /** How many wrapper classes JShell still maps to their source. */
    int held(JShell jshell) throws ReflectiveOperationException {
        return ((Map<?, ?>) classOuters.get(outerMap.get(jshell))).size();
    }

    private boolean unused(Object classWrap) {
        try {
            for (Object snippet : ((Map<?, ?>) wrapToSnippet.get(classWrap)).values()) {
                if (outer.get(snippet) == classWrap) {
                    return false;
                }
            }
            return true;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Declarations (and imports) are compiled again when what they use changes; statements and expressions not. */
    private static boolean isDeclaration(Snippet snippet) {
        return snippet.kind().isPersistent();
    }

    /** A lambda, method reference or class body a snippet made can be called after it ran or was replaced. */
    static boolean mayRunLater(Snippet snippet) {
        String source = snippet.source();
        return source.contains("->") || source.contains("::") || source.contains("{");
    }
}
