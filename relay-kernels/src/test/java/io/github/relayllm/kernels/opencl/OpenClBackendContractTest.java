package io.github.relayllm.kernels.opencl;

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
        OpenClTestDevice.assumeAvailable();
        return new OpenClBackend(BackendOptions.defaults());
    }
}
