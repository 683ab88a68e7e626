package io.github.relayllm.kernels.backend;

import java.util.Objects;
import java.util.Optional;

/**
 * How to set up a backend.
 *
 * @param threads worker threads of CPU kernels (the available processors by default)
 * @param device which device a device backend runs on: an index into its device list, or a substring
 *     of the device's name; empty for the backend's default (for OpenCL, {@code -Drelay.opencl.device}
 *     or else the first device). Host backends ignore it.
 */
public record BackendOptions(int threads, Optional<String> device) {
    public BackendOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        Objects.requireNonNull(device, "device");
    }

    /** {@code threads} threads on the default device. */
    public BackendOptions(int threads) {
        this(threads, Optional.empty());
    }

    /** One thread per available processor, the default device. */
    public static BackendOptions defaults() {
        return new BackendOptions(Runtime.getRuntime().availableProcessors());
    }

    public BackendOptions withThreads(int threads) {
        return new BackendOptions(threads, device);
    }

    /** These options on the device {@code selector} (an index or a name substring). */
    public BackendOptions withDevice(String selector) {
        return new BackendOptions(threads, Optional.of(selector));
    }
}
