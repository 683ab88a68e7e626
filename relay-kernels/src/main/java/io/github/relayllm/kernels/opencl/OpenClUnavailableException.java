package io.github.relayllm.kernels.opencl;

/**
 * OpenCL cannot run here: its library cannot be loaded, no platform is installed, or no device
 * matches the selection. The message says which and what to do about it.
 */
public final class OpenClUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public OpenClUnavailableException(String message) {
        super(message);
    }
}
