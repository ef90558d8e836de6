package cudaenv.report;

public record Host(String hostname, String os, String kernel, String arch) {
    public Host {
        hostname = hostname == null ? "" : hostname;
        os = os == null ? "" : os;
        kernel = kernel == null ? "" : kernel;
        arch = arch == null ? "" : arch;
    }

    /** The same host under the name a scheduler knows it by (a Slurm node, a Kubernetes node). */
    public Host withHostname(String name) {
        return new Host(name, os, kernel, arch);
    }

    public static Host unknown() {
        return new Host("", "", "", "");
    }
}
