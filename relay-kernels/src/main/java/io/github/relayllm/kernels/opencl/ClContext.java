package io.github.relayllm.kernels.opencl;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.github.relayllm.kernels.backend.DeviceMemoryException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * One device's OpenCL context and its in-order command queue: buffers, copies, the wait. Copies are
 * blocking; a copy from Java heap memory goes through a native staging buffer, since the driver may
 * keep the pointer past the call.
 *
 * <p>Not thread-safe: one thread drives a context, as the backend that owns it.
 */
final class ClContext implements AutoCloseable {
    private static final long STAGING_BYTES = 4L << 20;

    private final ClApi cl;
    private final ClDevice device;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment context;
    private final MemorySegment queue;
    private final MemorySegment errorCode;
    private MemorySegment staging;
    private long heldBytes;

    ClContext(ClDevice device) {
        this.cl = ClApi.get();
        this.device = device;
        this.errorCode = arena.allocate(JAVA_INT);
        this.staging = arena.allocate(4096, 64);
        MemorySegment devices = arena.allocate(ADDRESS);
        devices.set(ADDRESS, 0, device.deviceId());
        try {
            this.context = ClApi.checkCreated(
                    "clCreateContext",
                    (MemorySegment) cl.createContext.invokeExact(
                            MemorySegment.NULL, 1, devices, MemorySegment.NULL, MemorySegment.NULL, errorCode),
                    errorCode,
                    device.info().name());
            this.queue = ClApi.checkCreated(
                    "clCreateCommandQueue",
                    (MemorySegment) cl.createCommandQueue.invokeExact(context, device.deviceId(), 0L, errorCode),
                    errorCode,
                    device.info().name());
        } catch (Throwable thrown) {
            arena.close();
            throw ClApi.rethrow(thrown);
        }
    }

    ClApi api() {
        return cl;
    }

    ClDevice device() {
        return device;
    }

    OpenClDeviceInfo info() {
        return device.info();
    }

    MemorySegment context() {
        return context;
    }

    MemorySegment queue() {
        return queue;
    }

    /** Memory for the context's lifetime (kernel argument scratch, size arrays). */
    Arena arena() {
        return arena;
    }

    /** Bytes of the buffers this context holds. */
    long heldBytes() {
        return heldBytes;
    }

    /**
     * A new device buffer of {@code bytes} rounded up to whole 32-bit words, not initialized.
     *
     * @throws DeviceMemoryException if the device cannot hold it
     */
    MemorySegment allocate(long bytes, String what) {
        long size = allocatedBytes(bytes);
        OpenClDeviceInfo info = device.info();
        if (size > info.maxAllocationBytes()) {
            throw outOfMemory(what, size, "larger than the largest buffer the device allows");
        }
        if (heldBytes + size > info.globalMemoryBytes()) {
            throw outOfMemory(what, size, "more than the device has left");
        }
        MemorySegment buffer;
        try {
            buffer = (MemorySegment)
                    cl.createBuffer.invokeExact(context, ClApi.MEM_READ_WRITE, size, MemorySegment.NULL, errorCode);
        } catch (Throwable thrown) {
            throw ClApi.rethrow(thrown);
        }
        int status = errorCode.get(JAVA_INT, 0);
        if (isOutOfMemory(status)) {
            throw outOfMemory(what, size, "clCreateBuffer: " + ClStatus.name(status));
        }
        ClApi.checkCreated("clCreateBuffer", buffer, errorCode, what);
        heldBytes += size;
        return buffer;
    }

    /** The bytes {@link #allocate} reserves for a buffer of {@code bytes}: whole 32-bit words, at least one. */
    static long allocatedBytes(long bytes) {
        return Math.max(4, (bytes + 3) & ~3L);
    }

    /** Frees a buffer {@link #allocate} made, {@code bytes} long. */
    void free(MemorySegment buffer, long bytes) {
        release(buffer);
        heldBytes -= allocatedBytes(bytes);
    }

    /** Copies {@code source} into the buffer at byte {@code offset}; returns when the copy is done. */
    void write(MemorySegment buffer, long offset, MemorySegment source) {
        if (source.isNative()) {
            enqueueWrite(buffer, offset, source);
            return;
        }
        for (long done = 0; done < source.byteSize(); ) {
            long chunk = Math.min(STAGING_BYTES, source.byteSize() - done);
            MemorySegment stage = staging(chunk);
            MemorySegment.copy(source, done, stage, 0, chunk);
            enqueueWrite(buffer, offset + done, stage.asSlice(0, chunk));
            done += chunk;
        }
    }

    /** Copies from the buffer at byte {@code offset} into {@code target}; returns when it is there. */
    void read(MemorySegment buffer, long offset, MemorySegment target) {
        if (target.isNative()) {
            enqueueRead(buffer, offset, target);
            return;
        }
        for (long done = 0; done < target.byteSize(); ) {
            long chunk = Math.min(STAGING_BYTES, target.byteSize() - done);
            MemorySegment stage = staging(chunk);
            enqueueRead(buffer, offset + done, stage.asSlice(0, chunk));
            MemorySegment.copy(stage, 0, target, done, chunk);
            done += chunk;
        }
    }

    /** Waits until every command enqueued so far has finished. */
    void finish() {
        try {
            ClApi.check("clFinish", (int) cl.finish.invokeExact(queue));
        } catch (Throwable thrown) {
            throw ClApi.rethrow(thrown);
        }
    }

    @Override
    public void close() {
        try {
            int ignored = (int) cl.releaseCommandQueue.invokeExact(queue);
            ignored = (int) cl.releaseContext.invokeExact(context);
        } catch (Throwable thrown) {
            throw ClApi.rethrow(thrown);
        } finally {
            arena.close();
        }
    }

    private void enqueueWrite(MemorySegment buffer, long offset, MemorySegment source) {
        transfer(cl.enqueueWriteBuffer, "clEnqueueWriteBuffer", buffer, offset, source);
    }

    private void enqueueRead(MemorySegment buffer, long offset, MemorySegment target) {
        transfer(cl.enqueueReadBuffer, "clEnqueueReadBuffer", buffer, offset, target);
    }

    /** A blocking {@code clEnqueueWriteBuffer} or {@code clEnqueueReadBuffer}: they share a signature. */
    private void transfer(MethodHandle call, String name, MemorySegment buffer, long offset, MemorySegment host) {
        if (host.byteSize() == 0) {
            return;
        }
        try {
            ClApi.check(name, (int) call.invokeExact(
                    queue, buffer, 1, offset, host.byteSize(), host, 0, MemorySegment.NULL, MemorySegment.NULL));
        } catch (Throwable thrown) {
            throw ClApi.rethrow(thrown);
        }
    }

    private MemorySegment staging(long bytes) {
        if (staging.byteSize() < bytes) {
            staging = arena.allocate(Math.max(bytes, Math.min(STAGING_BYTES, 2 * staging.byteSize())), 64);
        }
        return staging;
    }

    private void release(MemorySegment buffer) {
        try {
            int ignored = (int) cl.releaseMemObject.invokeExact(buffer);
        } catch (Throwable thrown) {
            throw ClApi.rethrow(thrown);
        }
    }

    private static boolean isOutOfMemory(int status) {
        return status == ClStatus.MEM_OBJECT_ALLOCATION_FAILURE
                || status == ClStatus.OUT_OF_RESOURCES
                || status == ClStatus.OUT_OF_HOST_MEMORY
                || status == ClStatus.INVALID_BUFFER_SIZE;
    }

    private DeviceMemoryException outOfMemory(String what, long bytes, String reason) {
        OpenClDeviceInfo info = device.info();
        return new DeviceMemoryException(
                info.name(), what, bytes, heldBytes, info.globalMemoryBytes(), info.maxAllocationBytes(), reason);
    }
}
