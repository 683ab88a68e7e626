package io.github.relayllm.kernels.backend;

/**
 * A kind of backend that {@link Backends} can find through {@link java.util.ServiceLoader}. A
 * provider must be cheap to instantiate: it touches no device until {@link #create} is called.
 */
public interface BackendProvider {
    /** The name users select the backend by ({@code cpu}, {@code opencl}, ...). */
    String name();

    /** Whether the backend can run on this machine (its native library and a device are there). */
    boolean isAvailable();

    /** A new backend. */
    Backend create(BackendOptions options);
}
