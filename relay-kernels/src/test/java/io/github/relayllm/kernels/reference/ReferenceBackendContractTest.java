package io.github.relayllm.kernels.reference;

import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.contract.BackendContractTest;

/**
 * The reference against itself: the op comparisons hold trivially, but the bad-input and lifecycle
 * tests of the contract bind the reference too.
 */
class ReferenceBackendContractTest extends BackendContractTest {
    @Override
    protected Backend createBackend() {
        return new ReferenceBackend();
    }
}
