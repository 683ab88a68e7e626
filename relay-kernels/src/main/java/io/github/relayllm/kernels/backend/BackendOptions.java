package io.github.relayllm.kernels.backend;

/**
 * How to set up a backend.
 *
 * @param threads worker threads of CPU kernels (the available processors by default)
 */
public record BackendOptions(int threads) {
    public BackendOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
    }

    /** One thread per available processor. */
    public static BackendOptions defaults() {
        return new BackendOptions(Runtime.getRuntime().availableProcessors());
    }

    public BackendOptions withThreads(int threads) {
        return new BackendOptions(threads);
    }
}
