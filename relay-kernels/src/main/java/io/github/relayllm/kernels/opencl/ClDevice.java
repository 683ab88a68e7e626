package io.github.relayllm.kernels.opencl;

import java.lang.foreign.MemorySegment;

/** A device found by {@link OpenClDevices}: its description and its OpenCL handles. */
record ClDevice(OpenClDeviceInfo info, MemorySegment platformId, MemorySegment deviceId) {}
