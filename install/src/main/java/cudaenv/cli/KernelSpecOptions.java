package cudaenv.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The flags of install and uninstall: where the kernelspec goes, its name, and (install only) how it looks and
 * which JVM flags it adds.
 */
record KernelSpecOptions(KernelSpecLocation.Scope scope, Optional<Path> prefix, String name, String displayName,
                         List<String> javaOpts) {
    static final String DEFAULT_NAME = "cudaenv";
    static final String DEFAULT_DISPLAY_NAME = "Java (cudaenv)";

    /** jupyter_client's rule for kernel names (it lowercases them too). */
    private static final Pattern NAME = Pattern.compile("[a-z0-9._-]+");

    /** The kernels folder these flags point at on this machine. */
    Path kernelsDir() throws UsageException {
        return KernelSpecLocation.kernelsDir(scope, prefix, System.getenv(), System.getProperty("os.name"),
                Path.of(System.getProperty("user.home")));
    }

    static KernelSpecOptions parse(List<String> args, boolean install) throws UsageException {
        KernelSpecLocation.Scope scope = null;
        Optional<Path> prefix = Optional.empty();
        String name = DEFAULT_NAME;
        String displayName = DEFAULT_DISPLAY_NAME;
        List<String> javaOpts = new ArrayList<>();
        List<String> words = splitEquals(args);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "--user" -> scope = only(scope, KernelSpecLocation.Scope.USER);
                case "--sys-prefix" -> scope = only(scope, KernelSpecLocation.Scope.SYS_PREFIX);
                case "--prefix" -> {
                    scope = only(scope, KernelSpecLocation.Scope.PREFIX);
                    prefix = Optional.of(Path.of(value(words, ++i, word)));
                }
                case "--name" -> name = value(words, ++i, word).toLowerCase(java.util.Locale.ROOT);
                case "--display-name" -> displayName = installOnly(install, word, value(words, ++i, word));
                case "--java-opts" -> javaOpts = List.of(installOnly(install, word, value(words, ++i, word))
                        .trim().split("\\s+"));
                default -> throw new UsageException("unknown argument '" + word + "'");
            }
        }
        if (!NAME.matcher(name).matches()) {
            throw new UsageException("kernel name '" + name + "' may only hold letters, digits, '.', '_' and '-'");
        }
        javaOpts = javaOpts.stream().filter(s -> !s.isEmpty()).toList();
        return new KernelSpecOptions(scope == null ? KernelSpecLocation.Scope.USER : scope, prefix, name, displayName,
                javaOpts);
    }

    /** --name=x is --name x. */
    private static List<String> splitEquals(List<String> args) {
        List<String> words = new ArrayList<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 2) {
                words.add(arg.substring(0, eq));
                words.add(arg.substring(eq + 1));
            } else {
                words.add(arg);
            }
        }
        return words;
    }

    private static KernelSpecLocation.Scope only(KernelSpecLocation.Scope before, KernelSpecLocation.Scope now)
            throws UsageException {
        if (before != null && before != now) {
            throw new UsageException("choose one of --user, --sys-prefix and --prefix DIR");
        }
        return now;
    }

    private static String value(List<String> words, int i, String flag) throws UsageException {
        if (i >= words.size() || words.get(i).startsWith("--")) {
            throw new UsageException(flag + " needs a value");
        }
        return words.get(i);
    }

    private static String installOnly(boolean install, String flag, String value) throws UsageException {
        if (!install) {
            throw new UsageException(flag + " only applies to install");
        }
        return value;
    }
}
