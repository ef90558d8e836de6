package cudaenv.probe;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

import java.util.List;

/**
 * The nvml.h structs the probe reads, as JNA Structures; NvmlLayoutTest compares their sizes and offsets with what
 * a C compiler makes of Debian's nvml.h, and the enum values below with the header's.
 */
final class NvmlStructs {
    /** nvmlComputeMode_t, by value. */
    static final List<String> COMPUTE_MODES = List.of("default", "exclusive-thread", "prohibited", "exclusive-process");
    /** nvmlMemoryErrorType_t NVML_MEMORY_ERROR_TYPE_UNCORRECTED. */
    static final int MEMORY_ERROR_UNCORRECTED = 1;
    /** nvmlEccCounterType_t. */
    static final int VOLATILE_ECC = 0;
    static final int AGGREGATE_ECC = 1;
    /** nvmlPageRetirementCause_t. */
    static final int RETIRED_MULTIPLE_SINGLE_BIT = 0;
    static final int RETIRED_DOUBLE_BIT = 1;
    /** nvmlClocksThrottleReason* bits (nvml.h; nvmlClocksEventReason* since 12.2), by bit position. */
    static final List<String> CLOCK_EVENT_REASONS = List.of("GpuIdle", "ApplicationsClocksSetting", "SwPowerCap",
            "HwSlowdown", "SyncBoost", "SwThermalSlowdown", "HwThermalSlowdown", "HwPowerBrakeSlowdown",
            "DisplayClockSetting");

    private NvmlStructs() {
    }

    /** nvmlMemory_t. */
    @Structure.FieldOrder({"total", "free", "used"})
    public static class Memory extends Layout {
        public long total;
        public long free;
        public long used;
    }

    /** nvmlUtilization_t. */
    @Structure.FieldOrder({"gpu", "memory"})
    public static class Utilization extends Layout {
        public int gpu;
        public int memory;
    }

    /** nvmlPciInfo_t (the v3 call's layout). */
    @Structure.FieldOrder({"busIdLegacy", "domain", "bus", "device", "pciDeviceId", "pciSubSystemId", "busId"})
    public static class PciInfo extends Layout {
        public byte[] busIdLegacy = new byte[16];
        public int domain;
        public int bus;
        public int device;
        public int pciDeviceId;
        public int pciSubSystemId;
        public byte[] busId = new byte[32];
    }

    /** nvmlProcessInfo_t (what nvmlDeviceGetComputeRunningProcesses_v3 fills). */
    @Structure.FieldOrder({"pid", "usedGpuMemory", "gpuInstanceId", "computeInstanceId"})
    public static class ProcessInfo extends Layout {
        public int pid;
        public long usedGpuMemory;
        public int gpuInstanceId;
        public int computeInstanceId;

        public ProcessInfo() {
        }

        public ProcessInfo(Pointer p) {
            super(p);
            read();
        }
    }

    /** A Structure whose field offsets the layout test may ask for (Structure.fieldOffset is protected). */
    public abstract static class Layout extends Structure {
        protected Layout() {
        }

        protected Layout(Pointer p) {
            super(p);
        }

        int offsetOf(String field) {
            return fieldOffset(field);
        }

        List<String> fields() {
            return getFieldOrder();
        }
    }
}
