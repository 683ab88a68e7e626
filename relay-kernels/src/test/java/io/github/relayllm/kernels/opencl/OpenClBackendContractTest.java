package io.github.relayllm.kernels.opencl;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.BackendOptions;
import io.github.relayllm.kernels.backend.contract.BackendContractTest;

/**
 * The OpenCL backend against the reference, op by op, on whatever OpenCL device the machine has (PoCL
 * in CI, oclgrind when it is made the ICD); skipped where there is none.
 */
class OpenClBackendContractTest extends BackendContractTest {
    @Override
    protected Backend createBackend() {
        assumeTrue(
                OpenClDevices.available(),
                "no OpenCL device: install an ICD loader and a driver (CI installs pocl-opencl-icd)");
        return new OpenClBackend(BackendOptions.defaults());
    }
}
