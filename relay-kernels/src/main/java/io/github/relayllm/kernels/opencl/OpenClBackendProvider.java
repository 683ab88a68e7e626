package io.github.relayllm.kernels.opencl;

import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.BackendOptions;
import io.github.relayllm.kernels.backend.BackendProvider;

/**
 * Registers the {@link OpenClBackend} as {@code opencl}; available where the OpenCL library loads and
 * a platform has a device. Instantiating it touches nothing; {@link #isAvailable()} asks the driver.
 */
public final class OpenClBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return OpenClBackend.NAME;
    }

    @Override
    public boolean isAvailable() {
        return OpenClDevices.available();
    }

    @Override
    public Backend create(BackendOptions options) {
        return new OpenClBackend(options);
    }
}
