package io.github.relayllm.kernels.opencl;

import java.util.Set;

/**
 * What an OpenCL device is, for logs, {@code relay devices} and choosing kernel variants.
 *
 * @param index the device's place in {@link OpenClDevices#list()}, which {@code
 *     -Drelay.opencl.device} accepts
 * @param platform the platform's name, as {@code Portable Computing Language}
 * @param name the device's name
 * @param type {@code CPU}, {@code GPU}, {@code ACCELERATOR} or {@code OTHER}
 * @param version the OpenCL version the device reports
 * @param openClCVersion the OpenCL C version its compiler accepts
 * @param driverVersion the driver's version string
 * @param globalMemoryBytes device memory
 * @param maxAllocationBytes the largest single buffer
 * @param localMemoryBytes local (work-group shared) memory
 * @param computeUnits compute units (cores, SMs)
 * @param maxWorkGroupSize the largest work-group
 * @param extensions the extension names it reports
 */
public record OpenClDeviceInfo(
        int index,
        String platform,
        String name,
        String type,
        String version,
        String openClCVersion,
        String driverVersion,
        long globalMemoryBytes,
        long maxAllocationBytes,
        long localMemoryBytes,
        int computeUnits,
        long maxWorkGroupSize,
        Set<String> extensions) {

    public OpenClDeviceInfo {
        extensions = Set.copyOf(extensions);
    }

    /** Whether kernels may compute in half precision ({@code cl_khr_fp16}). */
    public boolean hasFp16() {
        return extensions.contains("cl_khr_fp16");
    }

    /** Whether kernels may use sub-group reductions ({@code cl_khr_subgroups} or Intel's). */
    public boolean hasSubgroups() {
        return extensions.contains("cl_khr_subgroups") || extensions.contains("cl_intel_subgroups");
    }

    /** One line for logs: platform, name, type, memory, compute units. */
    public String summary() {
        return "%s / %s (%s, %d MiB, %d compute units, work-groups up to %d%s%s)"
                .formatted(
                        platform,
                        name,
                        type,
                        globalMemoryBytes >> 20,
                        computeUnits,
                        maxWorkGroupSize,
                        hasFp16() ? ", fp16" : "",
                        hasSubgroups() ? ", subgroups" : "");
    }
}
