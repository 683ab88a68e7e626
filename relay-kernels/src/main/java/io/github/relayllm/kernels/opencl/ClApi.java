package io.github.relayllm.kernels.opencl;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Hand-written FFM bindings to the part of the OpenCL 1.2 API the backend uses, loaded once per JVM
 * from {@code libOpenCL.so.1} (the ICD loader) or the library {@code -Drelay.opencl.lib=PATH} names.
 * Handles ({@code cl_platform_id}, {@code cl_mem}, ...) are plain addresses; {@code size_t} is 64 bits.
 *
 * <p>Every method returns the raw result; {@link #check} turns an error code into an {@link
 * OpenClException} that names the call. Thread-safe as OpenCL itself (the backend drives one queue
 * from one thread).
 */
final class ClApi {
    /** The system property naming the OpenCL library to load instead of the ICD loader. */
    static final String LIBRARY_PROPERTY = "relay.opencl.lib";

    private static final String DEFAULT_LIBRARY = "libOpenCL.so.1";

    // cl_device_info, cl_platform_info, ... values used (cl.h).
    static final int PLATFORM_NAME = 0x0902;
    static final int PLATFORM_VERSION = 0x0901;
    static final int PLATFORM_VENDOR = 0x0903;
    static final long DEVICE_TYPE_ALL = 0xFFFFFFFFL;
    static final int DEVICE_TYPE = 0x1000;
    static final int DEVICE_MAX_COMPUTE_UNITS = 0x1002;
    static final int DEVICE_MAX_WORK_GROUP_SIZE = 0x1004;
    static final int DEVICE_MAX_MEM_ALLOC_SIZE = 0x1010;
    static final int DEVICE_GLOBAL_MEM_SIZE = 0x101F;
    static final int DEVICE_LOCAL_MEM_SIZE = 0x1023;
    static final int DEVICE_NAME = 0x102B;
    static final int DEVICE_VENDOR = 0x102C;
    static final int DRIVER_VERSION = 0x102D;
    static final int DEVICE_VERSION = 0x102F;
    static final int DEVICE_EXTENSIONS = 0x1030;
    static final int DEVICE_OPENCL_C_VERSION = 0x103D;
    static final int PROGRAM_BUILD_LOG = 0x1183;
    static final int PROGRAM_BINARY_SIZES = 0x1165;
    static final int PROGRAM_BINARIES = 0x1166;
    static final int KERNEL_WORK_GROUP_SIZE = 0x11B0;
    static final long MEM_READ_WRITE = 1;
    static final long MEM_READ_ONLY = 1 << 2;

    private static final Optional<ClApi> INSTANCE;
    private static final String LOAD_FAILURE;

    static {
        String library = System.getProperty(LIBRARY_PROPERTY, DEFAULT_LIBRARY);
        ClApi api = null;
        String failure = null;
        try {
            api = new ClApi(SymbolLookup.libraryLookup(library, Arena.global()));
        } catch (IllegalArgumentException | UnsatisfiedLinkError e) {
            failure = "cannot load the OpenCL library %s (%s); install an ICD loader and a driver, or set -D%s=PATH"
                    .formatted(library, e.getMessage(), LIBRARY_PROPERTY);
        }
        INSTANCE = Optional.ofNullable(api);
        LOAD_FAILURE = failure;
    }

    final MethodHandle getPlatformIds;
    final MethodHandle getPlatformInfo;
    final MethodHandle getDeviceIds;
    final MethodHandle getDeviceInfo;
    final MethodHandle createContext;
    final MethodHandle createCommandQueue;
    final MethodHandle createBuffer;
    final MethodHandle enqueueWriteBuffer;
    final MethodHandle enqueueReadBuffer;
    final MethodHandle createProgramWithSource;
    final MethodHandle createProgramWithBinary;
    final MethodHandle buildProgram;
    final MethodHandle getProgramBuildInfo;
    final MethodHandle getProgramInfo;
    final MethodHandle createKernel;
    final MethodHandle getKernelWorkGroupInfo;
    final MethodHandle setKernelArg;
    final MethodHandle enqueueNdRangeKernel;
    final MethodHandle finish;
    final MethodHandle releaseMemObject;
    final MethodHandle releaseKernel;
    final MethodHandle releaseProgram;
    final MethodHandle releaseCommandQueue;
    final MethodHandle releaseContext;

    private ClApi(SymbolLookup library) {
        Linker linker = Linker.nativeLinker();
        Binder bind = (name, descriptor) -> linker.downcallHandle(
                library.find(name).orElseThrow(() -> new UnsatisfiedLinkError("no symbol " + name)), descriptor);
        getPlatformIds = bind.to("clGetPlatformIDs", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
        getPlatformInfo = bind.to("clGetPlatformInfo", JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS);
        getDeviceIds = bind.to("clGetDeviceIDs", JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS);
        getDeviceInfo = bind.to("clGetDeviceInfo", JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS);
        createContext = bind.to("clCreateContext", ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
        createCommandQueue = bind.to("clCreateCommandQueue", ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS);
        createBuffer = bind.to("clCreateBuffer", ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS);
        // Write and read share one signature: (queue, buffer, blocking, offset, size, host, events...).
        FunctionDescriptor transfer = FunctionDescriptor.of(
                JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_INT, ADDRESS, ADDRESS);
        enqueueWriteBuffer = bind.to("clEnqueueWriteBuffer", transfer);
        enqueueReadBuffer = bind.to("clEnqueueReadBuffer", transfer);
        createProgramWithSource =
                bind.to("clCreateProgramWithSource", ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
        createProgramWithBinary = bind.to(
                "clCreateProgramWithBinary", ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
        buildProgram = bind.to("clBuildProgram", JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
        getProgramBuildInfo =
                bind.to("clGetProgramBuildInfo", JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS);
        getProgramInfo = bind.to("clGetProgramInfo", JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS);
        createKernel = bind.to("clCreateKernel", ADDRESS, ADDRESS, ADDRESS, ADDRESS);
        getKernelWorkGroupInfo =
                bind.to("clGetKernelWorkGroupInfo", JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS);
        setKernelArg = bind.to("clSetKernelArg", JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS);
        enqueueNdRangeKernel = bind.to(
                "clEnqueueNDRangeKernel",
                JAVA_INT,
                ADDRESS,
                ADDRESS,
                JAVA_INT,
                ADDRESS,
                ADDRESS,
                ADDRESS,
                JAVA_INT,
                ADDRESS,
                ADDRESS);
        finish = bind.to("clFinish", JAVA_INT, ADDRESS);
        releaseMemObject = bind.to("clReleaseMemObject", JAVA_INT, ADDRESS);
        releaseKernel = bind.to("clReleaseKernel", JAVA_INT, ADDRESS);
        releaseProgram = bind.to("clReleaseProgram", JAVA_INT, ADDRESS);
        releaseCommandQueue = bind.to("clReleaseCommandQueue", JAVA_INT, ADDRESS);
        releaseContext = bind.to("clReleaseContext", JAVA_INT, ADDRESS);
    }

    /** The bindings, or empty when the library cannot be loaded ({@link #loadFailure()} says why). */
    static Optional<ClApi> find() {
        return INSTANCE;
    }

    /**
     * The bindings.
     *
     * @throws OpenClUnavailableException if the library cannot be loaded
     */
    static ClApi get() {
        return INSTANCE.orElseThrow(() -> new OpenClUnavailableException(LOAD_FAILURE));
    }

    static String loadFailure() {
        return LOAD_FAILURE;
    }

    /**
     * @return {@code errorCode} when it is {@code CL_SUCCESS}
     * @throws OpenClException naming {@code call} otherwise
     */
    static void check(String call, int errorCode) {
        check(call, errorCode, "");
    }

    static void check(String call, int errorCode, String detail) {
        if (errorCode != ClStatus.SUCCESS) {
            throw new OpenClException(call, errorCode, detail);
        }
    }

    /** A handle a {@code clCreate*} call returned, checked through its {@code errcode_ret}. */
    static MemorySegment checkCreated(String call, MemorySegment handle, MemorySegment errorCode, String detail) {
        check(call, errorCode.get(JAVA_INT, 0), detail);
        if (handle.equals(MemorySegment.NULL)) {
            throw new OpenClException(call, ClStatus.OUT_OF_RESOURCES, "returned no object " + detail);
        }
        return handle;
    }

    /** Turns what {@code invokeExact} may throw into unchecked exceptions. */
    static RuntimeException rethrow(Throwable thrown) {
        if (thrown instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException("an OpenCL call threw", thrown);
    }

    @FunctionalInterface
    private interface Binder {
        MethodHandle to(String name, FunctionDescriptor descriptor);

        default MethodHandle to(String name, MemoryLayout result, MemoryLayout... arguments) {
            return to(name, FunctionDescriptor.of(result, arguments));
        }
    }
}
