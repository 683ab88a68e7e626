package io.github.relayllm.kernels.opencl;

import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.BackendOptions;
import io.github.relayllm.kernels.backend.BackendProvider;
import io.github.relayllm.kernels.backend.DeviceInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Registers the {@link OpenClBackend} as {@code opencl}; available where the OpenCL library loads and
 * a platform has a device. Instantiating it touches nothing; {@link #isAvailable()} asks the driver.
 */
public final class OpenClBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return OpenClBackend.NAME;
    }

    @Override
    public boolean isAvailable() {
        return OpenClDevices.available();
    }

    @Override
    public Optional<String> unavailableReason() {
        if (ClApi.find().isEmpty()) {
            return Optional.of(ClApi.loadFailure());
        }
        return isAvailable()
                ? Optional.empty()
                : Optional.of(
                        "the OpenCL loader found no platform with a device (install a driver such as pocl-opencl-icd)");
    }

    @Override
    public List<DeviceInfo> devices() {
        return isAvailable()
                ? OpenClDevices.list().stream()
                        .map(OpenClBackendProvider::describe)
                        .toList()
                : List.of();
    }

    @Override
    public Backend create(BackendOptions options) {
        return new OpenClBackend(options);
    }

    private static DeviceInfo describe(OpenClDeviceInfo device) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("platform", device.platform());
        details.put("version", device.version());
        details.put("opencl_c", device.openClCVersion());
        details.put("driver", device.driverVersion());
        details.put("max_buffer_bytes", Long.toString(device.maxAllocationBytes()));
        details.put("local_memory_bytes", Long.toString(device.localMemoryBytes()));
        details.put("max_work_group", Long.toString(device.maxWorkGroupSize()));
        details.put("fp16", Boolean.toString(device.hasFp16()));
        details.put("subgroups", Boolean.toString(device.hasSubgroups()));
        details.put("extensions", String.join(" ", new TreeSet<>(device.extensions())));
        return new DeviceInfo(
                device.index(),
                device.name(),
                device.type(),
                device.globalMemoryBytes(),
                device.computeUnits(),
                details);
    }
}
