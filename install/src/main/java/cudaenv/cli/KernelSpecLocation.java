package cudaenv.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where Jupyter looks for kernelspecs, by jupyter_core's path rules (jupyter_core.paths): the user's data dir is
 * $JUPYTER_DATA_DIR, else ~/Library/Jupyter on macOS, %APPDATA%\jupyter on Windows, $XDG_DATA_HOME/jupyter
 * (default ~/.local/share/jupyter) elsewhere; an environment's is SYS_PREFIX/share/jupyter, where the active
 * environment is $CONDA_PREFIX or else $VIRTUAL_ENV (what sys.prefix is for the python of that environment).
 */
final class KernelSpecLocation {
    enum Scope { USER, SYS_PREFIX, PREFIX }

    private KernelSpecLocation() {
    }

    /** The kernels folder the scope points at, e.g. ~/.local/share/jupyter/kernels. */
    static Path kernelsDir(Scope scope, Optional<Path> prefix, Map<String, String> env, String osName, Path home)
            throws UsageException {
        return switch (scope) {
            case USER -> userDataDir(env, osName, home).resolve("kernels");
            case PREFIX -> prefix.orElseThrow().toAbsolutePath().resolve("share/jupyter/kernels");
            case SYS_PREFIX -> sysPrefix(env).resolve("share/jupyter/kernels");
        };
    }

    static Path userDataDir(Map<String, String> env, String osName, Path home) {
        Optional<String> explicit = nonEmpty(env.get("JUPYTER_DATA_DIR"));
        if (explicit.isPresent()) {
            return Path.of(explicit.get()).toAbsolutePath();
        }
        String os = osName.toLowerCase(java.util.Locale.ROOT);
        if (os.startsWith("mac")) {
            return home.resolve("Library/Jupyter");
        }
        if (os.startsWith("windows")) {
            return nonEmpty(env.get("APPDATA")).map(Path::of).orElse(home).resolve("jupyter");
        }
        return nonEmpty(env.get("XDG_DATA_HOME")).map(Path::of).orElse(home.resolve(".local/share")).resolve("jupyter");
    }

    private static Path sysPrefix(Map<String, String> env) throws UsageException {
        Optional<String> prefix = nonEmpty(env.get("CONDA_PREFIX")).or(() -> nonEmpty(env.get("VIRTUAL_ENV")));
        if (prefix.isEmpty()) {
            throw new UsageException("--sys-prefix needs an active conda or virtualenv environment "
                    + "($CONDA_PREFIX or $VIRTUAL_ENV); use --user or --prefix DIR instead");
        }
        return Path.of(prefix.get()).toAbsolutePath();
    }

    private static Optional<String> nonEmpty(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
