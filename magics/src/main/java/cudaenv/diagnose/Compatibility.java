package cudaenv.diagnose;

import cudaenv.diagnose.data.CudaVersion;
import cudaenv.diagnose.data.DriverVersion;
import cudaenv.diagnose.data.Knowledge;
import cudaenv.diagnose.data.MinorVersionCompat;
import cudaenv.report.Report;

import java.util.Optional;

/**
 * Whether this machine's driver runs code built for a CUDA version, in the order cuda-facts.md gives: the driver's
 * CUDA is at least the runtime's; else the same major with the minor-version floor met (with limits); else not.
 * Forward compatibility needs no case here: a working cuda-compat libcuda already answers the newer CUDA version.
 */
record Compatibility(Support support, CudaVersion needed, Optional<CudaVersion> driverCuda,
                     Optional<DriverVersion> driver, String why) {

    /** UNKNOWN: the answer depends on a table row cudaenv does not have (a CUDA major newer than its data). */
    enum Support { NATIVE, MINOR_VERSION, TOO_OLD, NO_DRIVER, UNKNOWN }

    static Compatibility of(Report r, CudaVersion needed) {
        Optional<CudaVersion> driverCuda = Facts.driverCuda(r);
        Optional<DriverVersion> driver = Facts.driverVersion(r);
        if (driverCuda.isEmpty()) {
            return new Compatibility(Support.NO_DRIVER, needed, driverCuda, driver, "no NVIDIA driver answered");
        }
        CudaVersion has = driverCuda.get();
        String driverText = driver.map(d -> "driver " + d + " supports").orElse("the driver supports") + " CUDA " + has;
        if (has.atLeast(needed)) {
            return new Compatibility(Support.NATIVE, needed, driverCuda, driver, driverText + " >= " + needed);
        }
        if (has.major() != needed.major()) {
            return new Compatibility(Support.TOO_OLD, needed, driverCuda, driver, driverText
                    + ", an older major version than CUDA " + needed + ": minor-version compatibility only works within one major version");
        }
        Optional<DriverVersion> floor = MinorVersionCompat.floor(needed.major()).map(MinorVersionCompat.Floor::minDriver);
        if (floor.isEmpty() && needed.major() > Knowledge.newestCompatMajor()) {
            return new Compatibility(Support.UNKNOWN, needed, driverCuda, driver, driverText + " < " + needed
                    + ", and CUDA " + needed.major() + ".x is newer than " + Knowledge.dataOf("minor-version-compat.tsv")
                    + ": whether minor-version compatibility covers this driver is not known here");
        }
        if (floor.isEmpty()) {
            return new Compatibility(Support.TOO_OLD, needed, driverCuda, driver, driverText
                    + " < " + needed + ", and CUDA " + needed.major() + ".x has no minor-version compatibility");
        }
        if (driver.isPresent() && !driver.get().atLeast(floor.get())) {
            return new Compatibility(Support.TOO_OLD, needed, driverCuda, driver, driverText + " < " + needed
                    + ", and the driver is below " + floor.get() + ", the minor-version compatibility floor of CUDA "
                    + needed.major() + ".x");
        }
        return new Compatibility(Support.MINOR_VERSION, needed, driverCuda, driver, driverText + " < " + needed
                + ", but CUDA " + needed.major() + ".x minor-version compatibility covers drivers >= " + floor.get());
    }

    boolean runs() {
        return support == Support.NATIVE || support == Support.MINOR_VERSION;
    }
}
