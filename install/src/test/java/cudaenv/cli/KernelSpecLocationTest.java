package cudaenv.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelSpecLocationTest {
    private static final Path HOME = Path.of("/home/ada");

    private static Path kernels(KernelSpecLocation.Scope scope, Map<String, String> env) throws UsageException {
        return KernelSpecLocation.kernelsDir(scope, Optional.empty(), env, "Linux", HOME);
    }

    @Test
    void userDefaultsToLocalShareOnLinux() throws UsageException {
        assertEquals(Path.of("/home/ada/.local/share/jupyter/kernels"), kernels(KernelSpecLocation.Scope.USER, Map.of()));
    }

    @Test
    void jupyterDataDirWinsOverXdg() throws UsageException {
        assertEquals(Path.of("/x/data/kernels"), kernels(KernelSpecLocation.Scope.USER,
                Map.of("JUPYTER_DATA_DIR", "/x/data", "XDG_DATA_HOME", "/xdg")));
        assertEquals(Path.of("/xdg/jupyter/kernels"), kernels(KernelSpecLocation.Scope.USER,
                Map.of("XDG_DATA_HOME", "/xdg")));
    }

    @Test
    void macAndWindowsHaveTheirOwnUserDirs() {
        assertEquals(Path.of("/home/ada/Library/Jupyter"),
                KernelSpecLocation.userDataDir(Map.of(), "Mac OS X", HOME));
        assertEquals(Path.of("/appdata/jupyter"),
                KernelSpecLocation.userDataDir(Map.of("APPDATA", "/appdata"), "Windows 11", HOME));
    }

    @Test
    void sysPrefixIsTheActiveCondaOrVirtualenv() throws UsageException {
        assertEquals(Path.of("/opt/conda/envs/ml/share/jupyter/kernels"), kernels(KernelSpecLocation.Scope.SYS_PREFIX,
                Map.of("CONDA_PREFIX", "/opt/conda/envs/ml", "VIRTUAL_ENV", "/venv")));
        assertEquals(Path.of("/venv/share/jupyter/kernels"), kernels(KernelSpecLocation.Scope.SYS_PREFIX,
                Map.of("VIRTUAL_ENV", "/venv")));
    }

    @Test
    void sysPrefixWithoutAnEnvironmentIsAUsageError() {
        UsageException e = assertThrows(UsageException.class, () -> kernels(KernelSpecLocation.Scope.SYS_PREFIX, Map.of()));
        assertTrue(e.getMessage().contains("--user"), e.getMessage());
    }

    @Test
    void prefixGetsShareJupyter() throws UsageException {
        assertEquals(Path.of("/opt/x/share/jupyter/kernels"), KernelSpecLocation.kernelsDir(
                KernelSpecLocation.Scope.PREFIX, Optional.of(Path.of("/opt/x")), Map.of(), "Linux", HOME));
    }
}
