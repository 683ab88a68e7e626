package io.github.relayllm.kernels.cpu;

import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.BackendOptions;
import io.github.relayllm.kernels.backend.contract.BackendContractTest;

/** The CPU backend, with two threads, against the reference op by op. */
class CpuBackendContractTest extends BackendContractTest {
    @Override
    protected Backend createBackend() {
        return new CpuBackend(new BackendOptions(2));
    }
}
