package cudaenv.probe;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import cudaenv.report.GpuTests;
import cudaenv.report.GpuTests.Step;
import cudaenv.report.LibraryStatus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The functional test of one GPU, in the worker, through the CUDA driver API: the primary context, an allocation,
 * copies both ways (pageable and pinned) with their bandwidth, a vector add JIT-compiled from PTX, launched and
 * checked, a launch round trip, and freeing everything. A failing step skips the ones after it, but not the freeing.
 */
final class GpuTestProbe {
    static final String KIND = "cuda-test";
    static final String PTX_RESOURCE = "/cudaenv/ptx/vector-add.ptx";
    private static final String T = ReturnCodes.CU_RESULT;
    private static final Pattern PTX_VERSION = Pattern.compile("(?m)^\\.version\\s+(\\d+\\.\\d+)");
    private static final Pattern PTX_TARGET = Pattern.compile("(?m)^\\.target\\s+(\\w+)");
    private static final int BLOCK = 256;
    private static final int ROUND_TRIPS = 100;
    /** The vector add's length: its three arrays also pass through the worker's small Java heap (WorkerJvm -Xmx64m). */
    private static final int MAX_ELEMENTS = 1 << 20;
    private static final int LOG_BYTES = 4096;
    /** CUjit_option (cuda.h): CU_JIT_ERROR_LOG_BUFFER, CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES. */
    private static final int JIT_ERROR_LOG = 5;
    private static final int JIT_ERROR_LOG_SIZE = 6;
    private static final List<String> STEPS = List.of("init", "context", "allocate", "copy-pageable", "copy-pinned",
            "compile", "launch", "round-trip", "free");

    private GpuTestProbe() {
    }

    /** The test kernel's PTX text. */
    static String ptx() {
        try (InputStream in = GpuTestProbe.class.getResourceAsStream(PTX_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + PTX_RESOURCE + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PTX ISA version the test kernel is written for, e.g. "6.0". */
    static String ptxIsa() {
        Matcher m = PTX_VERSION.matcher(ptx());
        return m.find() ? m.group(1) : "";
    }

    /** The step a native call belongs to, to name where a test crashed or hung. */
    static String stepOf(String call) {
        return switch (call) {
            case "dlopen", "cuInit" -> "init";
            case "cuDeviceGet", "cuDevicePrimaryCtxRetain", "cuCtxSetCurrent" -> "context";
            case "cuMemAlloc_v2" -> "allocate";
            case "cuMemAllocHost_v2" -> "copy-pinned";
            case "cuModuleLoadDataEx", "cuModuleGetFunction" -> "compile";
            case "cuLaunchKernel", "cuCtxSynchronize" -> "launch";
            case "cuMemFree_v2", "cuMemFreeHost", "cuModuleUnload", "cuDevicePrimaryCtxRelease_v2" -> "free";
            default -> call.startsWith("cuMemcpy") ? "copy" : call;
        };
    }

    static List<String> steps() {
        return STEPS;
    }

    static ProbeResult probe(ProbeRequest request, Calls calls) {
        NativeApis.CudaCompute api = calls.load(request.path(), NativeApis.CudaCompute.class);
        Run run = new Run(calls, api, request.testBytes(), request.device());
        List<Step> steps = run.all();
        boolean passed = steps.stream().allMatch(s -> s.status().equals(GpuTests.OK));
        GpuTests.GpuTest test = new GpuTests.GpuTest(request.device(), "", passed, steps);
        return new ProbeResult(LibraryStatus.OK, Optional.empty(), Optional.empty(), Optional.empty(), Map.of(),
                calls.made(), List.of(), List.of(test));
    }

    /** One GPU's test run: what is allocated so far, so the free step releases exactly that. */
    private static final class Run {
        private final Calls calls;
        private final NativeApis.CudaCompute api;
        private final long bytes;
        private final int ordinal;
        private final List<Step> steps = new ArrayList<>();
        private boolean failed;
        private int device = -1;
        private long devicePtr;
        private Pointer pinned;
        private Pointer module;
        private Pointer function;

        Run(Calls calls, NativeApis.CudaCompute api, long bytes, int ordinal) {
            this.calls = calls;
            this.api = api;
            this.bytes = bytes;
            this.ordinal = ordinal;
        }

        List<Step> all() {
            step("init", () -> code("cuInit", api.cuInit(0)));
            step("context", this::context);
            step("allocate", this::allocate);
            step("copy-pageable", () -> copy(new Memory(bytes)));
            step("copy-pinned", this::pinnedCopy);
            step("compile", this::compile);
            step("launch", this::launch);
            step("round-trip", this::roundTrip);
            steps.add(free());
            return steps;
        }

        /** What a step body answers: ok with figures, or failed with the driver's answer. */
        private record Outcome(boolean ok, Optional<String> result, Map<String, String> figures, Optional<String> detail) {
            static Outcome ok(Map<String, String> figures) {
                return new Outcome(true, Optional.empty(), figures, Optional.empty());
            }

            static Outcome failed(String result, String detail) {
                return new Outcome(false, Optional.of(result), Map.of(), Optional.ofNullable(detail));
            }
        }

        private interface Body {
            Outcome run();
        }

        private void step(String name, Body body) {
            if (failed) {
                steps.add(new Step(name, GpuTests.SKIPPED, 0, Optional.empty(), Map.of(), Optional.empty()));
                return;
            }
            long start = System.nanoTime();
            Outcome o = body.run();
            failed = !o.ok();
            steps.add(new Step(name, o.ok() ? GpuTests.OK : GpuTests.FAILED, millis(start), o.result(), o.figures(),
                    o.detail()));
        }

        private Outcome code(String call, int code) {
            return code == 0 ? Outcome.ok(Map.of()) : Outcome.failed(ReturnCodes.name(T, code), call + " answered "
                    + ReturnCodes.describe(T, code));
        }

        private int call(String name, java.util.function.IntSupplier fn) {
            return calls.code(name, T, fn);
        }

        private Outcome context() {
            IntByReference dev = new IntByReference();
            int c = call("cuDeviceGet", () -> api.cuDeviceGet(dev, ordinal));
            if (c != 0) {
                return code("cuDeviceGet", c);
            }
            device = dev.getValue();
            PointerByReference ctx = new PointerByReference();
            c = call("cuDevicePrimaryCtxRetain", () -> api.cuDevicePrimaryCtxRetain(ctx, device));
            if (c != 0) {
                device = -1;
                return code("cuDevicePrimaryCtxRetain", c);
            }
            return code("cuCtxSetCurrent", call("cuCtxSetCurrent", () -> api.cuCtxSetCurrent(ctx.getValue())));
        }

        private Outcome allocate() {
            LongByReference ptr = new LongByReference();
            int c = call("cuMemAlloc_v2", () -> api.cuMemAlloc_v2(ptr, bytes));
            if (c != 0) {
                return code("cuMemAlloc_v2", c);
            }
            devicePtr = ptr.getValue();
            return Outcome.ok(Map.of("bytes", Long.toString(bytes)));
        }

        private Outcome pinnedCopy() {
            PointerByReference host = new PointerByReference();
            int c = call("cuMemAllocHost_v2", () -> api.cuMemAllocHost_v2(host, bytes));
            if (c != 0) {
                return code("cuMemAllocHost_v2", c);
            }
            pinned = host.getValue();
            return copy(pinned);
        }

        /** Host to device and back, timed each way; the bytes that come back must be the ones sent. */
        private Outcome copy(Pointer host) {
            host.setMemory(0, bytes, (byte) 0x5a);
            long marks = Math.max(1, bytes / (1 << 20));
            for (long i = 0; i < marks; i++) {
                host.setLong(Math.min(i << 20, bytes - 8), 0x0123456789abcdefL ^ i);
            }
            long start = System.nanoTime();
            int c = call("cuMemcpyHtoD_v2", () -> api.cuMemcpyHtoD_v2(devicePtr, host, bytes));
            double up = seconds(start);
            if (c != 0) {
                return code("cuMemcpyHtoD_v2", c);
            }
            host.setMemory(0, bytes, (byte) 0);
            start = System.nanoTime();
            c = call("cuMemcpyDtoH_v2", () -> api.cuMemcpyDtoH_v2(host, devicePtr, bytes));
            double down = seconds(start);
            if (c != 0) {
                return code("cuMemcpyDtoH_v2", c);
            }
            for (long i = 0; i < marks; i++) {
                long at = Math.min(i << 20, bytes - 8);
                boolean markBack = host.getLong(at) == (0x0123456789abcdefL ^ i);
                boolean fillBack = at + 8 >= bytes || host.getByte(at + 8) == 0x5a;
                if (!markBack || !fillBack) {
                    return Outcome.failed("wrong data", "the bytes copied back differ near offset " + at);
                }
            }
            Map<String, String> figures = new LinkedHashMap<>();
            figures.put("host-to-device GB/s", gbps(up));
            figures.put("device-to-host GB/s", gbps(down));
            return Outcome.ok(figures);
        }

        private Outcome compile() {
            String text = ptx();
            byte[] image = text.getBytes(StandardCharsets.US_ASCII);
            Memory ptx = new Memory(image.length + 1L);
            ptx.write(0, image, 0, image.length);
            ptx.setByte(image.length, (byte) 0);
            Memory log = new Memory(LOG_BYTES);
            log.clear();
            Memory options = new Memory(8);
            options.setInt(0, JIT_ERROR_LOG);
            options.setInt(4, JIT_ERROR_LOG_SIZE);
            Memory values = new Memory(2L * Native.POINTER_SIZE);
            values.setPointer(0, log);
            values.setPointer(Native.POINTER_SIZE, new Pointer(LOG_BYTES));
            PointerByReference mod = new PointerByReference();
            int c = call("cuModuleLoadDataEx", () -> api.cuModuleLoadDataEx(mod, ptx, 2, options, values));
            Map<String, String> figures = new LinkedHashMap<>();
            figures.put("PTX ISA", ptxIsa());
            Matcher target = PTX_TARGET.matcher(text);
            figures.put("PTX target", target.find() ? target.group(1) : "");
            if (c != 0) {
                String said = log.getString(0, "US-ASCII").strip();
                return new Outcome(false, Optional.of(ReturnCodes.name(T, c)), figures, Optional.of(
                        "cuModuleLoadDataEx answered " + ReturnCodes.describe(T, c) + (said.isEmpty() ? "" : ": " + said)));
            }
            module = mod.getValue();
            PointerByReference fn = new PointerByReference();
            c = call("cuModuleGetFunction", () -> api.cuModuleGetFunction(fn, module, "vadd"));
            if (c != 0) {
                return code("cuModuleGetFunction", c);
            }
            function = fn.getValue();
            return Outcome.ok(figures);
        }

        private Outcome launch() {
            int n = (int) Math.min(MAX_ELEMENTS, bytes / 12);
            float[] a = new float[n];
            float[] b = new float[n];
            for (int i = 0; i < n; i++) {
                a[i] = i % 65536;
                b[i] = 3 * (i % 4096);
            }
            Memory host = new Memory(4L * n);
            host.write(0, a, 0, n);
            int c = call("cuMemcpyHtoD_v2", () -> api.cuMemcpyHtoD_v2(devicePtr, host, 4L * n));
            if (c == 0) {
                host.write(0, b, 0, n);
                c = call("cuMemcpyHtoD_v2", () -> api.cuMemcpyHtoD_v2(devicePtr + 4L * n, host, 4L * n));
            }
            if (c != 0) {
                return code("cuMemcpyHtoD_v2", c);
            }
            long start = System.nanoTime();
            Outcome launched = launchAndWait(n);
            double kernelMs = millis(start);
            if (!launched.ok()) {
                return launched;
            }
            host.clear();
            c = call("cuMemcpyDtoH_v2", () -> api.cuMemcpyDtoH_v2(host, devicePtr + 8L * n, 4L * n));
            if (c != 0) {
                return code("cuMemcpyDtoH_v2", c);
            }
            float[] sum = host.getFloatArray(0, n);
            int wrong = 0;
            int first = -1;
            for (int i = 0; i < n; i++) {
                if (sum[i] != a[i] + b[i]) {
                    wrong++;
                    first = first < 0 ? i : first;
                }
            }
            if (wrong > 0) {
                return Outcome.failed("wrong result", wrong + " of " + n + " sums are wrong; c[" + first + "] = "
                        + sum[first] + ", expected " + (a[first] + b[first]));
            }
            Map<String, String> figures = new LinkedHashMap<>();
            figures.put("elements", Integer.toString(n));
            figures.put("kernel ms", String.format(Locale.ROOT, "%.3f", kernelMs));
            return Outcome.ok(figures);
        }

        /** cuLaunchKernel of vadd over {@code n} elements, then cuCtxSynchronize (where launch errors surface). */
        private Outcome launchAndWait(int n) {
            Memory args = new Memory(32);
            args.setLong(0, devicePtr);
            args.setLong(8, devicePtr + 4L * n);
            args.setLong(16, devicePtr + 8L * n);
            args.setInt(24, n);
            Memory params = new Memory(4L * Native.POINTER_SIZE);
            for (int i = 0; i < 4; i++) {
                params.setPointer((long) i * Native.POINTER_SIZE, args.share(8L * i));
            }
            int grid = Math.max(1, (n + BLOCK - 1) / BLOCK);
            int c = call("cuLaunchKernel", () -> api.cuLaunchKernel(function, grid, 1, 1, BLOCK, 1, 1, 0, null,
                    params, null));
            if (c != 0) {
                return code("cuLaunchKernel", c);
            }
            return code("cuCtxSynchronize", call("cuCtxSynchronize", api::cuCtxSynchronize));
        }

        /** An empty launch (n = 0) and its synchronisation, many times: the fixed cost of one kernel call. */
        private Outcome roundTrip() {
            double[] micros = new double[ROUND_TRIPS];
            for (int i = 0; i < ROUND_TRIPS; i++) {
                long start = System.nanoTime();
                Outcome o = launchAndWait(0);
                if (!o.ok()) {
                    return o;
                }
                micros[i] = (System.nanoTime() - start) / 1000.0;
            }
            Arrays.sort(micros);
            Map<String, String> figures = new LinkedHashMap<>();
            figures.put("launches", Integer.toString(ROUND_TRIPS));
            figures.put("median \u00b5s", String.format(Locale.ROOT, "%.1f", micros[ROUND_TRIPS / 2]));
            return Outcome.ok(figures);
        }

        /** Releases what was taken, whatever failed before. */
        private Step free() {
            long start = System.nanoTime();
            List<String> errors = new ArrayList<>();
            Optional<String> firstResult = Optional.empty();
            if (module != null) {
                note(errors, "cuModuleUnload", call("cuModuleUnload", () -> api.cuModuleUnload(module)));
            }
            if (devicePtr != 0) {
                note(errors, "cuMemFree_v2", call("cuMemFree_v2", () -> api.cuMemFree_v2(devicePtr)));
            }
            if (pinned != null) {
                note(errors, "cuMemFreeHost", call("cuMemFreeHost", () -> api.cuMemFreeHost(pinned)));
            }
            if (device >= 0) {
                note(errors, "cuDevicePrimaryCtxRelease_v2",
                        call("cuDevicePrimaryCtxRelease_v2", () -> api.cuDevicePrimaryCtxRelease_v2(device)));
            }
            if (!errors.isEmpty()) {
                firstResult = Optional.of(errors.get(0).replaceAll(".* answered (\\S+).*", "$1"));
            }
            return new Step("free", errors.isEmpty() ? GpuTests.OK : GpuTests.FAILED, millis(start), firstResult,
                    Map.of(), errors.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", errors)));
        }

        private static void note(List<String> errors, String call, int code) {
            if (code != 0) {
                errors.add(call + " answered " + ReturnCodes.describe(T, code));
            }
        }

        private String gbps(double seconds) {
            return seconds <= 0 ? "" : String.format(Locale.ROOT, "%.2f", bytes / seconds / 1e9);
        }
    }

    private static double millis(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e3) / 1e3;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
