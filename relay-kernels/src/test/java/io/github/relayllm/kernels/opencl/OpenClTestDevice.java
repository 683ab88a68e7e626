package io.github.relayllm.kernels.opencl;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The one place that decides whether an OpenCL test can run here, and says why not. */
final class OpenClTestDevice {
    private OpenClTestDevice() {}

    /** Skips the calling test where no OpenCL device exists. */
    static void assumeAvailable() {
        assumeTrue(
                OpenClDevices.available(),
                "no OpenCL device: install an ICD loader and a driver (CI installs pocl-opencl-icd)");
    }
}
