package io.github.relayllm.kernels.opencl;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One {@code cl_kernel} with its arguments: buffers and constants are bound when a plan is compiled,
 * per-step values (row counts) are set before each enqueue. Setting an argument and enqueuing reuse
 * native scratch allocated with the kernel, so a step allocates nothing on the Java heap.
 *
 * <p>Each plan launch owns its kernel object: OpenCL keeps arguments per kernel object, so two launches
 * of the same function with different buffers need two.
 */
final class ClKernel implements AutoCloseable {
    private final ClContext context;
    private final String name;
    private final MemorySegment kernel;
    private final MemorySegment argument;
    private final MemorySegment globalSize;
    private final MemorySegment localSize;

    ClKernel(ClContext context, MemorySegment program, String name) {
        this.context = context;
        this.name = name;
        this.argument = context.arena().allocate(JAVA_LONG);
        this.globalSize = context.arena().allocate(JAVA_LONG, 3);
        this.localSize = context.arena().allocate(JAVA_LONG, 3);
        MemorySegment errorCode = context.arena().allocate(JAVA_INT);
        try (Arena names = Arena.ofConfined()) {
            this.kernel = ClApi.checkCreated(
                    "clCreateKernel",
                    (MemorySegment)
                            context.api().createKernel.invokeExact(program, names.allocateFrom(name), errorCode),
                    errorCode,
                    name);
        } catch (Throwable thrown) {
            throw ClApi.rethrow(thrown);
        }
    }

    String name() {
        return name;
    }

    /** Binds a buffer to argument {@code index}. */
    ClKernel arg(int index, ClBuffer buffer) {
        argument.set(ADDRESS, 0, buffer.handle());
        return set(index, ADDRESS.byteSize());
    }

    ClKernel arg(int index, int value) {
        argument.set(JAVA_INT, 0, value);
        return set(index, 4);
    }

    ClKernel arg(int index, long value) {
        argument.set(JAVA_LONG, 0, value);
        return set(index, 8);
    }

    ClKernel arg(int index, float value) {
        argument.set(JAVA_FLOAT, 0, value);
        return set(index, 4);
    }

    /** Gives argument {@code index}, a {@code __local} pointer, {@code bytes} of local memory. */
    ClKernel local(int index, long bytes) {
        try {
            ClApi.check(
                    "clSetKernelArg",
                    (int) context.api().setKernelArg.invokeExact(kernel, index, bytes, MemorySegment.NULL),
                    "local argument %d of %s".formatted(index, name));
        } catch (Throwable thrown) {
            throw ClApi.rethrow(thrown);
        }
        return this;
    }

    /** Enqueues a 1-dimensional range: {@code global} work-items in groups of {@code local}. */
    void enqueue(long global, long local) {
        globalSize.setAtIndex(JAVA_LONG, 0, roundUp(global, local));
        localSize.setAtIndex(JAVA_LONG, 0, local);
        enqueue(1);
    }

    /** Enqueues a 2-dimensional range; the global sizes are rounded up to whole groups. */
    void enqueue(long global0, long global1, long local0, long local1) {
        globalSize.setAtIndex(JAVA_LONG, 0, roundUp(global0, local0));
        globalSize.setAtIndex(JAVA_LONG, 1, roundUp(global1, local1));
        localSize.setAtIndex(JAVA_LONG, 0, local0);
        localSize.setAtIndex(JAVA_LONG, 1, local1);
        enqueue(2);
    }

    /** Enqueues a 3-dimensional range; the global sizes are rounded up to whole groups. */
    void enqueue(long global0, long global1, long global2, long local0, long local1, long local2) {
        globalSize.setAtIndex(JAVA_LONG, 0, roundUp(global0, local0));
        globalSize.setAtIndex(JAVA_LONG, 1, roundUp(global1, local1));
        globalSize.setAtIndex(JAVA_LONG, 2, roundUp(global2, local2));
        localSize.setAtIndex(JAVA_LONG, 0, local0);
        localSize.setAtIndex(JAVA_LONG, 1, local1);
        localSize.setAtIndex(JAVA_LONG, 2, local2);
        enqueue(3);
    }

    @Override
    public void close() {
        try {
            int ignored = (int) context.api().releaseKernel.invokeExact(kernel);
        } catch (Throwable thrown) {
            throw ClApi.rethrow(thrown);
        }
    }

    private void enqueue(int dimensions) {
        try {
            ClApi.check(
                    "clEnqueueNDRangeKernel",
                    (int) context.api()
                            .enqueueNdRangeKernel
                            .invokeExact(
                                    context.queue(),
                                    kernel,
                                    dimensions,
                                    MemorySegment.NULL,
                                    globalSize,
                                    localSize,
                                    0,
                                    MemorySegment.NULL,
                                    MemorySegment.NULL),
                    name);
        } catch (Throwable thrown) {
            throw ClApi.rethrow(thrown);
        }
    }

    private ClKernel set(int index, long size) {
        try {
            ClApi.check(
                    "clSetKernelArg",
                    (int) context.api().setKernelArg.invokeExact(kernel, index, size, argument),
                    "argument %d of %s".formatted(index, name));
        } catch (Throwable thrown) {
            throw ClApi.rethrow(thrown);
        }
        return this;
    }

    private static long roundUp(long value, long multiple) {
        return Math.max(multiple, Math.ceilDiv(value, multiple) * multiple);
    }
}
