/**
 * Relay's kernel layer: tensors, data types, GGML quantized block layouts with their scalar
 * reference codecs, and (later) the Backend SPI with its CPU, OpenCL and CUDA backends.
 *
 * <p>This module knows nothing about models, tokens or file formats: it sees flat arrays of numbers in
 * native memory. relay-core builds transformers on top of it.
 */
module io.github.relayllm.kernels {
    requires jdk.incubator.vector;

    exports io.github.relayllm.kernels.tensor;
}
