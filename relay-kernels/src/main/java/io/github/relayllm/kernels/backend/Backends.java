package io.github.relayllm.kernels.backend;

import java.util.List;
import java.util.ServiceLoader;

/** Finds backends: every {@link BackendProvider} registered with {@link ServiceLoader}. */
public final class Backends {
    private Backends() {}

    /** The providers on the module or class path, in discovery order. */
    public static List<BackendProvider> providers() {
        return ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
    }

    /**
     * A new backend of the given name.
     *
     * @throws IllegalArgumentException if no such backend is registered or it can not run here; the
     *     message lists those that can
     */
    public static Backend create(String name, BackendOptions options) {
        List<BackendProvider> providers = providers();
        for (BackendProvider provider : providers) {
            if (provider.name().equals(name)) {
                if (!provider.isAvailable()) {
                    throw new IllegalArgumentException("backend '%s' is not available on this machine: %s"
                            .formatted(name, provider.unavailableReason().orElse("unknown reason")));
                }
                return provider.create(options);
            }
        }
        throw new IllegalArgumentException("no backend named '%s'; available: %s"
                .formatted(
                        name,
                        providers.stream()
                                .filter(BackendProvider::isAvailable)
                                .map(BackendProvider::name)
                                .toList()));
    }
}
