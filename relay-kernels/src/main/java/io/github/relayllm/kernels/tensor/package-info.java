/**
 * Values every layer agrees on: {@link io.github.relayllm.kernels.tensor.DType} (element types and
 * GGML block layouts), {@link io.github.relayllm.kernels.tensor.Shape}, {@link
 * io.github.relayllm.kernels.tensor.Tensor} (a shape and dtype over a {@link
 * java.lang.foreign.MemorySegment}), and the scalar reference codecs that turn blocks into floats and
 * back. The codecs are the yardstick every optimized kernel is tested against, so they favour being
 * obviously right over being fast.
 */
package io.github.relayllm.kernels.tensor;
