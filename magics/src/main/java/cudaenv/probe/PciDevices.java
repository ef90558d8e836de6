package cudaenv.probe;

import cudaenv.discover.RootFs;

import java.util.ArrayList;
import java.util.List;

/** NVIDIA GPUs on the PCI bus as sysfs lists them: present whether or not a driver is installed or loaded. */
final class PciDevices {
    private static final String NVIDIA = "0x10de";

    private PciDevices() {
    }

    /** "0000:3b:00.0 (class 0x030200, device 0x20b5)" for each NVIDIA display or 3D controller (PCI class 0x03). */
    static List<String> nvidia(RootFs fs) {
        List<String> out = new ArrayList<>();
        for (String dev : fs.glob("/sys/bus/pci/devices/*")) {
            String vendor = fs.readString(dev + "/vendor").map(String::strip).orElse("");
            String pciClass = fs.readString(dev + "/class").map(String::strip).orElse("");
            if (vendor.equalsIgnoreCase(NVIDIA) && pciClass.startsWith("0x03")) {
                String device = fs.readString(dev + "/device").map(String::strip).orElse("unknown");
                out.add(dev.substring(dev.lastIndexOf('/') + 1) + " (class " + pciClass + ", device " + device + ")");
            }
        }
        return out;
    }
}
