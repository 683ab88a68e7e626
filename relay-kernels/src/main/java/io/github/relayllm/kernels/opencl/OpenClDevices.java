package io.github.relayllm.kernels.opencl;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The OpenCL devices of this machine, over every installed platform, and the choice of one. Each call
 * asks the driver again (a few milliseconds).
 */
public final class OpenClDevices {
    /** The system property that picks a device when the backend options do not: an index or a name part. */
    public static final String DEVICE_PROPERTY = "relay.opencl.device";

    private OpenClDevices() {}

    /** Whether the OpenCL library loads and at least one device exists. */
    public static boolean available() {
        if (ClApi.find().isEmpty()) {
            return false;
        }
        try {
            return !discover().isEmpty();
        } catch (OpenClException e) {
            return false;
        }
    }

    /**
     * Every device of every platform, in platform order.
     *
     * @throws OpenClUnavailableException if the OpenCL library cannot be loaded
     */
    public static List<OpenClDeviceInfo> list() {
        return discover().stream().map(ClDevice::info).toList();
    }

    /**
     * The device {@code selector} names (an index into {@link #list()}, or a case-insensitive part of
     * "platform / device name"); without one, {@code -Drelay.opencl.device}; without that, the first
     * GPU, else the first device.
     *
     * @throws OpenClUnavailableException if there is no device, or none matches; the message lists them
     */
    static ClDevice select(Optional<String> selector) {
        List<ClDevice> devices = discover();
        if (devices.isEmpty()) {
            throw new OpenClUnavailableException(
                    "no OpenCL platform or device is installed (the ICD loader found none; install a driver such as pocl-opencl-icd)");
        }
        Optional<String> wanted = selector.or(() -> Optional.ofNullable(System.getProperty(DEVICE_PROPERTY)))
                .map(String::strip)
                .filter(s -> !s.isEmpty());
        if (wanted.isEmpty()) {
            return devices.stream()
                    .filter(d -> d.info().type().equals("GPU"))
                    .findFirst()
                    .orElse(devices.getFirst());
        }
        String choice = wanted.get();
        if (choice.chars().allMatch(Character::isDigit)) {
            int index = Integer.parseInt(choice);
            if (index < devices.size()) {
                return devices.get(index);
            }
        } else {
            String part = choice.toLowerCase(Locale.ROOT);
            for (ClDevice device : devices) {
                String label = (device.info().platform() + " / " + device.info().name()).toLowerCase(Locale.ROOT);
                if (label.contains(part)) {
                    return device;
                }
            }
        }
        throw new OpenClUnavailableException("no OpenCL device matches '%s'; the devices are: %s"
                .formatted(
                        choice,
                        devices.stream()
                                .map(d -> d.info().index() + ": " + d.info().platform() + " / "
                                        + d.info().name())
                                .toList()));
    }

    private static List<ClDevice> discover() {
        ClApi cl = ClApi.get();
        List<ClDevice> devices = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(JAVA_INT);
            int status = (int) cl.getPlatformIds.invokeExact(0, MemorySegment.NULL, count);
            if (status == ClStatus.PLATFORM_NOT_FOUND_KHR || status == ClStatus.DEVICE_NOT_FOUND) {
                return List.of();
            }
            ClApi.check("clGetPlatformIDs", status);
            int platformCount = count.get(JAVA_INT, 0);
            MemorySegment platforms = arena.allocate(ADDRESS, Math.max(1, platformCount));
            ClApi.check("clGetPlatformIDs", (int) cl.getPlatformIds.invokeExact(platformCount, platforms, count));
            for (int p = 0; p < platformCount; p++) {
                MemorySegment platform = platforms.getAtIndex(ADDRESS, p);
                String platformName = platformString(cl, platform, ClApi.PLATFORM_NAME);
                int found = (int)
                        cl.getDeviceIds.invokeExact(platform, ClApi.DEVICE_TYPE_ALL, 0, MemorySegment.NULL, count);
                if (found == ClStatus.DEVICE_NOT_FOUND) {
                    continue;
                }
                ClApi.check("clGetDeviceIDs", found);
                int deviceCount = count.get(JAVA_INT, 0);
                MemorySegment ids = arena.allocate(ADDRESS, Math.max(1, deviceCount));
                ClApi.check("clGetDeviceIDs", (int)
                        cl.getDeviceIds.invokeExact(platform, ClApi.DEVICE_TYPE_ALL, deviceCount, ids, count));
                for (int d = 0; d < deviceCount; d++) {
                    MemorySegment device = ids.getAtIndex(ADDRESS, d);
                    devices.add(new ClDevice(describe(cl, devices.size(), platformName, device), platform, device));
                }
            }
        } catch (Throwable thrown) {
            throw ClApi.rethrow(thrown);
        }
        return List.copyOf(devices);
    }

    private static OpenClDeviceInfo describe(ClApi cl, int index, String platform, MemorySegment device) {
        return new OpenClDeviceInfo(
                index,
                platform,
                deviceString(cl, device, ClApi.DEVICE_NAME).strip(),
                typeName(deviceLong(cl, device, ClApi.DEVICE_TYPE)),
                deviceString(cl, device, ClApi.DEVICE_VERSION),
                deviceString(cl, device, ClApi.DEVICE_OPENCL_C_VERSION),
                deviceString(cl, device, ClApi.DRIVER_VERSION),
                deviceLong(cl, device, ClApi.DEVICE_GLOBAL_MEM_SIZE),
                deviceLong(cl, device, ClApi.DEVICE_MAX_MEM_ALLOC_SIZE),
                deviceLong(cl, device, ClApi.DEVICE_LOCAL_MEM_SIZE),
                deviceInt(cl, device, ClApi.DEVICE_MAX_COMPUTE_UNITS),
                deviceLong(cl, device, ClApi.DEVICE_MAX_WORK_GROUP_SIZE),
                Set.copyOf(Arrays.stream(deviceString(cl, device, ClApi.DEVICE_EXTENSIONS)
                                .split("\\s+"))
                        .filter(s -> !s.isEmpty())
                        .toList()));
    }

    private static String typeName(long type) {
        if ((type & 4) != 0) {
            return "GPU";
        }
        if ((type & 2) != 0) {
            return "CPU";
        }
        if ((type & 8) != 0) {
            return "ACCELERATOR";
        }
        return "OTHER";
    }

    private static String platformString(ClApi cl, MemorySegment platform, int parameter) {
        return infoString("clGetPlatformInfo", cl.getPlatformInfo, platform, parameter);
    }

    static String deviceString(ClApi cl, MemorySegment device, int parameter) {
        return infoString("clGetDeviceInfo", cl.getDeviceInfo, device, parameter);
    }

    /**
     * A string property through one of OpenCL's {@code clGet*Info} calls, which share a signature:
     * asked once for the size, then for the bytes.
     */
    private static String infoString(String call, MethodHandle getInfo, MemorySegment object, int parameter) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment size = arena.allocate(JAVA_LONG);
            ClApi.check(call, (int) getInfo.invokeExact(object, parameter, 0L, MemorySegment.NULL, size));
            MemorySegment value = arena.allocate(Math.max(1, size.get(JAVA_LONG, 0)));
            ClApi.check(
                    call, (int) getInfo.invokeExact(object, parameter, value.byteSize(), value, MemorySegment.NULL));
            return value.getString(0, StandardCharsets.UTF_8);
        } catch (Throwable thrown) {
            throw ClApi.rethrow(thrown);
        }
    }

    /** A {@code cl_ulong} or {@code size_t} property (8 bytes). */
    private static long deviceLong(ClApi cl, MemorySegment device, int parameter) {
        return deviceNumber(cl, device, parameter, JAVA_LONG);
    }

    /** A {@code cl_uint} property (4 bytes). */
    private static int deviceInt(ClApi cl, MemorySegment device, int parameter) {
        return (int) deviceNumber(cl, device, parameter, JAVA_INT);
    }

    private static long deviceNumber(ClApi cl, MemorySegment device, int parameter, ValueLayout layout) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(layout);
            ClApi.check("clGetDeviceInfo", (int)
                    cl.getDeviceInfo.invokeExact(device, parameter, layout.byteSize(), value, MemorySegment.NULL));
            return layout == JAVA_INT ? value.get(JAVA_INT, 0) : value.get(JAVA_LONG, 0);
        } catch (Throwable thrown) {
            throw ClApi.rethrow(thrown);
        }
    }
}
