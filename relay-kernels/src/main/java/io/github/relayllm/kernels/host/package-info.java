/**
 * Buffers in host memory, shared by the backends that compute on the CPU (the reference and the CPU
 * backend): allocation from one arena per backend, weights as views of a tensor's memory, copies
 * between host memory and buffers with range checks, and the ownership check every plan makes.
 */
package io.github.relayllm.kernels.host;
