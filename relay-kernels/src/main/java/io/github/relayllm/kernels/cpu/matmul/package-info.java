/**
 * Matrix multiplication on the CPU, one kernel per weight dtype: {@code out = in · wᵀ} with F32
 * activations. Kernels compute a range of output columns for every row, so the CPU backend
 * parallelizes over columns and each output element's reduction over {@code k} is the same however
 * many rows run (batch invariance).
 */
package io.github.relayllm.kernels.cpu.matmul;
