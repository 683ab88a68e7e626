package io.github.relayllm.kernels.opencl;

import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.BackendOptions;
import io.github.relayllm.kernels.backend.Backends;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** Tests that run one OpenCL backend and the reference side by side for a whole class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OpenClVersusReference {
    private Backend backend;
    private Backend reference;

    @BeforeAll
    final void openBackends() {
        OpenClTestDevice.assumeAvailable();
        backend = new OpenClBackend(BackendOptions.defaults());
        reference = Backends.create("reference", BackendOptions.defaults());
    }

    @AfterAll
    final void closeBackends() {
        if (backend != null) {
            backend.close();
            reference.close();
        }
    }

    final Backend backend() {
        return backend;
    }

    final Backend reference() {
        return reference;
    }
}
