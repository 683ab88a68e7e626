package io.github.relayllm.kernels.backend;

import java.util.List;
import java.util.Optional;

/**
 * A kind of backend that {@link Backends} can find through {@link java.util.ServiceLoader}. A
 * provider must be cheap to instantiate: it touches no device until {@link #create} is called.
 */
public interface BackendProvider {
    /** The name users select the backend by ({@code cpu}, {@code opencl}, ...). */
    String name();

    /** Whether the backend can run on this machine (its native library and a device are there). */
    boolean isAvailable();

    /** Why {@link #isAvailable()} is false, for messages; empty when it is available. */
    default Optional<String> unavailableReason() {
        return isAvailable() ? Optional.empty() : Optional.of("not available on this machine");
    }

    /**
     * The devices the backend can run on here, for {@code relay devices} and device selection; empty
     * when it is not available. Asks the driver each time.
     */
    default List<DeviceInfo> devices() {
        return List.of();
    }

    /** A new backend. */
    Backend create(BackendOptions options);
}
