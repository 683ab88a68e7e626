/**
 * Relay's kernel layer: tensors, data types, GGML quantized block layouts with their scalar
 * reference codecs, and the Backend SPI with its backends (reference, CPU, OpenCL; CUDA later).
 *
 * <p>This module knows nothing about models, tokens or file formats: it sees flat arrays of numbers in
 * native memory. relay-core builds transformers on top of it.
 */
module io.github.relayllm.kernels {
    requires jdk.incubator.vector;

    exports io.github.relayllm.kernels.tensor;
    exports io.github.relayllm.kernels.backend;
    exports io.github.relayllm.kernels.opcheck;
    exports io.github.relayllm.kernels.opencl;

    uses io.github.relayllm.kernels.backend.BackendProvider;

    provides io.github.relayllm.kernels.backend.BackendProvider with
            io.github.relayllm.kernels.cpu.CpuBackendProvider,
            io.github.relayllm.kernels.opencl.OpenClBackendProvider,
            io.github.relayllm.kernels.reference.ReferenceBackendProvider;
}
