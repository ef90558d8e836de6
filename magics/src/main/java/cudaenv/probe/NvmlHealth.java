package cudaenv.probe;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import cudaenv.report.GpuHealth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A GPU's health from NVML (in the worker): compute and persistence mode, ECC mode and uncorrectable counts, retired
 * pages and remapped rows, clock event reasons, PCIe link, MIG devices. A call the GPU or driver does not support
 * leaves its field empty.
 */
final class NvmlHealth {
    private static final String T = ReturnCodes.NVML_RETURN;
    /** RTLD_LAZY | RTLD_LOCAL: the library is already loaded by NvmlProbe; this only binds more of its symbols. */
    private static final Map<String, Object> OPEN_LOCAL = Map.of(Library.OPTION_OPEN_FLAGS, 0x1);
    private static final int MAX_MIG_DEVICES = 64;

    private final Api api;

    private NvmlHealth(Api api) {
        this.api = api;
    }

    static NvmlHealth bind(String path) {
        return new NvmlHealth(Native.load(path, Api.class, OPEN_LOCAL));
    }

    /** nvml.h entry points for health; nvmlEnableState_t and enums are unsigned ints. */
    interface Api extends Library {
        int nvmlDeviceGetComputeMode(Pointer device, IntByReference mode);

        int nvmlDeviceGetPersistenceMode(Pointer device, IntByReference mode);

        int nvmlDeviceGetEccMode(Pointer device, IntByReference current, IntByReference pending);

        int nvmlDeviceGetTotalEccErrors(Pointer device, int errorType, int counterType, LongByReference count);

        int nvmlDeviceGetRetiredPages(Pointer device, int cause, IntByReference pageCount, Pointer addresses);

        int nvmlDeviceGetRetiredPagesPendingStatus(Pointer device, IntByReference pending);

        int nvmlDeviceGetRemappedRows(Pointer device, IntByReference corrRows, IntByReference uncRows,
                                      IntByReference isPending, IntByReference failureOccurred);

        int nvmlDeviceGetCurrentClocksThrottleReasons(Pointer device, LongByReference reasons);

        int nvmlDeviceGetCurrPcieLinkGeneration(Pointer device, IntByReference gen);

        int nvmlDeviceGetMaxPcieLinkGeneration(Pointer device, IntByReference gen);

        int nvmlDeviceGetCurrPcieLinkWidth(Pointer device, IntByReference width);

        int nvmlDeviceGetMaxPcieLinkWidth(Pointer device, IntByReference width);

        int nvmlDeviceGetMaxMigDeviceCount(Pointer device, IntByReference count);

        int nvmlDeviceGetMigDeviceHandleByIndex(Pointer device, int index, PointerByReference migDevice);
    }

    GpuHealth read(Calls calls, Pointer dev) {
        IntByReference a = new IntByReference();
        IntByReference b = new IntByReference();
        IntByReference c = new IntByReference();
        IntByReference d = new IntByReference();
        Optional<String> compute = ok(calls, "nvmlDeviceGetComputeMode", () -> api.nvmlDeviceGetComputeMode(dev, a))
                ? Optional.of(a.getValue() >= 0 && a.getValue() < NvmlStructs.COMPUTE_MODES.size()
                        ? NvmlStructs.COMPUTE_MODES.get(a.getValue()) : "mode " + a.getValue()) : Optional.empty();
        Optional<String> persistence = ok(calls, "nvmlDeviceGetPersistenceMode",
                () -> api.nvmlDeviceGetPersistenceMode(dev, a)) ? Optional.of(enabled(a)) : Optional.empty();
        Optional<String> ecc = ok(calls, "nvmlDeviceGetEccMode", () -> api.nvmlDeviceGetEccMode(dev, a, b))
                ? Optional.of(enabled(a)) : Optional.empty();
        Optional<Long> volatileUnc = eccCount(calls, dev, NvmlStructs.VOLATILE_ECC);
        Optional<Long> aggregateUnc = eccCount(calls, dev, NvmlStructs.AGGREGATE_ECC);
        Optional<Integer> retired = retired(calls, dev);
        Optional<Boolean> retiredPending = ok(calls, "nvmlDeviceGetRetiredPagesPendingStatus",
                () -> api.nvmlDeviceGetRetiredPagesPendingStatus(dev, a)) ? Optional.of(a.getValue() != 0) : Optional.empty();
        boolean remap = ok(calls, "nvmlDeviceGetRemappedRows", () -> api.nvmlDeviceGetRemappedRows(dev, a, b, c, d));
        LongByReference reasons = new LongByReference();
        List<String> events = ok(calls, "nvmlDeviceGetCurrentClocksThrottleReasons",
                () -> api.nvmlDeviceGetCurrentClocksThrottleReasons(dev, reasons)) ? reasons(reasons.getValue()) : List.of();
        int[] remapped = {a.getValue(), b.getValue(), c.getValue(), d.getValue()};
        Optional<Integer> gen = uint(calls, "nvmlDeviceGetCurrPcieLinkGeneration", r -> api.nvmlDeviceGetCurrPcieLinkGeneration(dev, r));
        Optional<Integer> maxGen = uint(calls, "nvmlDeviceGetMaxPcieLinkGeneration", r -> api.nvmlDeviceGetMaxPcieLinkGeneration(dev, r));
        Optional<Integer> width = uint(calls, "nvmlDeviceGetCurrPcieLinkWidth", r -> api.nvmlDeviceGetCurrPcieLinkWidth(dev, r));
        Optional<Integer> maxWidth = uint(calls, "nvmlDeviceGetMaxPcieLinkWidth", r -> api.nvmlDeviceGetMaxPcieLinkWidth(dev, r));
        return new GpuHealth(compute, persistence, ecc, volatileUnc, aggregateUnc, retired, retiredPending,
                remap ? Optional.of(remapped[0]) : Optional.empty(), remap ? Optional.of(remapped[1]) : Optional.empty(),
                remap ? Optional.of(remapped[2] != 0) : Optional.empty(), remap ? Optional.of(remapped[3] != 0) : Optional.empty(),
                events, gen, maxGen, width, maxWidth, migDevices(calls, dev));
    }

    private Optional<Long> eccCount(Calls calls, Pointer dev, int counter) {
        LongByReference n = new LongByReference();
        return ok(calls, "nvmlDeviceGetTotalEccErrors", () -> api.nvmlDeviceGetTotalEccErrors(dev,
                NvmlStructs.MEMORY_ERROR_UNCORRECTED, counter, n)) ? Optional.of(n.getValue()) : Optional.empty();
    }

    /** Both causes, each asked with a count of 0 first: NVML answers the count with INSUFFICIENT_SIZE or SUCCESS. */
    private Optional<Integer> retired(Calls calls, Pointer dev) {
        int total = 0;
        for (int cause : new int[]{NvmlStructs.RETIRED_MULTIPLE_SINGLE_BIT, NvmlStructs.RETIRED_DOUBLE_BIT}) {
            IntByReference count = new IntByReference(0);
            Memory none = new Memory(8);
            int r = calls.code("nvmlDeviceGetRetiredPages", T, () -> api.nvmlDeviceGetRetiredPages(dev, cause, count, none));
            if (r != 0 && r != 7) {
                return Optional.empty();
            }
            total += count.getValue();
        }
        return Optional.of(total);
    }

    private Optional<Integer> migDevices(Calls calls, Pointer dev) {
        IntByReference max = new IntByReference();
        if (!ok(calls, "nvmlDeviceGetMaxMigDeviceCount", () -> api.nvmlDeviceGetMaxMigDeviceCount(dev, max))
                || max.getValue() <= 0) {
            return Optional.empty();
        }
        int present = 0;
        for (int i = 0; i < Math.min(max.getValue(), MAX_MIG_DEVICES); i++) {
            PointerByReference mig = new PointerByReference();
            int index = i;
            if (calls.code("nvmlDeviceGetMigDeviceHandleByIndex", T,
                    () -> api.nvmlDeviceGetMigDeviceHandleByIndex(dev, index, mig)) == 0) {
                present++;
            }
        }
        return Optional.of(present);
    }

    static List<String> reasons(long bits) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < NvmlStructs.CLOCK_EVENT_REASONS.size(); i++) {
            if ((bits & (1L << i)) != 0) {
                out.add(NvmlStructs.CLOCK_EVENT_REASONS.get(i));
            }
        }
        return out;
    }

    private static String enabled(IntByReference state) {
        return state.getValue() != 0 ? "enabled" : "disabled";
    }

    private static boolean ok(Calls calls, String name, java.util.function.IntSupplier fn) {
        return calls.code(name, T, fn) == 0;
    }

    private static Optional<Integer> uint(Calls calls, String name, java.util.function.ToIntFunction<IntByReference> fn) {
        IntByReference r = new IntByReference();
        return calls.code(name, T, () -> fn.applyAsInt(r)) == 0 ? Optional.of(r.getValue()) : Optional.empty();
    }
}
