package io.github.relayllm.kernels.reference;

import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.BackendOptions;
import io.github.relayllm.kernels.backend.BackendProvider;

/** Registers the {@link ReferenceBackend} as {@code reference}; it runs anywhere and ignores the thread count. */
public final class ReferenceBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return ReferenceBackend.NAME;
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public Backend create(BackendOptions options) {
        return new ReferenceBackend();
    }
}
