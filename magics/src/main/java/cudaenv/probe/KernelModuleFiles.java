package cudaenv.probe;

import cudaenv.discover.BoundedReader;
import cudaenv.discover.RootFs;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NVIDIA kernel module as files show it: /proc/driver/nvidia/version, /sys/module/nvidia, /dev/nvidia*.
 *
 * @param version     the loaded module's version, e.g. 535.113.01
 * @param loaded      /proc/driver/nvidia or /sys/module/nvidia exists (device nodes prove nothing: root creates them)
 * @param deviceNodes /dev/nvidia* present
 * @param type        open | proprietary: which kernel module /proc/driver/nvidia/version names
 */
record KernelModuleFiles(Optional<String> version, boolean loaded, List<String> deviceNodes, Optional<String> type) {
    // proprietary: "Kernel Module  535.113.01  Tue ..."; open: "Open Kernel Module for x86_64  535.113.01  Release ..."
    private static final Pattern VERSION = Pattern.compile("Kernel Module(?: for \\S+)?\\s+(\\d+\\.\\d+(?:\\.\\d+)?)");

    static KernelModuleFiles read(RootFs fs) {
        Optional<String> version = fs.readString("/proc/driver/nvidia/version", BoundedReader.SMALL).flatMap(text -> {
            Matcher m = VERSION.matcher(text);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        });
        boolean loaded = fs.exists("/proc/driver/nvidia") || fs.exists("/sys/module/nvidia");
        List<String> nodes = fs.list("/dev").stream().filter(n -> n.startsWith("nvidia")).map(n -> "/dev/" + n).toList();
        Optional<String> type = fs.readString("/proc/driver/nvidia/version").filter(t -> VERSION.matcher(t).find())
                .map(t -> t.contains("Open Kernel Module") ? "open" : "proprietary");
        return new KernelModuleFiles(version, loaded, nodes, type);
    }

    /** GPU device nodes (/dev/nvidia0, ...), as opposed to nvidiactl / nvidia-uvm. */
    boolean hasGpuNodes() {
        return deviceNodes.stream().anyMatch(n -> n.matches("/dev/nvidia\\d+"));
    }
}
