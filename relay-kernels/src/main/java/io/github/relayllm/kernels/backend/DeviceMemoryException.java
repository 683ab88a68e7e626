package io.github.relayllm.kernels.backend;

/**
 * A device backend could not allocate a buffer: the message names the device, the bytes asked, the
 * bytes this backend already holds and what the device offers (in all, and for one buffer). Nothing
 * was allocated; the backend stays usable.
 */
public final class DeviceMemoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long requestedBytes;
    private final long availableBytes;

    /**
     * @param device the device, for the message
     * @param what what the buffer was for, as {@code "a Q8_0 [1024, 3072] weight"}
     * @param requestedBytes bytes asked
     * @param heldBytes bytes the backend already holds on the device
     * @param deviceBytes the device's memory
     * @param largestBuffer the largest single buffer the device allows
     * @param reason why it failed, as the driver said
     */
    public DeviceMemoryException(
            String device,
            String what,
            long requestedBytes,
            long heldBytes,
            long deviceBytes,
            long largestBuffer,
            String reason) {
        super(
                "out of device memory on %s: %s needs %s, this backend holds %s of the device's %s (largest buffer %s): %s"
                        .formatted(
                                device,
                                what,
                                bytes(requestedBytes),
                                bytes(heldBytes),
                                bytes(deviceBytes),
                                bytes(largestBuffer),
                                reason));
        this.requestedBytes = requestedBytes;
        this.availableBytes = Math.max(0, deviceBytes - heldBytes);
    }

    /** Bytes the failed allocation asked for. */
    public long requestedBytes() {
        return requestedBytes;
    }

    /** Device memory not held by this backend when it failed (other users may hold some of it). */
    public long availableBytes() {
        return availableBytes;
    }

    private static String bytes(long count) {
        if (count >= 1L << 30) {
            return "%.2f GiB".formatted(count / (double) (1L << 30));
        }
        if (count >= 1L << 20) {
            return "%.1f MiB".formatted(count / (double) (1L << 20));
        }
        return count + " bytes";
    }
}
