package cudaenv.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KernelSpecOptionsTest {
    @Test
    void defaultsAreUserScopeAndTheCudaenvName() throws UsageException {
        KernelSpecOptions o = KernelSpecOptions.parse(List.of(), true);
        assertEquals(KernelSpecLocation.Scope.USER, o.scope());
        assertEquals("cudaenv", o.name());
        assertEquals("Java (cudaenv)", o.displayName());
        assertEquals(List.of(), o.javaOpts());
    }

    @Test
    void everyFlagInBothSpellings() throws UsageException {
        KernelSpecOptions o = KernelSpecOptions.parse(List.of("--prefix=/opt/x", "--name", "GPU-Env",
                "--display-name", "Java GPU", "--java-opts", " -Xmx2g  -Dx=y "), true);
        assertEquals(KernelSpecLocation.Scope.PREFIX, o.scope());
        assertEquals(Optional.of(Path.of("/opt/x")), o.prefix());
        assertEquals("gpu-env", o.name());
        assertEquals("Java GPU", o.displayName());
        assertEquals(List.of("-Xmx2g", "-Dx=y"), o.javaOpts());
    }

    @Test
    void mistakesAreUsageErrors() {
        assertThrows(UsageException.class, () -> KernelSpecOptions.parse(List.of("--user", "--sys-prefix"), true));
        assertThrows(UsageException.class, () -> KernelSpecOptions.parse(List.of("--name"), true));
        assertThrows(UsageException.class, () -> KernelSpecOptions.parse(List.of("--name", "a b"), true));
        assertThrows(UsageException.class, () -> KernelSpecOptions.parse(List.of("--bogus"), true));
        assertThrows(UsageException.class, () -> KernelSpecOptions.parse(List.of("--java-opts", "-Xmx1g"), false));
    }
}
