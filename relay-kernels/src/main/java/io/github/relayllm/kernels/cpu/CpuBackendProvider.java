package io.github.relayllm.kernels.cpu;

import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.BackendOptions;
import io.github.relayllm.kernels.backend.BackendProvider;

/** Registers the {@link CpuBackend} as {@code cpu}; it runs on any machine with the Vector API module. */
public final class CpuBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return CpuBackend.NAME;
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public Backend create(BackendOptions options) {
        return new CpuBackend(options);
    }
}
