package io.github.relayllm.kernels.backend;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A device a backend can run on, as {@code relay devices} lists it and logs name it.
 *
 * @param index its place in its provider's {@link BackendProvider#devices()}, which {@link
 *     BackendOptions#device()} accepts
 * @param name the device's name, as the driver gives it
 * @param type {@code CPU}, {@code GPU}, {@code ACCELERATOR} or {@code OTHER}
 * @param memoryBytes memory the device offers
 * @param computeUnits compute units (cores, SMs)
 * @param details further facts by name, in a stable order (platform, versions, extensions that
 *     choose kernel variants, limits)
 */
public record DeviceInfo(
        int index, String name, String type, long memoryBytes, int computeUnits, Map<String, String> details) {
    public DeviceInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
