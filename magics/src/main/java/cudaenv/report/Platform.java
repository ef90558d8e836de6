package cudaenv.report;

import java.util.List;
import java.util.Optional;

/**
 * What kind of system this is, as far as CUDA cares: facts the support threads' failures hinge on.
 *
 * @param nouveauLoaded  the open-source nouveau module is loaded (/sys/module/nouveau): it claims NVIDIA GPUs
 * @param wsl            Windows Subsystem for Linux 2 (/usr/lib/wsl/lib or a WSL kernel): libcuda comes from Windows
 * @param tegraRelease   Jetson / Tegra: the first line of /etc/nv_tegra_release (no NVML, no nvidia-smi there)
 * @param shmBytes       the size of /dev/shm (from /proc/mounts), where PyTorch's DataLoader workers share tensors
 * @param nvidiaWheels   pip's NVIDIA CUDA wheels with a CUDA suffix, e.g. "nvidia-cublas-cu12 12.4.5.8"
 * @param secureBoot     Secure Boot, lockdown and the NVIDIA module's signature: whether the kernel will load it
 */
public record Platform(boolean nouveauLoaded, boolean wsl, Optional<String> tegraRelease, Optional<Long> shmBytes,
                       List<String> nvidiaWheels, SecureBoot secureBoot) {
    public Platform {
        tegraRelease = Lists.opt(tegraRelease);
        shmBytes = Lists.opt(shmBytes);
        nvidiaWheels = nvidiaWheels == null ? List.of() : List.copyOf(nvidiaWheels);
        secureBoot = secureBoot == null ? SecureBoot.unknown() : secureBoot;
    }

    public Platform(boolean nouveauLoaded, boolean wsl, Optional<String> tegraRelease, Optional<Long> shmBytes,
                    List<String> nvidiaWheels) {
        this(nouveauLoaded, wsl, tegraRelease, shmBytes, nvidiaWheels, null);
    }

    public Platform withSecureBoot(SecureBoot newSecureBoot) {
        return new Platform(nouveauLoaded, wsl, tegraRelease, shmBytes, nvidiaWheels, newSecureBoot);
    }

    public static Platform unknown() {
        return new Platform(false, false, Optional.empty(), Optional.empty(), List.of());
    }
}
