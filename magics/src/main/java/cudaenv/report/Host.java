package cudaenv.report;

public record Host(String hostname, String os, String kernel, String arch) {
    public Host {
        hostname = hostname == null ? "" : hostname;
        os = os == null ? "" : os;
        kernel = kernel == null ? "" : kernel;
        arch = arch == null ? "" : arch;
    }

    public static Host unknown() {
        return new Host("", "", "", "");
    }
}
