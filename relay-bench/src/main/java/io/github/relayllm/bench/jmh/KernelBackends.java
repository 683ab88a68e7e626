package io.github.relayllm.bench.jmh;

import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.BackendOptions;
import io.github.relayllm.kernels.backend.BackendProvider;
import io.github.relayllm.kernels.backend.Backends;

/**
 * Opens the backend a kernel benchmark's {@code backend} parameter names, or stops its trial with one
 * line saying why: JMH prints the exception of a failed {@code @Setup} and goes on with the next
 * benchmark, so a suite run with {@code -p backend=opencl} on a machine without OpenCL skips cleanly.
 */
final class KernelBackends {
    private KernelBackends() {}

    /**
     * A new backend called {@code name} with one worker thread per processor, on its default device.
     *
     * @throws IllegalStateException if no such backend is registered or it can not run here
     */
    static Backend open(String name) {
        for (BackendProvider provider : Backends.providers()) {
            if (provider.name().equals(name) && !provider.isAvailable()) {
                throw new IllegalStateException("skipped: backend '%s' is not available on this machine: %s"
                        .formatted(name, provider.unavailableReason().orElse("unknown reason")));
            }
        }
        try {
            return Backends.create(name, BackendOptions.defaults());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("skipped: " + e.getMessage(), e);
        }
    }
}
