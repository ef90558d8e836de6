package cudaenv.elf;

import cudaenv.discover.LoaderSearchPath;
import cudaenv.discover.RootFs;
import cudaenv.report.UnresolvedNeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * gcc-built libraries in a machine image folder, resolved on paper and by the real loader in trace mode
 * (what ldd runs: LD_TRACE_LOADED_OBJECTS=1 ld.so), which must agree on every missing soname and version.
 */
class DependencyResolverTest {
    private static final String LD_SO = "/lib64/ld-linux-x86-64.so.2";
    private static final String TOP = "/opt/app/lib/libtop.so.1";

    @TempDir
    Path root;
    @TempDir
    Path build;

    /** libtop needs libdep (RUNPATH $ORIGIN, version DEPLIB_2.0), libmid (LD_LIBRARY_PATH), libcached (ld.so.cache), libgone. */
    private void buildImage() throws Exception {
        for (String dir : List.of("opt/app/lib", "opt/extra", "opt/cached", "etc")) {
            Files.createDirectories(root.resolve(dir));
        }
        Files.writeString(build.resolve("dep.c"), "int dep_v1(void){return 1;}\nint dep_v2(void){return 2;}\n");
        Files.writeString(build.resolve("dep2.map"), "DEPLIB_1.0 { global: dep_v1; local: *; };\n"
                + "DEPLIB_2.0 { global: dep_v2; } DEPLIB_1.0;\n");
        Files.writeString(build.resolve("dep1.map"), "DEPLIB_1.0 { global: dep_v1; dep_v2; local: *; };\n");
        gcc("libdep.so.2", "dep.c", "-Wl,--version-script=dep2.map");
        gcc(root + "/opt/app/lib/libdep.so.2", "dep.c", "-Wl,--version-script=dep1.map", "-Wl,-soname,libdep.so.2");
        source("gone.c", "int gone(void){return 3;}");
        gcc("libgone.so.3", "gone.c");
        source("deep.c", "int deep(void){return 4;}");
        gcc("libdeep.so.1", "deep.c");
        source("mid.c", "int deep(void); int mid(void){return deep();}");
        gcc(root + "/opt/extra/libmid.so.1", "mid.c", "-Wl,-soname,libmid.so.1", "-L.", "-l:libdeep.so.1",
                "-Wl,--enable-new-dtags,-rpath,$ORIGIN/../nowhere");
        source("cached.c", "int cached(void){return 5;}");
        gcc(root + "/opt/cached/libcached.so.1", "cached.c", "-Wl,-soname,libcached.so.1");
        source("top.c", "int dep_v2(void); int gone(void); int mid(void); int cached(void);\n"
                + "int top(void){return dep_v2() + gone() + mid() + cached();}");
        gcc(root + TOP, "top.c", "-Wl,-soname,libtop.so.1", "-L.", "-L" + root + "/opt/extra",
                "-L" + root + "/opt/cached", "-l:libdep.so.2", "-l:libgone.so.3", "-l:libmid.so.1", "-l:libcached.so.1",
                "-Wl,--enable-new-dtags,-rpath,$ORIGIN");
        Files.writeString(root.resolve("etc/ld.so.conf"), "/opt/cached\n");
        NvccBuilds.run(build, List.of("ldconfig", "-r", root.toString()));
    }

    private void source(String name, String text) throws IOException {
        Files.writeString(build.resolve(name), text + "\n");
    }

    private void gcc(String out, String src, String... more) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("gcc", "-shared", "-fPIC", "-o", out, src));
        if (!out.contains("/")) {
            cmd.add("-Wl,-soname," + out);
        }
        cmd.addAll(List.of(more));
        NvccBuilds.run(build, cmd);
    }

    private List<UnresolvedNeed> resolve() {
        RootFs fs = RootFs.of(root);
        DependencyResolver resolver = new DependencyResolver(fs,
                LoaderSearchPath.of(fs, Map.of("LD_LIBRARY_PATH", "/opt/extra")));
        return resolver.resolve(TOP, resolver.read(TOP).file().orElseThrow());
    }

    /** The real loader's verdict: "x => not found" sonames and "version `V' not found (required by P)" pairs. */
    private record LoaderSays(Set<String> notFound, Set<String> versions) {
    }

    private LoaderSays realLoader() throws Exception {
        return realLoader(root + TOP, root + "/opt/extra:" + root + "/opt/cached");
    }

    private static LoaderSays realLoader(String library, String libraryPath) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(LD_SO, "--library-path", libraryPath, library);
        pb.environment().put("LD_TRACE_LOADED_OBJECTS", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Set<String> notFound = new TreeSet<>();
        Matcher m = Pattern.compile("(\\S+) => not found").matcher(out);
        while (m.find()) {
            notFound.add(m.group(1));
        }
        Set<String> versions = new TreeSet<>();
        Matcher v = Pattern.compile("version `([^']+)' not found \\(required by ([^)]+)\\)").matcher(err);
        while (v.find()) {
            versions.add(v.group(1) + " required by " + v.group(2));
        }
        return new LoaderSays(notFound, versions);
    }

    private Set<String> versionFailures(List<UnresolvedNeed> found) {
        return versionFailures(found, root.toString());
    }

    /** As the real loader prints them: image paths made host paths by the root's prefix. */
    private static Set<String> versionFailures(List<UnresolvedNeed> found, String prefix) {
        Set<String> out = new TreeSet<>();
        found.stream().filter(u -> u.version().isPresent())
                .forEach(u -> out.add(u.version().get() + " required by " + prefix + u.neededBy()));
        return out;
    }

    private static Set<String> missing(List<UnresolvedNeed> found) {
        Set<String> out = new TreeSet<>();
        found.stream().filter(u -> u.version().isEmpty()).forEach(u -> out.add(u.soname()));
        return out;
    }

    @Test
    void findsTheSameMissingSonamesAndVersionsAsTheRealLoader() throws Exception {
        buildImage();
        List<UnresolvedNeed> found = resolve();
        LoaderSays loader = realLoader();
        assertFalse(loader.notFound().isEmpty(), "the image is built to miss libraries");
        assertFalse(loader.versions().isEmpty(), "the image is built to miss a symbol version");
        assertEquals(loader.notFound(), missing(found));
        assertEquals(loader.versions(), versionFailures(found));
        UnresolvedNeed deep = found.stream().filter(u -> u.soname().equals("libdeep.so.1")).findFirst().orElseThrow();
        assertEquals("/opt/extra/libmid.so.1", deep.neededBy(), "a transitive miss names the library that needs it");
        UnresolvedNeed version = found.stream().filter(u -> u.version().isPresent()).findFirst().orElseThrow();
        assertEquals("/opt/app/lib/libdep.so.2", version.resolvedPath().orElseThrow());
        assertTrue(version.loaderMessage().contains("version `DEPLIB_2.0' not found (required by " + TOP + ")"),
                version.loaderMessage());
    }

    @Test
    void agreesWithTheRealLoaderOnceTheImageIsRepaired() throws Exception {
        buildImage();
        Files.copy(build.resolve("libdep.so.2"), root.resolve("opt/app/lib/libdep.so.2"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(build.resolve("libgone.so.3"), root.resolve("opt/app/lib/libgone.so.3"));
        Files.createDirectories(root.resolve("opt/nowhere"));
        Files.copy(build.resolve("libdeep.so.1"), root.resolve("opt/nowhere/libdeep.so.1"));
        LoaderSays loader = realLoader();
        assertEquals(Set.of(), loader.notFound());
        assertEquals(Set.of(), loader.versions());
        assertEquals(List.of(), resolve());
    }

    @Test
    void theCacheAndLdLibraryPathLiveInsideTheImage() throws Exception {
        buildImage();
        Files.delete(root.resolve("etc/ld.so.cache"));
        RootFs fs = RootFs.of(root);
        DependencyResolver noEnv = new DependencyResolver(fs, LoaderSearchPath.of(fs, Map.of()));
        Set<String> missing = missing(noEnv.resolve(TOP, noEnv.read(TOP).file().orElseThrow()));
        assertEquals(Set.of("libgone.so.3", "libmid.so.1", "libcached.so.1"), missing);
    }

    @Test
    void realCublasAwayFromItsLtLibraryAsTheRealLoaderSeesIt() throws Exception {
        Path cublas = ElfReaderTest.debianLib("libcublas.so.11.11.3.6");
        Path alone = Files.createDirectories(build.resolve("alone"));
        Files.copy(cublas, alone.resolve("libcublas.so.11"));
        // this machine's own root and ld.so.cache: libcublasLt.so.11 is only next to the original
        RootFs fs = RootFs.of(Path.of("/"));
        DependencyResolver resolver = new DependencyResolver(fs, LoaderSearchPath.of(fs, Map.of()));
        String path = alone.resolve("libcublas.so.11").toString();
        List<UnresolvedNeed> found = resolver.resolve(path, resolver.read(path).file().orElseThrow());
        LoaderSays loader = realLoader(path, "");
        assertEquals(Set.of("libcublasLt.so.11"), loader.notFound());
        assertEquals(loader.notFound(), missing(found));
        assertEquals(loader.versions(), versionFailures(found, ""));
        // next to its Lt library (RUNPATH $ORIGIN) everything resolves, symbol versions included
        Files.copy(ElfReaderTest.debianLib("libcublasLt.so.11.11.3.6"), alone.resolve("libcublasLt.so.11"));
        // a new look, as the next report takes one (a RootFs remembers where paths resolved)
        RootFs now = RootFs.of(Path.of("/"));
        DependencyResolver again = new DependencyResolver(now, LoaderSearchPath.of(now, Map.of()));
        assertEquals(List.of(), again.resolve(path, again.read(path).file().orElseThrow()));
        assertEquals(new LoaderSays(Set.of(), Set.of()), realLoader(path, ""));
    }
}
