package io.github.relayllm.kernels.opencl;

import java.util.Optional;

/**
 * An OpenCL call failed: names the call, the CL error (name and code) and, for a program that did not
 * build, the driver's build log. Thrown instead of letting an error code pass silently; the backend
 * stays usable after one unless the device itself was lost.
 */
public class OpenClException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errorCode;

    /** {@code call} returned {@code errorCode}; {@code detail} (may be empty) says what was being done. */
    public OpenClException(String call, int errorCode, String detail) {
        super("%s failed: %s (%d)%s"
                .formatted(call, ClStatus.name(errorCode), errorCode, detail.isEmpty() ? "" : ": " + detail));
        this.call = call;
        this.errorCode = errorCode;
    }

    /** The OpenCL function that failed, as {@code clBuildProgram}. */
    public String call() {
        return call;
    }

    /** The CL error code it returned (negative). */
    public int errorCode() {
        return errorCode;
    }

    /** The error's name, as {@code CL_OUT_OF_RESOURCES}, if it is a known one. */
    public Optional<String> errorName() {
        return ClStatus.knownName(errorCode);
    }
}
